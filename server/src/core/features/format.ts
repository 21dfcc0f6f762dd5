import type { Instruction } from 'dockerfile-ast';
import type { Range, TextEdit } from '../types';
import type { StageModel } from '../model/stages';

export interface FormatOptions {
  /** Width of one indentation level (default 4). */
  tabSize?: number;
  /** Indent with spaces (default) or tabs. */
  insertSpaces?: boolean;
}

/** Rules whose findings formatting resolves by design: it writes every keyword in the file's majority case. */
export const FORMAT_FIXES_RULES = ['buildkit/ConsistentInstructionCasing', 'buildkit/FromAsCasing'];

const HEREDOC = /<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*/;

/**
 * The edits that format a Dockerfile (or the instructions touching `range`):
 * - every instruction keyword (and FROM's `AS`) in the case most of the file's instructions use,
 *   upper case on a tie (what `buildkit/ConsistentInstructionCasing` asks for);
 * - no indentation before the keyword, one space after it;
 * - continuation lines indented one level, nested indentation kept relative to the shallowest line.
 * What the build reads never changes: heredoc bodies are untouched, and so is a continuation line
 * starting inside a quoted string, one whose indentation would join or split words, the value of
 * a legacy `ENV key value`, and every continuation in a file with another escape character.
 * Formatting the result again changes nothing.
 */
export function formatEdits(model: StageModel, options: FormatOptions = {}, range?: Range): TextEdit[] {
  const unit = Math.max(1, Math.min(16, Math.floor(options.tabSize ?? 4) || 4));
  const spaces = options.insertSpaces !== false;
  const { lines, dockerfile } = model;
  const instructions = dockerfile.getInstructions();
  let lower = 0;
  let upper = 0;
  for (const i of instructions) {
    const w = i.getInstruction();
    if (w === w.toLowerCase()) lower++;
    else if (w === w.toUpperCase()) upper++;
  }
  const cased = lower > upper ? (k: string) => k.toLowerCase() : (k: string) => k.toUpperCase();
  const escape = dockerfile.getEscapeCharacter();
  const edits: TextEdit[] = [];
  for (const instr of instructions) {
    const r = instr.getRange();
    if (range && (r.end.line < range.start.line || r.start.line > range.end.line)) continue;
    const kw = instr.getInstructionRange();
    if (kw.start.line !== kw.end.line) continue; // a keyword split by a continuation: leave it
    const line = kw.start.line;
    const text = lines.lineText(line);
    // indentation before the keyword
    if (kw.start.character > 0 && /^[ \t]+$/.test(text.slice(0, kw.start.character))) {
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: kw.start.character } }, newText: '' });
    }
    const word = text.slice(kw.start.character, kw.end.character);
    const want = cased(word);
    if (word !== want && /^[A-Za-z]+$/.test(word)) edits.push({ range: kw, newText: want });
    if (instr.getKeyword() === 'FROM') {
      const as = instr.getArguments()[1];
      const ar = as?.getRange();
      if (as && ar && /^as$/i.test(as.getValue()) && ar.start.line === ar.end.line) {
        const written = lines.getText(ar);
        const w2 = cased('as');
        if (written !== w2 && /^as$/i.test(written)) edits.push({ range: ar, newText: w2 });
      }
    }
    // one space after the keyword
    const gap = /^[ \t]+/.exec(text.slice(kw.end.character));
    if (gap && gap[0] !== ' ' && kw.end.character + gap[0].length < text.length) {
      edits.push({ range: { start: { line, character: kw.end.character }, end: { line, character: kw.end.character + gap[0].length } }, newText: ' ' });
    }
    if (r.end.line > r.start.line && escape === '\\') edits.push(...continuationEdits(model, instr, unit, spaces));
  }
  return edits;
}

const width = (ws: string, tab: number) => {
  let w = 0;
  for (const c of ws) w = c === '\t' ? w + tab - (w % tab) : w + 1;
  return w;
};

function continuationEdits(model: StageModel, instr: Instruction, unit: number, spaces: boolean): TextEdit[] {
  const { lines } = model;
  const r = instr.getRange();
  const first = r.start.line;
  const keyword = instr.getKeyword();
  if (keyword === 'ENV' || keyword === 'LABEL' || keyword === 'ARG' || keyword === 'MAINTAINER' || keyword === 'WORKDIR' || keyword === 'USER' || keyword === 'STOPSIGNAL') {
    // a legacy `ENV key value` keeps its whitespace (it is part of the value)
    const args = instr.getArguments();
    if (keyword === 'ENV' && args[0] && !args[0].getValue().includes('=')) return [];
    if (keyword !== 'ENV' && keyword !== 'LABEL' && keyword !== 'ARG') return [];
  }
  // Walk the instruction as the shell would read its joined text: a line starting inside quotes,
  // or one glued to the previous line's last word, keeps its indentation.
  let single = false;
  let double = false;
  let prevEndsWithSpace = true;
  const candidates: { line: number; indent: string; w: number }[] = [];
  for (let line = first; line <= r.end.line; line++) {
    const text = lines.lineText(line);
    if (text.includes('<<') && HEREDOC.test(text)) return []; // heredoc bodies (and everything around them) stay as written
    const trimmed = text.trimStart();
    const isComment = line > first && trimmed.startsWith('#') && !single && !double;
    if (line > first && trimmed !== '' && !single && !double) {
      const indent = text.slice(0, text.length - trimmed.length);
      if (indent.length > 0 || prevEndsWithSpace || isComment) candidates.push({ line, indent, w: width(indent, unit) });
    }
    if (isComment || trimmed === '') continue;
    // scan the line's content for quotes (the continuation backslash at the end is not content)
    const body = line === first ? text.slice(instr.getInstructionRange().end.character) : text;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (single) {
        if (c === "'") single = false;
      } else if (c === '\\') {
        i++;
      } else if (c === '"') {
        double = !double;
      } else if (c === "'" && !double) {
        single = true;
      }
    }
    const content = body.replace(/\\[ \t]*$/, '');
    prevEndsWithSpace = /[ \t]$/.test(content) || content === '';
  }
  if (!candidates.length) return [];
  const min = Math.min(...candidates.map((c) => c.w));
  const out: TextEdit[] = [];
  for (const c of candidates) {
    const w = unit + c.w - min;
    const indent = spaces ? ' '.repeat(w) : '\t'.repeat(Math.floor(w / unit)) + ' '.repeat(w % unit);
    if (indent !== c.indent) out.push({ range: { start: { line: c.line, character: 0 }, end: { line: c.line, character: c.indent.length } }, newText: indent });
  }
  return out;
}
