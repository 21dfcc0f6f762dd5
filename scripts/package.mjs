// Makes the VSIX: minified bundles, then vsce with only what runs (see .vscodeignore).
// Prints the VSIX size and fails when it is 1 MB or more.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = process.argv[2] ?? path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, ['scripts/build.mjs', '--minify', '--no-sourcemap']);
run(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out]);
const size = fs.statSync(out).size;
const listing = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
console.log(listing.trim().split('\n').map((l) => `  ${l}`).join('\n'));
console.log(`VSIX: ${path.relative(process.cwd(), out)} — ${(size / 1024).toFixed(1)} KiB (budget: under 1024 KiB)`);
if (size >= 1024 * 1024) {
  console.error('The VSIX is 1 MB or more.');
  process.exit(1);
}
