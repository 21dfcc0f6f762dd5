import { escapeRegExp } from '../text';
import { Add, Copy, Instruction, Run } from 'dockerfile-ast';
import type { Range, TextEdit } from '../types';
import type { RunInfo, Stage, StageModel } from './stages';
import type { ShellCommand } from './shell';

/**
 * Helpers the cache/ and security/ rules share: what a context COPY/ADD brings,
 * where a shell command sits in the text, and whole-line edits.
 */

export interface CopySource {
  /** The source as written, quotes removed. */
  value: string;
  /** Normalised: no leading `./`, no trailing `/` (the context root is `.`). */
  path: string;
  range: Range;
}

export interface ContextCopy {
  instruction: Copy | Add;
  keyword: 'COPY' | 'ADD';
  sources: CopySource[];
  dest?: CopySource;
  json: boolean;
}

function rangeOf(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function normalizeSource(value: string): string {
  let p = value.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/\.$/, '');
  return p === '' || p === '.' ? '.' : p;
}

/**
 * A COPY/ADD that reads the build context (no `--from`, no heredoc, no URL or git source),
 * with its sources and destination; undefined for anything else.
 */
export function contextCopyOf(instr: Instruction): ContextCopy | undefined {
  const kept = instr as Instruction & { [CONTEXT_COPY]?: ContextCopy | null };
  let answer = kept[CONTEXT_COPY];
  if (answer === undefined) answer = kept[CONTEXT_COPY] = readContextCopy(instr) ?? null;
  return answer ?? undefined;
}

/**
 * Most cache/, stage/ and security/ rules ask about every COPY: each instruction's answer is kept
 * on it (instructions never change; a property, not a WeakMap, as in `installOf`).
 */
const CONTEXT_COPY = Symbol('stagecraft.contextCopy');

function readContextCopy(instr: Instruction): ContextCopy | undefined {
  if (!(instr instanceof Copy || instr instanceof Add)) return undefined;
  if (instr.getFlags().some((f) => f.getName().toLowerCase() === 'from')) return undefined;
  if (instr instanceof Copy ? instr.getHeredocs().length : /<<-?\s*['"]?[A-Za-z_]/.test(instr.getArgumentsContent() ?? '')) return undefined;
  const json = instr.getJSONStrings().length > 0;
  const args = json
    ? instr.getJSONStrings().map((a) => ({ value: a.getJSONValue(), range: rangeOf(a.getRange()) }))
    : instr.getArguments().map((a) => ({ value: a.getValue(), range: rangeOf(a.getRange()) }));
  if (args.length < 2) return undefined;
  const all = args.map((a) => ({ ...a, path: normalizeSource(a.value) }));
  const sources = all.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) && !/^git@/.test(s.value));
  if (!sources.length) return undefined;
  return { instruction: instr, keyword: instr instanceof Add ? 'ADD' : 'COPY', sources, dest: all[all.length - 1], json };
}

/** `.`, `*`, `./*`: the whole context root. */
export function isBroadSource(s: CopySource): boolean {
  return s.path === '.' || s.path === '*' || s.path === '**';
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i) {
        re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      } else re += '\\[';
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    // an invalid bracket expression (e.g. `[z-a]`) matches nothing in Docker either; match the text literally
    return new RegExp(`^${escapeRegExp(glob)}$`);
  }
}

/** Whether a source pattern (a path relative to the context, globs allowed) names exactly the file `path`. */
export function sourceMatches(source: string, path: string): boolean {
  if (source === path) return true;
  if (!/[*?[]/.test(source)) return false;
  try {
    return globToRegExp(source).test(path);
  } catch {
    return false;
  }
}

/**
 * Whether copying `source` brings the context file `path`: the same file, a glob
 * matching it, or a folder (or the root) containing it. Sources with variables bring
 * unknown files: they count as bringing anything (the safe assumption for "was it copied?").
 */
export function sourceBrings(source: CopySource, path: string): boolean {
  if (source.value.includes('$')) return true;
  if (isBroadSource(source)) return true;
  if (sourceMatches(source.path, path)) return true;
  // A folder (or a glob of folders) containing the file.
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (sourceMatches(source.path, parts.slice(0, i).join('/'))) return true;
  }
  return false;
}

/** Offset of the first character of a RUN's command text in the document. */
function runTextStart(model: StageModel, run: RunInfo): number | undefined {
  const first = run.instruction.getArguments()[0];
  if (!first) return undefined;
  return model.lines.offsetAt(rangeOf(first.getRange()).start);
}

/** Whether the offsets of `run.commands` map 1:1 onto the document (shell form without heredocs). */
export function commandOffsetsReliable(run: RunInfo): boolean {
  return !run.execForm && run.instruction.getHeredocs().length === 0;
}

/**
 * Document range of one command of a RUN: from its first word to the operator that
 * ends it (`&&`, `||`, `;`, `|`, an unescaped newline). The whole argument text when
 * offsets are not reliable (exec form, heredocs).
 */
export function commandRange(model: StageModel, run: RunInfo, cmd: ShellCommand): Range {
  const whole = (): Range => {
    const r = run.instruction.getArgumentsRange();
    return r ? rangeOf(r) : rangeOf(run.instruction.getRange());
  };
  const base = runTextStart(model, run);
  if (base === undefined || !commandOffsetsReliable(run) || cmd.offset < 0) return whole();
  const start = base + cmd.offset;
  const end = base + commandEndOffset(run.text, cmd.offset);
  return { start: model.lines.positionAt(start), end: model.lines.positionAt(end) };
}

/** The raw text of one command of a RUN (continuations kept), or its words joined when offsets are not reliable. */
export function commandText(run: RunInfo, cmd: ShellCommand): string {
  if (!commandOffsetsReliable(run) || cmd.offset < 0) return cmd.words.map(shellQuote).join(' ');
  return run.text.slice(cmd.offset, commandEndOffset(run.text, cmd.offset));
}

export function shellQuote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** Offset (in `text`) just past the command starting at `from`, trailing blanks and continuations excluded. */
function commandEndOffset(text: string, from: number): number {
  let i = from;
  let quote = '';
  while (i < text.length) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      i++;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === ')' || c === '#') break;
    i++;
  }
  let end = i;
  while (end > from && /[\s\\]/.test(text[end - 1])) end--;
  return end;
}

/** An edit deleting whole lines of an instruction (from its first line's start to the next line's start). */
export function deleteInstructionLines(model: StageModel, instr: Instruction): TextEdit {
  const r = instr.getRange();
  const start = model.lines.starts[r.start.line];
  const nextLine = r.end.line + 1;
  const end = nextLine < model.lines.lineCount ? model.lines.starts[nextLine] : model.text.length;
  // At the end of the file without a final newline, eat the line break before instead.
  if (nextLine >= model.lines.lineCount && start > 0) {
    const prevEnd = model.lines.lineEnd(r.start.line - 1);
    return { range: { start: model.lines.positionAt(prevEnd), end: model.lines.positionAt(end) }, newText: '' };
  }
  return { range: { start: model.lines.positionAt(start), end: model.lines.positionAt(end) }, newText: '' };
}

/** The text of an instruction's whole lines, without the final line break. */
export function instructionLinesText(model: StageModel, instr: Instruction): string {
  const r = instr.getRange();
  const start = model.lines.starts[r.start.line];
  return model.text.slice(start, model.lines.lineEnd(r.end.line));
}

/** An insertion at the start of an instruction's first line. */
export function insertBeforeLine(model: StageModel, instr: Instruction, text: string): TextEdit {
  const p = { line: instr.getRange().start.line, character: 0 };
  return { range: { start: p, end: p }, newText: text };
}

/** An insertion after an instruction's last line (a line break is added before the text). */
export function insertAfterInstruction(model: StageModel, instr: Instruction, text: string): TextEdit {
  const line = instr.getRange().end.line;
  const p = model.lines.positionAt(model.lines.lineEnd(line));
  return { range: { start: p, end: p }, newText: model.lines.eol + text };
}

/** The RunInfo of a RUN instruction in its stage. */
export function runInfoOf(stage: Stage, instr: Instruction): RunInfo | undefined {
  if (!(instr instanceof Run)) return undefined;
  return stage.runs.find((r) => r.instruction === instr);
}

/** The stage and its FROM ancestors (parents first is not guaranteed: nearest first). */
export function stageLineage(model: StageModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    out.push(s);
    seen.add(s.index);
    s = s.parent !== undefined ? model.stages[s.parent] : undefined;
  }
  return out;
}
