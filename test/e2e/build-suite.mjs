// Bundles the in-host suites to dist/test/e2e/suite/*.js (CommonJS; `vscode` and `mocha` come
// from the extension host and the repository's node_modules).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(root, 'test/e2e/suite');
const entryPoints = fs.readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(suiteDir, f));
await esbuild.build({
  entryPoints,
  outdir: path.join(root, 'dist/test/e2e/suite'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
