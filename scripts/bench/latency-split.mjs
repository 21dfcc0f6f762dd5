// Where a keystroke's time goes, over stdio: the client's write → the server's read → the server's
// write of the diagnostics → the client's read, on one clock (process.hrtime is the system's
// monotonic clock), with the server's garbage collections. Needs `npm run build`.
//
//   node scripts/bench/latency-split.mjs [lines=80] [keystrokes=220] [mid|first] [--peer] [--node-options "…"] [--gap ms]
//
// Prints the p50/p95 of each part and the slowest keystrokes. `--peer` drives
// dockerfile-language-server-nodejs instead; `--node-options` replaces Stagecraft's own; `--gap` waits
// that long after each keystroke's diagnostics before the next (a typist's pause; default 0).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchClient } from './lsp-client.mjs';
import { generateDockerfile } from './generate.mjs';
import { serverNodeOptions } from './node-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const peer = args.includes('--peer');
const oi = args.indexOf('--node-options');
const nodeOptions = oi >= 0 ? (args[oi + 1] ?? '').split(/\s+/).filter(Boolean) : peer ? [] : serverNodeOptions();
const gi = args.indexOf('--gap');
const gap = gi >= 0 ? Number(args[gi + 1]) : 0;
const positional = args.filter((a, i) => !a.startsWith('--') && (oi < 0 || i !== oi + 1) && (gi < 0 || i !== gi + 1));
const lines = Number(positional[0] ?? 80);
const n = Number(positional[1] ?? 220);
const where = positional[2] ?? 'mid';
const WARM_UP = 20;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-split-'));
const probeOut = path.join(dir, 'probe.json');
process.env.STDIO_PROBE_OUT = probeOut;
const server = peer ? path.join(root, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver') : path.join(root, 'dist/server.js');
const client = new BenchClient(server, ['--stdio'], [...nodeOptions, '--require', path.join(root, 'scripts/bench/stdio-probe.cjs')]);
const reads = [];
client.proc.stdout.on('data', () => reads.push(now()));
await client.initialize(pathToFileURL(dir).toString());
const text = generateDockerfile(lines, 11);
const file = path.join(dir, 'Dockerfile');
fs.writeFileSync(file, text);
const uri = pathToFileURL(file).toString();
const first = client.nextDiagnostics(uri);
await client.open(uri, text, 1);
await first;
const ls = text.split('\n');
const workdirs = ls.map((l, i) => (/^WORKDIR \/src\/part\d+$/.test(l) ? i : -1)).filter((i) => i >= 0);
const line = where === 'mid' ? workdirs.find((i) => i >= ls.length / 2) : workdirs[0];
const pos = { line, character: ls[line].length };
const rows = [];
for (let i = 0; i < n + WARM_UP; i++) {
  const next = client.nextDiagnostics(uri);
  const t = now();
  await client.change(uri, i + 2, [{ range: { start: { ...pos, character: pos.character + i }, end: { ...pos, character: pos.character + i } }, text: 'x' }]);
  await next;
  if (i >= WARM_UP) rows.push({ i, t, done: now() });
  if (gap) await new Promise((r) => setTimeout(r, gap));
}
client.proc.kill('SIGUSR2');
for (let k = 0; k < 50 && !fs.existsSync(probeOut); k++) await new Promise((r) => setTimeout(r, 20));
const events = JSON.parse(fs.readFileSync(probeOut, 'utf8'));
for (const r of rows) {
  r.in = events.find((e) => e[0] === 'in' && e[1] >= r.t)?.[1];
  r.out = events.filter((e) => e[0] === 'out' && e[1] >= r.t && e[1] <= r.done).pop()?.[1];
  r.read = reads.filter((x) => x >= r.t && x <= r.done + 0.01).pop();
  r.gc = events.filter((e) => e[0] === 'gc' && e[1] + e[2] >= r.t - 3 && e[1] <= r.done).map((e) => `gc(${e[3]}) ${e[2].toFixed(2)} ms at ${(e[1] - r.t).toFixed(2)}`).join(', ');
}
const q = (f) => {
  const v = rows.map(f).filter(Number.isFinite).sort((a, b) => a - b);
  return `p50 ${v[Math.floor(v.length / 2)].toFixed(2)} p95 ${v[Math.floor(v.length * 0.95)].toFixed(2)}`;
};
const gcs = events.filter((e) => e[0] === 'gc');
console.log(`${peer ? 'peer' : 'Stagecraft'} (${nodeOptions.join(' ') || 'no options'}), ${lines} lines, ${where}, ${n} keystrokes after ${WARM_UP}${gap ? `, ${gap} ms apart` : ''}`);
console.log(`  total ${q((r) => r.done - r.t)} | write→server read ${q((r) => r.in - r.t)} | server ${q((r) => r.out - r.in)} | server write→client read ${q((r) => r.read - r.out)} | client ${q((r) => r.done - r.read)} ms`);
console.log(`  server garbage collections: ${gcs.length}, ${gcs.reduce((a, e) => a + e[2], 0).toFixed(1)} ms in all`);
for (const r of [...rows].sort((a, b) => b.done - b.t - (a.done - a.t)).slice(0, 8)) {
  console.log(`  #${r.i} ${(r.done - r.t).toFixed(2)} ms: to server ${(r.in - r.t).toFixed(2)}, server ${(r.out - r.in).toFixed(2)}, to client ${(r.read - r.out).toFixed(2)}, client ${(r.done - r.read).toFixed(2)} ${r.gc}`);
}
await client.stop();
