/**
 * Small readers over instructions' text for the refactors (copy manifests first,
 * split into builder and runner): argument words in shell or JSON form, line
 * spans, and path arithmetic on WORKDIR values. Pure; never throws.
 */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model/stages';
import type { Range } from '../types';
import { splitShell } from '../model/shell';

/** The instruction's text after its keyword and flags (continuations kept). */
export function argumentsText(model: StageModel, instr: Instruction): string {
  const args = instr.getArguments();
  if (!args.length) return '';
  return model.lines.getText({ start: args[0].getRange().start, end: instr.getRange().end });
}

/** The instruction's whole text, from its keyword to its end. */
export function instructionText(model: StageModel, instr: Instruction): string {
  return model.lines.getText(instr.getRange());
}

/** Flags as written (`--chown=app:app`), in order. */
export function flagsText(instr: Instruction): string[] {
  const f = (instr as unknown as { getFlags?: () => { toString(): string }[] }).getFlags?.();
  return f ? f.map((x) => x.toString()) : [];
}

export function flagValueOf(instr: Instruction, name: string): string | undefined {
  const f = (instr as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.();
  const flag = f?.find((x) => x.getName().toLowerCase() === name);
  return flag ? flag.getValue() ?? '' : undefined;
}

/** Whether the arguments are in JSON (exec) form. */
export function isJsonForm(text: string): boolean {
  return /^\s*\[/.test(text);
}

/** The words of an instruction's arguments: JSON strings in exec form, shell words otherwise. */
export function argumentWords(model: StageModel, instr: Instruction): { words: string[]; json: boolean; simple: boolean } {
  const text = argumentsText(model, instr);
  if (isJsonForm(text)) {
    try {
      const arr = JSON.parse(text.replace(/\\\r?\n/g, ''));
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) return { words: arr, json: true, simple: true };
    } catch {
      /* fall through to shell words */
    }
  }
  const cmds = splitShell(text);
  const simple = cmds.length === 1 && !/[$`|&;<>(){}*?]/.test(text.replace(/\\\r?\n/g, ''));
  return { words: cmds.flatMap((c) => [...Object.entries(c.env).map(([k, v]) => `${k}=${v}`), ...c.words]), json: false, simple };
}

/** Range of the instruction's whole lines, including the line break after it (for deleting or replacing it). */
export function fullLinesRange(model: StageModel, instr: Instruction): Range {
  const r = instr.getRange();
  const endLine = r.end.line + 1;
  if (endLine < model.lines.lineCount) return { start: { line: r.start.line, character: 0 }, end: { line: endLine, character: 0 } };
  return { start: { line: r.start.line, character: 0 }, end: { line: r.end.line, character: model.lines.lineText(r.end.line).length } };
}

/** Whether the instruction's last line ends with a line break. */
export function endsWithBreak(model: StageModel, instr: Instruction): boolean {
  return instr.getRange().end.line + 1 < model.lines.lineCount;
}

/** Leading whitespace of the instruction's first line. */
export function indentOf(model: StageModel, instr: Instruction): string {
  return /^\s*/.exec(model.lines.lineText(instr.getRange().start.line))?.[0] ?? '';
}

/** Joins a WORKDIR-like path onto a directory; `..` and `.` are folded. Paths with variables are joined as text. */
export function joinPath(dir: string, p: string): string {
  if (p.startsWith('/')) return normalizePath(p);
  return normalizePath(`${dir.replace(/\/+$/, '')}/${p}`);
}

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = out.join('/');
  return abs ? `/${s}` : s || '.';
}

/** A word as it should appear in a shell-form instruction. */
export function shellQuote(w: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** JSON (exec) form of words: `["a", "b"]`. */
export function jsonForm(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}
