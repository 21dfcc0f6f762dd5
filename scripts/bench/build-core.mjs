// Bundles the pure core (and, for the fuzzer, its inputs and invariants) with esbuild into dist/,
// as CommonJS like the server's bundle, so timings match what ships.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles `entry` (relative to the repository root) to `outfile` and loads it. */
export async function bundle(entry, outfile) {
  const out = path.join(root, outfile);
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    conditions: [], // as scripts/build.mjs
  });
  const require = createRequire(import.meta.url);
  delete require.cache[out];
  return require(out);
}

/** The core: analyze, parse, fix-all, the stage model, the rules, text helpers. */
export const loadCore = () => bundle('scripts/bench/core-entry.ts', 'dist/bench-core.js');
