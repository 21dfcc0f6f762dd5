/**
 * A seeded slice of the fuzzer (scripts/fuzz.mjs): 5,000 inputs — mutations of the real corpus
 * and odd inputs — checked against the invariants of scripts/fuzz/check.ts, and every input
 * the fuzzer ever caught (test/fixtures/fuzz-crashes/) as a regression test.
 *
 *   npx mocha --config test/fuzz/.mocharc.json   (FUZZ_COUNT / FUZZ_SEED override the slice)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Violation } from '../../scripts/fuzz/check';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/real');
const CRASHES = path.resolve(__dirname, '../fixtures/fuzz-crashes');
const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 7);
const CHUNK = 500;

const corpus = fs.existsSync(CORPUS)
  ? fs.readdirSync(CORPUS).filter((f) => f !== 'INDEX.tsv').sort().map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'))
  : [];
const show = (vs: Violation[]) => vs.map((v) => `${v.invariant}: ${v.detail}`).join('\n');

describe('fuzz: seeded slice', function () {
  this.timeout(300000);
  before(function () {
    if (!corpus.length) throw new Error(`the corpus is missing: ${CORPUS}`);
  });
  for (let from = 0; from < COUNT; from += CHUNK) {
    const to = Math.min(COUNT, from + CHUNK);
    it(`inputs ${from}–${to - 1} of seed ${SEED}: analyze never throws, ranges inside, fixes apply and re-analyse`, () => {
      // each chunk in a child process with a capped heap and a time limit: a hang or an exhausted heap fails this chunk only
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', '--require', require.resolve('tsx/cjs'), path.join(__dirname, 'run-slice.ts'), String(SEED), String(from), String(to)],
        { encoding: 'utf8', timeout: 280000, maxBuffer: 64 * 1024 * 1024 });
      const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { at?: number; done?: boolean; index?: number; kind?: string; chars?: number; violations?: Violation[] });
      const failures = lines.filter((l) => l.violations).map((l) => `input ${l.index} (${l.kind}, ${l.chars} chars; re-make with makeInput(corpus, ${SEED}, ${l.index})):\n${show(l.violations!)}`);
      if (!lines.some((l) => l.done)) {
        const at = [...lines].reverse().find((l) => l.at !== undefined)?.at;
        const why = r.error ? String(r.error.message) : /heap out of memory/.test(r.stderr) ? 'out of memory' : r.stderr.split('\n').slice(0, 8).join('\n');
        failures.push(`input ${at} (re-make with makeInput(corpus, ${SEED}, ${at})) crashed the checker: ${why}; the inputs after it in this chunk were not checked`);
      }
      assert.equal(failures.length, 0, failures.join('\n\n'));
    });
  }
});

describe('fuzz: regressions (test/fixtures/fuzz-crashes)', () => {
  const entries = fs.existsSync(CRASHES) ? fs.readdirSync(CRASHES).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of entries) {
    const meta = JSON.parse(fs.readFileSync(path.join(CRASHES, f), 'utf8')) as { kind: string; note?: string };
    it(`${f.replace(/\.json$/, '')} (${meta.kind})${meta.note ? `: ${meta.note}` : ''}`, function () {
      this.timeout(200000);
      // in a child process with a capped heap and a time limit: a hang or an exhausted heap fails this test only
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', '--require', require.resolve('tsx/cjs'), path.join(__dirname, 'check-one.ts'), path.join(CRASHES, f)], { encoding: 'utf8', timeout: 180000 });
      if (r.status !== 0) {
        const why = r.error ? String(r.error.message) : /heap out of memory/.test(r.stderr) ? 'out of memory' : r.stderr.split('\n').slice(0, 12).join('\n');
        assert.fail(`checking the input crashed (${r.signal ?? `exit ${r.status}`}): ${why}`);
      }
      const v = JSON.parse(r.stdout) as Violation[];
      assert.equal(v.length, 0, show(v));
    });
  }
});
