import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('stagecraft fix and the created .dockerignore (the real bin)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-fixignore-'));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'fastapi\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the creation once, counts each fix once, and writes one line per entry', () => {
    // three text fixes over two passes, and no .dockerignore
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12\nMAINTAINER someone\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD uvicorn app.main:app\n');
    const r = run(['fix', 'Dockerfile'], dir);
    assert.equal(r.err, '');
    const fixed = r.out.split('\n').filter((l) => /^\s+fixed\s/.test(l));
    assert.equal(fixed.filter((l) => l.includes('cache/context-not-ignored')).length, 1, r.out);
    assert.match(r.out, new RegExp(`; ${fixed.length} fixes applied\\n$`));
    assert.equal(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), '.git\n**/__pycache__\n.venv\n');
    // nothing left to do: a second run applies nothing and leaves the file as it is
    const again = run(['fix', 'Dockerfile'], dir);
    assert.doesNotMatch(again.out, /fixed/);
    assert.equal(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), '.git\n**/__pycache__\n.venv\n');
  });

  it('two Dockerfiles of one context: the second sees the file the first created', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile.dev'), 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n');
    const r = run(['fix', 'Dockerfile', 'Dockerfile.dev'], dir);
    assert.equal(r.out.split('\n').filter((l) => l.includes('Create .dockerignore')).length, 1, r.out);
    assert.equal(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), '.git\n**/__pycache__\n.venv\n');
  });
});
