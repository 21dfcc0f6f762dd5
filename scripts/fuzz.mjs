#!/usr/bin/env node
// Seeded fuzzer of the core: mutations of the real corpus and odd inputs, checked against the
// invariants in scripts/fuzz/check.ts. A violating input is written to
// test/fixtures/fuzz-crashes/<hash>.Dockerfile, with <hash>.json (seed, index, kind, violations).
//
//   npm run fuzz -- --count 100000 --seed 1 [--workers 2] [--from 0] [--no-huge]
//                   [--fix-all-every 50] [--reanalyse-every 5] [--hang-seconds 900]
//
// Inputs are checked in worker processes (one per --workers) with a capped heap. A worker that
// dies (out of memory, stack) or stops making progress (a hang) is recorded as a violation of
// the input it was on, and a new worker carries on after it.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
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
const fixAllEvery = Number(opt('fix-all-every', 50));
const reanalyseEvery = Number(opt('reanalyse-every', 5));
const workers = Math.max(1, Number(opt('workers', 1)));
const hangSeconds = Number(opt('hang-seconds', 900));
const workerMode = argv.includes('--worker');
const CRASHES = path.join(root, 'test/fixtures/fuzz-crashes');
const BUNDLE = 'dist/fuzz-core.js';
/** Inputs larger than this are not written out: their (seed, index) re-makes them. */
const MAX_WRITTEN = 256 * 1024;

const dir = path.resolve(root, '../shared/corpus/real');
const corpus = fs.readdirSync(dir).filter((f) => f !== 'INDEX.tsv').sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const fuzz = workerMode ? createRequire(import.meta.url)(path.join(root, BUNDLE)) : await bundle('scripts/fuzz/entry.ts', BUNDLE);

/** Writes a violating input and its description; returns its hash. */
function save(index, input, violations) {
  const hash = crypto.createHash('sha256').update(input.text).digest('hex').slice(0, 16);
  fs.mkdirSync(CRASHES, { recursive: true });
  const written = input.text.length <= MAX_WRITTEN;
  if (written) fs.writeFileSync(path.join(CRASHES, `${hash}.Dockerfile`), input.text);
  fs.writeFileSync(path.join(CRASHES, `${hash}.json`), JSON.stringify({ seed, index, kind: input.kind, chars: input.text.length, written, violations }, null, 2) + '\n');
  return hash;
}


// ---- a worker: checks [from, from + count), reporting progress on stdout as JSON lines --------------
if (workerMode) {
  const send = (o) => process.stdout.write(JSON.stringify(o) + '\n');
  let slowest = { ms: 0 };
  for (let index = from; index < from + count; index++) {
    const input = fuzz.makeInput(corpus, seed, index, huge);
    send({ at: index, kind: input.kind, chars: input.text.length });
    const t = performance.now();
    let violations = fuzz.checkInput(input.text, { fixAll: fixAllEvery > 0 && index % fixAllEvery === 0, maxFixReanalyses: index % reanalyseEvery === 0 ? 1 : 0 });
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms: Math.round(ms), index, kind: input.kind, chars: input.text.length };
    // a slow input is confirmed once more before it counts (the machine may be busy)
    if (violations.some((v) => v.invariant === 'slow')) {
      const again = fuzz.checkInput(input.text, { maxFixReanalyses: 0 });
      if (!again.some((v) => v.invariant === 'slow')) violations = violations.filter((v) => v.invariant !== 'slow');
    }
    if (violations.length) send({ violation: index, kind: input.kind, hash: save(index, input, violations), violations });
  }
  send({ done: true, slowest });
  process.exit(0);
}

// ---- the parent: shards, restarts after a dead or hung worker, sums up --------------------------------
const started = performance.now();
const found = [];
const byKind = {};
let chars = 0;
let checked = 0;
let slowest = { ms: 0 };
const log = (s) => console.log(s);

function runSegment(w, start, end) {
  return new Promise((resolve) => {
    const args = ['--max-old-space-size=1536', process.argv[1], '--worker', '--count', String(end - start), '--seed', String(seed), '--from', String(start),
      '--fix-all-every', String(fixAllEvery), '--reanalyse-every', String(reanalyseEvery)];
    if (!huge) args.push('--no-huge');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let at = start - 1;
    let current = null;
    let lastProgress = performance.now();
    let stderr = '';
    let buf = '';
    let done = false;
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let m;
        try {
          m = JSON.parse(line);
        } catch {
          continue;
        }
        if (m.at !== undefined) {
          at = m.at;
          current = m;
          lastProgress = performance.now();
          checked++;
          const k = m.kind.startsWith('odd:') ? m.kind : m.kind.replace(/:.*/, '');
          byKind[k] = (byKind[k] ?? 0) + 1;
          chars += m.chars;
          if (checked % 5000 === 0) log(`… ${checked}/${count} inputs, ${found.length} violating, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        } else if (m.violation !== undefined) {
          found.push(m);
          log(`[${m.violation}] ${m.kind}: ${m.violations.map((v) => `${v.invariant}: ${v.detail.split('\n')[0]}`).join(' | ')} → ${m.hash}`);
        } else if (m.done) {
          done = true;
          if (m.slowest.ms > slowest.ms) slowest = m.slowest;
        }
      }
    });
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > hangSeconds * 1000) {
        stderr += `\nno progress for ${hangSeconds} s`;
        child.kill('SIGKILL');
      }
    }, 5000);
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (done) return resolve();
      // the worker died on input `at`: record it and carry on after it
      const index = Math.max(at, start);
      const input = fuzz.makeInput(corpus, seed, index, huge);
      const reason = /heap out of memory/.test(stderr) ? 'out of memory' : /no progress/.test(stderr) ? `hang (no progress for ${hangSeconds} s)` : `worker died (${signal ?? `exit ${code}`})`;
      const violations = [{ invariant: 'crash', detail: `${reason}: ${stderr.split('\n').filter((l) => /Error|error|progress/.test(l)).slice(0, 3).join(' / ')}` }];
      const hash = save(index, input, violations);
      found.push({ violation: index, kind: input.kind, hash, violations });
      log(`[${index}] ${current?.kind ?? input.kind}: crash: ${reason} → ${hash}`);
      if (index + 1 < end) resolve(runSegment(w, index + 1, end));
      else resolve();
    });
  });
}

const size = Math.ceil(count / workers);
await Promise.all(Array.from({ length: workers }, (_, w) => {
  const start = from + w * size;
  const end = Math.min(from + count, start + size);
  return start < end ? runSegment(w, start, end) : Promise.resolve();
}));

const byInvariant = {};
for (const f of found) for (const v of f.violations) byInvariant[v.invariant] = (byInvariant[v.invariant] ?? 0) + 1;
const summary = {
  command: `npm run fuzz -- --count ${count} --seed ${seed}${workers > 1 ? ` --workers ${workers}` : ''}${from ? ` --from ${from}` : ''}${huge ? '' : ' --no-huge'}`,
  seed, from, count, checked, seconds: Math.round((performance.now() - started) / 1000), megabytes: Math.round(chars / 1e5) / 10,
  violatingInputs: found.length, byInvariant, violations: found.map((f) => ({ index: f.violation, kind: f.kind, hash: f.hash, invariants: [...new Set(f.violations.map((v) => v.invariant))] })),
  byKind: Object.fromEntries(Object.entries(byKind).sort()), slowest,
};
console.log(JSON.stringify(summary, null, 2));
process.exitCode = found.length ? 1 : 0;
