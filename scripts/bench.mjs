#!/usr/bin/env node
// Benchmark: the core over the real corpus and generated files, the language server over
// stdio, and the CLI; each figure beside its budget. Writes bench-results.json.
//
//   npm run bench                 (builds first)
//   node scripts/bench.mjs [--quick] [--json out.json] [--only core,lsp,features,cli]
//
// Sized for a 2-core machine: a full run takes about 1–2 minutes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { loadCore, root } from './bench/build-core.mjs';
import { generateDockerfile } from './bench/generate.mjs';
import { BenchClient } from './bench/lsp-client.mjs';
import { benchFeatures } from './bench/features.mjs';
import { bigInput } from './bench/big-input.mjs';
import { serverNodeOptions } from './bench/node-options.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const QUICK = flag('quick');
const ONLY = new Set(option('only', 'core,lsp,features,cli').split(','));
const OUT = path.resolve(root, option('json', 'bench-results.json'));
const CORPUS = path.resolve(root, '../shared/corpus/real');
const SERVER = path.join(root, 'dist/server.js');
const BIN = path.join(root, 'bin/stagecraft.js');

const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function quantile(values, q) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const stats = (values) => ({ n: values.length, p50: quantile(values, 0.5), p95: quantile(values, 0.95), max: Math.max(...values) });

// ---- results table ----------------------------------------------------------------------------
const results = [];
/** Records a figure; `budget` (same unit) marks it pass/fail. */
function record(group, name, value, unit, budget, extra = {}) {
  const r = { group, name, value: round(value), unit, budget: budget ?? null, ok: budget == null ? null : value <= budget, ...extra };
  results.push(r);
  const b = budget == null ? '' : `  (budget ≤ ${+budget.toPrecision(3)} ${unit}: ${r.ok ? 'ok' : 'MISSED'})`;
  console.log(`  ${name.padEnd(58)} ${fmt(value).padStart(9)} ${unit}${b}`);
  return r;
}
const round = (v) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : v);
const fmt = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : String(v));
const section = (title) => console.log(`\n${title}`);

// ---- the corpus, laid out as in its repositories ----------------------------------------------
function readCorpus() {
  const index = fs.readFileSync(path.join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  return index.map(([file, repo, rel]) => ({ file, repo, rel, text: fs.readFileSync(path.join(CORPUS, file), 'utf8') }));
}

/** Copies the corpus into a temp dir as `<owner>__<repo>/<path>`, so each file has a real-looking build context. */
function layOut(corpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-bench-'));
  for (const c of corpus) {
    const target = path.join(dir, c.repo.replace('/', '__'), c.rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, c.text);
    c.path = target;
  }
  return dir;
}

// ---- core ---------------------------------------------------------------------------------------
async function benchCore(corpus) {
  section('Core (in process, bundled like the server)');
  const core = await loadCore();
  // one warm-up pass: the first pass also pays for JIT compilation
  let cold = cpuMs();
  for (const c of corpus) core.analyze(c.text);
  cold = cpuMs() - cold;
  const per = [];
  const parseOnly = [];
  let internal = 0;
  const passes = QUICK ? 1 : 2;
  for (let pass = 0; pass < passes; pass++) {
    for (const c of corpus) {
      let t = now();
      core.parse(c.text);
      parseOnly.push(now() - t);
      t = now();
      const a = core.analyze(c.text);
      per.push(now() - t);
      if (pass === 0) internal += a.internalErrors.length;
    }
  }
  const s = stats(per);
  const p = stats(parseOnly);
  record('core', `corpus (${corpus.length} files): first pass, CPU (cold JIT)`, cold, 'ms');
  record('core', 'corpus: analyze per file p50', s.p50, 'ms');
  record('core', 'corpus: analyze per file p95', s.p95, 'ms');
  record('core', 'corpus: analyze per file max', s.max, 'ms');
  record('core', 'corpus: parse only per file p50 (the floor)', p.p50, 'ms');
  record('core', 'corpus: parse only per file p95', p.p95, 'ms');
  record('core', 'corpus: internal errors (rules that threw)', internal, '', 0);

  // per-rule cost over the corpus (where the time goes)
  const ruleCost = new Map();
  let modelMs = 0;
  for (const c of corpus) {
    const d = core.parse(c.text);
    if (!d) continue;
    const t = now();
    const model = core.buildModel(d, c.text, {}, new core.LineIndex(c.text));
    modelMs += now() - t;
    const check = core.readCheckDirective(d, {});
    const view = new core.ContextView({});
    for (const rule of core.rules.values()) {
      if (core.effectiveSeverity(rule, {}, check) === 'off') continue;
      const t0 = now();
      try {
        const ctx = { model, context: view, check, report() {} };
        if (rule.checkStage) for (const stage of model.stages) rule.checkStage(ctx, stage);
        else rule.check(ctx);
      } catch {
        /* counted above */
      }
      ruleCost.set(rule.id, (ruleCost.get(rule.id) ?? 0) + now() - t0);
    }
  }
  const top = [...ruleCost].sort((a, b) => b[1] - a[1]).slice(0, 8);
  record('core', 'corpus: stage model, total', modelMs, 'ms');
  console.log(`  most expensive rules over the corpus: ${top.map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}`);

  for (const lines of [2000, 10000]) {
    const text = generateDockerfile(lines, 7);
    const runs = QUICK ? 3 : lines > 5000 ? 5 : 10;
    const times = [];
    const parse = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      let t = now();
      core.parse(text);
      parse.push(now() - t);
      t = now();
      const a = core.analyze(text);
      times.push(now() - t);
      findings = a.findings.length;
      internal = a.internalErrors.length;
    }
    record('core', `generated ${lines}-line file: analyze p50 (${findings} findings)`, quantile(times, 0.5), 'ms');
    record('core', `generated ${lines}-line file: parse only p50`, quantile(parse, 0.5), 'ms');
    if (internal) record('core', `generated ${lines}-line file: internal errors`, internal, '', 0);
  }
  return { top: Object.fromEntries(top.map(([k, v]) => [k, round(v)])) };
}

// ---- language server ----------------------------------------------------------------------------
/** The Node options an editor starts the server with: those on the `#!` line of its bin (the VS Code client passes the same). */

// ---- language server (measurements) ----------------------------------------------------------------------------
const PEER_BIN = path.join(root, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver');

/**
 * Where keystrokes are typed: at the end of the WORKDIR line of a stage in the middle of the file,
 * and of the first stage (which later stages copy from and build on). Each keystroke adds a
 * character to the path, so every version is a new instruction text.
 */
function typingPlaces(text) {
  const lines = text.split('\n');
  const workdirs = lines.map((l, i) => (/^WORKDIR \/src\/part\d+$/.test(l) ? i : -1)).filter((i) => i >= 0);
  const mid = workdirs.find((i) => i >= lines.length / 2) ?? workdirs[workdirs.length - 1];
  return { 'in the middle of a stage': { line: mid, character: lines[mid].length }, 'in the first stage': { line: workdirs[0], character: lines[workdirs[0]].length } };
}

/** Median of each step of Stagecraft's timing trace over `records`. */
function traceBreakdown(records) {
  const steps = {};
  for (const r of records) {
    for (const [k, v] of Object.entries(r.steps)) (steps[k] ??= []).push(v);
    (steps['server CPU'] ??= []).push(r.cpu);
  }
  return Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, round(quantile(v, 0.5))]));
}

/**
 * Types `n` keystrokes one at a time at `pos`, each waiting for its diagnostics. Stagecraft's
 * diagnostics carry the document version; the peer's do not, so for it the wait is for the next
 * publication after the change (it publishes once per change).
 */
async function typeKeystrokes(client, uri, state, pos, n, versioned) {
  const times = [];
  // the first keystrokes warm the JIT up (an editor session types for longer than this run): not counted
  for (let i = 0; i < n + WARM_UP; i++) {
    state.version++;
    const next = versioned ? null : client.nextDiagnostics(uri);
    const t = now();
    await client.change(uri, state.version, [{ range: { start: { ...pos, character: pos.character + i }, end: { ...pos, character: pos.character + i } }, text: 'x' }]);
    if (versioned) await client.waitForDiagnostics(uri, state.version);
    else await next;
    if (i >= WARM_UP) times.push(now() - t);
  }
  return times;
}
const WARM_UP = 20;
/** Keystrokes of the traced pass (after its own warm-up) that give the per-step breakdown. */
const TRACED = 30;

/** A burst of 50 keystrokes 50 ms apart; settle = last keystroke → the diagnostics of the last version. */
async function burst(client, uri, state, pos, versioned) {
  let last = 0;
  // the peer publishes once per change, in order: its 50th publication after the burst starts is the last change's
  let published = 0;
  const done = versioned ? null : new Promise((resolve) => {
    client.onDiagnostics = (p, at) => {
      if (p.uri === uri && ++published === 50) {
        client.onDiagnostics = undefined;
        resolve({ ...p, at });
      }
    };
  });
  for (let i = 0; i < 50; i++) {
    state.version++;
    last = now();
    await client.change(uri, state.version, [{ range: { start: { ...pos, character: pos.character + i }, end: { ...pos, character: pos.character + i } }, text: 'y' }]);
    if (i < 49) await sleep(50);
  }
  // the peer answers every change in turn: the last one's diagnostics are the last published
  const p = versioned ? await client.waitForDiagnostics(uri, state.version) : await done;
  return p.at - last;
}

async function benchServer(corpus, corpusDir) {
  const nodeOptions = serverNodeOptions();
  section(`Language server over stdio (node ${nodeOptions.join(' ')} dist/server.js --stdio), beside the peer (dockerfile-language-server-nodejs --stdio)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-bench-ws-'));
  let client = new BenchClient(SERVER, ['--stdio'], nodeOptions);
  const peer = fs.existsSync(PEER_BIN) ? new BenchClient(PEER_BIN, ['--stdio']) : null;
  if (!peer) console.log('  (the peer is not installed: npm ci installs it as a devDependency)');
  await client.initialize(pathToFileURL(dir).toString());
  await peer?.initialize(pathToFileURL(dir).toString());
  const out = { trace: {} };
  try {
    // the floor: a request the server answers without any work (no such document), i.e. the
    // round trip through both processes and the pipes; on a loaded machine it is mostly scheduling
    const floor = [];
    for (let i = 0; i < 60; i++) {
      const t = now();
      await client.request('DocumentSymbolRequest', { textDocument: { uri: 'untitled:none' } });
      if (i >= 10) floor.push(now() - t);
    }
    record('lsp', 'round trip of a no-op request p50 (transport floor)', quantile(floor, 0.5), 'ms');
    record('lsp', 'round trip of a no-op request p95', quantile(floor, 0.95), 'ms');
    for (const lines of [80, 2000, 10000]) {
      const text = generateDockerfile(lines, 11);
      const file = path.join(dir, `gen${lines}`, 'Dockerfile');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).toString();
      let t = now();
      await client.open(uri, text, 1);
      await client.waitForDiagnostics(uri, 1);
      record('lsp', `${lines} lines: didOpen → diagnostics`, now() - t, 'ms');
      const withPeer = peer && lines <= 2000;
      const peerState = { version: 1 };
      if (withPeer) {
        const first = peer.nextDiagnostics(uri);
        await peer.open(uri, text, 1);
        await first;
      }
      const state = { version: 1 };
      // enough keystrokes that a p95 is not one stall of the machine (the 10th slowest of 200), the same for both servers
      const n = QUICK ? 10 : lines >= 10000 ? 50 : 200;
      const budget = { 80: 3, 2000: 10, 10000: 60 }[lines];
      const ratio = { 80: 3, 2000: 10 }[lines];
      for (const [where, pos] of Object.entries(typingPlaces(text))) {
        // measured with the timing trace off (it is a diagnostic aid, off by default); its breakdown comes from a pass of its own
        const times = await typeKeystrokes(client, uri, state, pos, n, true);
        const s = stats(times);
        record('lsp', `${lines} lines, ${where}: keystroke → diagnostics p50`, s.p50, 'ms');
        const mine = record('lsp', `${lines} lines, ${where}: keystroke → diagnostics p95`, s.p95, 'ms', budget);
        await client.setTrace('verbose');
        client.timings.length = 0;
        await typeKeystrokes(client, uri, state, { ...pos, character: pos.character + n + WARM_UP }, TRACED, true);
        await client.setTrace('off');
        const breakdown = traceBreakdown(client.timings.slice(WARM_UP));
        out.trace[`${lines} lines, ${where}`] = breakdown;
        console.log(`${''.padEnd(62)}server steps (median ms, traced pass): ${Object.entries(breakdown).map(([k, v]) => `${k} ${fmt(v)}`).join(' · ')}`);
        if (withPeer) {
          const pt = stats(await typeKeystrokes(peer, uri, peerState, pos, n, false));
          record('peer', `${lines} lines, ${where}: keystroke → diagnostics p50 (peer)`, pt.p50, 'ms');
          record('peer', `${lines} lines, ${where}: keystroke → diagnostics p95 (peer)`, pt.p95, 'ms');
          const r = record('lsp', `${lines} lines, ${where}: Stagecraft p95 / peer p95`, mine.value / pt.p95, '×', 1 / ratio);
          r.note = `≤ 1/${ratio} of the peer`;
        }
      }

      if (!QUICK || lines === 2000) {
        const pos = typingPlaces(text)['in the middle of a stage'];
        const settle = await burst(client, uri, state, { ...pos, character: pos.character + 200 }, true);
        record('lsp', `${lines} lines: burst of 50 keystrokes @50 ms: settle`, settle, 'ms', lines === 2000 ? 20 : undefined);
        if (withPeer) record('peer', `${lines} lines: burst of 50 keystrokes @50 ms: settle (peer)`, await burst(peer, uri, peerState, { ...pos, character: pos.character + 200 }, false), 'ms');
      }

      // requests as an editor sends them: each after a keystroke, once its diagnostics are in (the
      // analysis is shared; what a request adds is its own work on the new version), and again on
      // the same version (what a repeated request, e.g. a hover that moves, costs)
      if (lines !== 80 || !QUICK) {
        const doc = text.split('\n');
        const fromLine = doc.findIndex((l, i) => i > doc.length / 2 && l.startsWith('COPY --from='));
        const diagnostic = () => (client.latest.get(uri)?.diagnostics ?? []).slice(0, 1);
        const reqs = {
          'code action': () => client.request('CodeActionRequest', { textDocument: { uri }, range: diagnostic()[0]?.range ?? { start: { line: fromLine, character: 0 }, end: { line: fromLine, character: 0 } }, context: { diagnostics: diagnostic() } }),
          CodeLens: () => client.request('CodeLensRequest', { textDocument: { uri } }),
          'document symbol': () => client.request('DocumentSymbolRequest', { textDocument: { uri } }),
          completion: () => client.request('CompletionRequest', { textDocument: { uri }, position: { line: Math.max(0, fromLine), character: 'COPY --from='.length } }),
          hover: () => client.request('HoverRequest', { textDocument: { uri }, position: { line: Math.max(0, fromLine), character: 2 } }),
        };
        const typed = typingPlaces(text)['in the middle of a stage'];
        for (const [name, send] of Object.entries(reqs)) {
          const after = [];
          const again = [];
          for (let i = 0; i < (QUICK ? 5 : 40); i++) {
            state.version++;
            await client.change(uri, state.version, [{ range: { start: typed, end: typed }, text: 'q' }]);
            await client.waitForDiagnostics(uri, state.version);
            t = now();
            await send();
            after.push(now() - t);
            t = now();
            await send();
            again.push(now() - t);
          }
          const budget = lines === 2000 && name !== 'document symbol' ? 5 : undefined;
          record('lsp', `${lines} lines: ${name} after a keystroke p95`, quantile(after, 0.95), 'ms', budget, { p50: round(quantile(after, 0.5)) });
          console.log(`${''.padEnd(62)}p50 ${fmt(quantile(after, 0.5))} ms; repeated on the same version p50 ${fmt(quantile(again, 0.5))}, p95 ${fmt(quantile(again, 0.95))} ms`);
        }
        // a fresh version: the first request computes the analysis, the others reuse it
        state.version++;
        const pos = typingPlaces(text)['in the middle of a stage'];
        await client.change(uri, state.version, [{ range: { start: pos, end: pos }, text: 'z' }]);
        t = now();
        await Promise.all(Object.values(reqs).map((send) => send()));
        record('lsp', `${lines} lines: all five requests on a new version`, now() - t, 'ms');
        await client.waitForDiagnostics(uri, state.version);
      }
      await client.close(uri);
      if (withPeer) await peer.close(uri);
      out[lines] = true;
    }

    record('lsp', 'server peak RSS (VmHWM) after the generated files', client.peakRssKb() / 1024, 'MB');
    // every corpus file open at once, in a server started for it (the RSS budget is for this workspace)
    await client.stop();
    await peer?.stop();
    const openAll = async (c, versioned) => {
      await c.initialize(pathToFileURL(corpusDir).toString());
      const t0 = now();
      const uris = corpus.map((x) => pathToFileURL(x.path).toString());
      const waits = uris.map((u) => (versioned ? c.waitForDiagnostics(u, 1, 120000) : c.nextDiagnostics(u, 120000)));
      for (let i = 0; i < corpus.length; i++) await c.open(uris[i], corpus[i].text, 1);
      await Promise.all(waits);
      return { ms: now() - t0, uris };
    };
    client = new BenchClient(SERVER, ['--stdio'], nodeOptions);
    const { ms, uris } = await openAll(client, true);
    record('lsp', `open all ${corpus.length} corpus files → all diagnostics`, ms, 'ms', 600);
    // a keystroke with all open: the work must not grow with the workspace
    const c0 = corpus.findIndex((c) => c.text.split('\n').length > 60);
    const ts = [];
    for (let v = 2; v < 22; v++) {
      const t1 = now();
      await client.change(uris[c0], v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: v % 2 ? '#' : '' }]);
      await client.waitForDiagnostics(uris[c0], v);
      ts.push(now() - t1);
    }
    record('lsp', `keystroke → diagnostics p95 with all ${corpus.length} open`, quantile(ts, 0.95), 'ms');
    const rss = client.peakRssKb();
    record('lsp', `server peak RSS (VmHWM) with all ${corpus.length} open`, rss / 1024, 'MB', 60);
    if (peer) {
      const p2 = new BenchClient(PEER_BIN, ['--stdio']);
      try {
        record('peer', `open all ${corpus.length} corpus files → all diagnostics (peer)`, (await openAll(p2, false)).ms, 'ms');
        record('peer', `server peak RSS (VmHWM) with all ${corpus.length} open (peer)`, p2.peakRssKb() / 1024, 'MB');
      } finally {
        await p2.stop();
      }
    }
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// ---- CLI ------------------------------------------------------------------------------------------
function runCli(args) {
  return new Promise((resolve) => {
    const t = now();
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, ms: now() - t, out, err }));
  });
}

async function benchCli(corpus, corpusDir) {
  section('CLI (node bin/stagecraft.js lint <dir>, wall time incl. start-up)');
  const start = await runCli(['--version']);
  record('cli', 'start-up (stagecraft --version)', start.ms, 'ms');
  const walls = [];
  let files = 0;
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const r = await runCli(['lint', corpusDir, '--format', 'json', '--fail-level', 'none']);
    walls.push(r.ms);
    if (r.code !== 0) console.log(`  (exit ${r.code}: ${r.err.slice(0, 500)})`);
    try {
      files = JSON.parse(r.out).files.length;
    } catch {
      files = -1;
    }
  }
  record('cli', `lint over the corpus (${files} files reported), median of ${walls.length}`, quantile(walls, 0.5), 'ms', 1000);

  // the 3 MB, 111,000-line, 222-stage input: time and the whole process's peak RSS (written as it exits)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-bench-big-'));
  try {
    const file = path.join(dir, 'big.Dockerfile');
    fs.writeFileSync(file, bigInput());
    const rssFile = path.join(dir, 'rss');
    const preload = path.join(dir, 'rss.cjs');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const t = now();
    const r = await new Promise((resolve) => {
      const p = spawn(process.execPath, ['--require', preload, BIN, 'lint', '--jobs', '1', '--format', 'json', '--fail-level', 'none', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => resolve({ code, err }));
    });
    if (r.code !== 0) console.log(`  (exit ${r.code}: ${r.err.slice(0, 500)})`);
    record('cli', 'lint of the 3 MB, 222-stage file: wall time', now() - t, 'ms');
    record('cli', 'lint of the 3 MB, 222-stage file: peak RSS', Number(fs.readFileSync(rssFile, 'utf8')) / 1024, 'MB', 300);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- main -----------------------------------------------------------------------------------------
const started = now();
const load = os.loadavg();
console.log(`Stagecraft benchmark — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${load.map((l) => l.toFixed(1)).join(' ')}`);
if (!fs.existsSync(SERVER)) {
  console.error('dist/server.js is missing: run `npm run build` (or `npm run bench`).');
  process.exit(2);
}
const corpus = readCorpus();
const corpusDir = layOut(corpus);
const extra = {};
try {
  if (ONLY.has('core')) extra.core = await benchCore(corpus);
  if (ONLY.has('lsp')) extra.lsp = await benchServer(corpus, corpusDir);
  if (ONLY.has('features')) {
    // hover, completion, formatting, links and semantic tokens at 2,000 lines, each beside its budget
    for (const r of await benchFeatures({ iterations: QUICK ? 50 : 200 })) results.push(r);
  }
  if (ONLY.has('cli')) await benchCli(corpus, corpusDir);
} finally {
  fs.rmSync(corpusDir, { recursive: true, force: true });
}
const missed = results.filter((r) => r.ok === false);
console.log(`\n${results.filter((r) => r.ok !== null).length - missed.length} budgets met, ${missed.length} missed${missed.length ? ': ' + missed.map((r) => r.name).join('; ') : ''}. (${((now() - started) / 1000).toFixed(0)} s; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
fs.writeFileSync(OUT, JSON.stringify({
  date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: { start: load, end: os.loadavg() },
  quick: QUICK, results, ...extra,
}, null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), OUT) || OUT}`);
process.exitCode = missed.length ? 1 : 0;
