/**
 * `--jobs`: linting on worker threads gives the serial run's output byte for byte, the worker path is
 * really taken (each worker reports its own threadId through STAGECRAFT_DEBUG_THREADS), a worker that
 * dies costs only its file, and fixing stays in one thread.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/real');
const TYPO = 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=buidler /app /app\n';

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60000 });
  assert.equal(r.signal, null, `the CLI exits by itself (it was killed: ${r.signal}): ${r.stderr}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs with STAGECRAFT_DEBUG_THREADS: returns the run and its `threadId → files` counts, the debug line taken out of stderr. */
function runCounted(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = run(args, cwd, { STAGECRAFT_DEBUG_THREADS: '1', ...env });
  const line = r.err.split('\n').find((l) => l.startsWith('stagecraft: debug: threads '));
  assert.ok(line, `debug line on stderr: ${r.err}`);
  const threads = new Map(line.slice('stagecraft: debug: threads '.length).split(' ').map((kv) => kv.split(':').map(Number) as [number, number]));
  return { ...r, err: r.err.split('\n').filter((l) => l !== line).join('\n'), threads };
}

const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('stagecraft lint --jobs (worker threads)', function () {
  this.timeout(60000);
  let dir: string;
  let count: number;

  before(() => {
    assert.ok(fs.existsSync(CORPUS), `the corpus is at ${CORPUS}`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-jobs-'));
    const picked = fs.readdirSync(CORPUS).filter((f) => f !== 'INDEX.tsv' && f !== 'README.md').sort().filter((_, i) => i % 23 === 0).slice(0, 24);
    assert.ok(picked.length >= 20, `${picked.length} corpus files`);
    picked.forEach((f, i) => {
      const sub = path.join(dir, String(i).padStart(2, '0'));
      fs.mkdirSync(sub);
      fs.copyFileSync(path.join(CORPUS, f), path.join(sub, f.split('__').pop()!));
      // Varied build contexts: manifests and a .dockerignore next to some of them.
      if (i % 3 === 0) fs.writeFileSync(path.join(sub, 'package.json'), '{}');
      if (i % 4 === 1) fs.writeFileSync(path.join(sub, '.dockerignore'), 'node_modules\n.git\n');
    });
    const write = (rel: string, content: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    };
    write('typo/Dockerfile', TYPO);
    write('typo/Dockerfile.second', TYPO);
    write('configured/Dockerfile', TYPO);
    write('configured/.stagecraft.json', JSON.stringify({ rules: { 'stage/unknown-from': 'warning', 'no/such-rule': 'off' } }));
    write('broken/Dockerfile', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02, 0xff, 0x00]));
    write('empty/Dockerfile', '');
    count = picked.length + 5;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const format of ['json', 'text', 'sarif']) {
    it(`--jobs 2 and --jobs 1 give byte-identical ${format} output, the broken file included; only --jobs 2 uses workers`, () => {
      const serial = runCounted(['lint', '.', '--format', format, '--jobs', '1'], dir);
      const parallel = runCounted(['lint', '.', '--format', format, '--jobs', '2'], dir);
      assert.deepEqual([...serial.threads], [[0, count]], 'in-process: the main thread (0) lints every file');
      assert.equal(parallel.threads.size, 2, `two worker threads: ${[...parallel.threads]}`);
      assert.ok(!parallel.threads.has(0), 'no file is linted on the main thread');
      assert.equal(sum(parallel.threads), count);
      assert.equal(parallel.out, serial.out);
      assert.equal(parallel.err, serial.err);
      assert.equal(serial.code, 2, 'the binary file is an I/O error');
      assert.equal(parallel.code, serial.code);
      if (format === 'json') {
        const j = JSON.parse(serial.out);
        assert.equal(j.files.length, count);
        assert.match(j.files.find((f: { file: string }) => f.file === 'broken/Dockerfile').error, /binary/);
        assert.ok(j.files.filter((f: { diagnostics: unknown[] }) => f.diagnostics.length).length >= 10, 'most files have findings');
        assert.match(serial.err, /stagecraft: broken\/Dockerfile: binary file/);
      }
    });
  }

  it('the exit code follows the findings alike once the broken file is left out', () => {
    const paths = fs.readdirSync(dir).filter((d) => d !== 'broken');
    const serial = run(['lint', ...paths, '--fail-level', 'warning', '--format', 'json', '--jobs', '1'], dir);
    const parallel = runCounted(['lint', ...paths, '--fail-level', 'warning', '--format', 'json', '--jobs', '2'], dir);
    assert.equal(serial.code, 1);
    assert.equal(parallel.code, 1);
    assert.equal(parallel.out, serial.out);
    assert.ok(!parallel.threads.has(0));
  });

  it('without --jobs: one linting thread per two cores (in-process on two cores)', () => {
    const r = runCounted(['lint', '.', '--format', 'json'], dir);
    const threads = Math.min(4, Math.floor(os.availableParallelism() / 2));
    if (threads > 1) assert.ok(!r.threads.has(0) && r.threads.size === threads, `${[...r.threads]}`);
    else assert.deepEqual([...r.threads], [[0, count]]);
  });

  it('fewer than 16 files are linted in-process even with --jobs 2', () => {
    const r = runCounted(['lint', '00', '01', '02', 'typo', '--jobs', '2'], dir);
    assert.deepEqual([...r.threads], [[0, 5]]);
  });

  it('--jobs 0, --jobs x and other non-counts are usage errors (exit 2), for lint and fix', () => {
    for (const bad of ['0', 'x', '-1', '1.5', '2x', '']) {
      const r = run(['lint', '.', '--jobs', bad], dir);
      assert.equal(r.code, 2, `--jobs ${JSON.stringify(bad)}`);
      assert.match(r.err, /--jobs expects a whole number ≥ 1/);
      assert.equal(r.out, '');
    }
    assert.equal(run(['fix', '.', '--jobs', '0'], dir).code, 2);
    assert.match(run(['lint', '.', '--jobs'], dir).err, /--jobs needs a value/);
    assert.match(run(['lint', '--help'], dir).out, /--jobs <n>/);
  });

  it('a file that makes linting throw gets an error naming it, on both paths alike; the rest are linted; exit 2', () => {
    const env = { STAGECRAFT_TEST_FAULT: 'throw:05/Dockerfile' };
    const serial = runCounted(['lint', '.', '--format', 'json', '--jobs', '1'], dir, env);
    const parallel = runCounted(['lint', '.', '--format', 'json', '--jobs', '2'], dir, env);
    assert.equal(parallel.out, serial.out);
    assert.equal(parallel.code, 2);
    const files = JSON.parse(parallel.out).files as { file: string; error?: string }[];
    assert.equal(files.length, count);
    assert.equal(files.find((f) => f.file === '05/Dockerfile')?.error, 'internal error: injected fault');
    assert.match(parallel.err, /stagecraft: 05\/Dockerfile: internal error: injected fault/);
    assert.ok(!parallel.threads.has(0));
  });

  it('a worker that crashes costs only the file it was linting: the others get their serial results, exit 2', () => {
    const serial = JSON.parse(run(['lint', '.', '--format', 'json', '--jobs', '1'], dir).out);
    for (const victim of ['00/Dockerfile', '09/Dockerfile', 'typo/Dockerfile.second']) {
      const crashed = runCounted(['lint', '.', '--format', 'json', '--jobs', '2'], dir, { STAGECRAFT_TEST_FAULT: `crash:${victim}` });
      assert.equal(crashed.code, 2, crashed.err);
      const j = JSON.parse(crashed.out);
      assert.equal(j.files.length, count);
      j.files.forEach((f: { file: string; error?: string }, i: number) => {
        if (f.file === victim) assert.match(f.error ?? '', /^internal error: the worker linting this file stopped \(injected crash on /);
        else assert.deepEqual(f, serial.files[i], f.file);
      });
      assert.match(crashed.err, new RegExp(`stagecraft: ${victim.replace(/[/.]/g, '\\$&')}: internal error: the worker linting this file stopped`));
      assert.equal(sum(crashed.threads), count);
      assert.ok(!crashed.threads.has(0), `${[...crashed.threads]}`);
      if (victim !== 'typo/Dockerfile.second') assert.equal(crashed.threads.size, 3, `a third worker replaced the one that crashed: ${[...crashed.threads]}`);
    }
  });

  it('fix with --jobs 2 runs in one thread and writes what --jobs 1 writes', () => {
    const copies = ['a', 'b'].map((n) => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), `stagecraft-jobs-fix-${n}-`));
      fs.cpSync(dir, copy, { recursive: true });
      fs.rmSync(path.join(copy, 'broken'), { recursive: true });
      return copy;
    });
    try {
      const one = runCounted(['fix', '.', '--format', 'json', '--jobs', '1'], copies[0]);
      const two = runCounted(['fix', '.', '--format', 'json', '--jobs', '2'], copies[1]);
      assert.deepEqual([...two.threads], [[0, count - 1]], 'fixing stays in the main thread');
      assert.equal(two.out, one.out);
      assert.ok(JSON.parse(two.out).summary.fixed > 0, 'some fixes were applied');
      const contents = (root: string) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
        const p = path.join(root, f);
        return [f, fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : '/'];
      });
      assert.deepEqual(contents(copies[1]), contents(copies[0]));
    } finally {
      for (const c of copies) fs.rmSync(c, { recursive: true, force: true });
    }
  });

  it('main() under a TypeScript loader, where no worker can load this module, lints in-process with the same output', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const previous = process.env.STAGECRAFT_DEBUG_THREADS;
    process.env.STAGECRAFT_DEBUG_THREADS = '1';
    try {
      const code = await main(['lint', dir, '--format', 'json', '--jobs', '2'], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir, color: false });
      assert.equal(code, 2);
    } finally {
      if (previous === undefined) delete process.env.STAGECRAFT_DEBUG_THREADS;
      else process.env.STAGECRAFT_DEBUG_THREADS = previous;
    }
    assert.match(err.join(''), new RegExp(`stagecraft: debug: threads 0:${count}\\n`));
    assert.equal(out.join(''), run(['lint', '.', '--format', 'json', '--jobs', '2'], dir).out);
  });
});
