// The docker command lines the Build / Run / Shell lenses start: argument arrays built from the
// settings, never shell strings. Pure: runs without VS Code.
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { BuildInputs, buildArgs, expandTag, resolveContext, runArgs, sanitizeTag, shellArgs, teeArgs, unwrapTee } from '../../client/src/docker-args';

// docker's reference grammar (distribution's `reference` package), written out for the check:
// [domain[:port]/]path-component(/path-component)*[:tag]
const DOMAIN = String.raw`(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const TAG = String.raw`[\w][\w.-]{0,127}`;
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*:${TAG}$`);

const dockerfile = path.resolve('/ws/app/Dockerfile');
const base: BuildInputs = {
  dockerfile, target: 'builder', tag: 'app:builder', contextSetting: '', workspaceFolder: path.resolve('/ws'),
  buildArgs: {}, extraArgs: [],
};

describe('client docker-args: sanitizeTag', () => {
  const rows: [string, string][] = [
    ['app:builder', 'app:builder'],
    ['Dockerfile:builder', 'dockerfile:builder'],
    ['My App/Dockerfile:Builder', 'my-app/dockerfile:Builder'],
    ['app', 'app:latest'],
    ['app:', 'app:latest'],
    ['app:...', 'app:latest'],
    ['app:-x', 'app:x'],
    ['app:.hidden', 'app:hidden'],
    ['app:with space', 'app:with-space'],
    ['app:a/b', 'app/b:latest'], // a slash after the colon: no tag; `app:a` is no valid host, its port is dropped
    ['__weird__name__:x', 'weird-name:x'],
    ['a..b--c__d:x', 'a-b-c-d:x'],
    ['//:x', 'stagecraft:x'],
    ['', 'stagecraft:latest'],
    ['ÄÖÜ:ß', 'stagecraft:latest'],
    ['app.Dockerfile:builder', 'app.dockerfile:builder'],
    ['stagecraft-e2e/stagecraft-ws-Dockerfile:builder', 'stagecraft-e2e/stagecraft-ws-dockerfile:builder'],
    // a registry host keeps its dots and port
    ['registry.local:5000/team/app:dev', 'registry.local:5000/team/app:dev'],
    ['localhost:5000/app:dev', 'localhost:5000/app:dev'],
    ['Registry.Example.COM/App:v1', 'registry.example.com/app:v1'],
    ['localhost/app', 'localhost/app:latest'],
    ['reg_istry.local:50x0/app:1', 'reg-istry.local:500/app:1'],
    // a lone `name:port` is a repository and a tag, as docker reads it
    ['localhost:5000', 'localhost:5000'],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const out = sanitizeTag(input);
      assert.equal(out, expected);
      assert.match(out, REFERENCE, 'a valid docker reference');
    });
  }

  it('cuts the tag at 128 characters', () => {
    const out = sanitizeTag(`app:${'x'.repeat(300)}`);
    assert.equal(out, `app:${'x'.repeat(128)}`);
    assert.match(out, REFERENCE);
  });

  it('always gives a valid reference (generated inputs)', () => {
    const alphabet = ['a', 'Z', '0', '.', '-', '_', '/', ':', ' ', '$', '{', '}', 'é', '@'];
    let seed = 7;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed; };
    for (let n = 0; n < 2000; n++) {
      const len = next() % 24;
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[next() % alphabet.length];
      const out = sanitizeTag(s);
      assert.match(out, REFERENCE, `${JSON.stringify(s)} → ${out}`);
      assert.equal(sanitizeTag(out), out, `idempotent for ${JSON.stringify(s)}`);
    }
  });
});

describe('client docker-args: expandTag', () => {
  const vars = { stage: 'builder', dockerfileBasename: 'app.Dockerfile', workspaceFolderBasename: 'My Project' };
  const rows: [string, string][] = [
    ['${dockerfileBasename}:${stage}', 'app.dockerfile:builder'],
    ['${workspaceFolderBasename}/${stage}', 'my-project/builder:latest'],
    ['e2e/${workspaceFolderBasename}-${dockerfileBasename}:${stage}', 'e2e/my-project-app.dockerfile:builder'],
    ['app:${unknown}', 'app:unknown-'], // an unknown variable is kept as text, then sanitised
    ['${stage}${stage}:x', 'builderbuilder:x'],
  ];
  for (const [template, expected] of rows) {
    it(`${template} → ${expected}`, () => assert.equal(expandTag(template, vars), expected));
  }

  it('does not expand variables inside values', () => {
    assert.equal(expandTag('app:${stage}', { ...vars, stage: '${dockerfileBasename}' }), 'app:dockerfileBasename-');
  });
});

describe('client docker-args: resolveContext', () => {
  const rows: [string, string | undefined, string][] = [
    ['', '/ws', '/ws/app'],
    ['   ', '/ws', '/ws/app'],
    ['.', '/ws', '/ws'],
    ['app/..', '/ws', '/ws'],
    ['ctx', '/ws', '/ws/ctx'],
    [' ctx ', '/ws', '/ws/ctx'],
    ['/abs/ctx', '/ws', '/abs/ctx'],
    ['ctx', undefined, '/ws/app/ctx'], // no workspace folder: relative to the Dockerfile's folder
    ['', undefined, '/ws/app'],
  ];
  for (const [setting, folder, expected] of rows) {
    it(`${JSON.stringify(setting)} with folder ${folder ?? 'none'} → ${expected}`, () => {
      assert.equal(resolveContext(setting, dockerfile, folder && path.resolve(folder)), path.resolve(expected));
    });
  }
});

describe('client docker-args: buildArgs', () => {
  it('builds the target with -f and -t, the context last', () => {
    assert.deepEqual(buildArgs(base), ['build', '--target', 'builder', '-f', dockerfile, '-t', 'app:builder', '--progress=plain', path.resolve('/ws/app')]);
  });

  it('leaves out --target for the last, unnamed stage', () => {
    assert.deepEqual(buildArgs({ ...base, target: undefined }), ['build', '-f', dockerfile, '-t', 'app:builder', '--progress=plain', path.resolve('/ws/app')]);
  });

  it('passes build args in the setting\'s order, then extra args, then the context', () => {
    const args = buildArgs({
      ...base,
      buildArgs: { NODE_VERSION: '20', APP_ENV: 'dev', EMPTY: '' },
      extraArgs: ['--network=none', '--progress', 'plain'],
      contextSetting: '.',
    });
    assert.deepEqual(args, [
      'build', '--target', 'builder', '-f', dockerfile, '-t', 'app:builder', '--progress=plain',
      '--build-arg', 'NODE_VERSION=20', '--build-arg', 'APP_ENV=dev', '--build-arg', 'EMPTY=',
      '--network=none', '--progress', 'plain',
      path.resolve('/ws'),
    ]);
  });

  it('keeps every value one argument: spaces, quotes and $ are not split or expanded', () => {
    const args = buildArgs({
      ...base,
      dockerfile: path.resolve('/ws/my app/Docker file'),
      buildArgs: { MSG: 'a b "c" $(rm -rf /) ; d' },
      contextSetting: '',
    });
    assert.ok(args.includes('MSG=a b "c" $(rm -rf /) ; d'));
    assert.ok(args.includes(path.resolve('/ws/my app/Docker file')));
    assert.equal(args[args.length - 1], path.resolve('/ws/my app'));
  });

  it('does not change its inputs', () => {
    const inputs = { ...base, buildArgs: { A: '1' }, extraArgs: ['--pull'] };
    const copy = JSON.parse(JSON.stringify(inputs));
    buildArgs(inputs);
    assert.deepEqual(inputs, copy);
  });
});

describe('client docker-args: runArgs and shellArgs', () => {
  it('runs the image removed after exit, interactive with a TTY, extra args before the image', () => {
    assert.deepEqual(runArgs('app:runner', []), ['run', '--rm', '-it', 'app:runner']);
    assert.deepEqual(runArgs('app:runner', ['--network=none', '-e', 'X=1']), ['run', '--rm', '-it', '--network=none', '-e', 'X=1', 'app:runner']);
  });

  it('opens a shell through a fixed /bin/sh script that prefers bash', () => {
    const args = shellArgs('app:builder', ['--network=none']);
    assert.deepEqual(args.slice(0, 7), ['run', '--rm', '-it', '--network=none', '--entrypoint', '/bin/sh', 'app:builder']);
    assert.deepEqual(args.slice(7, 8), ['-c']);
    assert.match(args[8], /command -v bash/);
    assert.match(args[8], /exec sh/);
    assert.equal(args.length, 9);
  });
});

describe('client docker-args: the tee that copies the build output to a log', () => {
  const run = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, args, (err, stdout, stderr) => resolve({ code: err ? (err as { code?: number }).code ?? null : 0, stdout, stderr }));
  });

  it('passes the command\'s output through, copies both streams to the log, and keeps its exit code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-tee-'));
    const log = path.join(dir, 'build.log');
    // a child whose arguments look like flags and like shell syntax: they reach it unchanged
    const child = ['-e', 'console.log(JSON.stringify(process.argv.slice(1))); console.error("#5 CACHED"); process.exit(3)', '--', '--target', '$(x) ; y'];
    const r = await run(teeArgs(log, process.execPath, child));
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '["--target","$(x) ; y"]\n');
    assert.equal(r.stderr, '#5 CACHED\n');
    assert.deepEqual(fs.readFileSync(log, 'utf8').split('\n').sort(), ['', '#5 CACHED', '["--target","$(x) ; y"]']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 127 with a message when the command cannot be started', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-tee-'));
    const r = await run(teeArgs(path.join(dir, 'build.log'), path.join(dir, 'no-such-docker'), ['build']));
    assert.equal(r.code, 127);
    assert.match(r.stderr, /^stagecraft: could not start .*no-such-docker: spawn .* ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('unwrapTee gives back the command inside', () => {
    assert.deepEqual(unwrapTee(teeArgs('/tmp/l', '/usr/bin/docker', ['build', '.'])), { logFile: '/tmp/l', command: '/usr/bin/docker', args: ['build', '.'] });
    assert.equal(unwrapTee(['build', '.']), undefined);
  });
});
