#!/usr/bin/env node
// Seeded fuzzer of the core: mutations of the real corpus and odd inputs, checked against the
// invariants in scripts/fuzz/check.ts. A violating input is written to
// test/fixtures/fuzz-crashes/<hash>.Dockerfile (with <hash>.json: seed, index, kind, violations).
//
//   npm run fuzz -- --count 100000 --seed 1 [--from 0] [--no-huge] [--fix-all-every 10]
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundle, root } from './bench/build-core.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const count = Number(opt('count', 1000));
const seed = Number(opt('seed', 1));
const from = Number(opt('from', 0));
const huge = !argv.includes('--no-huge');
const fixAllEvery = Number(opt('fix-all-every', 10));
const CRASHES = path.join(root, 'test/fixtures/fuzz-crashes');
/** Inputs larger than this are not written out: their (seed, index) re-makes them. */
const MAX_WRITTEN = 256 * 1024;

const fuzz = await bundle('scripts/fuzz/entry.ts', 'dist/fuzz-core.js');
const dir = path.resolve(root, '../shared/corpus/real');
const corpus = fs.readdirSync(dir).filter((f) => f !== 'INDEX.tsv').sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

const started = performance.now();
const byKind = new Map();
const byInvariant = new Map();
const found = [];
let slowest = { ms: 0 };
let chars = 0;
for (let index = from; index < from + count; index++) {
  const input = fuzz.makeInput(corpus, seed, index, huge);
  const kind = input.kind.replace(/:.*/, (m) => (input.kind.startsWith('odd') ? m : ''));
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  chars += input.text.length;
  const t = performance.now();
  let violations = fuzz.checkInput(input.text, { fixAll: fixAllEvery > 0 && index % fixAllEvery === 0, maxFixReanalyses: 2 });
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { ms, index, kind: input.kind, chars: input.text.length };
  // a slow input is confirmed once more before it counts (the machine may be busy)
  if (violations.some((v) => v.invariant === 'slow')) {
    const again = fuzz.checkInput(input.text, { maxFixReanalyses: 0 });
    if (!again.some((v) => v.invariant === 'slow')) violations = violations.filter((v) => v.invariant !== 'slow');
  }
  if (violations.length) {
    const hash = crypto.createHash('sha256').update(input.text).digest('hex').slice(0, 16);
    fs.mkdirSync(CRASHES, { recursive: true });
    if (input.text.length <= MAX_WRITTEN) fs.writeFileSync(path.join(CRASHES, `${hash}.Dockerfile`), input.text);
    fs.writeFileSync(path.join(CRASHES, `${hash}.json`), JSON.stringify({ seed, index, kind: input.kind, chars: input.text.length, written: input.text.length <= MAX_WRITTEN, violations }, null, 2) + '\n');
    for (const v of violations) byInvariant.set(v.invariant, (byInvariant.get(v.invariant) ?? 0) + 1);
    found.push({ index, hash, kind: input.kind, violations });
    console.log(`[${index}] ${input.kind}: ${violations.map((v) => `${v.invariant}: ${v.detail.split('\n')[0]}`).join(' | ')} → ${hash}`);
  }
  if ((index - from + 1) % 1000 === 0) {
    const s = (performance.now() - started) / 1000;
    console.log(`… ${index - from + 1}/${count} inputs, ${found.length} violating, ${s.toFixed(0)} s`);
  }
}
const seconds = (performance.now() - started) / 1000;
const summary = {
  command: `npm run fuzz -- --count ${count} --seed ${seed}${from ? ` --from ${from}` : ''}${huge ? '' : ' --no-huge'}`,
  seed, from, count, seconds: Math.round(seconds), megabytes: Math.round(chars / 1e5) / 10,
  violatingInputs: found.length, byInvariant: Object.fromEntries(byInvariant), byKind: Object.fromEntries([...byKind].sort()),
  slowest: { ...slowest, ms: Math.round(slowest.ms) },
};
console.log(JSON.stringify(summary, null, 2));
process.exitCode = found.length ? 1 : 0;
