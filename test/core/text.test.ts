import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { commonPrefixLength, commonSuffixLength, editedLineStarts, lineStarts, LineIndex } from '../../server/src/core/text';

/** A small seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'RUN x', ' ', '\n', '\r', '\r\n', '\\', '#', '\n\n', 'é'];
function randomText(next: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** The line offsets the library's text document computes for a text. */
function documentOffsets(text: string): number[] {
  const doc = TextDocument.create('', '', 0, text);
  const n = doc.lineCount;
  const out: number[] = [];
  for (let l = 0; l < n; l++) out.push(doc.offsetAt({ line: l, character: 0 }));
  return out;
}

describe('text: line starts', () => {
  it('are the line offsets of the library\'s text document (LF, CRLF, lone CR)', () => {
    for (const text of ['', 'a', '\n', '\r', '\r\n', 'a\r\nb\rc\nd', '\r\r\n\n\r', 'x\r', 'a\nb', 'a\nb\n', '\n\n\nx\n\n']) {
      assert.deepEqual(lineStarts(text), documentOffsets(text), JSON.stringify(text));
    }
  });

  it('a LineIndex given its starts answers as one that computes them', () => {
    const text = 'FROM a\r\nRUN b\rc\n';
    const given = new LineIndex(text, lineStarts(text));
    const own = new LineIndex(text);
    assert.deepEqual(given.starts, own.starts);
    for (let o = 0; o <= text.length; o++) assert.deepEqual(given.positionAt(o), own.positionAt(o));
  });

  it('derived from an older text\'s starts equal those computed afresh, for random edits', () => {
    const next = rng(20261204);
    for (let round = 0; round < 3000; round++) {
      const old = randomText(next, Math.floor(next() * 60));
      const from = Math.floor(next() * (old.length + 1));
      const to = from + Math.floor(next() * (old.length - from + 1));
      const text = old.slice(0, from) + randomText(next, Math.floor(next() * 6)) + old.slice(to);
      const prefix = commonPrefixLength(old, text);
      const suffix = commonSuffixLength(old, text, Math.min(old.length, text.length) - prefix);
      // any shorter prefix and suffix are also common: the result must not depend on how much was found
      const p = Math.floor(next() * (prefix + 1));
      const s = Math.floor(next() * (suffix + 1));
      for (const [a, b] of [[prefix, suffix], [p, s]]) {
        assert.deepEqual(editedLineStarts(lineStarts(old), old.length, text, a, b), lineStarts(text), JSON.stringify({ old, text, a, b }));
      }
    }
  });
});

describe('text: common prefix and suffix', () => {
  const naivePrefix = (a: string, b: string) => {
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    return p;
  };
  const naiveSuffix = (a: string, b: string, max: number) => {
    let n = 0;
    while (n < max && n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  };

  it('match a character-by-character scan, on short and long texts', () => {
    const next = rng(7);
    for (let round = 0; round < 400; round++) {
      const base = randomText(next, Math.floor(next() * (round % 4 === 0 ? 20000 : 200)));
      const at = Math.floor(next() * (base.length + 1));
      const cut = Math.floor(next() * 3);
      const other = base.slice(0, at) + randomText(next, Math.floor(next() * 3)) + base.slice(Math.min(base.length, at + cut));
      assert.equal(commonPrefixLength(base, other), naivePrefix(base, other));
      const max = Math.min(base.length, other.length) - commonPrefixLength(base, other);
      assert.equal(commonSuffixLength(base, other, max), naiveSuffix(base, other, max));
      assert.equal(commonSuffixLength(base, other, Infinity), naiveSuffix(base, other, Infinity));
    }
  });
});
