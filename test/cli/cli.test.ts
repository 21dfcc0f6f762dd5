import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');
const TYPO = 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=buidler /app /app\n';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('stagecraft CLI (the real bin)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lint --format sarif: exits 1 with stage/unknown-from at the line, its fix and the rule with helpUri', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), TYPO);
    const r = run(['lint', '--format', 'sarif', 'Dockerfile'], dir);
    assert.equal(r.code, 1, r.err);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'stage/unknown-from');
    assert.ok(result);
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 13, endLine: 5, endColumn: 20 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'Dockerfile');
    assert.equal(result.fixes[0].description.text, "Rename to 'builder'");
    assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'builder');
    const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
    assert.equal(rule.id, 'stage/unknown-from');
    assert.match(rule.helpUri, /docs\/rules\/stage\/unknown-from\.md$/);
  });

  it('lint --format json: 0-based LSP ranges, fixes, summary', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), TYPO);
    const r = run(['lint', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.equal(j.files.length, 1);
    assert.equal(j.files[0].file, 'Dockerfile');
    const d = j.files[0].diagnostics.find((x: { rule: string }) => x.rule === 'stage/unknown-from');
    assert.deepEqual(d.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } });
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.fixes[0], { title: "Rename to 'builder'", safe: true, edits: [{ range: d.range, newText: 'builder' }] });
    assert.equal(j.summary.errors, 1);
    assert.equal(j.summary.files, 1);
  });

  it('lint --format github prints workflow commands', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), TYPO);
    const r = run(['lint', '--format', 'github'], dir);
    assert.match(r.out, /^::error file=Dockerfile,line=5,col=13,endLine=5,endColumn=20,title=stage\/unknown-from::'buidler' names no earlier stage/m);
  });

  it('text output and --fail-level decide the exit code', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine AS a\nFROM alpine\nCOPY --from=0 /x /x\n');
    const text = run(['lint'], dir);
    assert.equal(text.code, 0, 'a warning does not fail at the default level (error)');
    assert.match(text.out, /3:13\s+warning\s+'--from=0' refers to a stage by position/);
    assert.match(text.out, /stage\/numeric-reference/);
    assert.equal(run(['lint', '--fail-level', 'warning'], dir).code, 1);
    assert.equal(run(['lint', '--fail-level', 'none'], dir).code, 0);
  });

  it('searches directories recursively for every Dockerfile name, skipping node_modules and .git', () => {
    const files = ['Dockerfile', 'svc/Dockerfile.prod', 'svc/api.Dockerfile', 'c/Containerfile', 'c/x.containerfile', 'node_modules/m/Dockerfile', '.git/Dockerfile', 'README.md'];
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'FROM alpine:3.20\n');
    }
    const j = JSON.parse(run(['lint', '--format', 'json', '.'], dir).out);
    assert.deepEqual(j.files.map((f: { file: string }) => f.file).sort(), ['Dockerfile', 'c/Containerfile', 'c/x.containerfile', 'svc/Dockerfile.prod', 'svc/api.Dockerfile']);
  });

  it('reports every file when some cannot be read, names the broken ones, exits 2', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), TYPO);
    fs.writeFileSync(path.join(dir, 'bin.Dockerfile'), Buffer.from([0, 1, 2, 3]));
    const r = run(['lint', '--format', 'json', 'Dockerfile', 'missing/Dockerfile', 'bin.Dockerfile'], dir);
    assert.equal(r.code, 2);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.files.map((f: { file: string; error?: string }) => [f.file, !!f.error]), [['Dockerfile', false], ['bin.Dockerfile', true], ['missing/Dockerfile', true]]);
    assert.match(r.err, /stagecraft: missing\/Dockerfile: no such file or directory/);
    assert.match(r.err, /bin\.Dockerfile: binary file/);
    assert.ok(j.files[0].diagnostics.length > 0, 'the good file is still linted');
  });

  it('usage errors exit 2 with a message', () => {
    const r = run(['lint', '--format', 'xml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /--format must be one of text, json, sarif, github/);
    assert.equal(run(['frobnicate'], dir).code, 2);
    assert.equal(run(['lint', '--build-arg', 'NOVALUE'], dir).code, 2);
    assert.equal(run(['fix', '--rule', 'no/such-rule'], dir).code, 2);
  });

  it('--target and --build-arg change the analysis', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'ARG BASE=alpine\nFROM ${BASE} AS a\nFROM alpine AS test\nFROM alpine AS app\n');
    const all = JSON.parse(run(['lint', '--format', 'json'], dir).out);
    assert.equal(all.files[0].diagnostics.filter((d: { rule: string }) => d.rule === 'stage/unreachable').length, 2);
    const withTarget = JSON.parse(run(['lint', '--format', 'json', '--target', 'test', '--target', 'app'], dir).out);
    assert.equal(withTarget.files[0].diagnostics.filter((d: { rule: string }) => d.rule === 'stage/unreachable').length, 1);
    const g = JSON.parse(run(['graph', 'Dockerfile', '--format', 'json', '--build-arg', 'BASE=debian'], dir).out);
    assert.equal(g.stages[0].base, '${BASE}');
  });

  it('.stagecraft.json severities apply; --config names another file', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), TYPO);
    fs.writeFileSync(path.join(dir, '.stagecraft.json'), JSON.stringify({ rules: { 'stage/unknown-from': 'warning' } }));
    assert.equal(run(['lint'], dir).code, 0);
    // A stage nothing needs (the typo above no longer makes 'builder' unreachable: the stage it means counts as referenced).
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20 AS test\nRUN true\nFROM alpine:3.20 AS app\n');
    fs.writeFileSync(path.join(dir, 'strict.json'), JSON.stringify({ rules: { 'stage/unreachable': 'error' } }));
    const r = run(['lint', '--config', 'strict.json', '--format', 'json'], dir);
    const j = JSON.parse(r.out);
    assert.equal(j.files[0].diagnostics.find((d: { rule: string }) => d.rule === 'stage/unreachable').severity, 'error');
    assert.equal(run(['lint', '--config', 'nope.json'], dir).code, 2);
  });

  it('each Dockerfile of one run takes its nearest configuration (siblings, nested folders, a nearer file)', () => {
    const config = (d: string, severity: string) => fs.writeFileSync(path.join(dir, d, '.stagecraft.json'), JSON.stringify({ rules: { 'stage/unknown-from': severity } }));
    const dockerfile = (d: string) => {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      fs.writeFileSync(path.join(dir, d, 'Dockerfile'), TYPO);
    };
    fs.mkdirSync(path.join(dir, '.git'));
    for (const d of ['a', 'a/b', 'a/b2', 'c/d', 'c/d/e', 'f']) dockerfile(d);
    config('.', 'warning');
    config('c', 'info');
    config('c/d/e', 'hint');
    const r = run(['lint', '--format', 'json', '--fail-level', 'none', '.'], dir);
    assert.equal(r.code, 0, r.err);
    const severity = Object.fromEntries(JSON.parse(r.out).files.map((f: { file: string; diagnostics: { rule: string; severity: string }[] }) => [
      path.dirname(path.relative(dir, path.resolve(dir, f.file))),
      f.diagnostics.find((x) => x.rule === 'stage/unknown-from')?.severity,
    ]));
    assert.deepEqual(severity, { a: 'warning', 'a/b': 'warning', 'a/b2': 'warning', 'c/d': 'info', 'c/d/e': 'hint', f: 'warning' });
  });

  it('fix applies safe fixes in place; --rule limits them; fixing again changes nothing', () => {
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'FROM golang:1.22 AS Builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n');
    const limited = run(['fix', '--rule', 'buildkit/StageNameCasing'], dir);
    assert.equal(fs.readFileSync(file, 'utf8'), 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n', limited.out + limited.err);
    run(['fix'], dir);
    const once = fs.readFileSync(file, 'utf8');
    assert.equal(once, 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=builder /app /app\n');
    run(['fix'], dir);
    assert.equal(fs.readFileSync(file, 'utf8'), once);
  });

  it('lint --fix --unsafe applies unsafe fixes too', () => {
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'FROM alpine AS unused\nRUN true\n\nFROM alpine:3.20\nCMD ["true"]\n');
    run(['lint', '--fix'], dir);
    assert.match(fs.readFileSync(file, 'utf8'), /AS unused/, 'unsafe fixes need --unsafe');
    run(['lint', '--fix', '--unsafe', '--fail-level', 'none'], dir);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /AS unused/);
  });

  it('fix creates .dockerignore for a broad copy and reports against the new context', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nCOPY --from=build /app/dist /app\nUSER node\nCMD ["node", "/app/index.js"]\n');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.mkdirSync(path.join(dir, '.git'));
    const before = JSON.parse(run(['lint', '--format', 'json'], dir).out);
    assert.ok(before.files[0].diagnostics.some((d: { rule: string }) => d.rule === 'cache/context-not-ignored'), JSON.stringify(before));
    const r = run(['fix', '--rule', 'cache/context-not-ignored', '--format', 'json'], dir);
    const ignore = fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8');
    assert.match(ignore, /node_modules/);
    const after = JSON.parse(r.out);
    assert.ok(!after.files[0].diagnostics.some((d: { rule: string }) => d.rule === 'cache/context-not-ignored'), r.out);
  });

  it('graph prints Mermaid, DOT and JSON', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM golang:1.22 AS build\nFROM alpine AS unused\nFROM scratch\nCOPY --from=build /a /a\n');
    const m = run(['graph', 'Dockerfile'], dir);
    assert.equal(m.code, 0);
    assert.match(m.out, /^flowchart TD/);
    assert.match(m.out, /s0 -\. "COPY --from" \.-> s2/);
    assert.match(m.out, /class s2 shipped;/);
    assert.match(m.out, /class s1 unreachable;/);
    assert.match(run(['graph', 'Dockerfile', '--format', 'dot'], dir).out, /s0 -> s2 \[style=dashed, label="COPY --from"\];/);
    assert.equal(run(['graph'], dir).code, 2);
  });

  it('rules lists every rule, as text and JSON', () => {
    const j = JSON.parse(run(['rules', '--format', 'json'], dir).out);
    const ids = j.map((r: { id: string }) => r.id);
    assert.ok(ids.includes('stage/unknown-from'));
    assert.deepEqual(ids, [...ids].sort());
    assert.match(run(['rules'], dir).out, /stage\/unknown-from\s+error/);
  });
});
