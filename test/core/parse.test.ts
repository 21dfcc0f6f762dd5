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
import { argumentScans, libraryIsUTF8BOM, parse, withParsed } from '../../server/src/core/parse';
import { parseState } from '../../server/src/core/incremental-parse';
import { analyze } from '../../server/src/core/analyze';
import { ContextView } from '../../server/src/core/context';
import { explain, stageSummaries } from '../../server/src/core/explain';
import { stageInputs } from '../../server/src/core/model/cache-keys';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/real');

function compareAll(text: string, label: string): { plain: number; library: number } {
  const d = parse(text);
  assert.ok(d, `${label}: parses`);
  let plain = 0;
  let library = 0;
  for (const instr of d.getInstructions()) {
    const scans = argumentScans(instr);
    if (scans.plain) {
      plain++;
      assert.deepEqual(scans.plain, scans.library, `${label}: line ${instr.getRange().start.line + 1}: ${instr.getKeyword()}`);
    } else {
      library++;
    }
  }
  return { plain, library };
}

describe('parse: the fast argument scan', () => {
  it('agrees with the library on every instruction of the corpus, and applies to most of them', function () {
    this.timeout(60000);
    const files = fs.readdirSync(CORPUS).filter((f) => !f.endsWith('.tsv'));
    assert.ok(files.length > 500, 'the corpus is there');
    let plain = 0;
    let library = 0;
    for (const f of files) {
      const n = compareAll(fs.readFileSync(path.join(CORPUS, f), 'utf8'), f);
      plain += n.plain;
      library += n.library;
    }
    assert.ok(plain > library, `fast path taken for ${plain} instructions, library for ${library}`);
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
    ['continuation lines (library)', 'FROM alpine\nRUN echo a \\\n  b \\\n# comment\n  c\n', false],
    ['escaped characters (library)', 'FROM alpine\nRUN echo a\\ b \\$x\n', false],
    ['escape=` with a backslash path', '# escape=`\nFROM mcr.microsoft.com/windows\nCOPY C:\\a\\b C:\\c\nRUN echo a `\n  b\n', true],
  ];
  for (const [name, text] of cases) {
    it(`agrees with the library: ${name}`, () => {
      compareAll(text, name);
    });
  }
  it('steps aside where the escape character appears', () => {
    const d = parse('FROM alpine\nRUN echo a \\\n  b\n')!;
    assert.equal(argumentScans(d.getInstructions()[1]).plain, undefined);
    assert.ok(argumentScans(d.getInstructions()[0]).plain);
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
