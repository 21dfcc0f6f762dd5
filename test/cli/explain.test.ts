/**
 * `stagecraft explain` through the real bin: text and JSON output, changed paths given from the
 * working directory or the context, build arguments, targets, and the exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, 'explain', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const DOCKERFILE = [
  'FROM node:20-slim AS build',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'COPY . .',
  'ARG GIT_SHA',
  'RUN npm run build \\',
  '    && echo done',
  '',
  'FROM node:20-slim AS runner',
  'COPY --from=build /app/dist ./dist',
  'CMD ["node", "dist/app.js"]',
  '',
].join('\n');

describe('stagecraft explain', () => {
  let dir: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-explain-'));
    write('app/Dockerfile', DOCKERFILE);
    write('app/package.json', '{}');
    write('app/package-lock.json', '{}');
    write('app/src/index.js', '');
    write('app/notes.md', '');
    write('app/.dockerignore', '*.md\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--format json: the API shape, one entry per instruction on the target path', () => {
    const r = run(['app/Dockerfile', '--changed', 'app/src/index.js', '--format', 'json', '--build-arg', 'GIT_SHA=1'], dir);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['target', 'steps']);
    assert.equal(j.target, 'runner');
    assert.equal(j.steps.length, 10);
    assert.deepEqual(j.steps[4], { stage: 'build', line: 5, instruction: 'COPY . .', status: 'rebuilt', cause: 'src/index.js changed → COPY . . at line 5' });
    assert.deepEqual(j.steps[6], { stage: 'build', line: 7, instruction: 'RUN npm run build && echo done', status: 'rebuilt', cause: 'parent step rebuilt' });
    assert.equal(j.steps[3].status, 'reused');
    assert.equal(j.steps[8].status, 'depends');
  });

  it('changed paths may be given relative to the context too; an ignored file rebuilds nothing', () => {
    const a = JSON.parse(run(['Dockerfile', '--changed', 'src/index.js', '--format', 'json', '--build-arg', 'GIT_SHA=1'], path.join(dir, 'app')).out);
    assert.equal(a.steps[4].status, 'rebuilt');
    const b = run(['app/Dockerfile', '--context', 'app', '--changed', 'notes.md', '--format', 'json', '--build-arg', 'GIT_SHA=1'], dir);
    assert.equal(b.code, 0, b.err);
    assert.deepEqual(JSON.parse(b.out).steps.filter((s: { status: string }) => s.status !== 'reused'), []);
  });

  it('text: per stage, counts, causes, and the steps that re-run on every build', () => {
    const r = run(['app/Dockerfile'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^target runner: after a change to any source file$/m);
    assert.match(r.out, /^stage build: 2 of 6 steps rebuild$/m);
    assert.match(r.out, /^ +5 +rebuilt +COPY \. \.$/m);
    assert.match(r.out, /a source file change \(e\.g\. src\/index\.js\) → COPY \. \. at line 5/);
    assert.match(r.out, /^re-run on every build:\n  line 7 \(build\): ARG GIT_SHA changes every build$/m);
  });

  it('--changed arg:NAME and --target', () => {
    write('b/Dockerfile', 'FROM alpine AS base\nARG MODE=a\nRUN echo $MODE\nFROM base AS test\nRUN true\nFROM alpine AS other\nRUN true\n');
    const r = JSON.parse(run(['b/Dockerfile', '--changed', 'arg:MODE', '--target', 'test', '--format', 'json'], dir).out);
    assert.equal(r.target, 'test');
    assert.deepEqual(r.steps.map((s: { line: number; status: string }) => [s.line, s.status]), [[1, 'reused'], [2, 'rebuilt'], [3, 'rebuilt'], [4, 'rebuilt'], [5, 'rebuilt']]);
    assert.equal(r.steps[2].cause, 'ARG MODE changed');
  });

  it('exit code 2 with a one-line message naming the file', function () {
    this.timeout(60_000); // nine processes
    const cases: [string[], RegExp][] = [
      [['missing/Dockerfile'], /^stagecraft: missing\/Dockerfile: no such file\n$/],
      [['app/Dockerfile', '--target', 'nope'], /^stagecraft: app\/Dockerfile: no stage named "nope"\n$/],
      [['app/Dockerfile', '--context', 'app/notes.md'], /^stagecraft: app\/notes\.md: build context is not a directory\n$/],
      [['app'], /^stagecraft: app: is a directory\n$/],
    ];
    for (const [args, re] of cases) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, re);
      assert.equal(r.out, '');
    }
    write('empty/Dockerfile', '# nothing\n');
    const e = run(['empty/Dockerfile'], dir);
    assert.equal(e.code, 2);
    assert.match(e.err, /^stagecraft: empty\/Dockerfile: no FROM instruction\n$/);
    for (const args of [['app/Dockerfile', '--changed', 'arg:'], [], ['app/Dockerfile', '--format', 'xml'], ['app/Dockerfile', '--bogus']]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err.split('\n')[0], /^stagecraft: /);
    }
  });

  it('.dockerignore: an ignored folder brings nothing; a file a `!` pattern brings back rebuilds the copy', () => {
    write('c/Dockerfile', 'FROM node:20\nCOPY . .\n');
    write('c/node_modules/x.js', '');
    write('c/node_modules/keep.js', '');
    write('c/.dockerignore', 'node_modules\n');
    const status = () => JSON.parse(run(['c/Dockerfile', '--changed', 'c/node_modules/keep.js', '--format', 'json'], dir).out).steps[1].status;
    assert.equal(status(), 'reused');
    write('c/.dockerignore', 'node_modules\n!node_modules/keep.js\n');
    assert.equal(status(), 'rebuilt');
  });

  it('is listed in --help', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    assert.match(r.stdout, /stagecraft explain <Dockerfile> \[--changed <path>\|arg:<NAME>\]…/);
  });
});
