/**
 * Runs every rule over the real-world corpus (`../shared/corpus/real/`, listed in its INDEX.tsv)
 * with no build-context facts and prints, per rule, the number of findings and of files with a
 * finding, then internal errors (rules that threw), crashes (analyze() throwing) and the total time.
 * The numbers of docs/corpus-report.md come from this script.
 *
 *   npx tsx scripts/corpus-report.ts                   # the table
 *   npx tsx scripts/corpus-report.ts --show <rule id>  # also every finding of that rule, with its line
 *   npx tsx scripts/corpus-report.ts --json <file>     # also every finding as JSON
 *
 * Rules run at their default severities, and the files' own `# check=` directives and suppression
 * comments apply, as for a user; experimental rules (off by default) are enabled so that every rule runs.
 * It then runs the rules that need build-context facts on a few hand-made contexts (the corpus has none).
 * Exits 1 when there is an internal error, a crash, or a context case that does not come out as expected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/core/analyze';
import { rules } from '../server/src/core/rules/registry';
import type { SeveritySetting } from '../server/src/core/types';
import type { BuildContextFacts } from '../server/src/core/context';

const CORPUS = path.resolve(__dirname, '../../shared/corpus/real');

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
};
const show = option('show');
const jsonOut = option('json');

function corpusFiles(): string[] {
  const index = path.join(CORPUS, 'INDEX.tsv');
  const rows = fs.readFileSync(index, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = rows.shift()!.split('\t');
  const col = header.indexOf('file');
  return rows.map((r) => r.split('\t')[col]).filter(Boolean);
}

const config = {
  rules: Object.fromEntries([...rules.values()].filter((r) => r.experimental).map((r) => [r.id, r.severity as SeveritySetting])),
};

const files = corpusFiles();
const perRule = new Map<string, { findings: number; files: Set<string> }>([...rules.keys()].map((id) => [id, { findings: 0, files: new Set<string>() }]));
const internalErrors: string[] = [];
const crashes: string[] = [];
const shown: string[] = [];
const all: { file: string; rule: string; line: number; message: string }[] = [];

const start = performance.now();
for (const file of files) {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  let a: ReturnType<typeof analyze>;
  try {
    a = analyze(text, {}, config);
  } catch (e) {
    crashes.push(`${file}: ${(e as Error)?.stack ?? e}`);
    continue;
  }
  for (const err of a.internalErrors) internalErrors.push(`${file}: ${err}`);
  for (const f of a.findings) {
    const r = perRule.get(f.rule) ?? { findings: 0, files: new Set<string>() };
    r.findings++;
    r.files.add(file);
    perRule.set(f.rule, r);
    if (jsonOut) all.push({ file, rule: f.rule, line: f.range.start.line + 1, message: f.message });
    if (show && f.rule === show) shown.push(`${file}:${f.range.start.line + 1}: ${a.lines.lineText(f.range.start.line).trim()}\n    ${f.message}`);
  }
}
const elapsed = performance.now() - start;

const out: string[] = [];
out.push(`Corpus: ${files.length} Dockerfiles (${path.relative(process.cwd(), CORPUS) || CORPUS}), no build-context facts`);
out.push('');
out.push('| rule | findings | files |');
out.push('|---|---:|---:|');
let total = 0;
for (const [id, r] of [...perRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  total += r.findings;
  out.push(`| ${id} | ${r.findings} | ${r.files.size} |`);
}
out.push(`| all | ${total} | ${new Set([...perRule.values()].flatMap((r) => [...r.files])).size} |`);
out.push('');
out.push(`Internal errors: ${internalErrors.length}`);
out.push(`Crashes: ${crashes.length}`);
out.push(`Total time: ${(elapsed / 1000).toFixed(2)} s (${(elapsed / files.length).toFixed(2)} ms per file)`);
console.log(out.join('\n'));

/**
 * Rules that need build-context facts stay silent on the corpus (it has no contexts). Hand-made
 * contexts show them at work: each case names the rule, the Dockerfile, the facts and whether the
 * rule should report.
 */
const CONTEXT_CASES: { rule: string; name: string; text: string; context: BuildContextFacts; expect: boolean }[] = [
  { rule: 'cache/lockfile-not-copied', name: 'npm ci after COPY package.json (lock file in the context)', text: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n', context: { files: ['package.json', 'package-lock.json', 'server.js'], dockerignore: 'node_modules\n.git\n' }, expect: true },
  { rule: 'cache/lockfile-not-copied', name: 'same, lock file copied', text: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n', context: { files: ['package.json', 'package-lock.json', 'server.js'], dockerignore: 'node_modules\n.git\n' }, expect: false },
  { rule: 'cache/lockfile-not-copied', name: 'go mod download after COPY go.mod (go.sum in the context)', text: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n', context: { files: ['go.mod', 'go.sum', 'main.go'], dockerignore: '.git\n' }, expect: true },
  { rule: 'cache/lockfile-not-copied', name: 'bundle install after COPY Gemfile (Gemfile.lock in the context)', text: 'FROM ruby:3.3-slim\nWORKDIR /app\nCOPY Gemfile ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec", "puma"]\n', context: { files: ['Gemfile', 'Gemfile.lock', 'config.ru'], dockerignore: '.git\n' }, expect: true },
  { rule: 'cache/lockfile-not-copied', name: 'same, no Gemfile.lock in the context', text: 'FROM ruby:3.3-slim\nWORKDIR /app\nCOPY Gemfile ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec", "puma"]\n', context: { files: ['Gemfile', 'config.ru'], dockerignore: '.git\n' }, expect: false },
  { rule: 'cache/context-not-ignored', name: 'COPY . . with no .dockerignore and node_modules present', text: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n', context: { files: ['package.json', 'package-lock.json', 'node_modules/', '.git/'], dockerignore: null }, expect: true },
  { rule: 'cache/context-not-ignored', name: '.dockerignore misses .env', text: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n', context: { files: ['app.py', '.env', '.git/'], dockerignore: '.git\n' }, expect: true },
  { rule: 'cache/context-not-ignored', name: '.dockerignore excludes what exists', text: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n', context: { files: ['app.py', '.env', '.git/'], dockerignore: '.git\n.env\n' }, expect: false },
  { rule: 'cache/npm-install-in-build', name: 'npm install with package*.json and a lock file in the context', text: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n', context: { files: ['package.json', 'package-lock.json'], dockerignore: 'node_modules\n' }, expect: true },
  { rule: 'cache/npm-install-in-build', name: 'same, no lock file in the context', text: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n', context: { files: ['package.json'], dockerignore: 'node_modules\n' }, expect: false },
  { rule: 'security/secret-file-copied', name: 'COPY . . with an .npmrc in the context, not ignored', text: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n', context: { files: ['package.json', '.npmrc'], dockerignore: 'node_modules\n' }, expect: true },
  { rule: 'buildkit/CopyIgnoredFile', name: 'COPY of a file .dockerignore excludes', text: 'FROM alpine:3.20\nCOPY config.yml /etc/app/\n', context: { files: ['config.yml'], dockerignore: '*.yml\n' }, expect: true },
];
const contextRows: string[] = ['', 'Rules that need build-context facts, on hand-made contexts:', '| rule | case | expected | found | ok |', '|---|---|---|---:|---|'];
let contextFailures = 0;
for (const c of CONTEXT_CASES) {
  const a = analyze(c.text, c.context);
  const n = a.findings.filter((f) => f.rule === c.rule).length;
  const ok = (n > 0) === c.expect && a.internalErrors.length === 0;
  if (!ok) contextFailures++;
  contextRows.push(`| ${c.rule} | ${c.name} | ${c.expect ? 'finding' : 'none'} | ${n} | ${ok ? 'yes' : 'NO'} |`);
}
console.log(contextRows.join('\n'));
for (const e of [...internalErrors, ...crashes]) console.error(e);
if (show) console.log(`\nFindings of ${show} (${shown.length}):\n${shown.join('\n')}`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(all, null, 1));
process.exitCode = internalErrors.length || crashes.length || contextFailures ? 1 : 0;
