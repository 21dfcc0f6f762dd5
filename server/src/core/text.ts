import type { Position, Range, TextEdit } from './types';

/** Offsets where the lines of a text start (\n, \r\n and lone \r end a line, as in dockerfile-ast's text document). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // the usual text: the line breaks found by the native search
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the first element of the ascending `list` that is ≥ `value` (list.length if none). */
export function firstAtLeast(list: number[], value: number): number {
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
 * `lineStarts(text)` from the line starts of an older text (`starts`, of a text `oldLength` long)
 * that shares its first `prefix` and last `suffix` characters with `text` (the two may not
 * overlap in either text). Whether offset s starts a line depends on the characters at s - 1 and
 * s only: line starts up to the prefix are kept, those in the suffix are shifted by the change of
 * length, and only the offsets in between are looked at. Gives a new array.
 */
export function editedLineStarts(starts: number[], oldLength: number, text: string, prefix: number, suffix: number): number[] {
  const lo = Math.max(prefix, 1);
  const hi = text.length - suffix;
  const kept = firstAtLeast(starts, lo);
  const tail = firstAtLeast(starts, oldLength - suffix + 1);
  const delta = text.length - oldLength;
  const middle: number[] = [];
  for (let s = lo; s <= hi; s++) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(s) !== 10)) middle.push(s);
  }
  if (middle.length === tail - kept) {
    // as many lines as before (typing on a line): a copy, changed in place
    const out = starts.slice();
    for (let k = 0; k < middle.length; k++) out[kept + k] = middle[k];
    if (delta !== 0) for (let k = tail; k < out.length; k++) out[k] += delta;
    return out;
  }
  const out = starts.slice(0, kept);
  for (let k = 0; k < middle.length; k++) out.push(middle[k]);
  for (let k = tail; k < starts.length; k++) out.push(starts[k] + delta);
  return out;
}

/**
 * Length of the common prefix of `a` and `b`. Compares slices a block at a time (V8 compares two
 * flat strings' characters in native code, several times faster than a loop over charCodeAt),
 * narrowing the block at a difference.
 */
export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let p = 0;
  let step = 1024;
  while (step > 16 && p < max) {
    const e = Math.min(p + step, max);
    if (a.slice(p, e) === b.slice(p, e)) p = e;
    else step >>= 2;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common suffix of `a` and `b`, at most `max` (as `commonPrefixLength`, from the ends). */
export function commonSuffixLength(a: string, b: string, max: number): number {
  max = Math.min(max, a.length, b.length);
  let n = 0;
  let step = 1024;
  while (step > 16 && n < max) {
    const e = Math.min(n + step, max);
    if (a.slice(a.length - e, a.length - n) === b.slice(b.length - e, b.length - n)) n = e;
    else step >>= 2;
  }
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Line start offsets of a text, for position ↔ offset conversion (handles \n, \r\n and lone \r as dockerfile-ast does). */
export class LineIndex {
  readonly starts: number[];
  /** `starts`, when given, must be `lineStarts(text)` (and is not to be changed). */
  constructor(readonly text: string, starts?: number[]) {
    this.starts = starts ?? lineStarts(text);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[p.line];
    const end = this.lineEnd(p.line);
    return Math.min(start + Math.max(0, p.character), end);
  }
  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 < this.starts.length) {
      let e = this.starts[line + 1] - 1;
      if (this.text.charCodeAt(e) === 10 && this.text.charCodeAt(e - 1) === 13) e--;
      return e;
    }
    return this.text.length;
  }
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    // the last line starting at or before the offset (the first starts at 0)
    const line = firstAtLeast(this.starts, offset + 1) - 1;
    return { line, character: offset - this.starts[line] };
  }
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
  getText(r: Range): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }
  /** The text's line break: the first one found, else \n. */
  get eol(): string {
    const m = /\r\n|\r|\n/.exec(this.text);
    return m ? m[0] : '\n';
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/**
 * Applies non-overlapping edits to a text. Overlapping edits after the first
 * are dropped (returned in `skipped`), as LSP clients would refuse them.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; skipped: TextEdit[] } {
  const index = new LineIndex(text);
  const withOffsets = edits
    .map((e, i) => ({ e, i, start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  const skipped: TextEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const w of withOffsets) {
    if (w.start < cursor) {
      skipped.push(w.e);
      continue;
    }
    out += text.slice(cursor, w.start) + w.e.newText;
    cursor = w.end;
  }
  out += text.slice(cursor);
  return { text: out, skipped };
}

/** Levenshtein distance, bounded: returns max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Text matched literally inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
