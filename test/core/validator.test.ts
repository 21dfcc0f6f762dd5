import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { libraryValidatorProblems, validatorProblems } from '../../server/src/core/support/validator';
import { applyEdit, randomEdit } from '../../scripts/differential/edits';
import { rngFor } from '../../scripts/fuzz/inputs';

const corpus = path.resolve(__dirname, '../../../shared/corpus/real');
const files = fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);

const problemsOf = (a: Analysis) => JSON.stringify(validatorProblems(a.model!));
const library = (text: string) => JSON.stringify(libraryValidatorProblems(text));

/** Analyses each text in turn, each from the one before, and checks the validator's problems against the library's. */
function sequence(texts: string[]): Analysis {
  let previous = analyze(texts[0], {}, {}, { incremental: true });
  assert.equal(problemsOf(previous), library(texts[0]), texts[0]);
  for (const text of texts.slice(1)) {
    previous = analyze(text, {}, {}, { previous, incremental: true });
    assert.equal(problemsOf(previous), library(text), text);
  }
  return previous;
}

/** Counts the library's per-instruction checks while `fn` runs. */
function countChecks(fn: () => void): number {
  const proto = (Validator as unknown as { prototype: Record<string, (...args: unknown[]) => unknown> }).prototype;
  const original = proto.validateInstruction;
  let calls = 0;
  proto.validateInstruction = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  try {
    fn();
  } finally {
    proto.validateInstruction = original;
  }
  return calls;
}

describe('validator (dockerfile-utils, answers kept on reused instructions)', function () {
  this.timeout(120_000);

  it('gives the library\'s own problems for every corpus file', () => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8');
      assert.equal(problemsOf(analyze(text, {}, {}, { incremental: true })), library(text), f);
    }
  });

  it('gives the library\'s own problems after random edits (incremental analyses)', () => {
    let edits = 0;
    for (let f = 0; edits < 1200; f = (f + 11) % files.length) {
      const r = rngFor(7, f);
      let text = fs.readFileSync(path.join(corpus, files[f]), 'utf8');
      const texts = [text];
      for (let k = 0; k < 15; k++, edits++) texts.push((text = applyEdit(text, randomEdit(text, r))));
      sequence(texts);
    }
  });

  it('an EXPOSE or STOPSIGNAL with a variable is checked again when the variable changes', () => {
    sequence(['FROM alpine:3.20\nENV P=80\nEXPOSE $P\n', 'FROM alpine:3.20\nENV P=ab\nEXPOSE $P\n', 'FROM alpine:3.20\nENV P=81\nEXPOSE $P\n']);
    sequence(['FROM alpine:3.20\nARG S=SIGTERM\nSTOPSIGNAL $S\n', 'FROM alpine:3.20\nARG T=SIGTERM\nSTOPSIGNAL $S\n', 'FROM alpine:3.20\nARG S=9\nSTOPSIGNAL $S\n']);
  });

  it('a FROM whose base is a variable is checked again when the global ARGs change', () => {
    sequence(['ARG BASE=alpine\nFROM $BASE\nRUN x\n', 'ARG BASX=alpine\nFROM $BASE\nRUN x\n', 'ARG BASE\nFROM $BASE\nRUN x\n', 'FROM $BASE\nRUN x\n', 'ARG BASE=alpine\nFROM $BASE\nRUN x\n']);
  });

  it('duplicate stage names, instructions before the first FROM, ONBUILD triggers and the ignore comment follow edits', () => {
    sequence([
      'FROM a AS x\nRUN a\nFROM b AS y\nRUN b\n',
      'FROM a AS x\nRUN a\nFROM b AS x\nRUN b\n',
      'FROM a AS x\nRUN a\nFROM b AS X\nRUN b\n',
      'RUN early\nFROM a AS x\nRUN a\nFROM b AS X\nRUN b\n',
      'ARG A\nFROM a AS x\nONBUILD FROM y\nFROM b AS X\nRUN b\n',
      'ARG A\nFROM a AS x\n# dockerfile-utils: ignore\nONBUILD FROM y\nFROM b AS X\nRUN b\n',
      'ARG A\nFROM a AS x\n# dockerfile-utils: ignore\nONBUILD MAINTAINER y\nFROM b AS X\nEXPOSE 80/udpx\n',
      'ARG A\n',
      '',
    ]);
  });

  it('checks only the instructions an edit touched', () => {
    const stage = (i: number) => `FROM alpine:3.20 AS s${i}\nWORKDIR /app${i}\nCOPY . .\nRUN make ${i}\nEXPOSE 80${i}\nCMD ["x"]\n`;
    const text = Array.from({ length: 20 }, (_, i) => stage(i)).join('\n');
    const previous = analyze(text, {}, {}, { incremental: true });
    const edited = text.replace('RUN make 7', 'RUN make 77');
    let next: Analysis | undefined;
    const calls = countChecks(() => {
      next = analyze(edited, {}, {}, { previous, incremental: true });
      validatorProblems(next.model!);
    });
    assert.equal(calls, 1);
    assert.equal(problemsOf(next!), library(edited));
  });

  it('decides a stage name as the library\'s pattern does, without its exponential backtracking', () => {
    const libraryPattern = /^[a-z]([a-z0-9_\-.]*)*$/;
    const flagged = (name: string) => analyze(`FROM alpine:3.20 AS ${name}\n`).findings.some((f) => f.rule === 'syntax/invalid-stage-name');
    // short names, where the library's pattern is quick: the same verdicts
    for (const name of ['build', 'B-1.x_y', 'a.b-c_d', '1abc', '_a', '-a', 'a=b', 'a$b', 'a/b', 'a:b', 'ünïcode', 'a'.repeat(12) + '=']) {
      assert.equal(flagged(name), !libraryPattern.test(name.toLowerCase()), name);
    }
    // a long name with a character outside the class (a FROM continued onto a LABEL line): flagged, with the library's message
    const text = 'FROM alpine:3.20 \\\nLABEL ORG.OPENCONTAINERS.IMAGE.TITLE=CADDY\n';
    const found = analyze(text).findings.filter((f) => f.rule === 'syntax/invalid-stage-name');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /org\.opencontainers\.image\.title=caddy/);
  });
});
