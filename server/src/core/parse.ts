import * as ast from 'dockerfile-ast';
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';
import { firstAtLeast } from './text';

export type { Dockerfile };

/**
 * dockerfile-ast recomputes an instruction's argument text (a scan of its whole
 * text) on every call; the model and the rules ask many times per instruction.
 * Instructions never change after parsing, so the getters that return strings
 * are memoised per instance. Getters that return objects (arguments, ranges,
 * variables) are NOT memoised: the library mutates the objects it hands out
 * (e.g. From.getImageNameRange() adjusts a range that getImageTag() reads
 * later), so sharing them across calls changes its answers.
 */
const dockerfileProto = Object.getPrototypeOf(DockerfileParser.parse('')) as Record<string, unknown>;
const MEMOISED: [object, string[]][] = [
  [ast.Line.prototype, ['getTextContent']],
  [ast.Instruction.prototype, ['getArgumentsContent', 'getRawArgumentsContent']],
];
const memoKey = Symbol.for('stagecraft.memo');
const wrapped = Symbol.for('stagecraft.memoised');
const UNDEFINED = {};
// getArgumentsContent is owned (ownArgumentsContent, below), then memoised with the others
const libraryArgumentsContent = (ast.Instruction.prototype as unknown as Record<string, unknown>).getArgumentsContent as (this: object) => string | null;
if (typeof libraryArgumentsContent === 'function' && !(libraryArgumentsContent as { [wrapped]?: true })[wrapped]) {
  (ast.Instruction.prototype as unknown as Record<string, unknown>).getArgumentsContent = function (this: object): string | null {
    const own = ownArgumentsContent(this);
    return own === undefined ? libraryArgumentsContent.call(this) : own;
  };
}
let slots = 0;
for (const [proto, names] of MEMOISED) {
  for (const name of names) {
    const p = proto as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(p, name) || typeof p[name] !== 'function') continue;
    const original = p[name] as ((this: object) => unknown) & { [wrapped]?: true };
    if (original[wrapped]) continue; // already wrapped (the module loaded twice)
    const slot = slots++;
    const memo = function (this: { [memoKey]?: unknown[] }): unknown {
      const m = this[memoKey] ?? (this[memoKey] = []);
      let v = m[slot];
      if (v === undefined) {
        v = original.call(this);
        m[slot] = v === undefined ? UNDEFINED : v;
      }
      return Array.isArray(v) ? v.slice() : v === UNDEFINED ? undefined : v;
    } as typeof original;
    memo[wrapped] = true;
    p[name] = memo;
  }
}

/**
 * `Instruction.getKeyword()` upper-cases the keyword as written on every call, and the rules ask
 * for it several times per instruction each analysis; the keyword never changes, so the answer
 * is kept on the instruction.
 */
const keywordKey = Symbol.for('stagecraft.keyword');
const getKeyword = (ast.Instruction.prototype as unknown as Record<string, unknown>).getKeyword as ((this: object) => string) & { [wrapped]?: true };
if (typeof getKeyword === 'function' && !getKeyword[wrapped]) {
  const kept = function (this: { [keywordKey]?: string }): string {
    return this[keywordKey] ?? (this[keywordKey] = getKeyword.call(this));
  } as typeof getKeyword;
  kept[wrapped] = true;
  (ast.Instruction.prototype as unknown as Record<string, unknown>).getKeyword = kept;
}

/**
 * `Instruction.getRawArguments()` (behind `getArguments()`, which the parser, the validator, the
 * model and the rules call about fourteen times per instruction) scans the instruction's text and
 * builds its arguments again on every call: over a third of an analysis, and most of its garbage.
 * The arguments are now built once per instruction; each call gets a new array of the same
 * Argument objects (callers shift and splice the arrays they get).
 *
 * Sharing the objects is safe because an Argument hands out a new range object from each
 * `getRange()`: the library adjusts ranges it was given (`From.getImageNameRange()` moves the
 * `start`/`end` of the range `getImageRange()` returned), which must not change the argument.
 * Positions are shared: nothing assigns to a position's `line` or `character`.
 *
 * Kept Argument objects take about 100 bytes each. In a document over a megabyte (hundreds of
 * thousands of arguments) they are kept flattened instead, five values per argument, and each
 * call builds new objects from them: slower, but the memory of a huge file's analysis stays
 * what it was.
 */
type Pos = { line: number; character: number };
type ArgumentLike = { range: { start: Pos; end: Pos }; getValue(): string; getRange(): { start: Pos; end: Pos } };
/** Value, start line, start character, end line, end character of each argument. */
type Flat = { flat: (string | number)[] };
const LARGE_DOCUMENT = 1_000_000;
const rawArgs = Symbol.for('stagecraft.rawArguments');
const instructionProtoForArgs = ast.Instruction.prototype as unknown as Record<string, unknown>;
const getRawArguments = instructionProtoForArgs.getRawArguments as ((this: object) => unknown) & { [wrapped]?: true };
const ArgumentClass = ast.Argument as unknown as new (value: string, range: { start: Pos; end: Pos }) => ArgumentLike;
const argumentProto = ast.Argument.prototype as unknown as Record<string, unknown>;
const getArgumentRange = argumentProto.getRange as ((this: ArgumentLike) => unknown) & { [wrapped]?: true };
const createRange = (start: Pos, end: Pos) => ({ start, end });

/** For tests: an instruction's argument text as the owned scan and as the library build it (undefined: the owned scan stepped aside). */
export function argumentsContentScans(instr: ast.Instruction): { own: string | null | undefined; library: string | null } {
  return { own: ownArgumentsContent(instr), library: libraryArgumentsContent.call(instr) };
}

/**
 * `Instruction.getArgumentsContent()`, owned: the arguments' text without the escaped line breaks
 * and the comment lines among them, as the library builds it (from the start of each continued
 * line, its leading blanks included, to the last character before its escaped line break; a line
 * that starts with `#` at its first or second column is a comment). The library's version walks
 * the text a character at a time, asks the document for a position at each line's start and builds
 * ranges it turns back into offsets; this one works in offsets. An instruction not shaped as
 * expected takes the library's (undefined).
 */
function ownArgumentsContent(instr: object): string | null | undefined {
  const i = instr as { document?: ScanDocument; escapeChar?: string; getInstructionRange?(): { start: Pos; end: Pos } | null; getArguments?(): ArgumentLike[] };
  const doc = i.document;
  const range = typeof i.getInstructionRange === 'function' ? i.getInstructionRange() : null;
  if (!doc || typeof doc.positionAt !== 'function' || typeof i.escapeChar !== 'string' || i.escapeChar.length !== 1 || !range || typeof i.getArguments !== 'function') return undefined;
  const args = i.getArguments();
  if (!Array.isArray(args)) return undefined;
  if (args.length === 0) return null;
  const first = args[0].getRange().start;
  const last = args[args.length - 1].getRange().end;
  const text = doc.getText();
  if (first.line === last.line) return text.substring(doc.offsetAt(first), doc.offsetAt(last));
  const start = doc.offsetAt(range.start);
  const extra = doc.offsetAt(first) - start;
  const full = (instr as { getTextContent(): string }).getTextContent().substring(extra, doc.offsetAt(last) - start);
  const offset = start + extra;
  const escape = i.escapeChar.charCodeAt(0);
  const at = positionCursor(doc);
  let content = '';
  let segment = offset; // where the current line's text starts (-1: not started)
  let end = -1; // the last character taken
  let comment = false;
  for (let k = 0; k < full.length; k++) {
    const c = full.charCodeAt(k);
    if (c === escape) {
      const next = k + 1 < full.length ? full.charCodeAt(k + 1) : -1;
      if (next === SPACE || next === TAB) {
        let j = k + 2;
        while (j < full.length && (full.charCodeAt(j) === SPACE || full.charCodeAt(j) === TAB)) j++;
        if (j < full.length && (full.charCodeAt(j) === LF || full.charCodeAt(j) === CR)) {
          if (segment !== -1) content += text.substring(segment, offset + end + 1);
          segment = -1;
          comment = false;
          k = full.charCodeAt(j) === CR ? j + 1 : j; // the library takes the character after a CR as its LF
        }
        // otherwise the blanks after it are read as characters
        continue;
      }
      if (next === LF || next === CR) {
        if (segment !== -1) content += text.substring(segment, offset + end + 1);
        segment = -1;
        comment = false;
        k += next === CR ? 2 : 1;
        continue;
      }
      k++; // an escaped character: neither is taken
      continue;
    }
    if (c === LF || c === CR) {
      if (comment) {
        segment = -1;
        comment = false;
      }
      continue;
    }
    if (comment) continue;
    if (segment === -1) {
      if (c === HASH) {
        comment = true;
        continue;
      }
      const p = at(offset + k);
      if (p.character !== 0) segment = offset + k - p.character;
    }
    end = k;
  }
  if (end === -1) return undefined;
  return content + (segment === -1 ? text.substring(offset + end, offset + end + 1) : text.substring(segment, offset + end + 1));
}

/** For tests: an instruction's arguments as the owned scan and as the library's own scan build them (undefined: the owned scan stepped aside). */
export function argumentScans(instr: ast.Instruction): { own: { value: string; range: { start: Pos; end: Pos } }[] | undefined; library: { value: string; range: { start: Pos; end: Pos } }[] } {
  const own = ownArguments(instr);
  const library = (getRawArguments.call(instr) as ArgumentLike[]);
  const data = (list: ArgumentLike[]) => list.map((a) => ({ value: a.getValue(), range: a.getRange() }));
  return { own: own && data(own), library: data(library) };
}

type ScanDocument = { getText(): string; offsetAt(p: Pos): number; positionAt(o: number): Pos; getLineOffsets?(): number[] };

/**
 * `doc.positionAt` for the offsets of one scan, which come in increasing order: the line is found
 * by walking forward from the last one (the document's answer is a binary search over all its
 * lines). The same clamping as the document's: an offset among a line's line-break characters is
 * moved before them. An offset before the last line found, or a document without its line offsets,
 * asks the document.
 */
export function positionCursor(doc: ScanDocument): (offset: number) => Pos {
  const starts = typeof doc.getLineOffsets === 'function' ? doc.getLineOffsets() : undefined;
  if (!Array.isArray(starts) || starts.length === 0) return (o) => doc.positionAt(o);
  const text = doc.getText();
  let line = -1;
  return (o) => {
    if (o < 0 || o > text.length || (line >= 0 && o < starts[line])) return doc.positionAt(o);
    if (line < 0) line = firstAtLeast(starts, o + 1) - 1;
    while (line + 1 < starts.length && starts[line + 1] <= o) line++;
    const start = starts[line];
    let at = o;
    while (at > start && (text.charCodeAt(at - 1) === LF || text.charCodeAt(at - 1) === CR)) at--;
    return { line, character: at - start };
  };
}

/**
 * The library's argument scan (`Instruction.getRawArguments`), owned: the same arguments with the
 * same values and ranges, built without the library's one-character-at-a-time string building,
 * which was most of a parse's time and garbage. Ranges come from the document's own `positionAt`,
 * as the library's do. An instruction not shaped as expected takes the library's scan (undefined).
 * `test/core/parse.test.ts` compares both over every corpus instruction and random texts.
 */
function ownArguments(instr: object): ArgumentLike[] | undefined {
  const i = instr as { document?: ScanDocument; escapeChar?: string; getInstructionRange?(): { start: Pos; end: Pos } | null };
  const doc = i.document;
  const escape = i.escapeChar;
  const range = typeof i.getInstructionRange === 'function' ? i.getInstructionRange() : null;
  if (!doc || typeof doc.positionAt !== 'function' || typeof escape !== 'string' || escape.length !== 1 || !range) return undefined;
  const content = (instr as { getTextContent(): string }).getTextContent();
  const extra = doc.offsetAt(range.end) - doc.offsetAt(range.start);
  const fullArgs = content.substring(extra);
  const offset = doc.offsetAt(range.start) + extra;
  if (!fullArgs.includes(escape)) return plainArguments(fullArgs, offset, doc);
  const breaks = BREAK[escape];
  return breaks ? escapedArguments(fullArgs, escape.charCodeAt(0), breaks, offset, doc) : undefined;
}

/**
 * Without the escape character no line is continued and no comment line can sit among the
 * arguments: the scan reduces to splitting at spaces, tabs and line breaks.
 */
function plainArguments(fullArgs: string, offset: number, doc: ScanDocument): ArgumentLike[] {
  const at = positionCursor(doc);
  const args: ArgumentLike[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(fullArgs); m; m = WORD.exec(fullArgs)) {
    args.push(new ArgumentClass(m[0], createRange(at(offset + m.index), at(offset + m.index + m[0].length))));
  }
  return args;
}

/**
 * The scans find the ends of runs of ordinary characters with regular expressions: the engine's
 * search is native code, while a loop over characters runs as the server's baseline-compiled
 * JavaScript (its Node options keep the optimizing compiler off, see SERVER_NODE_OPTIONS).
 */
const WORD = /[^ \t\r\n]+/g;
const BREAK: Record<string, RegExp> = { '\\': /[ \t\r\n\\]/g, '`': /[ \t\r\n`]/g };
/** The first index at or after `from` of whitespace or the escape character (the text's length if none). */
function nextBreak(re: RegExp, text: string, from: number): number {
  re.lastIndex = from;
  return re.test(text) ? re.lastIndex - 1 : text.length;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const DOLLAR = 36;

/**
 * With the escape character. What the library's scan does, stated as rules:
 * - outside a continuation, whitespace ends the current argument (at the whitespace, or at the
 *   escape character that ended its text, if one did);
 * - the escape character before a line break (directly or after blanks) continues the line: the
 *   argument's range ends at that escape character and its text goes on after the break; until
 *   the next ordinary character, whitespace does not end the argument, and a line whose first
 *   character is `#` is a comment (skipped; escapes inside it still count);
 * - after such a continuation, a blank and then an ordinary or escaped character start a new
 *   argument (the old one ends at the escape character);
 * - an escaped character is taken without its escape (`$` keeps it); the escape character followed
 *   by blanks and then an ordinary character marks where the argument ends;
 * - the escape character at the very end stops the scan.
 * The value is built from runs of the text copied as they are.
 */
function escapedArguments(text: string, escape: number, breaks: RegExp, offset: number, doc: ScanDocument): ArgumentLike[] {
  const at = positionCursor(doc);
  const args: ArgumentLike[] = [];
  const n = text.length;
  let from = -1; // where the current argument starts (-1: none)
  let cut = -1; // the escape character where the current argument's range ends (-1: none)
  let value = ''; // the current argument's text, before the pending run
  let runStart = -1; // the pending run of text copied as it is: [runStart, runEnd)
  let runEnd = -1;
  let continued = false; // after an escaped line break, before the next ordinary character
  let blank = false; // a space or tab since the escaped line break, on the line after it
  let lineHead = false; // only whitespace so far on a continued line
  let comment = false; // in a comment line among the continuation lines
  const take = (a: number, b: number) => {
    if (runEnd === a) {
      runEnd = b;
      return;
    }
    if (runStart !== -1) value += text.substring(runStart, runEnd);
    runStart = a;
    runEnd = b;
  };
  const emit = (end: number) => {
    if (runStart !== -1) value += text.substring(runStart, runEnd);
    args.push(new ArgumentClass(value, createRange(at(offset + from), at(offset + end))));
    value = '';
    runStart = runEnd = -1;
    from = -1;
  };
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === SPACE || c === TAB || c === LF || c === CR) {
      if (continued) {
        if (c === LF || c === CR) {
          blank = false;
          if (comment) {
            comment = false;
            lineHead = true;
          }
        } else {
          blank = true;
        }
      } else if (from !== -1) {
        emit(cut === -1 ? k : cut);
        cut = -1;
      }
      continue;
    }
    if (c === escape) {
      const next = k + 1 < n ? text.charCodeAt(k + 1) : -1;
      if (next === SPACE || next === TAB) {
        let j = k + 2;
        while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
        if (j < n) {
          const d = text.charCodeAt(j);
          if (d === LF || d === CR) {
            comment = false;
            continued = true;
            lineHead = true;
            if (from !== -1) cut = k;
            k = d === CR ? j + 1 : j; // the library takes the character after a CR as its LF
          } else {
            cut = k;
            if (from === -1) k = j - 1;
          }
        }
        continue;
      }
      if (next === LF || next === CR) {
        comment = false;
        continued = true;
        lineHead = true;
        if (from !== -1 && cut === -1) cut = k;
        k += next === CR ? 2 : 1;
        continue;
      }
      if (blank && cut !== -1) emit(cut);
      cut = -1;
      blank = false;
      continued = false;
      if (next === -1) break;
      if (next === DOLLAR) take(k, k + 2);
      else take(k + 1, k + 2);
      if (from === -1) from = k;
      k++;
      continue;
    }
    // an ordinary character: in a comment line it and the ones after it up to whitespace or the
    // escape character do nothing; otherwise those after it only extend the run it starts
    if (comment || (lineHead && c === HASH)) {
      comment = true;
      lineHead = false;
      k = nextBreak(breaks, text, k + 1) - 1;
      continue;
    }
    if (blank && cut !== -1) emit(cut);
    blank = false;
    continued = false;
    cut = -1;
    const end = nextBreak(breaks, text, k + 1);
    take(k, end);
    if (from === -1) from = k;
    lineHead = false;
    k = end - 1;
  }
  if (from !== -1) emit(cut === -1 ? n : cut);
  return args;
}

if (typeof getRawArguments === 'function' && !getRawArguments[wrapped] && typeof getArgumentRange === 'function' && !getArgumentRange[wrapped]) {
  const copyRange = function (this: ArgumentLike): unknown {
    const r = this.range;
    return r && typeof r === 'object' ? { start: r.start, end: r.end } : r;
  } as typeof getArgumentRange;
  copyRange[wrapped] = true;
  argumentProto.getRange = copyRange;
  const flatten = (args: ArgumentLike[]): Flat => {
    const flat: (string | number)[] = new Array(args.length * 5);
    for (let i = 0; i < args.length; i++) {
      const r = args[i].range;
      flat[i * 5] = args[i].getValue();
      flat[i * 5 + 1] = r.start.line;
      flat[i * 5 + 2] = r.start.character;
      flat[i * 5 + 3] = r.end.line;
      flat[i * 5 + 4] = r.end.character;
    }
    return { flat };
  };
  const expand = ({ flat }: Flat): ArgumentLike[] => {
    const out: ArgumentLike[] = new Array(flat.length / 5);
    for (let i = 0; i < out.length; i++) {
      const k = i * 5;
      out[i] = new ArgumentClass(flat[k] as string, {
        start: { line: flat[k + 1] as number, character: flat[k + 2] as number },
        end: { line: flat[k + 3] as number, character: flat[k + 4] as number },
      });
    }
    return out;
  };
  const memo = function (this: { [rawArgs]?: ArgumentLike[] | Flat; document?: { getText?(): string } }): unknown {
    const kept = this[rawArgs];
    if (kept) return Array.isArray(kept) ? kept.slice() : expand(kept);
    const built = ownArguments(this) ?? getRawArguments.call(this);
    if (!Array.isArray(built) || built.some((a) => !(a instanceof ArgumentClass))) return built;
    const large = (this.document?.getText?.().length ?? 0) > LARGE_DOCUMENT;
    this[rawArgs] = large && built.every((a) => a.constructor === ArgumentClass) ? flatten(built) : built;
    return built.slice();
  } as typeof getRawArguments;
  memo[wrapped] = true;
  instructionProtoForArgs.getRawArguments = memo;
}

/**
 * dockerfile-ast makes every range with `Range.create(start, end)` from vscode-languageserver-types,
 * which first tests whether its arguments are four numbers and then whether they are two positions,
 * each test through `Object.prototype.toString`: a few percent of a parse. Two positions with
 * numeric `line` and `character` in the allowed range take a direct path to the same result; any
 * other arguments go to the library's own function. (The library required here is the CommonJS
 * build that dockerfile-ast requires, so both see the same `Range`.)
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lspTypes = require('vscode-languageserver-types') as { Range?: { create?: ((...args: unknown[]) => unknown) & { [wrapped]?: true } } };
const rangeCreate = lspTypes.Range?.create;
if (typeof rangeCreate === 'function' && !rangeCreate[wrapped]) {
  const MAX = 2147483647;
  const isPosition = (p: unknown): p is Pos => {
    if (p === null || typeof p !== 'object') return false;
    const { line, character } = p as Pos;
    return typeof line === 'number' && typeof character === 'number' && line >= 0 && line <= MAX && character >= 0 && character <= MAX;
  };
  const direct = function (one: unknown, two: unknown, three?: unknown, four?: unknown): unknown {
    if (three === undefined && four === undefined && isPosition(one) && isPosition(two)) return { start: one, end: two };
    return rangeCreate(one, two, three, four);
  } as typeof rangeCreate;
  direct[wrapped] = true;
  lspTypes.Range!.create = direct;
}

/**
 * dockerfile-ast resolves a variable through the stage containing its line; for a line that no
 * stage's range covers, that "stage" is the Dockerfile itself and the lookup recursed until the
 * stack overflowed (found by fuzzing). A re-entered lookup now means "not declared".
 *
 * The library's `resolveVariable` also first tests whether the line is on a FROM by collecting
 * every FROM of the file (a walk of all instructions) for each variable use, which made analysis
 * quadratic in the size of the file. The same answer is computed here from the FROMs' line
 * ranges, collected once per parsed file, with a binary search.
 *
 * While `namesOnly` is set, variable uses are parsed without resolving them (their
 * `isDefined()`/`isBuildVariable()` answers are then meaningless): see `instructionVariables`.
 */
type ArgLike = { isBefore(line: number): boolean; getProperty(): { getName(): string; getValue(): string | null } | null };
type DockerfileInternals = {
  instructions?: unknown[];
  initialInstructions?: { getARGs(): ArgLike[] };
  getFROMs(): { getRange(): { start: Pos; end: Pos } }[];
  getContainingImage(position: Pos): { resolveVariable(variable: string, line: number): string | null | undefined } | null;
};
interface ResolveFacts { count: number; fromStart: number[]; fromEnd: number[] }
const resolveFacts = new WeakMap<object, ResolveFacts>();
function factsOf(d: DockerfileInternals): ResolveFacts {
  const count = Array.isArray(d.instructions) ? d.instructions.length : -1;
  let f = resolveFacts.get(d);
  if (!f || f.count !== count || count < 0) {
    const fromStart: number[] = [];
    const fromEnd: number[] = [];
    for (const from of d.getFROMs()) {
      const r = from.getRange();
      fromStart.push(r.start.line);
      fromEnd.push(r.end.line);
    }
    f = { count, fromStart, fromEnd };
    resolveFacts.set(d, f);
  }
  return f;
}
function onFromLine(f: ResolveFacts, line: number): boolean {
  // FROMs are in document order and do not overlap: the last one starting at or before the line decides.
  let lo = 0;
  let hi = f.fromStart.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (f.fromStart[mid] <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found >= 0 && line <= f.fromEnd[found]) return true;
  // unordered ranges (never seen): fall back to testing every FROM
  for (let i = 0; i < f.fromStart.length; i++) if (f.fromStart[i] <= line && line <= f.fromEnd[i]) return true;
  return false;
}
/** What the library's template of the initial ARGs answers for the variable (it holds no ENV). */
function resolveInitial(d: DockerfileInternals, variable: string, line: number): string | null | undefined {
  const args = d.initialInstructions ? d.initialInstructions.getARGs() : [];
  for (let i = args.length - 1; i >= 0; i--) {
    if (args[i].isBefore(line)) {
      const property = args[i].getProperty();
      if (property && property.getName() === variable) return property.getValue();
    }
  }
  return undefined;
}
let namesOnly = 0;
const resolving = Symbol.for('stagecraft.resolving');
const resolveVariable = dockerfileProto.resolveVariable as ((this: object, variable: string, line: number) => unknown) & { [wrapped]?: true };
if (typeof resolveVariable === 'function' && !resolveVariable[wrapped]) {
  const guarded = function (this: DockerfileInternals & { [resolving]?: boolean }, variable: string, line: number): unknown {
    if (namesOnly > 0) return undefined;
    if (this[resolving]) return undefined;
    this[resolving] = true;
    try {
      if (typeof this.getFROMs !== 'function' || typeof this.getContainingImage !== 'function' || !this.initialInstructions) {
        return resolveVariable.call(this, variable, line);
      }
      if (onFromLine(factsOf(this), line)) return resolveInitial(this, variable, line);
      const image = this.getContainingImage({ line, character: 0 });
      if (image === null) return undefined;
      const resolved = image.resolveVariable(variable, line);
      return resolved === null ? resolveInitial(this, variable, line) : resolved;
    } finally {
      this[resolving] = false;
    }
  } as typeof resolveVariable;
  guarded[wrapped] = true;
  dockerfileProto.resolveVariable = guarded;
}
const instructionProto = ast.Instruction.prototype as unknown as Record<string, unknown>;

/**
 * `getHeredocs` without the library's crash: its scan counts a heredoc where a continuation line
 * starts with an escaped `#` (`RUN echo \\` then `\\#y`) and then reads a definition that is not
 * there (found by the differential run). Where the scan fails the instruction is taken to have no
 * heredocs (with a real one before such a line the scan does not fail: `COPY <<EOF /x \\`, `\\#y`).
 */
const getHeredocs = instructionProto.getHeredocs as ((this: object) => unknown[]) & { [wrapped]?: true };
const heredocsKey = Symbol.for('stagecraft.heredocs');
const NO_HEREDOCS: unknown[] = [];
if (typeof getHeredocs === 'function' && !getHeredocs[wrapped]) {
  // The answer is kept on the instruction (its text and positions never change; see the arguments
  // above): the validator, the model and the rules ask for it several times per RUN and COPY. Each
  // call gets a new array; the Heredoc objects and their ranges are shared (nothing changes them).
  const safe = function (this: { [heredocsKey]?: unknown[] }): unknown[] {
    let kept = this[heredocsKey];
    if (kept === undefined) {
      try {
        // the library makes a heredoc only from an argument that starts with << (in both of its scans)
        const args = (this as { getArguments?(): { getValue(): string }[] }).getArguments?.();
        kept = Array.isArray(args) && !args.some((a) => a.getValue().startsWith('<<')) ? NO_HEREDOCS : getHeredocs.call(this);
      } catch {
        kept = NO_HEREDOCS;
      }
      if (!Array.isArray(kept)) return kept;
      this[heredocsKey] = kept.length ? kept : NO_HEREDOCS;
    }
    return kept.length ? kept.slice() : [];
  } as typeof getHeredocs;
  safe[wrapped] = true;
  instructionProto.getHeredocs = safe;
}
/** For tests: the library's own `getHeredocs`. */
export const libraryHeredocs = getHeredocs;
const isBuildVariable = instructionProto.isBuildVariable as ((this: object, variable: string, line: number) => unknown) & { [wrapped]?: true };
if (typeof isBuildVariable === 'function' && !isBuildVariable[wrapped]) {
  const skippable = function (this: object, variable: string, line: number): unknown {
    return namesOnly > 0 ? undefined : isBuildVariable.call(this, variable, line);
  } as typeof isBuildVariable;
  skippable[wrapped] = true;
  instructionProto.isBuildVariable = skippable;
}

/**
 * `parseVariables(offset, text)` (behind `getVariables()` and `getExpandedArguments()`) walks every
 * argument a character at a time, and finds a variable only at a `$`: a text without one has none,
 * which is the answer for most arguments, given here without the walk.
 */
const parseVariables = instructionProto.parseVariables as ((this: object, offset: number, text: string) => unknown) & { [wrapped]?: true };
if (typeof parseVariables === 'function' && !parseVariables[wrapped]) {
  const dollarsOnly = function (this: object, offset: number, text: string): unknown {
    return typeof text === 'string' && !text.includes('$') ? [] : parseVariables.call(this, offset, text);
  } as typeof parseVariables;
  dollarsOnly[wrapped] = true;
  instructionProto.parseVariables = dollarsOnly;
}

/** For tests: the library's own `parseVariables`. */
export const libraryParseVariables = parseVariables;

/**
 * Variable uses parsed without resolution are the same on every call: the model
 * (`instructionVariables`) and the validator's check of modifiers both list them, so while
 * `namesOnly` is set the list is kept per instruction (one key per class that defines the
 * method: LABEL filters what its superclass lists). Callers get a copy of the array.
 */
for (const proto of [ast.Instruction.prototype, ast.Label.prototype] as unknown as Record<string, unknown>[]) {
  const own = Object.prototype.hasOwnProperty.call(proto, 'getVariables') ? proto.getVariables as ((this: object) => unknown) & { [wrapped]?: true } : undefined;
  if (typeof own !== 'function' || own[wrapped]) continue;
  const key = Symbol('stagecraft.variableNames');
  const kept = function (this: { [key: symbol]: unknown[] | undefined }): unknown {
    if (namesOnly === 0) return own.call(this);
    let list = this[key];
    if (!list) {
      const v = own.call(this);
      if (!Array.isArray(v)) return v;
      list = this[key] = v;
    }
    return list.slice();
  } as typeof own;
  kept[wrapped] = true;
  proto.getVariables = kept;
}

/** Runs `fn` with variable uses parsed but not resolved (their `isDefined()`/`isBuildVariable()` are meaningless inside). */
export function withoutVariableResolution<T>(fn: () => T): T {
  namesOnly++;
  try {
    return fn();
  } finally {
    namesOnly--;
  }
}

export interface VariableRef {
  name: string;
  /** Range of the name. */
  range: { start: Pos; end: Pos };
}
/**
 * The variable references of an instruction, as dockerfile-ast's `getVariables()` finds them
 * (the same names and name ranges, escape character and LABEL quoting included), without
 * resolving each one against its stage, which costs a walk of the stage per use.
 */
export function instructionVariables(instr: ast.Instruction): VariableRef[] {
  return withoutVariableResolution(() => instr.getVariables().map((v) => ({ name: v.getName(), range: v.getNameRange() })));
}

/**
 * dockerfile-ast finds the stage containing a line by testing every stage in turn, once for each
 * variable use (twice: to resolve it and to tell a build variable), which made analysis quadratic
 * in the number of stages (a 3,000-stage file took minutes). Stages are in document order and do
 * not overlap, so a binary search finds the only candidate; anything else takes the original path.
 */
type Ranged = { getRange(): { start: Pos; end: Pos } | null };
const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const getContainingImage = dockerfileProto.getContainingImage as ((this: object, position: Pos) => unknown) & { [wrapped]?: true };
if (typeof getContainingImage === 'function' && !getContainingImage[wrapped]) {
  const fast = function (this: { buildStages?: Ranged[]; initialInstructions?: Ranged & { getInstructions(): unknown[]; getComments(): unknown[] } }, position: Pos): unknown {
    const stages = this.buildStages;
    const initial = this.initialInstructions;
    if (!Array.isArray(stages) || stages.length < 8 || !position || !initial) {
      return getContainingImage.call(this, position);
    }
    if (initial.getInstructions().length || initial.getComments().length) {
      // the library answers the initial instructions first when the position is among them
      const r = initial.getRange();
      if (!r || (before(r.start, position) && before(position, r.end))) return getContainingImage.call(this, position);
    }
    let lo = 0;
    let hi = stages.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = stages[mid].getRange();
      if (!r) return getContainingImage.call(this, position);
      if (before(r.start, position)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const r = found >= 0 ? stages[found].getRange() : null;
    if (r && before(r.start, position) && before(position, r.end)) return stages[found];
    return getContainingImage.call(this, position);
  } as typeof getContainingImage;
  fast[wrapped] = true;
  dockerfileProto.getContainingImage = fast;
}

/**
 * After parsing, dockerfile-ast hands each comment to the stage containing it by testing every
 * stage for every comment (each test recomputing the stage's range): quadratic in the size of a
 * file with many stages (most of the parse of a 5 MB, 4,800-stage file). Stage ranges are in
 * document order and do not overlap, so a binary search over ranges computed once finds the same
 * stage; when the ranges are not in order the library's own loop runs.
 */
type Commented = { getRange(): { start: Pos; end: Pos } };
type StageTemplate = Ranged & { addComment(c: Commented): void };
const inside = (p: Pos, r: { start: Pos; end: Pos }) => before(r.start, p) && before(p, r.end);
const organizeComments = dockerfileProto.organizeComments as ((this: object) => unknown) & { [wrapped]?: true };
if (typeof organizeComments === 'function' && !organizeComments[wrapped]) {
  const fast = function (this: { getComments?(): Commented[]; buildStages?: StageTemplate[]; initialInstructions?: StageTemplate }): unknown {
    const stages = this.buildStages;
    const initial = this.initialInstructions;
    if (typeof this.getComments !== 'function' || !Array.isArray(stages) || stages.length < 8 || !initial) return organizeComments.call(this);
    const comments = this.getComments();
    if (!comments.length) return undefined;
    const ranges: { start: Pos; end: Pos }[] = [];
    for (let i = 0; i < stages.length; i++) {
      const r = stages[i].getRange();
      if (!r || !before(r.start, r.end) || (i > 0 && !(before(ranges[i - 1].end, r.start) && !before(r.start, ranges[i - 1].end)))) {
        return organizeComments.call(this);
      }
      ranges.push(r);
    }
    const initialRange = initial.getRange();
    if (!initialRange) return organizeComments.call(this);
    for (const c of comments) {
      const r = c.getRange();
      if (inside(r.end, initialRange)) {
        initial.addComment(c);
        continue;
      }
      const pos = r.start;
      let lo = 0;
      let hi = ranges.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (before(ranges[mid].start, pos)) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (found >= 0 && inside(pos, ranges[found])) stages[found].addComment(c);
    }
    return undefined;
  } as typeof organizeComments;
  fast[wrapped] = true;
  dockerfileProto.organizeComments = fast;
}

/**
 * `Util.isUTF8BOM(char)` encodes its argument into a Buffer and copies it into a Uint8Array to test
 * for the bytes EF BB BF, on every parse (twice: for the directives and for the body). Those are
 * the UTF-8 bytes of U+FEFF and of nothing else, so for a string the answer is whether it starts
 * with U+FEFF; anything else goes to the library's own function.
 */
const utilClass = Util as unknown as { isUTF8BOM: ((char: unknown) => boolean) & { [wrapped]?: true } };
const isUTF8BOM = utilClass.isUTF8BOM;
if (typeof isUTF8BOM === 'function' && !isUTF8BOM[wrapped]) {
  const direct = function (char: unknown): boolean {
    return typeof char === 'string' ? char.charCodeAt(0) === 0xfeff : isUTF8BOM(char);
  } as typeof isUTF8BOM;
  direct[wrapped] = true;
  utilClass.isUTF8BOM = direct;
}

/** For tests: the library's own BOM test. */
export const libraryIsUTF8BOM = (char: string): boolean => isUTF8BOM(char);

/**
 * dockerfile-utils' validator parses the text again with `DockerfileParser.parse` (about a third
 * of an analysis). While `withParsed` runs, a parse of exactly the text an already parsed
 * document was made from returns that document instead; the parser is deterministic and the
 * library's getters build new objects on each call, so the validator reads the same tree it
 * would have built.
 */
let reuse: { dockerfile: Dockerfile; text: string; lineOffsets?: number[] } | undefined;
const parserNamespace = DockerfileParser as unknown as { parse: ((content: string) => Dockerfile) & { [wrapped]?: true } };
const originalParse = parserNamespace.parse;
if (typeof originalParse === 'function' && !originalParse[wrapped]) {
  const reusing = function (content: string): Dockerfile {
    if (reuse && content === reuse.text) return reuse.dockerfile;
    return originalParse(content);
  } as typeof originalParse;
  reusing[wrapped] = true;
  parserNamespace.parse = reusing;
}

/**
 * The validator also makes a text document of the text (`TextDocument.create`), which computes its
 * line offsets from the whole text on first use. While `withParsed` runs, a document made of exactly
 * that text starts with the line offsets the parsed document already has (the same array: neither
 * changes it, as only `update` would).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const textDocuments = require('vscode-languageserver-textdocument') as { TextDocument?: { create?: ((...args: unknown[]) => unknown) & { [wrapped]?: true } } };
const createDocument = textDocuments.TextDocument?.create;
if (typeof createDocument === 'function' && !createDocument[wrapped]) {
  const sharing = function (uri: unknown, languageId: unknown, version: unknown, content: unknown): unknown {
    const doc = createDocument(uri, languageId, version, content) as { _lineOffsets?: unknown } | null;
    const offsets = reuse?.lineOffsets;
    if (offsets && content === reuse!.text && doc && typeof doc === 'object' && '_lineOffsets' in doc && doc._lineOffsets === undefined) doc._lineOffsets = offsets;
    return doc;
  } as typeof createDocument;
  sharing[wrapped] = true;
  textDocuments.TextDocument!.create = sharing;
}

/** Runs `fn`; a parse of `text` inside it returns `dockerfile` (which must be the parse of `text`). */
export function withParsed<T>(dockerfile: Dockerfile, text: string, fn: () => T): T {
  const doc = (dockerfile as unknown as { document?: { getText?(): string; _lineOffsets?: unknown } }).document;
  if (typeof doc?.getText !== 'function' || doc.getText() !== text) return fn();
  const saved = reuse;
  const offsets = doc._lineOffsets;
  reuse = { dockerfile, text, lineOffsets: Array.isArray(offsets) ? offsets : undefined };
  try {
    return fn();
  } finally {
    reuse = saved;
  }
}

/** Parses Dockerfile text. Never throws: on a parser failure returns null. */
export function parse(text: string): Dockerfile | null {
  try {
    return originalParse(text);
  } catch {
    return null;
  }
}
