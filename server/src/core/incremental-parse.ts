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
 * `processComment` for each item), records which comments and instructions each top-level item
 * added, and on the next text re-parses only the items an edit touched. Items before the edit are
 * reused as they are; items after it are reused when the edit left the line count unchanged (their
 * positions are then the same), and otherwise parsed again. A reused instruction keeps its own
 * (older) text document, which holds the same text at the same positions; it is re-pointed at the
 * new Dockerfile, which its variable lookups go through. The reused objects therefore belong to
 * the newest parse: an older parse must not be used after a newer one was made from it.
 *
 * Anything the loop cannot be sure of (an edit in the parser directives or the first line after
 * them, a BOM, a change of escape character) takes a full parse. `test/core/incremental.test.ts`
 * compares incremental and fresh parses and analyses over random edit sequences.
 */
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { commonPrefixLength, commonSuffixLength, editedLineStarts, lineStarts } from './text';

type Pos = { line: number; character: number };
type Item = { getRange(): { start: Pos; end: Pos } };
type InstructionObject = Item & { dockerfile: unknown };

/** What a top-level item added to the Dockerfile, in order. */
type Events = { instruction: boolean; object: Item }[];

/** The top-level items of a parse (comments, and instructions with the comment lines inside their continuations), in order. */
interface Chunks {
  /** Offset of each item's first character. */
  start: number[];
  /** Offset the parser returned for each item: the line break that ends it, or the end of the text. */
  end: number[];
  events: Events[];
}

export interface ParseState {
  text: string;
  dockerfile: Dockerfile;
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
  processInstruction(dockerfile: Dockerfile, char: string, start: number): number;
  processComment(dockerfile: Dockerfile, start: number): number;
};
type DockerfileInternals = {
  setDirectives(d: unknown[]): void;
  getEscapeCharacter(): string;
  addInstruction(i: unknown): void;
  addComment(c: unknown): void;
  organizeComments(): void;
};

const DockerfileClass = (DockerfileParser.parse('') as object).constructor as new (document: TextDocument) => Dockerfile;

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
  chunks: Chunks;
  events: Events;
  /** The Dockerfile's own add methods, for reused items (which need no recording). */
  addInstruction(i: unknown): void;
  addComment(c: unknown): void;
}

/** A parser session on a text: the library's parser with the directives read, the Dockerfile recording what each item adds. */
function begin(text: string, starts: number[]): { session: Session; bodyStart: number; directivesGuard: number; escape: string } {
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
  const events: Events = [];
  const addInstruction = df.addInstruction;
  const addComment = df.addComment;
  const session: Session = {
    parser, dockerfile, chunks: { start: [], end: [], events: [] }, events,
    addInstruction: (i) => addInstruction.call(dockerfile, i),
    addComment: (c) => addComment.call(dockerfile, c),
  };
  // record what each item adds (own properties, removed when the session ends)
  df.addInstruction = function (this: Dockerfile, i: unknown) {
    events.push({ instruction: true, object: i as Item });
    addInstruction.call(this, i);
  };
  df.addComment = function (this: Dockerfile, c: unknown) {
    events.push({ instruction: false, object: c as Item });
    addComment.call(this, c);
  };
  // a directive block may be followed by one more line that decides where it ends
  const directivesGuard = text.charCodeAt(0) === 0xfeff && !directives.length ? 1 : nextLineStart(text, bodyStart);
  return { session, bodyStart, directivesGuard, escape: parser.escapeChar };
}

function end(s: Session): void {
  const df = s.dockerfile as unknown as Record<string, unknown>;
  delete df.addInstruction;
  delete df.addComment;
  (s.dockerfile as unknown as DockerfileInternals).organizeComments();
}

/** Parses one top-level item at `i` (not whitespace) and records it; returns the parser's end offset. */
function item(s: Session, text: string, i: number): number {
  s.events.length = 0;
  const endOffset = text.charCodeAt(i) === 35 /* # */
    ? s.parser.processComment(s.dockerfile, i)
    : s.parser.processInstruction(s.dockerfile, text.charAt(i), i);
  s.chunks.start.push(i);
  s.chunks.end.push(endOffset);
  s.chunks.events.push(s.events.slice());
  return endOffset;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;

/** A fresh parse of the text, with what the next incremental parse needs. */
export function parseState(text: string, starts = lineStarts(text)): ParseState {
  const { session, bodyStart, directivesGuard, escape } = begin(text, starts);
  for (let i = bodyStart; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    i = item(session, text, i);
  }
  end(session);
  return {
    text, dockerfile: session.dockerfile, bodyStart, directivesGuard, escape, chunks: session.chunks, lineStarts: starts,
    stats: { reparsedChunks: session.chunks.start.length, reusedChunks: 0, full: true },
  };
}

/** Index of the first element of the ascending `list` that is ≥ `value` (list.length if none). */
function firstAtLeast(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  const chunks = previous.chunks;
  const count = chunks.start.length;
  const shift = text.length - old.length;
  const samePositions = starts.length === previous.lineStarts.length;
  const tailStart = text.length - suffix;
  // the first line start in the unchanged tail: past it, unchanged text keeps its positions
  const tailLineStart = samePositions ? (starts[firstAtLeast(starts, tailStart + 1)] ?? text.length + 1) : text.length + 1;
  const reuse = (from: number, to: number, by: number) => {
    const out = session.chunks;
    for (let j = from; j < to; j++) {
      const events = chunks.events[j];
      for (let k = 0; k < events.length; k++) {
        const e = events[k];
        if (e.instruction) {
          (e.object as InstructionObject).dockerfile = session.dockerfile;
          session.addInstruction(e.object);
        } else {
          session.addComment(e.object);
        }
      }
      out.start.push(chunks.start[j] + by);
      out.end.push(chunks.end[j] + by);
      out.events.push(events);
    }
  };
  // chunks wholly before the edit (ending before the character before it) are kept
  const first = firstAtLeast(chunks.end, prefix - 1);
  reuse(0, first, 0);
  let reused = first;
  const reparsedFrom = session.chunks.start.length;
  let i = first > 0 ? chunks.end[first - 1] + 1 : previous.bodyStart;
  // redo the loop from there until it is between items at an offset where the old parse was too
  for (; i < text.length; i++) {
    if (samePositions && i >= tailStart && i >= tailLineStart) {
      const o = i - shift;
      const j = firstAtLeast(chunks.start, o);
      const gapStart = j > 0 ? chunks.end[j - 1] + 1 : previous.bodyStart;
      if (o >= gapStart) {
        // the new chunks' items were added as they were parsed; now the old tail's, at their new offsets
        const reparsedChunks = session.chunks.start.length - reparsedFrom;
        reuse(j, count, shift);
        reused += count - j;
        end(session);
        return finish(text, session, started, starts, reparsedChunks, reused);
      }
    }
    if (isSpace(text.charCodeAt(i))) continue;
    i = item(session, text, i);
  }
  end(session);
  return finish(text, session, started, starts, session.chunks.start.length - reparsedFrom, reused);
}

function finish(text: string, session: Session, started: ReturnType<typeof begin>, starts: number[], reparsedChunks: number, reusedChunks: number): ParseState {
  return {
    text, dockerfile: session.dockerfile, bodyStart: started.bodyStart, directivesGuard: started.directivesGuard, escape: started.escape,
    chunks: session.chunks, lineStarts: starts, stats: { reparsedChunks, reusedChunks, full: false },
  };
}
