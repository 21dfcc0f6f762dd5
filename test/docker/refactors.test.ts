/**
 * The refactors, proven by real builds on a real Docker engine (run with `bash test/docker/run.sh`):
 * for a Node app with a build step, for a Go program and for a Python app in a virtualenv, the original single-stage Dockerfile and
 * the one "Split into builder and runner stages" produces (by calling the refactor code) both build
 * with --network=none and print the same; the runner holds neither the sources, nor the toolchain,
 * nor dev dependencies, and is smaller; after "Copy manifests first", a source edit rebuilds with the
 * install layer CACHED where the original order reruns it.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fixes/fix-all';
import { splitStages } from '../../server/src/core/fixes/split-stages';
import type { BuildContextFacts } from '../../server/src/core/context';
import { build, BuildResult, docker, imageSize, listImagePaths, removeImages, requireEngine, runInImage, step, uniqueTag } from './docker';

const FIXTURES = join(__dirname, 'fixtures', 'refactors');

/** The build-context facts the editor and the command line give the core: the files, and .dockerignore. */
function contextFacts(dir: string): BuildContextFacts {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p).split('\\').join('/');
      if (statSync(p).isDirectory()) {
        files.push(`${rel}/`);
        walk(p);
      } else files.push(rel);
    }
  };
  walk(dir);
  const ignore = join(dir, '.dockerignore');
  return { files, dockerignore: existsSync(ignore) ? readFileSync(ignore, 'utf8') : null };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

interface Project {
  name: string;
  /** The source file a developer edits, and the edit. */
  source: string;
  edit: (text: string) => string;
  /** The install step of the original Dockerfile and of the reordered one, as BuildKit names them. */
  originalInstall: RegExp;
  movedInstall: RegExp;
  /** Paths that must not be in the runner image: sources, toolchain, dev dependencies. */
  absent: RegExp[];
  /** Paths the runner image must hold. */
  present: string[];
}

const PROJECTS: Project[] = [
  {
    name: 'node',
    source: 'src/app.js',
    edit: (t) => t.replace('hello from the node app', 'hello again from the node app'),
    originalInstall: /^RUN npm ci && npm run build$/,
    movedInstall: /^RUN npm ci$/,
    absent: [/^\/app\/src(\/|$)/, /^\/app\/build\.js$/, /^\/app\/tools(\/|$)/, /^\/app\/node_modules\/banner(\/|$)/, /^\/usr\/bin\/make$/, /^\/usr\/local\/include\/node(\/|$)/],
    present: ['/app/dist/app.js', '/app/package.json', '/usr/local/bin/node'],
  },
  {
    name: 'go',
    source: 'main.go',
    edit: (t) => t.replace('hello from the go app', 'hello again from the go app'),
    originalInstall: /^RUN go mod download$/,
    movedInstall: /^RUN go mod download$/,
    absent: [/\.go$/, /^\/src\/go\.mod$/, /^\/usr\/local\/go(\/|$)/, /^\/go(\/|$)/, /^\/bin\/sh$/],
    present: ['/out/hello', '/etc/ssl/certs/ca-certificates.crt'],
  },
  {
    // The builder/runner split of a Python app: the virtualenv goes to the runner, the SDK's make and
    // C headers stay behind, the runner creates the app's user and sets PATH once.
    name: 'python',
    source: 'greeting.py',
    edit: (t) => t.replace('hello from the python app', 'hello again from the python app'),
    originalInstall: /^RUN pip install --no-cache-dir --no-index -r requirements\.txt$/,
    movedInstall: /^RUN pip install --no-cache-dir --no-index -r requirements\.txt$/,
    absent: [/^\/usr\/bin\/make$/, /^\/usr\/include\/python3[.0-9]*(\/|$)/],
    present: ['/opt/venv/bin/python', '/opt/venv/bin/pip', '/app/app.py', '/app/greeting.py'],
  },
];

describe('docker engine: the refactors build and run', function () {
  const images: string[] = [];
  const dirs: string[] = [];
  const sizes: string[] = [];
  let goVersion = '';
  let pyVersion = '';

  before(async function () {
    await requireEngine();
    const { stdout } = await docker(['images', '--format', '{{.Tag}}', 'golang']);
    const tags = stdout.split('\n').filter(Boolean);
    assert.equal(tags.length, 1, `expected one golang base image, found: ${tags.join(', ') || 'none'}`);
    goVersion = tags[0];
    // The Python images are tagged after Debian's python3 (e.g. python:3.11 and python:3.11-slim).
    const py = (await docker(['images', '--format', '{{.Tag}}', 'python'])).stdout.split('\n').filter((t) => t && !t.endsWith('-slim'));
    assert.equal(py.length, 1, `expected one python base image, found: ${py.join(', ') || 'none'}`);
    pyVersion = py[0];
  });

  after(async function () {
    await removeImages(images);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (sizes.length) console.log(`\n      image sizes (docker image inspect .Size):\n${sizes.map((s) => `        ${s}`).join('\n')}`);
  });

  for (const p of PROJECTS) {
    describe(p.name, function () {
      let work: string;
      let ctx: string;
      let facts: BuildContextFacts;
      const dockerfiles: Record<'original' | 'split' | 'manifests', string> = { original: '', split: '', manifests: '' };
      const tags: Record<string, string> = {};
      const built: Record<string, BuildResult> = {};

      const buildOne = async (kind: keyof typeof dockerfiles, tagSuffix: string) => {
        const tag = uniqueTag(`refactor-${p.name}`, `${kind}-${tagSuffix}`);
        images.push(tag);
        const file = join(work, `${kind}.Dockerfile`);
        const r = await build({ context: ctx, file, tag });
        assert.equal(r.code, 0, `${kind} build failed:\n${r.log}`);
        return { tag, r };
      };

      before(async function () {
        work = mkdtempSync(join(tmpdir(), `stagecraft-refactor-${p.name}-`));
        dirs.push(work);
        ctx = join(work, 'context');
        cpSync(join(FIXTURES, p.name), ctx, { recursive: true, filter: (src) => !src.endsWith('/Dockerfile') });
        facts = contextFacts(ctx);
        const original = readFileSync(join(FIXTURES, p.name, 'Dockerfile'), 'utf8').replace('GO_VERSION', goVersion).replace('PY_VERSION', pyVersion);
        dockerfiles.original = original;
        // The refactored Dockerfiles come from the refactor code, never written by hand.
        const split = splitStages(analyze(original, facts).model!, facts);
        assert.ok(split, 'the split is offered');
        assert.deepEqual(split.todos, [], 'nothing left to resolve by hand');
        dockerfiles.split = split.text;
        const runner = split.text.slice(split.text.lastIndexOf('\nFROM '));
        const builder = split.text.slice(0, split.text.lastIndexOf('\nFROM '));
        assert.doesNotMatch(builder, /^(EXPOSE|CMD|ENTRYPOINT|USER) /m, 'the builder keeps no runtime-only instruction');
        const lines = runner.split('\n').filter((l) => l && !l.startsWith('#'));
        assert.deepEqual(lines.filter((l, k) => lines.indexOf(l) !== k), [], 'the runner repeats no line');
        const viaFixAll = fixAll(original, facts, {}, { unsafe: true, rules: ['stage/toolchain-in-final-stage'] });
        assert.equal(viaFixAll.text, split.text, 'fix-all --unsafe applies the same split');
        const reordered = fixAll(original, facts, {}, { unsafe: true, rules: ['cache/copy-all-before-install'] });
        assert.deepEqual(reordered.applied.map((a) => a.rule), ['cache/copy-all-before-install']);
        dockerfiles.manifests = reordered.text;
        for (const [kind, text] of Object.entries(dockerfiles)) writeFileSync(join(work, `${kind}.Dockerfile`), text);
      });

      it('(1) the original and the split Dockerfile both build with --network=none', async function () {
        for (const kind of ['original', 'split'] as const) {
          const { tag, r } = await buildOne(kind, 'v1');
          tags[kind] = tag;
          built[kind] = r;
        }
        assert.ok(step(built.split.steps, /^COPY --from=builder /, undefined), 'the runner copies from the builder');
      });

      it('(2) both images run the program with the same output', async function () {
        assert.ok(tags.original && tags.split, 'built in (1)');
        const a = await runInImage(tags.original);
        const b = await runInImage(tags.split);
        assert.match(a.stdout, new RegExp(`^hello from the ${p.name} app`));
        assert.equal(b.stdout, a.stdout);
      });

      it('(3) the runner holds no sources, toolchain or dev dependencies, and is smaller', async function () {
        assert.ok(tags.original && tags.split, 'built in (1)');
        const paths = await listImagePaths(tags.split);
        for (const want of p.present) assert.ok(paths.includes(want), `${want} is in the runner`);
        const unwanted = paths.filter((x) => p.absent.some((re) => re.test(x)));
        assert.deepEqual(unwanted, [], 'sources, toolchain or dev dependencies in the runner');
        const originalPaths = await listImagePaths(tags.original);
        assert.ok(originalPaths.some((x) => p.absent.some((re) => re.test(x))), 'the original image does hold them (the check can fail)');
        const before = await imageSize(tags.original);
        const after = await imageSize(tags.split);
        sizes.push(`${p.name}: original ${mb(before)} (${before} bytes), runner ${mb(after)} (${after} bytes)`);
        assert.ok(after < before, `runner ${after} bytes < original ${before} bytes`);
      });

      it('(4) after "copy manifests first" a source edit reuses the install layer; the original order reruns it', async function () {
        assert.ok(tags.original, 'built in (1)');
        await buildOne('manifests', 'v1');
        const file = join(ctx, p.source);
        writeFileSync(file, p.edit(readFileSync(file, 'utf8')));

        const original = await buildOne('original', 'v2');
        assert.equal(step(original.r.steps, p.originalInstall).cached, false, 'the original reruns the install');
        const reordered = await buildOne('manifests', 'v2');
        assert.equal(step(reordered.r.steps, p.movedInstall).cached, true, 'the reordered install is CACHED');
        const split = await buildOne('split', 'v2');
        assert.equal(step(split.r.steps, p.movedInstall, 'builder').cached, true, "the split's builder install is CACHED");

        const expected = `hello again from the ${p.name} app`;
        for (const tag of [original.tag, reordered.tag, split.tag]) {
          assert.match((await runInImage(tag)).stdout, new RegExp(`^${expected}`), `${tag} runs the edited program`);
        }
      });
    });
  }
});
