import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');

/**
 * Runs the bin with stdout on a real pipe (a FIFO) whose reader is already closed: every write
 * fails with EPIPE, deterministically (no race with a reader that might still be reading).
 */
function runWithClosedStdout(args: string[], cwd: string): Promise<{ code: number | null; err: string }> {
  const fifo = path.join(cwd, 'out.fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writer = fs.openSync(fifo, fs.constants.O_WRONLY);
  fs.closeSync(reader);
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', writer, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  fs.closeSync(writer);
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`stagecraft ${args.join(' ')} did not end`)); }, 30000);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, err }); });
  });
}

describe('stagecraft with a closed stdout (`stagecraft rules | head`)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-pipe-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=buidler /app /app\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => fs.rmSync(path.join(dir, 'out.fifo'), { force: true }));

  const cases: [string[], number][] = [
    [['rules'], 0],
    [['rules', '--format', 'json'], 0],
    [['lint', 'Dockerfile'], 1],
    [['lint', '--format', 'json', '--jobs', '2', 'Dockerfile'], 1],
    [['lint', '--format', 'sarif', 'Dockerfile'], 1],
    [['graph', 'Dockerfile'], 0],
    [['--help'], 0],
    [['--version'], 0],
  ];
  for (const [args, code] of cases) {
    it(`${args.join(' ')}: ends quietly with its own exit code (${code})`, async () => {
      const r = await runWithClosedStdout(args, dir);
      assert.equal(r.err, '');
      assert.equal(r.code, code);
    });
  }

  it('fix: still fixes the file, then ends quietly', async () => {
    const file = path.join(dir, 'Fixme.Dockerfile');
    fs.writeFileSync(file, 'FROM alpine:3.20\nMAINTAINER someone\n');
    const r = await runWithClosedStdout(['fix', 'Fixme.Dockerfile'], dir);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(fs.readFileSync(file, 'utf8'), /^LABEL org\.opencontainers\.image\.authors="someone"$/m);
  });

  it('through a shell pipe into head: the first line, nothing on stderr, pipefail status 0', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" rules | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^buildkit\/\S+ +warning /);
    assert.equal(r.stdout.split('\n').length, 2);
  });
});
