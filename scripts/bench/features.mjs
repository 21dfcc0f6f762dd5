#!/usr/bin/env node
// Editor features at 2,000 lines: semantic tokens, hover, completion, formatting and document
// links, each computed from one cached analysis (as the server answers requests), in the core and
// over the language server's stdio connection. Budgets: semantic tokens ≤ 20 ms, every request
// ≤ 5 ms p95.
//
//   node scripts/bench/features.mjs [--lines 2000] [--iterations 200]   (needs `npm run build` for dist/server.js)
//   import { benchFeatures } from './bench/features.mjs'; const results = await benchFeatures();
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDockerfile } from './generate.mjs';
import { BenchClient } from './lsp-client.mjs';
import { serverNodeOptions } from './node-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUDGETS = { semanticTokens: 20, request: 5 };

const ENTRY = `
export { analyze } from './server/src/core/analyze';
export { hoverAt } from './server/src/core/features/hover';
export { completionsAt } from './server/src/core/features/completion';
export { formatEdits } from './server/src/core/features/format';
export { documentLinks } from './server/src/core/features/links';
export { semanticTokens, encodeSemanticTokens } from './server/src/core/features/semantic-tokens';
`;

async function loadFeatures() {
  const outfile = path.join(root, 'dist/bench-features.js');
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'bench-features-entry.ts', loader: 'ts' },
    outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', absWorkingDir: root, conditions: [],
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  return require(outfile);
}

function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const stats = (v) => ({ p50: quantile(v, 0.5), p95: quantile(v, 0.95), max: Math.max(...v) });
const round = (v) => Math.round(v * 1000) / 1000;

/** Cursor positions spread over the file: on keywords, flags, mount keys, variables, stage references, line starts. */
function positions(text, count) {
  const lines = text.split('\n');
  const out = [];
  const patterns = [/^(FROM|RUN|COPY|ENV|WORKDIR|ARG)\b/, /--mount=type=cache,target=/, /\$\{?[A-Z_]+/, /--from=/, /^$/];
  for (let i = 0; out.length < count && i < lines.length * 4; i++) {
    const line = Math.floor((i * 7919) % lines.length);
    const l = lines[line];
    const p = patterns[i % patterns.length];
    const m = p.exec(l);
    if (!m) continue;
    out.push({ line, character: m.index + Math.min(m[0].length, Math.max(1, m[0].length - 1)) });
  }
  return out;
}

/**
 * Measures the features on a generated file. Returns records `{ group, name, value (p95 ms), p50, max, unit, budget, ok }`.
 * `lsp: false` measures the core only.
 */
export async function benchFeatures({ lines = 2000, iterations = 200, lsp = true, log = console.log } = {}) {
  const core = await loadFeatures();
  const text = generateDockerfile(lines);
  const results = [];
  const record = (group, name, samples, budget) => {
    const s = stats(samples);
    const r = { group, name, value: round(s.p95), p50: round(s.p50), max: round(s.max), unit: 'ms', budget, ok: s.p95 <= budget };
    results.push(r);
    log(`  ${name.padEnd(58)} p50 ${s.p50.toFixed(3).padStart(7)}  p95 ${s.p95.toFixed(3).padStart(7)} ms  (budget ≤ ${budget} ms: ${r.ok ? 'ok' : 'MISSED'})`);
  };
  const time = (fn) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };

  log(`\nEditor features, core, ${text.split('\n').length}-line generated file (one cached analysis, ${iterations} runs)`);
  const model = core.analyze(text).model;
  const at = positions(text, iterations);
  for (let i = 0; i < 20; i++) { // warm-up: the JIT, not the measurement
    core.encodeSemanticTokens(core.semanticTokens(model));
    core.formatEdits(model, {});
    core.documentLinks(model);
    for (const p of at) { core.hoverAt(model, p); core.completionsAt(model, p); }
  }
  record('features', `semantic tokens, ${lines} lines`, Array.from({ length: iterations }, () => time(() => core.encodeSemanticTokens(core.semanticTokens(model)))), BUDGETS.semanticTokens);
  record('features', `hover, ${lines} lines`, at.map((p) => time(() => core.hoverAt(model, p))), BUDGETS.request);
  record('features', `completion, ${lines} lines`, at.map((p) => time(() => core.completionsAt(model, p))), BUDGETS.request);
  record('features', `formatting (whole file), ${lines} lines`, Array.from({ length: iterations }, () => time(() => core.formatEdits(model, {}))), BUDGETS.request);
  record('features', `document links, ${lines} lines`, Array.from({ length: iterations }, () => time(() => core.documentLinks(model))), BUDGETS.request);

  if (lsp) {
    const server = path.join(root, 'dist/server.js');
    if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
    log(`\nEditor features over stdio (request → response, the analysis cached)`);
    // as editors start it: the Node options of bin/stagecraft-language-server.js
    const nodeOptions = serverNodeOptions();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-bench-features-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    const client = new BenchClient(server, ['--stdio'], nodeOptions);
    try {
      await client.initialize(pathToFileURL(dir).toString());
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
      await client.open(uri, text, 1);
      await client.waitForDiagnostics(uri, 1);
      const doc = { textDocument: { uri } };
      const timed = async (type, params, n) => {
        const samples = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await client.request(type, typeof params === 'function' ? params(i) : params);
          samples.push(performance.now() - t);
        }
        return samples;
      };
      // warm-up
      await timed('SemanticTokensRequest', doc, 20);
      await timed('DocumentFormattingRequest', { ...doc, options: { tabSize: 4, insertSpaces: true } }, 20);
      await timed('HoverRequest', (i) => ({ ...doc, position: at[i % at.length] }), 50);
      await timed('CompletionRequest', (i) => ({ ...doc, position: at[i % at.length] }), 50);
      record('features-lsp', `semanticTokens/full over stdio, ${lines} lines`, await timed('SemanticTokensRequest', doc, iterations), BUDGETS.semanticTokens);
      record('features-lsp', `hover over stdio, ${lines} lines`, await timed('HoverRequest', (i) => ({ ...doc, position: at[i % at.length] }), iterations), BUDGETS.request);
      record('features-lsp', `completion over stdio, ${lines} lines`, await timed('CompletionRequest', (i) => ({ ...doc, position: at[i % at.length] }), iterations), BUDGETS.request);
      record('features-lsp', `formatting over stdio, ${lines} lines`, await timed('DocumentFormattingRequest', { ...doc, options: { tabSize: 4, insertSpaces: true } }, iterations), BUDGETS.request);
      record('features-lsp', `documentLink over stdio, ${lines} lines`, await timed('DocumentLinkRequest', doc, iterations), BUDGETS.request);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < argv.length ? Number(argv[i + 1]) : fallback;
  };
  const results = await benchFeatures({ lines: option('lines', 2000), iterations: option('iterations', 200) });
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}
