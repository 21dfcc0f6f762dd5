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

type Pos = { line: number; character: number };
type Item = { getRange(): { start: Pos; end: Pos } };
type InstructionObject = Item & { dockerfile: unknown };

/** One top-level item: a comment, or an instruction with the comment lines inside its continuations. */
interface Chunk {
  /** Offset of its first character. */
  start: number;
  /** Offset the parser returned: the line break that ends it, or the end of the text. */
  end: number;
  /** What it added to the Dockerfile, in order. */
  events: { instruction: boolean; object: Item }[];
}

export interface ParseState {
  text: string;
  dockerfile: Dockerfile;
  /** Offset where the body starts (after the directives or a BOM). */
  bodyStart: number;
  /** Offset after which an edit cannot change the directives (the end of the line after them). */
  directivesGuard: number;
  escape: string;
  chunks: Chunk[];
  /** Line breaks in the text. */
  lineBreaks: number;
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

function countLineBreaks(text: string): number {
  // "\r\n" counts once, as the text document counts lines
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
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
  chunks: Chunk[];
  events: Chunk['events'];
  /** The Dockerfile's own add methods, for reused items (which need no recording). */
  addInstruction(i: unknown): void;
  addComment(c: unknown): void;
}

/** A parser session on a text: the library's parser with the directives read, the Dockerfile recording what each item adds. */
function begin(text: string): { session: Session; bodyStart: number; directivesGuard: number; escape: string } {
  const parser = new Parser() as unknown as ParserInternals;
  const document = TextDocument.create('', '', 0, text);
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
  const events: Chunk['events'] = [];
  const addInstruction = df.addInstruction;
  const addComment = df.addComment;
  const session: Session = {
    parser, dockerfile, chunks: [], events,
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
  s.chunks.push({ start: i, end: endOffset, events: s.events.slice() });
  return endOffset;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;

/** A fresh parse of the text, with what the next incremental parse needs. */
export function parseState(text: string): ParseState {
  const { session, bodyStart, directivesGuard, escape } = begin(text);
  for (let i = bodyStart; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    i = item(session, text, i);
  }
  end(session);
  return {
    text, dockerfile: session.dockerfile, bodyStart, directivesGuard, escape, chunks: session.chunks, lineBreaks: countLineBreaks(text),
    stats: { reparsedChunks: session.chunks.length, reusedChunks: 0, full: true },
  };
}

/** Index of the first chunk whose `key` is ≥ `value` (chunks.length if none). */
function firstAtLeast(chunks: Chunk[], value: number, key: 'start' | 'end'): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid][key] < value) lo = mid + 1;
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
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  // an edit in the directives, or on the line that may end them, can change the escape character and where the body starts
  if (prefix < previous.directivesGuard + 1) return parseState(text);
  const started = begin(text);
  if (started.bodyStart !== previous.bodyStart || started.escape !== previous.escape || started.directivesGuard !== previous.directivesGuard) return parseState(text);
  const { session } = started;
  const chunks = previous.chunks;
  const shift = text.length - old.length;
  const lineBreaks = countLineBreaks(text);
  const samePositions = lineBreaks === previous.lineBreaks;
  const tailStart = text.length - suffix;
  // the first line break of the unchanged tail: past it, unchanged text keeps its positions
  let tailLineStart = text.length + 1;
  if (samePositions) {
    for (let k = tailStart; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || c === 13) {
        tailLineStart = c === 13 && text.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
        break;
      }
    }
  }
  const reuse = (from: number, to: number) => {
    for (let j = from; j < to; j++) {
      const c = chunks[j];
      for (const e of c.events) {
        if (e.instruction) {
          (e.object as InstructionObject).dockerfile = session.dockerfile;
          session.addInstruction(e.object);
        } else {
          session.addComment(e.object);
        }
      }
      session.chunks.push(c);
    }
  };
  // chunks wholly before the edit (ending before the character before it) are kept
  const first = firstAtLeast(chunks, prefix - 1, 'end');
  reuse(0, first);
  let reused = first;
  const reparsedFrom = session.chunks.length;
  let i = first > 0 ? chunks[first - 1].end + 1 : previous.bodyStart;
  // redo the loop from there until it is between items at an offset where the old parse was too
  for (; i < text.length; i++) {
    if (samePositions && i >= tailStart && i >= tailLineStart) {
      const o = i - shift;
      const j = firstAtLeast(chunks, o, 'start');
      const gapStart = j > 0 ? chunks[j - 1].end + 1 : previous.bodyStart;
      if (o >= gapStart) {
        // the new chunks' items were added as they were parsed; now the old tail's
        const tail = chunks.length - j;
        const reparsedChunks = session.chunks.length - reparsedFrom;
        reuse(j, chunks.length);
        reused += tail;
        // offsets of the reused tail chunks are old offsets: store them shifted
        for (let k = session.chunks.length - tail; k < session.chunks.length; k++) {
          const c = session.chunks[k];
          session.chunks[k] = { start: c.start + shift, end: c.end + shift, events: c.events };
        }
        end(session);
        return finish(text, session, started, lineBreaks, reparsedChunks, reused);
      }
    }
    if (isSpace(text.charCodeAt(i))) continue;
    i = item(session, text, i);
  }
  end(session);
  return finish(text, session, started, lineBreaks, session.chunks.length - reparsedFrom, reused);
}

function finish(text: string, session: Session, started: ReturnType<typeof begin>, lineBreaks: number, reparsedChunks: number, reusedChunks: number): ParseState {
  return {
    text, dockerfile: session.dockerfile, bodyStart: started.bodyStart, directivesGuard: started.directivesGuard, escape: started.escape,
    chunks: session.chunks, lineBreaks, stats: { reparsedChunks, reusedChunks, full: false },
  };
}
