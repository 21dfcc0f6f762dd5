import { analyze } from '../../../server/src/core/analyze';
import type { StageModel } from '../../../server/src/core/model/stages';
import type { Position } from '../../../server/src/core/types';

/** The model of a text with one `|` marking the cursor, and the cursor's position. */
export function atCursor(marked: string, buildArgs: Record<string, string> = {}): { model: StageModel; pos: Position; text: string } {
  const i = marked.indexOf('|');
  if (i < 0) throw new Error('no | cursor in the text');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  const pos = { line, character: before.length - (before.lastIndexOf('\n') + 1) };
  return { model: modelOf(text, buildArgs), pos, text };
}

export function modelOf(text: string, buildArgs: Record<string, string> = {}): StageModel {
  const m = analyze(text, {}, { buildArgs }).model;
  if (!m) throw new Error('no model');
  return m;
}
