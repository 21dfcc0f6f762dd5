/**
 * The CLI over a mix of good and broken files: every file is reported, the broken ones by
 * name with a clear message, the good ones are still analysed, and the exit code says so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonFile { file: string; error?: string; diagnostics: { rule: string }[] }

describe('stagecraft CLI with broken files among good ones', () => {
  let dir: string;
  const write = (rel: string, content: string | Buffer) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-broken-'));
    write('good/Dockerfile', 'FROM alpine:3.20\nRUN echo hi\n');
    write('typo/Dockerfile', 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=buidler /app /app\n');
    write('binary/Dockerfile', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02, 0xff, 0x00]));
    write('utf16/Dockerfile', Buffer.from('\uFEFFFROM alpine\n', 'utf16le'));
    write('odd/Dockerfile', `\uFEFFFROM alpine AS a\r\nRUN <<EOF\r\necho unterminated\r\n${'x'.repeat(100000)}`);
    write('empty/Dockerfile', '');
    fs.mkdirSync(path.join(dir, 'dangling'));
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling/Dockerfile'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--format json: lists every file; broken ones carry an error, good ones their findings; exit 2', () => {
    const r = run(['lint', '.', 'missing/Dockerfile', '--format', 'json'], dir);
    assert.equal(r.code, 2, r.err);
    const files = JSON.parse(r.out).files as JsonFile[];
    const byName = new Map(files.map((f) => [f.file, f]));
    assert.deepEqual([...byName.keys()].sort(), [
      'binary/Dockerfile', 'dangling/Dockerfile', 'empty/Dockerfile', 'good/Dockerfile', 'missing/Dockerfile', 'odd/Dockerfile', 'typo/Dockerfile', 'utf16/Dockerfile',
    ]);
    assert.match(byName.get('binary/Dockerfile')!.error ?? '', /binary|not a Dockerfile/);
    assert.match(byName.get('utf16/Dockerfile')!.error ?? '', /binary|UTF-16|encoding|not a Dockerfile/);
    assert.match(byName.get('dangling/Dockerfile')!.error ?? '', /no such file|broken|link/);
    assert.match(byName.get('missing/Dockerfile')!.error ?? '', /no such file/);
    for (const good of ['good/Dockerfile', 'typo/Dockerfile', 'odd/Dockerfile', 'empty/Dockerfile']) assert.equal(byName.get(good)!.error, undefined, good);
    assert.ok(byName.get('typo/Dockerfile')!.diagnostics.some((d) => d.rule === 'stage/unknown-from'));
    assert.equal(JSON.parse(r.out).summary.filesWithErrors, 4);
  });

  it('text: names each broken file with its message on stderr and in the report, and still reports the good files', () => {
    const r = run(['lint', '.'], dir);
    assert.equal(r.code, 2);
    for (const [file, message] of [['binary/Dockerfile', /binary/], ['utf16/Dockerfile', /binary|UTF-16|encoding/], ['dangling/Dockerfile', /no such file|broken|link/]] as const) {
      const line = r.err.split('\n').find((l) => l.includes(file));
      assert.ok(line, `stderr names ${file}: ${r.err}`);
      assert.match(line, message);
      assert.match(r.out, new RegExp(`^${file.replace('/', '\\/')}\\n  error  `, 'm'));
    }
    assert.match(r.out, /^typo\/Dockerfile$/m);
    assert.match(r.out, /stage\/unknown-from/);
    assert.match(r.out, /in 7 files, 3 files could not be linted/);
  });

  it('once the broken files are gone: exit 1 for the findings, nothing on stderr', () => {
    fs.rmSync(path.join(dir, 'binary'), { recursive: true });
    fs.rmSync(path.join(dir, 'utf16'), { recursive: true });
    fs.rmSync(path.join(dir, 'dangling'), { recursive: true });
    const r = run(['lint', '.'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(r.err, '');
  });
});
