/**
 * The locally made base images (scripts/docker/base-images.sh) do what later tests rely on:
 * shells and users, Node with npm offline, Go building a std-lib program offline into a
 * distroless runner.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, docker, imageExists, imageSize, inspectImage, listImagePaths, removeImages, requireEngine, runInImage, step, uniqueTag } from './docker';

const SHELL_IMAGES = ['busybox:latest', 'alpine:3.20', 'debian:bookworm-slim', 'node:20-slim', 'node:20'];

describe('docker engine: base images', function () {
  const created: string[] = [];
  const dirs: string[] = [];
  let golang: string;

  function tempDir(): string {
    const d = mkdtempSync(join(tmpdir(), 'stagecraft-base-'));
    dirs.push(d);
    return d;
  }

  before(async function () {
    await requireEngine();
    // The Go image is tagged after Debian's Go version (e.g. golang:1.19).
    const { stdout } = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', 'golang']);
    const found = stdout.split('\n').filter(Boolean);
    assert.equal(found.length, 1, `expected one golang image, found: ${found.join(', ') || 'none'}`);
    golang = found[0];
  });

  after(async function () {
    await removeImages(created);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (const image of SHELL_IMAGES) {
    it(`${image}: /bin/sh, /usr/bin/env, root and a writable /tmp`, async function () {
      assert.ok(await imageExists(image));
      const r = await runInImage(image, ['/bin/sh', '-c', 'id -u; /usr/bin/env true && echo env-ok; touch /tmp/x && stat -c %a /tmp']);
      assert.equal(r.stdout, '0\nenv-ok\n1777\n');
    });
  }

  it('node:20-slim and node:20 run Node 20 and npm as root and as the node user', async function () {
    for (const image of ['node:20-slim', 'node:20']) {
      const v = await runInImage(image, ['node', '--version']);
      assert.match(v.stdout, /^v20\./);
      const u = await runInImage(image, ['sh', '-c', 'id -u; echo $HOME; npm --version'], { user: 'node' });
      assert.match(u.stdout, /^1000\n\/home\/node\n\d+\.\d+\.\d+\n$/);
      assert.equal((await inspectImage(image)).Config.Cmd?.join(' '), 'node');
    }
    assert.equal((await runInImage('node:20', ['make', '--version'])).code, 0);
    assert.ok((await imageSize('node:20')) > (await imageSize('node:20-slim')), 'node:20 should be bigger than node:20-slim');
  });

  it('node:20: npm ci and npm run build work offline; the slim runner runs the result', async function () {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'demo',
        version: '1.0.0',
        private: true,
        scripts: { build: "node -e \"require('fs').mkdirSync('dist');require('fs').writeFileSync('dist/main.js','console.log(6*7)')\"" },
      }),
    );
    writeFileSync(
      join(dir, 'package-lock.json'),
      JSON.stringify({ name: 'demo', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'demo', version: '1.0.0' } } }),
    );
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        'FROM node:20 AS build',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY . .',
        'RUN npm run build',
        'FROM node:20-slim AS runner',
        'USER node',
        'WORKDIR /home/node/app',
        'COPY --from=build /app/dist ./dist',
        'CMD ["node", "dist/main.js"]',
        '',
      ].join('\n'),
    );
    const t = uniqueTag('base', 'node');
    created.push(t);
    const r = await build({ context: dir, tag: t });
    assert.ok(step(r.steps, /^RUN npm ci/, 'build').done);
    assert.equal((await runInImage(t)).stdout, '42\n');
    const paths = await listImagePaths(t);
    assert.ok(paths.includes('/home/node/app/dist/main.js'));
    assert.ok(!paths.includes('/app/package.json'));
  });

  it('golang builds a std-lib program offline; the distroless runner runs it as nonroot', async function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n');
    writeFileSync(
      join(dir, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\tfmt.Println(strings.ToUpper("hello"), os.Getuid())\n}\n',
    );
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        `FROM ${golang} AS build`,
        'WORKDIR /src',
        'COPY go.mod ./',
        'RUN go mod download',
        'COPY . .',
        'RUN go build -o /out/hello .',
        'FROM gcr.io/distroless/static-debian12 AS runner',
        'COPY --from=build /out/hello /hello',
        'USER nonroot',
        'ENTRYPOINT ["/hello"]',
        '',
      ].join('\n'),
    );
    const t = uniqueTag('base', 'go');
    created.push(t);
    await build({ context: dir, tag: t });
    assert.equal((await runInImage(t)).stdout, 'HELLO 65532\n');
    const paths = await listImagePaths(t);
    assert.ok(paths.includes('/hello'));
    assert.ok(!paths.includes('/bin/sh'));
    assert.ok((await imageSize(t)) < 10_000_000);
  });
});
