/**
 * Incremental parsing over dockerfile-ast.
 *
 * dockerfile-ast's parser is a loop over the text's top level: whitespace is skipped, `#` starts a
 * comment, anything else an instruction, which reads forward (continuations, embedded comment
 * lines, heredoc bodies) and hands back the offset where it ended. Nothing at the top level carries
 * state from one item to the next but the escape character (from the directives) and the offset, and
 * no item reads the text before its own start. So a parse can restart at the start of any item and
 * stop being redone as soon as it reaches, in the unchanged tail of the text, an offset where the
 * previous parse was also between items: from there both parses see the same text and build the
 * same items.
 *
 * This module runs that loop itself (calling the library's own `processInstruction` and
 * `processComment` for each item), records how many comments and instructions the Dockerfile held
 * after each top-level item, and on the next text re-parses only the items an edit touched. Items
 * before the edit are reused as they are; items after it are reused when the edit left the line
 * count unchanged (their positions are then the same), and otherwise parsed again. Reused items are
 * added to the new Dockerfile a run at a time (`addRun`), as its `addInstruction` and `addComment`
 * would add them one by one. A reused instruction keeps its own (older) text document, which holds
 * the same text at the same positions. Its variable lookups go through the Dockerfile it was made
 * with: every instruction of a document's parses is made with the same `Lineage`, which forwards
 * to the newest Dockerfile. The reused objects therefore belong to the newest parse: an older parse
 * must not be used after a newer one was made from it.
 *
 * Anything the loop cannot be sure of (an edit in the parser directives or the first line after
 * them, a BOM, a change of escape character) takes a full parse. `test/core/incremental.test.ts`
 * compares incremental and fresh parses and analyses over random edit sequences.
 */
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { commonPrefixLength, commonSuffixLength, editedLineStarts, firstAtLeast, lineStarts } from './text';

type Pos = { line: number; character: number };

/** The top-level items of a parse (comments, and instructions with the comment lines inside their continuations), in order. */
interface Chunks {
  /** Offset of each item's first character. */
  start: number[];
  /** Offset the parser returned for each item: the line break that ends it, or the end of the text. */
  end: number[];
  /** How many instructions, and comments, the Dockerfile held after each item was added. */
  instructions: number[];
  comments: number[];
}

export interface ParseState {
  text: string;
  dockerfile: Dockerfile;
  /** What the instructions of this parse (and of the parses it was made from) resolve variables through. */
  lineage: Lineage;
  /** Offset where the body starts (after the directives or a BOM). */
  bodyStart: number;
  /** Offset after which an edit cannot change the directives (the end of the line after them). */
  directivesGuard: number;
  escape: string;
  chunks: Chunks;
  /** `lineStarts(text)`: shared by the text document of the parse and the analysis's LineIndex (not to be changed). */
  lineStarts: number[];
  /** How the state was made (for tracing and tests). */
  stats: { reparsedChunks: number; reusedChunks: number; full: boolean };
}

type ParserInternals = {
  document: TextDocument;
  buffer: string;
  escapeChar: string;
  getParserDirectives(document: TextDocument, buffer: string): { getRange(): { start: Pos; end: Pos } }[];
  processInstruction(dockerfile: unknown, char: string, start: number): number;
  processComment(dockerfile: unknown, start: number): number;
};
/** The library's image template (a stage, the instructions before the first FROM, the Dockerfile itself). */
type Template = { instructions: unknown[]; comments: unknown[] };
type DockerfileInternals = Template & {
  initialInstructions: Template;
  buildStages: Template[];
  foundFrom: boolean;
  currentBuildStage?: Template;
  setDirectives(d: unknown[]): void;
  getEscapeCharacter(): string;
  addInstruction(i: unknown): void;
  addComment(c: unknown): void;
  getInstructions(): unknown[];
  getComments(): unknown[];
  organizeComments(): void;
};

const DockerfileClass = (DockerfileParser.parse('') as object).constructor as new (document: TextDocument) => Dockerfile;
const dockerfileProto = DockerfileClass.prototype as unknown as Record<string, unknown>;

/**
 * What instructions are made with as their Dockerfile: it forwards every Dockerfile method to
 * `current`, the newest parse of the document, so a reused instruction needs no re-pointing.
 * (Instructions call `resolveVariable`, `getInitialARGs`, `getContainingImage` and
 * `getStageHierarchy`; the parser calls `addInstruction` and `addComment`.)
 */
export class Lineage {
  constructor(public current: Dockerfile) {}
  addInstruction(i: unknown): void {
    (this.current as unknown as DockerfileInternals).addInstruction(i);
  }
  addComment(c: unknown): void {
    (this.current as unknown as DockerfileInternals).addComment(c);
  }
  resolveVariable(variable: string, line: number): unknown {
    return (this.current as unknown as { resolveVariable(v: string, l: number): unknown }).resolveVariable(variable, line);
  }
  getContainingImage(position: Pos): unknown {
    return (this.current as unknown as { getContainingImage(p: Pos): unknown }).getContainingImage(position);
  }
  getInitialARGs(): unknown {
    return (this.current as unknown as { getInitialARGs(): unknown }).getInitialARGs();
  }
  getStageHierarchy(line: number): unknown {
    return (this.current as unknown as { getStageHierarchy(l: number): unknown }).getStageHierarchy(line);
  }
}
// every other method of the Dockerfile (and of the image template it extends), forwarded as it is
for (let proto = dockerfileProto; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
  for (const name of Object.getOwnPropertyNames(proto)) {
    const lineageProto = Lineage.prototype as unknown as Record<string, unknown>;
    if (name === 'constructor' || name in lineageProto) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d || typeof d.value !== 'function') continue;
    lineageProto[name] = function (this: Lineage, ...args: unknown[]): unknown {
      return (this.current as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
    };
  }
}

/**
 * Whether the library's Dockerfile is laid out as `addRun` expects (it then adds a run of reused
 * items without calling `addInstruction` for each): the Dockerfile lists every instruction and
 * comment, the instructions before the first FROM are in `initialInstructions`, and each FROM opens
 * a template in `buildStages` (`currentBuildStage`, `foundFrom`) holding it and the instructions up to
 * the next FROM. Otherwise reused items are added one at a time.
 */
export const bulk = ((): boolean => {
  try {
    const d = DockerfileParser.parse('ARG A\n# c\nFROM a\nRUN b\nFROM c AS d\n') as unknown as DockerfileInternals;
    const fresh = new DockerfileClass(TextDocument.create('', '', 0, '')) as unknown as DockerfileInternals;
    const i = d.instructions;
    return Array.isArray(i) && i.length === 4 && d.getInstructions() === i && Array.isArray(d.comments) && d.getComments() === d.comments && d.comments.length === 1 &&
      d.initialInstructions?.instructions?.length === 1 && d.initialInstructions.instructions[0] === i[0] &&
      Array.isArray(d.buildStages) && d.buildStages.length === 2 && d.currentBuildStage === d.buildStages[1] && d.foundFrom === true &&
      d.buildStages[0].instructions.length === 2 && d.buildStages[0].instructions[0] === i[1] && d.buildStages[1].instructions[0] === i[3] &&
      fresh.foundFrom === false && Array.isArray(fresh.buildStages) && fresh.buildStages.length === 0 && fresh.instructions.length === 0 &&
      fresh.comments.length === 0 && fresh.initialInstructions.instructions.length === 0 && fresh.initialInstructions.constructor === d.buildStages[0].constructor;
  } catch {
    return false;
  }
})();

/**
 * Adds the instructions [i0, i1) and comments [c0, c1) of `from` (an earlier parse) to `to`, as
 * `addInstruction` and `addComment` would add them in order: instructions before the first FROM of
 * the run join the open stage (or the initial instructions), each FROM opens a stage, which holds
 * what the earlier parse's stage held of the run.
 */
function addRun(to: DockerfileInternals, from: DockerfileInternals, i0: number, i1: number, c0: number, c1: number): void {
  const list = from.instructions;
  const comments = from.comments;
  if (!bulk) {
    for (let x = i0; x < i1; x++) to.addInstruction(list[x]);
    for (let x = c0; x < c1; x++) to.addComment(comments[x]);
    return;
  }
  if (c0 < c1) to.comments = to.comments.length ? to.comments.concat(comments.slice(c0, c1)) : comments.slice(c0, c1);
  if (i0 >= i1) return;
  const stages = from.buildStages;
  // the first stage of `from` whose FROM is in the run, and that FROM's index
  let k = 0;
  let at = from.initialInstructions.instructions.length;
  while (k < stages.length && at < i0) at += stages[k++].instructions.length;
  const head = k < stages.length ? Math.min(at, i1) : i1;
  if (i0 < head) {
    const open = to.foundFrom ? to.currentBuildStage!.instructions : to.initialInstructions.instructions;
    for (let x = i0; x < head; x++) open.push(list[x]);
  }
  const TemplateClass = to.initialInstructions.constructor as new () => Template;
  for (; k < stages.length && at < i1; k++) {
    const stage = new TemplateClass();
    stage.instructions = stages[k].instructions.slice(0, i1 - at);
    to.buildStages.push(stage);
    to.currentBuildStage = stage;
    to.foundFrom = true;
    at += stages[k].instructions.length;
  }
  to.instructions = to.instructions.length ? to.instructions.concat(list.slice(i0, i1)) : list.slice(i0, i1);
}

/** Offset of the start of the line after the one holding `offset` (the text's length if none). */
function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

interface Session {
  parser: ParserInternals;
  dockerfile: Dockerfile;
  lineage: Lineage;
  chunks: Chunks;
}

/** A parser session on a text: the library's parser with the directives read, a new Dockerfile that `lineage` (or a new one) now forwards to. */
function begin(text: string, starts: number[], lineage?: Lineage): { session: Session; bodyStart: number; directivesGuard: number; escape: string } {
  const parser = new Parser() as unknown as ParserInternals;
  const document = TextDocument.create('', '', 0, text);
  // the document computes its line offsets from the whole text on first use; they are `starts`
  const lazy = document as unknown as { _lineOffsets?: number[] };
  if ('_lineOffsets' in lazy && lazy._lineOffsets === undefined) lazy._lineOffsets = starts;
  parser.document = document;
  parser.buffer = text;
  const dockerfile = new DockerfileClass(document);
  const df = dockerfile as unknown as DockerfileInternals;
  const directives = parser.getParserDirectives(document, text);
  let bodyStart = 0;
  parser.escapeChar = '\\';
  if (directives.length > 0) {
    df.setDirectives(directives);
    parser.escapeChar = df.getEscapeCharacter();
    bodyStart = document.offsetAt({ line: directives.length, character: 0 });
  } else if (text.charCodeAt(0) === 0xfeff) {
    bodyStart = 1;
  }
  const session: Session = {
    parser, dockerfile, lineage: lineage ?? new Lineage(dockerfile),
    chunks: { start: [], end: [], instructions: [], comments: [] },
  };
  // a directive block may be followed by one more line that decides where it ends
  const directivesGuard = text.charCodeAt(0) === 0xfeff && !directives.length ? 1 : nextLineStart(text, bodyStart);
  return { session, bodyStart, directivesGuard, escape: parser.escapeChar };
}

/** Parses one top-level item at `i` (not whitespace) and records it; returns the parser's end offset. */
function item(s: Session, text: string, i: number): number {
  const endOffset = text.charCodeAt(i) === 35 /* # */
    ? s.parser.processComment(s.lineage, i)
    : s.parser.processInstruction(s.lineage, text.charAt(i), i);
  const df = s.dockerfile as unknown as DockerfileInternals;
  const c = s.chunks;
  c.start.push(i);
  c.end.push(endOffset);
  c.instructions.push(df.getInstructions().length);
  c.comments.push(df.getComments().length);
  return endOffset;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;

/** A fresh parse of the text, with what the next incremental parse needs. */
export function parseState(text: string, starts = lineStarts(text)): ParseState {
  const started = begin(text, starts);
  const { session } = started;
  for (let i = started.bodyStart; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    i = item(session, text, i);
  }
  return finish(text, session, started, starts, session.chunks.start.length, 0, true);
}

/**
 * The parse of `text`, reusing what `previous` parsed of the parts the edit did not touch.
 * Gives the same tree as `parseState(text)`; `previous` must not be used afterwards.
 */
export function reparse(previous: ParseState, text: string): ParseState {
  const old = previous.text;
  if (old === text) return previous;
  // the edit: a common prefix and a common suffix
  const prefix = commonPrefixLength(old, text);
  const suffix = commonSuffixLength(old, text, Math.min(old.length, text.length) - prefix);
  const starts = editedLineStarts(previous.lineStarts, old.length, text, prefix, suffix);
  // an edit in the directives, or on the line that may end them, can change the escape character and where the body starts
  if (prefix < previous.directivesGuard + 1) return parseState(text, starts);
  const started = begin(text, starts);
  if (started.bodyStart !== previous.bodyStart || started.escape !== previous.escape || started.directivesGuard !== previous.directivesGuard) return parseState(text, starts);
  const { session } = started;
  // from here on the earlier instructions resolve through the new Dockerfile
  session.lineage = previous.lineage;
  session.lineage.current = session.dockerfile;
  const chunks = previous.chunks;
  const count = chunks.start.length;
  const shift = text.length - old.length;
  const samePositions = starts.length === previous.lineStarts.length;
  const tailStart = text.length - suffix;
  // the first line start in the unchanged tail: past it, unchanged text keeps its positions
  const tailLineStart = samePositions ? (starts[firstAtLeast(starts, tailStart + 1)] ?? text.length + 1) : text.length + 1;
  const from = previous.dockerfile as unknown as DockerfileInternals;
  const to = session.dockerfile as unknown as DockerfileInternals;
  /** Adds the items of chunks [j0, j1) of the previous parse. */
  const reuse = (j0: number, j1: number) => {
    if (j0 < j1) addRun(to, from, j0 > 0 ? chunks.instructions[j0 - 1] : 0, chunks.instructions[j1 - 1], j0 > 0 ? chunks.comments[j0 - 1] : 0, chunks.comments[j1 - 1]);
  };
  // chunks wholly before the edit (ending before the character before it) are kept
  const first = firstAtLeast(chunks.end, prefix - 1);
  reuse(0, first);
  let i = first > 0 ? chunks.end[first - 1] + 1 : previous.bodyStart;
  // redo the loop from there until it is between items at an offset where the old parse was too
  let tail = count;
  for (; i < text.length; i++) {
    if (samePositions && i >= tailStart && i >= tailLineStart) {
      const o = i - shift;
      const j = firstAtLeast(chunks.start, o);
      const gapStart = j > 0 ? chunks.end[j - 1] + 1 : previous.bodyStart;
      if (o >= gapStart) {
        tail = j;
        break;
      }
    }
    if (isSpace(text.charCodeAt(i))) continue;
    i = item(session, text, i);
  }
  // the new chunks' items were added as they were parsed; now the old tail's, at their new offsets
  const parsed = session.chunks;
  const reparsedChunks = parsed.start.length;
  const di = to.getInstructions().length - (tail > 0 ? chunks.instructions[tail - 1] : 0);
  const dc = to.getComments().length - (tail > 0 ? chunks.comments[tail - 1] : 0);
  reuse(tail, count);
  session.chunks = spliceChunks(chunks, first, tail, parsed, shift, di, dc);
  return finish(text, session, started, starts, reparsedChunks, first + count - tail, false);
}

/**
 * The chunks of a reparse: those of the previous parse before `first`, the `parsed` ones, and
 * the previous ones from `tail` on, moved by `shift` characters, `di` instructions and `dc`
 * comments. Changes the previous parse's arrays in place when as many chunks were parsed as
 * they replace (the previous parse is not used afterwards).
 */
function spliceChunks(chunks: Chunks, first: number, tail: number, parsed: Chunks, shift: number, di: number, dc: number): Chunks {
  const n = parsed.start.length;
  const count = chunks.start.length;
  if (n === tail - first) {
    for (let k = 0; k < n; k++) {
      chunks.start[first + k] = parsed.start[k];
      chunks.end[first + k] = parsed.end[k];
      chunks.instructions[first + k] = parsed.instructions[k];
      chunks.comments[first + k] = parsed.comments[k];
    }
    if (shift !== 0) {
      for (let k = tail; k < count; k++) {
        chunks.start[k] += shift;
        chunks.end[k] += shift;
      }
    }
    if (di !== 0) for (let k = tail; k < count; k++) chunks.instructions[k] += di;
    if (dc !== 0) for (let k = tail; k < count; k++) chunks.comments[k] += dc;
    return chunks;
  }
  const out: Chunks = {
    start: chunks.start.slice(0, first), end: chunks.end.slice(0, first),
    instructions: chunks.instructions.slice(0, first), comments: chunks.comments.slice(0, first),
  };
  for (let k = 0; k < n; k++) {
    out.start.push(parsed.start[k]);
    out.end.push(parsed.end[k]);
    out.instructions.push(parsed.instructions[k]);
    out.comments.push(parsed.comments[k]);
  }
  for (let k = tail; k < count; k++) {
    out.start.push(chunks.start[k] + shift);
    out.end.push(chunks.end[k] + shift);
    out.instructions.push(chunks.instructions[k] + di);
    out.comments.push(chunks.comments[k] + dc);
  }
  return out;
}

function finish(text: string, session: Session, started: ReturnType<typeof begin>, starts: number[], reparsedChunks: number, reusedChunks: number, full: boolean): ParseState {
  (session.dockerfile as unknown as DockerfileInternals).organizeComments();
  return {
    text, dockerfile: session.dockerfile, lineage: session.lineage, bodyStart: started.bodyStart, directivesGuard: started.directivesGuard, escape: started.escape,
    chunks: session.chunks, lineStarts: starts, stats: { reparsedChunks, reusedChunks, full },
  };
}
