/**
 * The real Docker engine layer: `docker build --target <stage>` builds exactly that stage, with
 * BuildKit and with the legacy builder, and the helpers read what was built.
 *
 * Needs DOCKER_HOST (bash test/docker/run.sh sets it up); without an engine the suite fails.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  build,
  cachedSteps,
  docker,
  imageExists,
  imageSize,
  inspectImage,
  listImageFiles,
  listImagePaths,
  parsePlainProgress,
  readImageFile,
  removeImages,
  requireEngine,
  runInImage,
  stagesBuilt,
  step,
  uniqueTag,
} from './docker';

const TWO_STAGES = `FROM busybox:latest AS builder
LABEL org.stagecraft.test.stage=builder
RUN echo "built by builder" > /built.txt
COPY input.txt /input.txt

FROM busybox:latest AS runner
LABEL org.stagecraft.test.stage=runner
RUN echo "written by runner" > /runner.txt
COPY --from=builder /built.txt /from-builder.txt
CMD ["cat", "/runner.txt"]
`;

describe('docker engine: build --target', function () {
  const created: string[] = [];
  let dir: string;
  let file: string;

  function tag(suffix: string): string {
    const t = uniqueTag('engine', suffix);
    created.push(t);
    return t;
  }

  before(async function () {
    const version = await requireEngine();
    assert.match(version, /^\d+\.\d+/);
    assert.ok(await imageExists('busybox:latest'), 'base image busybox:latest is missing (scripts/docker/base-images.sh)');
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-engine-'));
    file = join(dir, 'Dockerfile.two-stage');
    writeFileSync(file, TWO_STAGES);
    writeFileSync(join(dir, 'input.txt'), 'input v1\n');
  });

  after(async function () {
    await removeImages(created);
    for (const t of created) assert.equal(await imageExists(t), false, `${t} was not removed`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('BuildKit: --target builder tags an image holding exactly the builder stage', async function () {
    const t = tag('bk-builder');
    const r = await build({ context: dir, file, target: 'builder', tag: t });

    // BuildKit only ran the builder stage's steps.
    assert.deepEqual(stagesBuilt(r.steps), ['builder'], `stages built:\n${r.log}`);
    assert.ok(step(r.steps, /^RUN echo "built by builder"/, 'builder').done);
    assert.equal(r.steps.filter((s) => /runner/.test(s.instruction)).length, 0);

    // The tagged image is the builder stage.
    const out = await runInImage(t, ['cat', '/built.txt']);
    assert.equal(out.stdout, 'built by builder\n');
    const runner = await runInImage(t, ['cat', '/runner.txt'], { allowFailure: true });
    assert.notEqual(runner.code, 0, 'builder image must not contain /runner.txt');
    assert.match(runner.stderr, /No such file/);
    assert.equal((await inspectImage(t)).Config.Labels?.['org.stagecraft.test.stage'], 'builder');

    const paths = await listImagePaths(t);
    assert.ok(paths.includes('/built.txt'));
    assert.ok(paths.includes('/input.txt'));
    assert.ok(!paths.includes('/runner.txt'));
    assert.ok(!paths.includes('/from-builder.txt'));
  });

  it('BuildKit: without --target the last stage (runner) is built, with the file copied from builder', async function () {
    const t = tag('bk-last');
    const r = await build({ context: dir, file, tag: t });
    assert.deepEqual(stagesBuilt(r.steps).sort(), ['builder', 'runner']);

    assert.equal((await runInImage(t)).stdout, 'written by runner\n'); // the image's CMD
    assert.equal((await runInImage(t, ['cat', '/from-builder.txt'])).stdout, 'built by builder\n');
    const paths = await listImagePaths(t);
    assert.ok(paths.includes('/runner.txt'));
    assert.ok(!paths.includes('/built.txt'), 'runner must not contain the builder-only file');
    assert.ok(!paths.includes('/input.txt'));
    assert.equal((await inspectImage(t)).Config.Labels?.['org.stagecraft.test.stage'], 'runner');
  });

  it('BuildKit: reports which steps were CACHED after a change to the context', async function () {
    const t = tag('bk-cache');
    await build({ context: dir, file, target: 'builder', tag: t });
    const again = await build({ context: dir, file, target: 'builder', tag: t });
    assert.ok(step(again.steps, /^RUN echo "built by builder"/, 'builder').cached, again.log);
    assert.ok(step(again.steps, /^COPY input\.txt/, 'builder').cached, again.log);

    writeFileSync(join(dir, 'input.txt'), 'input v2\n');
    try {
      const changed = await build({ context: dir, file, target: 'builder', tag: t });
      assert.ok(step(changed.steps, /^RUN echo "built by builder"/, 'builder').cached, changed.log);
      const copy = step(changed.steps, /^COPY input\.txt/, 'builder');
      assert.equal(copy.cached, false, changed.log);
      assert.equal(copy.done, true);
      assert.ok(!cachedSteps(changed.steps).some((n) => n.includes('COPY input.txt')));
      assert.equal((await readImageFile(t, '/input.txt')).toString(), 'input v2\n');
    } finally {
      writeFileSync(join(dir, 'input.txt'), 'input v1\n');
    }
  });

  it('legacy builder (DOCKER_BUILDKIT=0): --target builder tags the builder stage', async function () {
    const t = tag('legacy-builder');
    const r = await build({ context: dir, file, target: 'builder', tag: t, buildkit: false });
    assert.match(r.log, /Successfully tagged/);
    assert.doesNotMatch(r.log, /written by runner/);

    assert.equal((await runInImage(t, ['cat', '/built.txt'])).stdout, 'built by builder\n');
    assert.notEqual((await runInImage(t, ['test', '-e', '/runner.txt'], { allowFailure: true })).code, 0);
    const paths = await listImagePaths(t);
    assert.ok(paths.includes('/built.txt'));
    assert.ok(!paths.includes('/runner.txt'));
    assert.equal((await inspectImage(t)).Config.Labels?.['org.stagecraft.test.stage'], 'builder');
  });

  it('a failing build rejects with the step that failed', async function () {
    const bad = join(dir, 'Dockerfile.fails');
    writeFileSync(bad, 'FROM busybox:latest AS broken\nRUN echo about to fail && exit 3\n');
    const t = tag('fails');
    const r = await build({ context: dir, file: bad, tag: t, allowFailure: true });
    assert.notEqual(r.code, 0);
    // A single-stage Dockerfile: BuildKit labels its steps "[2/2]" without the stage name.
    const failing = step(r.steps, /^RUN echo about to fail/);
    assert.equal(failing.label, '2/2');
    assert.equal(failing.stage, undefined);
    assert.match(failing.error ?? '', /exit code: 3/, r.log);
    assert.equal(await imageExists(t), false);
    await assert.rejects(build({ context: dir, file: bad, tag: t }), /exited with 1/);
  });

  it('image size and file listing work for an image without a shell', async function () {
    const image = 'gcr.io/distroless/static-debian12';
    const size = await imageSize(image);
    assert.ok(size > 1000 && size < 5_000_000, `size ${size}`);
    assert.ok(size < (await imageSize('busybox:latest')), 'distroless stand-in should be smaller than busybox');
    const files = await listImageFiles(image);
    const certs = files.find((e) => e.path === '/etc/ssl/certs/ca-certificates.crt');
    assert.ok(certs && certs.type === 'file' && certs.size > 10_000);
    assert.ok(!files.some((e) => e.path === '/bin/sh'));
    const tmp = files.find((e) => e.path === '/tmp');
    assert.equal(tmp?.mode, 0o1777);
    const passwd = (await readImageFile(image, '/etc/passwd')).toString();
    assert.match(passwd, /^nonroot:x:65532:65532:/m);
  });

  it('parses BuildKit plain progress output', function () {
    const text = [
      '#1 [internal] load build definition from Dockerfile',
      '#1 sha256:2c8c0eda107b9f6fe876312099158e748c411415cb5098b077781acd5d5b70aa',
      '#1 DONE 0.0s',
      '#8 [build 2/6] WORKDIR /app',
      '#8 CACHED',
      '#11 [build 4/6] RUN npm ci',
      '#12 [runner 2/3] COPY --from=build /app/dist ./dist',
      '#11 0.363 up to date, audited 1 package in 255ms',
      '#12 DONE 0.1s',
      '#11 DONE 0.4s',
      '#13 [build 5/6] RUN false',
      '#13 ERROR: executor failed running [/bin/sh -c false]: exit code: 1',
      '#15 exporting to image',
      '#15 DONE 0.0s',
    ].join('\n');
    const steps = parsePlainProgress(text);
    assert.deepEqual(
      steps.map((s) => [s.id, s.stage ?? null, s.instruction, s.cached, s.done]),
      [
        [1, null, 'load build definition from Dockerfile', false, true],
        [8, 'build', 'WORKDIR /app', true, false],
        [11, 'build', 'RUN npm ci', false, true],
        [12, 'runner', 'COPY --from=build /app/dist ./dist', false, true],
        [13, 'build', 'RUN false', false, false],
        [15, null, 'exporting to image', false, true],
      ],
    );
    assert.deepEqual(steps.find((s) => s.id === 11)?.output, ['up to date, audited 1 package in 255ms']);
    assert.equal(steps.find((s) => s.id === 11)?.seconds, 0.4);
    assert.match(steps.find((s) => s.id === 13)?.error ?? '', /exit code: 1/);
    assert.deepEqual(cachedSteps(steps), ['[build 2/6] WORKDIR /app']);
  });

  it('docker() passes arguments without a shell', async function () {
    const r = await docker(['run', '--rm', '--network=none', 'busybox:latest', 'echo', '$HOME; `id`']);
    assert.equal(r.stdout, '$HOME; `id`\n');
  });
});
