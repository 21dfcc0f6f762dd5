/**
 * `stagecraft explain --changed …` checked against a real BuildKit (run with
 * `bash test/docker/run.sh -g explain`): for Node, Python, Go, Java and a plain Debian image, a
 * first build, then one change at a time (a source file, a manifest, a lock file, an ignored file,
 * a build argument, a file only a later COPY brings …); after each change the prediction of
 * `explain` is compared step by step with BuildKit's `CACHED` lines of the rebuild: every step
 * predicted `reused` must be CACHED and every step predicted `rebuilt` must have run. A step
 * predicted `depends` (a COPY --from of a rebuilt stage) may go either way; the test records what
 * BuildKit did and checks the case where the copied files are byte-identical.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../server/src/cli/main';
import { fixAll } from '../../server/src/core/fixes/fix-all';
import { readBuildContext } from '../../server/src/host/build-context';
import { build, BuildStep, docker, removeImages, requireEngine, runInImage, step, uniqueTag } from './docker';

interface ExplainJson {
  target: string;
  steps: { stage: string; line: number; instruction: string; status: 'reused' | 'rebuilt' | 'depends' | 'unknown'; cause: string | null }[];
}

/** Runs the real command line in-process: `stagecraft explain <dir>/Dockerfile --format json …`. */
async function explainJson(dir: string, args: string[]): Promise<ExplainJson> {
  let out = '';
  let err = '';
  const code = await main(['explain', join(dir, 'Dockerfile'), '--format', 'json', ...args], {
    out: (s) => (out += s), err: (s) => (err += s), cwd: dir, color: false,
  });
  assert.equal(code, 0, `explain failed: ${err}`);
  return JSON.parse(out) as ExplainJson;
}

const STEP = /^(RUN|COPY|ADD|WORKDIR)\b/i;

interface Compared {
  line: number;
  instruction: string;
  predicted: string;
  cached: boolean;
}

/**
 * Pairs the predicted steps with BuildKit's: BuildKit numbers the steps of each stage
 * (`[build 3/6]`): FROM an image is 1, then each RUN, COPY, ADD and WORKDIR in order.
 */
function compare(prediction: ExplainJson, steps: BuildStep[]): Compared[] {
  const out: Compared[] = [];
  const byStage = new Map<string, ExplainJson['steps']>();
  for (const s of prediction.steps) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
  for (const [stage, list] of byStage) {
    const predicted = list.filter((s) => STEP.test(s.instruction));
    // single-stage Dockerfiles: BuildKit labels the steps `2/7`, without the stage name
    const mine = steps.filter((s) => s.label && (s.stage === stage || (byStage.size === 1 && /^\d+\/\d+$/.test(s.label))) && !/^FROM /i.test(s.instruction));
    if (!predicted.length) continue;
    assert.ok(mine.length, `BuildKit shows no step of stage ${stage}:\n${steps.map((s) => `  ${s.name}`).join('\n')}`);
    const total = Number(/\/(\d+)$/.exec(mine[0].label!)![1]);
    const offset = total - predicted.length; // 1 when the stage starts FROM an image
    for (const b of mine) {
      const k = Number(/(?:^| )(\d+)\/\d+$/.exec(b.label!)![1]);
      const p = predicted[k - 1 - offset];
      assert.ok(p, `no predicted step for ${b.name}`);
      assert.equal(b.instruction.split(/\s+/)[0].toUpperCase(), p.instruction.split(/\s+/)[0].toUpperCase(), `step ${b.name} paired with line ${p.line}`);
      out.push({ line: p.line, instruction: p.instruction, predicted: p.status, cached: b.cached });
    }
    assert.equal(mine.length, predicted.length, `stage ${stage}: BuildKit ran ${mine.length} steps, ${predicted.length} predicted`);
  }
  return out;
}

function mismatches(c: Compared[]): string[] {
  return c.filter((x) => (x.predicted === 'reused' && !x.cached) || (x.predicted === 'rebuilt' && x.cached) || x.predicted === 'unknown')
    .map((x) => `line ${x.line} ${x.instruction}: predicted ${x.predicted}, BuildKit ${x.cached ? 'CACHED' : 'ran it'}`);
}

function table(c: Compared[]): string {
  return c.map((x) => `  ${String(x.line).padStart(3)} ${x.predicted.padEnd(8)} ${x.cached ? 'CACHED ' : 'ran    '} ${x.instruction}`).join('\n');
}

interface Scenario {
  name: string;
  /** Edits the project (files relative to its root). */
  edit?: (w: (rel: string, text: string) => void, r: (rel: string) => string, abs: (rel: string) => string) => void;
  /** `--changed` values given to explain. */
  changed: string[];
  /** Build arguments of this build (merged over the project's). */
  buildArgs?: Record<string, string>;
  /** Expected counts, so that a scenario cannot pass by predicting nothing. */
  expectRebuilt: number;
  /** Lines whose step must be `depends`, and whether BuildKit must have CACHED it (identical files). */
  depends?: { line: number; cached: boolean }[];
}

/** Builds a local Debian package (no dependencies) into <dir>/debs with the host's dpkg-deb. */
function makeDeb(dir: string, version: string): void {
  const root = mkdtempSync(join(tmpdir(), 'sc-deb-'));
  try {
    mkdirSync(join(root, 'DEBIAN'));
    mkdirSync(join(root, 'usr/share/hello-local'), { recursive: true });
    writeFileSync(join(root, 'DEBIAN/control'), `Package: hello-local\nVersion: ${version}\nArchitecture: all\nMaintainer: Stagecraft tests <tests@example.com>\nDescription: a local package\n`);
    writeFileSync(join(root, 'usr/share/hello-local/version'), `${version}\n`);
    rmSync(join(dir, 'debs'), { recursive: true, force: true });
    mkdirSync(join(dir, 'debs'));
    execFileSync('dpkg-deb', ['--root-owner-group', '-b', root, join(dir, 'debs', `hello-local_${version}_all.deb`)], { stdio: 'ignore', timeout: 60_000 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface Project {
  name: string;
  /** Makes files that are not text (e.g. a .deb) after the text files are written. */
  setup?: (dir: string) => void;
  files: Record<string, string>;
  buildArgs?: Record<string, string>;
  /** Build arguments that get a new value on every build (explain is not told their value). */
  volatile?: string[];
  scenarios: Scenario[];
}

const NODE_PKG = JSON.stringify({ name: 'demo', version: '1.0.0', private: true, scripts: { build: 'node build.js' } });
const NODE_LOCK = JSON.stringify({ name: 'demo', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'demo', version: '1.0.0' } } });

const PROJECTS: Project[] = [
  {
    name: 'node',
    files: {
      Dockerfile: [
        'FROM node:20-slim AS build',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY build.js ./',
        'COPY src/ src/',
        'ARG APP_MODE=production',
        'RUN npm run build',
        'COPY public/ public/',
        '',
        'FROM node:20-slim AS runner',
        'WORKDIR /srv',
        'COPY --from=build /app/dist ./dist',
        'COPY --from=build /app/public ./public',
        'CMD ["node", "dist/app.js"]',
        '',
      ].join('\n'),
      '.dockerignore': 'node_modules\n*.md\n',
      'package.json': NODE_PKG,
      'package-lock.json': NODE_LOCK,
      'build.js': "const fs = require('fs'); fs.mkdirSync('dist', { recursive: true }); fs.writeFileSync('dist/app.js', fs.readFileSync('src/app.js', 'utf8') + '// ' + (process.env.APP_MODE || '') + '\\n');\n",
      'src/app.js': "console.log('hello from the node app');\n",
      'public/index.html': '<p>hello</p>\n',
      'NOTES.md': 'notes\n',
    },
    scenarios: [
      { name: 'one source file', edit: (w) => w('src/app.js', "console.log('hello again');\n"), changed: ['src/app.js'], expectRebuilt: 3, depends: [{ line: 13, cached: false }, { line: 14, cached: false }] },
      { name: 'the manifest', edit: (w) => w('package.json', NODE_PKG.replace('1.0.0', '1.0.1')), changed: ['package.json'], expectRebuilt: 6, depends: [{ line: 13, cached: true }, { line: 14, cached: true }] },
      { name: 'the lock file', edit: (w) => w('package-lock.json', NODE_LOCK.replace('"requires":true', '"requires":false')), changed: ['package-lock.json'], expectRebuilt: 6, depends: [{ line: 13, cached: true }, { line: 14, cached: true }] },
      { name: 'an ignored file', edit: (w) => w('NOTES.md', 'more notes\n'), changed: ['NOTES.md'], expectRebuilt: 0 },
      { name: 'a build argument', changed: ['arg:APP_MODE'], buildArgs: { APP_MODE: 'staging' }, expectRebuilt: 2, depends: [{ line: 13, cached: false }, { line: 14, cached: false }] },
      { name: 'a file only the last COPY brings', edit: (w) => w('public/index.html', '<p>hello again</p>\n'), changed: ['public/index.html'], expectRebuilt: 1, depends: [{ line: 13, cached: true }, { line: 14, cached: false }] },
    ],
  },
  {
    name: 'python',
    files: {
      Dockerfile: [
        'FROM python:3.11-slim AS app',
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN python3 -c "import sys; open(\'/deps.txt\', \'w\').write(open(\'requirements.txt\').read())"',
        'COPY app/ app/',
        'RUN python3 -m compileall -q app',
        'COPY config/*.toml config/',
        'CMD ["python3", "-m", "app.main"]',
        '',
      ].join('\n'),
      '.dockerignore': '**/__pycache__\n.venv\n**/*.pyc\n',
      'requirements.txt': '# no dependencies yet\n',
      'app/__init__.py': '',
      'app/main.py': "print('hello from the python app')\n",
      'config/app.toml': 'name = "demo"\n',
      'config/README.txt': 'not copied\n',
    },
    scenarios: [
      { name: 'one source file', edit: (w) => w('app/main.py', "print('hello again')\n"), changed: ['app/main.py'], expectRebuilt: 3 },
      { name: 'the requirements file', edit: (w) => w('requirements.txt', '# still none\n'), changed: ['requirements.txt'], expectRebuilt: 5 },
      { name: 'an ignored file', edit: (w) => w('app/cache.pyc', 'x'), changed: ['app/cache.pyc'], expectRebuilt: 0 },
      { name: 'a file the COPY glob does not match', edit: (w) => w('config/README.txt', 'still not copied\n'), changed: ['config/README.txt'], expectRebuilt: 0 },
      { name: 'a file only the last COPY brings', edit: (w) => w('config/app.toml', 'name = "demo2"\n'), changed: ['config/app.toml'], expectRebuilt: 1 },
    ],
  },
  {
    name: 'go',
    files: {
      Dockerfile: [
        'FROM golang:1.19 AS build',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'COPY . .',
        'RUN go build -o /out/hello .',
        '',
        'FROM gcr.io/distroless/static-debian12 AS runner',
        'COPY --from=build /out/hello /hello',
        'CMD ["/hello"]',
        '',
      ].join('\n'),
      '.dockerignore': 'Dockerfile\n.dockerignore\n*_test.go\n',
      'go.mod': 'module example.com/hello\n\ngo 1.19\n',
      'go.sum': '',
      'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello from the go app") }\n',
      'main_test.go': 'package main\n',
    },
    scenarios: [
      // the dependency step stays CACHED after a source edit (the manifest-first order of cache/copy-all-before-install)
      { name: 'one source file', edit: (w) => w('main.go', 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello again") }\n'), changed: ['main.go'], expectRebuilt: 2, depends: [{ line: 9, cached: false }] },
      { name: 'the go.mod manifest', edit: (w, r) => w('go.mod', r('go.mod') + '\n// edited\n'), changed: ['go.mod'], expectRebuilt: 4, depends: [{ line: 9, cached: true }] },
      { name: 'an ignored test file', edit: (w) => w('main_test.go', 'package main\n\n// edited\n'), changed: ['main_test.go'], expectRebuilt: 0 },
    ],
  },
  {
    name: 'java',
    files: {
      Dockerfile: [
        'FROM eclipse-temurin:17-jdk AS build',
        'WORKDIR /build',
        'COPY src/ src/',
        'RUN javac -d /out src/Hello.java',
        '',
        'FROM eclipse-temurin:17-jdk AS runner',
        'WORKDIR /app',
        'COPY --from=build /out/ ./',
        'RUN java -cp /app Hello > /app/said.txt',
        'CMD ["java", "-cp", "/app", "Hello"]',
        '',
      ].join('\n'),
      'src/Hello.java': 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } } // v1\n',
    },
    scenarios: [
      // a comment at the end of a line: javac writes the same class file, so BuildKit reuses the COPY --from
      { name: 'a comment in a source file (same class file)', edit: (w) => w('src/Hello.java', 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } } // v2\n'), changed: ['src/Hello.java'], expectRebuilt: 2, depends: [{ line: 8, cached: true }, { line: 9, cached: true }] },
      { name: 'one source file', edit: (w) => w('src/Hello.java', 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n'), changed: ['src/Hello.java'], expectRebuilt: 2, depends: [{ line: 8, cached: false }, { line: 9, cached: false }] },
    ],
  },
  {
    name: 'debian',
    volatile: ['GIT_SHA'],
    files: {
      Dockerfile: [
        'FROM debian:bookworm-slim AS base',
        'RUN mkdir -p /opt/tool && echo installed > /opt/tool/marker',
        'ARG TOOL_FLAVOR=plain',
        'RUN echo tools > /opt/tool/list',
        'ENV FLAVOR=$TOOL_FLAVOR',
        'COPY scripts/ /opt/scripts/',
        'RUN sh /opt/scripts/setup.sh',
        '',
        'FROM base AS final',
        'ARG GIT_SHA',
        'RUN echo "$GIT_SHA" > /opt/tool/revision',
        'LABEL org.opencontainers.image.revision=$GIT_SHA',
        'CMD ["bash"]',
        '',
      ].join('\n'),
      'scripts/setup.sh': 'echo setup > /opt/tool/setup\n',
      README: 'readme\n',
    },
    scenarios: [
      // the ARG is declared after the first RUN: every RUN after it rebuilds, whether it reads the value or not
      { name: 'a build argument no command reads', changed: ['arg:TOOL_FLAVOR'], buildArgs: { TOOL_FLAVOR: 'full' }, expectRebuilt: 4 },
      { name: 'a script', edit: (w) => w('scripts/setup.sh', 'echo setup two > /opt/tool/setup\n'), changed: ['scripts/setup.sh'], expectRebuilt: 3 },
      { name: 'a file no COPY brings (only the commit argument changes)', edit: (w) => w('README', 'readme two\n'), changed: ['README'], expectRebuilt: 1 },
    ],
  },
  {
    name: 'apt',
    files: {
      Dockerfile: [
        'FROM debian:bookworm AS system',
        'ARG DEBIAN_FRONTEND=noninteractive',
        'COPY debs/ /tmp/debs/',
        'RUN apt-get install -y --no-install-recommends /tmp/debs/*.deb && rm -rf /tmp/debs',
        'COPY app/ /opt/app/',
        'RUN sh /opt/app/setup.sh',
        'CMD ["cat", "/usr/share/hello-local/version"]',
        '',
      ].join('\n'),
      'app/setup.sh': 'echo set up > /opt/app/state\n',
    },
    setup: (dir) => makeDeb(dir, '1.0'),
    scenarios: [
      { name: 'a script copied after the install', edit: (w) => w('app/setup.sh', 'echo set up again > /opt/app/state\n'), changed: ['app/setup.sh'], expectRebuilt: 2 },
      { name: 'a new version of the local package (the folder)', edit: (_w, _r, abs) => makeDeb(abs('.'), '1.1'), changed: ['debs/'], expectRebuilt: 4 },
      { name: 'the frontend argument of apt-get', changed: ['arg:DEBIAN_FRONTEND'], buildArgs: { DEBIAN_FRONTEND: 'readline' }, expectRebuilt: 3 },
    ],
  },
  {
    name: 'mounts',
    buildArgs: { BASE: 'busybox' },
    files: {
      Dockerfile: [
        'ARG BASE=busybox',
        'FROM $BASE AS gen',
        'ARG GEN=1',
        'RUN mkdir /out && echo "generated $GEN" > /out/g.txt',
        '',
        'FROM busybox AS main',
        'ARG UID=1000',
        'ARG TAG',
        'ENV DIR=/data-$TAG',
        'RUN --mount=type=bind,source=go.mod,target=/m/go.mod cat /m/go.mod > /modcopy',
        'RUN --mount=type=bind,from=gen,source=/out,target=/gen cat /gen/g.txt > /gencopy',
        'COPY --chown=$UID a.txt /a.txt',
        'WORKDIR $DIR',
        'COPY . /ctx/',
        'RUN --mount=type=cache,target=/cache echo x > /cache/x && echo done',
        'RUN --mount=type=cache,from=gen,source=/out,target=/seed cat /seed/g.txt > /seeded',
        '',
      ].join('\n'),
      'go.mod': 'module example.com/m\n',
      'a.txt': 'a\n',
      'b.txt': 'b\n',
    },
    scenarios: [
      { name: 'a file only a bind mount reads', edit: (w) => w('go.mod', 'module example.com/m2\n'), changed: ['go.mod'], expectRebuilt: 7 },
      // a build argument no ARG declares, and a new modification time alone: nothing re-runs
      { name: 'only the modification time of a copied file', edit: (_w, _r, abs) => utimesSync(abs('b.txt'), new Date(), new Date(Date.now() + 86_400_000)), changed: ['arg:UNDECLARED'], buildArgs: { UNDECLARED: 'x' }, expectRebuilt: 0 },
      { name: 'the mode of a file (chmod +x)', edit: (_w, _r, abs) => chmodSync(abs('b.txt'), 0o755), changed: ['b.txt'], expectRebuilt: 3 },
      { name: 'the build argument of a --chown', changed: ['arg:UID'], buildArgs: { UID: '1001' }, expectRebuilt: 7 },
      {
        // the mounted stage rebuilds on another base, but its files are the same: BuildKit reuses the rest
        name: 'the base image argument of the mounted stage', changed: ['arg:BASE'], buildArgs: { BASE: 'alpine:3.20' }, expectRebuilt: 1,
        depends: [11, 12, 13, 14, 15, 16].map((line) => ({ line, cached: true })),
      },
      {
        // the mounted stage's files differ: BuildKit re-runs the bind-mount step and the cache-seeded one
        name: 'the files of the stage that is mounted and seeds a cache', changed: ['arg:GEN'], buildArgs: { GEN: '2' }, expectRebuilt: 1,
        depends: [11, 12, 13, 14, 15, 16].map((line) => ({ line, cached: false })),
      },
    ],
  },
];

describe('docker engine: explain predicts what BuildKit reuses', function () {
  const images: string[] = [];
  const dirs: string[] = [];
  const report: string[] = [];
  let count = 0;

  before(async () => {
    await requireEngine();
    // the edits below are the same on every run: start from an empty build cache so that an earlier
    // run on the same engine cannot answer a rebuild (the engine is the test layer's own)
    await docker(['builder', 'prune', '--all', '--force'], { timeoutMs: 120_000 });
  });

  after(async () => {
    await removeImages(images);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (report.length) console.log(report.join('\n'));
  });

  for (const project of PROJECTS) {
    describe(project.name, () => {
      let dir = '';
      let args: Record<string, string> = {};
      const tag = uniqueTag('explain', project.name);
      const write = (rel: string, text: string) => {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      };
      const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
      const volatile = () => Object.fromEntries((project.volatile ?? []).map((n) => [n, `${n.toLowerCase()}-${++count}`]));

      it('first build: nothing is cached', async function () {
        dir = mkdtempSync(join(tmpdir(), `sc-explain-${project.name}-`));
        dirs.push(dir);
        for (const [rel, text] of Object.entries(project.files)) write(rel, text);
        project.setup?.(dir);
        images.push(tag);
        args = { ...(project.buildArgs ?? {}) };
        // --no-cache: a first build even when an earlier run of this suite left the same steps in the engine's cache
        const r = await build({ context: dir, tag, buildArgs: { ...args, ...volatile() }, noCache: true });
        const ran = r.steps.filter((s) => s.label && /\d+\/\d+$/.test(s.label) && STEP.test(s.instruction));
        assert.ok(ran.length >= 3, 'the build has steps');
        assert.deepEqual(ran.filter((s) => s.cached).map((s) => s.name), []);
      });

      for (const sc of project.scenarios) {
        it(`a change to ${sc.name}`, async function () {
          sc.edit?.(write, read, (rel) => join(dir, rel));
          args = { ...args, ...(sc.buildArgs ?? {}) };
          const given = Object.entries(args).map(([k, v]) => `--build-arg=${k}=${v}`);
          const prediction = await explainJson(dir, [...sc.changed.map((c) => `--changed=${c}`), ...given]);
          const r = await build({ context: dir, tag, buildArgs: { ...args, ...volatile() } });
          const compared = compare(prediction, r.steps);
          report.push(`${project.name}: a change to ${sc.name}\n${table(compared)}`);
          assert.deepEqual(mismatches(compared), [], `prediction and BuildKit differ:\n${table(compared)}`);
          assert.equal(compared.filter((c) => c.predicted === 'rebuilt').length, sc.expectRebuilt, table(compared));
          for (const d of sc.depends ?? []) {
            const c = compared.find((x) => x.line === d.line);
            assert.ok(c, `line ${d.line} is a step`);
            assert.equal(c.predicted, 'depends', table(compared));
            assert.equal(c.cached, d.cached, `line ${d.line}: BuildKit ${c.cached ? 'reused' : 're-ran'} it\n${table(compared)}`);
          }
          assert.equal(compared.filter((c) => c.predicted === 'depends').length, (sc.depends ?? []).length, table(compared));
        });
      }
    });
  }
});

describe('docker engine: the fix of cache/copy-all-before-install for a Go build that fetches its own modules', function () {
  const images: string[] = [];
  let dir = '';
  after(async () => {
    await removeImages(images);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('inserts go mod download before the copy; after a source edit that step is CACHED and explain said so', async function () {
    await requireEngine();
    dir = mkdtempSync(join(tmpdir(), 'sc-explain-fix-'));
    const original = 'FROM golang:1.19 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/hello .\nCMD ["/out/hello"]\n';
    writeFileSync(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n');
    writeFileSync(join(dir, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("one") }\n');
    const fixed = fixAll(original, readBuildContext(dir), {}, { unsafe: true, rules: ['cache/copy-all-before-install'] });
    assert.deepEqual(fixed.applied.map((a) => a.rule), ['cache/copy-all-before-install']);
    assert.equal(fixed.text, 'FROM golang:1.19 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/hello .\nCMD ["/out/hello"]\n');
    writeFileSync(join(dir, 'Dockerfile'), fixed.text);
    const tag = uniqueTag('explain', 'gofix');
    images.push(tag);
    await build({ context: dir, tag, noCache: true });
    assert.equal((await runInImage(tag)).stdout, 'one\n');
    writeFileSync(join(dir, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("two") }\n');
    const prediction = await explainJson(dir, ['--changed', 'main.go']);
    const r = await build({ context: dir, tag });
    assert.ok(step(r.steps, /^RUN go mod download$/).cached, 'the dependency step is CACHED after a source edit');
    assert.ok(!step(r.steps, /^RUN go build/).cached, 'the build runs again');
    assert.equal((await runInImage(tag)).stdout, 'two\n');
    assert.deepEqual(mismatches(compare(prediction, r.steps)), []);
    assert.equal(prediction.steps.find((x) => x.line === 4)?.status, 'reused');
  });
});
