/**
 * The parser wrapper's fast argument scan must build exactly what dockerfile-ast's own scan builds
 * (values and ranges) wherever it applies, and step aside wherever it does not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Util } from 'dockerfile-ast/lib/util';
import { validate } from 'dockerfile-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { argumentScans, argumentsContentScans, libraryHeredocs, libraryIsUTF8BOM, libraryParseVariables, parse, positionCursor, withParsed } from '../../server/src/core/parse';
import { parseState } from '../../server/src/core/incremental-parse';
import { analyze } from '../../server/src/core/analyze';
import { ContextView } from '../../server/src/core/context';
import { explain, stageSummaries } from '../../server/src/core/explain';
import { stageInputs } from '../../server/src/core/model/cache-keys';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/real');

function compareAll(text: string, label: string): { own: number; library: number } {
  const d = parse(text);
  assert.ok(d, `${label}: parses`);
  let own = 0;
  let library = 0;
  for (const instr of d.getInstructions()) {
    const scans = argumentScans(instr);
    const where = `${label}: line ${instr.getRange().start.line + 1}: ${instr.getKeyword()}: ${JSON.stringify(text)}`;
    const content = argumentsContentScans(instr);
    if (scans.own && content.own !== undefined) {
      own++;
      assert.deepEqual(scans.own, scans.library, where);
      assert.equal(content.own, content.library, `${where}: the arguments' text`);
    } else {
      library++;
    }
  }
  return { own, library };
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parse: the owned argument scan and argument text', () => {
  it('agrees with the library on every instruction of the corpus, and applies to all of them', function () {
    this.timeout(60000);
    const files = fs.readdirSync(CORPUS).filter((f) => !f.endsWith('.tsv'));
    assert.ok(files.length > 500, 'the corpus is there');
    let own = 0;
    let library = 0;
    for (const f of files) {
      const n = compareAll(fs.readFileSync(path.join(CORPUS, f), 'utf8'), f);
      own += n.own;
      library += n.library;
    }
    assert.equal(library, 0, 'the library\'s scan is never needed');
    assert.ok(own > 8000, `the owned scan built the arguments of ${own} instructions`);
  });

  it('agrees with the library on 20,000 random instructions made of the characters that steer the scan', function () {
    this.timeout(60000);
    const next = random(20261204);
    const pieces = ['a', 'b', 'a', 'b', ' ', ' ', '\t', '\n', '\r', '\r\n', '\\', '\\', '\\', '`', '#', '$', '"', "'", '<<EOF\n', 'EOF\n', '\\\n', '\\ \n', '\\\r\n', ' #', '\n#', '\u00e9', '\ud83d\ude00'];
    let compared = 0;
    for (let n = 0; n < 20000; n++) {
      let body = '';
      const length = 1 + Math.floor(next() * 24);
      for (let k = 0; k < length; k++) body += pieces[Math.floor(next() * pieces.length)];
      const directive = n % 4 === 0 ? '# escape=`\n' : '';
      const keyword = ['RUN', 'COPY', 'ENV', 'LABEL', 'CMD', 'ARG', 'FROM', 'EXPOSE'][n % 8];
      const text = `${directive}FROM alpine\n${keyword} ${body}\nRUN x\n`;
      compared += compareAll(text, `random ${n}`).own;
    }
    assert.ok(compared > 40000, `${compared} instructions compared`);
  });

  const cases: [string, string, boolean][] = [
    ['single line', 'FROM alpine:3.20 AS base\nRUN apk add  --no-cache\tcurl\n', true],
    ['CRLF', 'FROM alpine\r\nRUN echo a   b\r\nCOPY a b\r\n', true],
    ['CR only', 'FROM alpine\rRUN echo a\rCOPY a b\r', true],
    ['trailing spaces, no newline at the end', 'FROM alpine   \nCMD echo hi   ', true],
    ['a # inside arguments', 'FROM alpine\nRUN echo a#b # c\n', true],
    ['heredoc body', 'FROM alpine\nRUN <<EOF\necho  a\n  echo b\nEOF\n', true],
    ['quotes are not special', 'FROM alpine\nRUN echo "a b" \'c d\'\nLABEL a="x y"\n', true],
    ['unicode', 'FROM alpine AS ステージ\nRUN echo é 🙂 x\n', true],
    ['continuation lines', 'FROM alpine\nRUN echo a \\\n  b \\\n# comment\n  c\n', false],
    ['escaped characters', 'FROM alpine\nRUN echo a\\ b \\$x\n', false],
    ['blanks after the escape character', 'FROM alpine\nRUN echo a \\  \n  b\\ \t c \\\r\n d\\\n\n', false],
    ['the escape character at the end', 'FROM alpine\nRUN echo a\\', false],
    ['comment lines among continuations', 'FROM alpine\nRUN a \\\n# one\n #two\n  # three\n\tb \\ \n#\n c\n', false],
    ['escape=` with a backslash path', '# escape=`\nFROM mcr.microsoft.com/windows\nCOPY C:\\a\\b C:\\c\nRUN echo a `\n  b\n', true],
  ];
  for (const [name, text] of cases) {
    it(`agrees with the library: ${name}`, () => {
      compareAll(text, name);
    });
  }
  it('finds positions as the document does, for offsets in increasing order and any other', () => {
    const next = random(7);
    const pieces = ['a', 'bc', '\n', '\r', '\r\n', '\n\n', '\r\r\n'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let k = Math.floor(next() * 12); k >= 0; k--) text += pieces[Math.floor(next() * pieces.length)];
      const doc = TextDocument.create('', '', 0, text);
      const at = positionCursor(doc);
      for (let o = -2; o <= text.length + 2; o += 1 + Math.floor(next() * 2)) assert.deepEqual(at(o), doc.positionAt(o), `${JSON.stringify(text)} at ${o}`);
      const back = positionCursor(doc);
      for (let o = text.length + 1; o >= -1; o--) assert.deepEqual(back(o), doc.positionAt(o), `${JSON.stringify(text)} at ${o}, going back`);
    }
  });

  it('builds values without the escapes and ranges that end at the escape character', () => {
    const d = parse('FROM alpine\nRUN echo a\\$b x\\\n  c\\d\n')!;
    assert.deepEqual(argumentScans(d.getInstructions()[1]).own?.map((a) => [a.value, a.range.start, a.range.end]), [
      ['echo', { line: 1, character: 4 }, { line: 1, character: 8 }],
      ['a\\$b', { line: 1, character: 9 }, { line: 1, character: 13 }],
      ['x', { line: 1, character: 14 }, { line: 1, character: 15 }],
      ['cd', { line: 2, character: 2 }, { line: 2, character: 5 }],
    ]);
  });
});

describe('parse: variables', () => {
  it('an argument without a $ has none, as the library finds; the others are the library\'s', function () {
    this.timeout(60000);
    let without = 0;
    let withDollar = 0;
    for (const f of fs.readdirSync(CORPUS).filter((x) => !x.endsWith('.tsv')).slice(0, 300)) {
      for (const instr of parse(fs.readFileSync(path.join(CORPUS, f), 'utf8'))!.getInstructions()) {
        const self = instr as unknown as { parseVariables(offset: number, text: string): unknown[] };
        for (const a of instr.getArguments()) {
          const text = a.getValue();
          const library = libraryParseVariables.call(instr, 0, text) as unknown[];
          assert.equal(JSON.stringify(self.parseVariables(0, text)), JSON.stringify(library), `${f}: ${text}`);
          if (text.includes('$')) withDollar++;
          else {
            assert.equal(library.length, 0);
            without++;
          }
        }
      }
    }
    assert.ok(without > 10000 && withDollar > 500, `${without} arguments without a $, ${withDollar} with`);
  });
});

describe('parse: the BOM test', () => {
  it('answers as the library for the first characters a text can have', () => {
    const samples = ['', '\ufeff', '\ufeffFROM', 'F', '#', ' ', '\n', '\r', '\u00ef', '\ufffe', '\ud800', '\udc00', '\ud83d\ude00', '\u00bb', '\uefbb'];
    for (let c = 0; c < 0x10000; c += 97) samples.push(String.fromCharCode(c));
    for (const s of samples) assert.equal(Util.isUTF8BOM(s), libraryIsUTF8BOM(s), JSON.stringify(s));
    assert.equal(Util.isUTF8BOM('\ufeff'), true);
  });

  it('a text that starts with a BOM parses as before', () => {
    const d = parse('\ufeffFROM alpine\nRUN x\n');
    assert.deepEqual(d?.getInstructions().map((i) => [i.getKeyword(), i.getRange()]), [
      ['FROM', { start: { line: 0, character: 1 }, end: { line: 0, character: 12 } }],
      ['RUN', { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }],
    ]);
  });
});

describe('parse: the validator reads the parsed tree and its line offsets', () => {
  it('gives the same problems inside withParsed as on its own, over the corpus (incremental and library parses)', function () {
    this.timeout(60_000);
    const files = fs.readFileSync(path.join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
    let shared = 0;
    for (const f of files.slice(0, 150)) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
      const alone = JSON.stringify(validate(text));
      for (const dockerfile of [parseState(text).dockerfile, parse(text)!]) {
        const offsets = (dockerfile as unknown as { document: { _lineOffsets?: unknown } }).document._lineOffsets;
        if (Array.isArray(offsets)) {
          const made = withParsed(dockerfile, text, () => TextDocument.create('', '', 0, text)) as unknown as { _lineOffsets?: unknown };
          assert.equal(made._lineOffsets, offsets, f);
          shared++;
        }
        assert.equal(JSON.stringify(withParsed(dockerfile, text, () => validate(text))), alone, f);
      }
    }
    assert.ok(shared > 250, `line offsets shared in ${shared} validations`);
  });
});

describe('parse: heredocs of a continuation line that starts with an escaped #', () => {
  // dockerfile-ast's scan threw on these (found by the differential run on a real Dockerfile)
  const cases: [string, number][] = [
    ['FROM debian:12\nRUN echo \\\n\\#y\n', 0],
    ['FROM debian:12\nCOPY x \\\n\\#y\n', 0],
    ['FROM debian:12\nCOPY <<EOF /x \\\n\\#y\nhello\nEOF\n', 1],
  ];

  it('getHeredocs answers as the library over the corpus (and random heredoc texts) wherever the library answers', function () {
    this.timeout(60000);
    const next = random(11);
    const texts = fs.readdirSync(CORPUS).filter((x) => !x.endsWith('.tsv')).map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));
    const pieces = ['<<EOF', '<<-EOT', "<<'X'", ' ', '\n', 'EOF\n', 'EOT\n', 'X\n', 'a', '\\\n', '#', 'cat', ' > /f'];
    for (let n = 0; n < 3000; n++) {
      let body = '';
      for (let k = Math.floor(next() * 16); k >= 0; k--) body += pieces[Math.floor(next() * pieces.length)];
      texts.push(`FROM alpine\n${n % 2 ? 'RUN' : 'COPY'} ${body}\nRUN x\n`);
    }
    let found = 0;
    for (const text of texts) {
      for (const instr of parse(text)!.getInstructions()) {
        let library: unknown[];
        try {
          library = libraryHeredocs.call(instr);
        } catch {
          continue;
        }
        const own = (instr as unknown as { getHeredocs(): unknown[] }).getHeredocs();
        assert.equal(JSON.stringify(own), JSON.stringify(library), text);
        found += library.length;
      }
    }
    assert.ok(found > 500, `${found} heredocs compared`);
  });

  it('getHeredocs answers: none where the library threw, the real one otherwise', () => {
    for (const [text, n] of cases) {
      const instructions = parse(text)!.getInstructions() as unknown as { getHeredocs(): unknown[] }[];
      assert.equal(instructions[1].getHeredocs().length, n, text);
    }
  });

  it('the cache inputs, explain and the stage lens of such a file do not throw', () => {
    for (const [text] of cases) {
      const model = analyze(text, {}).model!;
      const view = new ContextView({});
      assert.equal(stageInputs(model, view)[0].steps.length, 2, text);
      assert.equal(stageSummaries(model, view).length, 1);
      assert.ok(explain({ ...model, needed: new Set([0]) }, view).steps.length >= 2);
    }
  });
});
