/**
 * Golden tests of "Split into builder and runner stages", one per ecosystem:
 * input.Dockerfile → expected.Dockerfile exactly, through the pure refactor, through the
 * rule's fix and through fix-all (what `stagecraft fix --unsafe` runs); the output parses
 * and, re-analysed, is free of the findings the split addresses.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { fixAll } from '../../../server/src/core/fixes/fix-all';
import { parse } from '../../../server/src/core/parse';
import { applyEdits } from '../../../server/src/core/text';
import { splitStages, splitStagesRefactor, SPLIT_TITLE } from '../../../server/src/core/fixes/split-stages';
import { goldens } from './fixtures';

const RULE = 'stage/toolchain-in-final-stage';
/** Findings the split is there to remove (rules not registered yet simply never report). */
const ADDRESSED = [
  RULE, 'cache/copy-all-before-install', 'stage/sdk-runtime-base', 'stage/dev-dependencies-in-final', 'stage/final-user-root',
  'stage/cgo-binary-on-minimal-base', 'stage/copy-whole-stage', 'stage/libc-mismatch', 'stage/unreachable',
];
const RUNNER: Record<string, string> = {
  npm: 'node:20-slim', yarn: 'node:20-slim', pnpm: 'node:22-slim', go: 'gcr.io/distroless/static-debian12:nonroot', pip: 'python:3.12-slim',
  poetry: 'python:3.11-slim', maven: 'eclipse-temurin:21-jre', gradle: 'eclipse-temurin:17-jre', dotnet: 'mcr.microsoft.com/dotnet/aspnet:8.0',
  cargo: 'debian:bookworm-slim', 'pip-system-packages': 'python:3.12-slim',
};

describe('refactor: split into builder and runner stages (golden)', () => {
  const cases = goldens('');
  it('covers every ecosystem the split knows', () => {
    assert.deepEqual(cases.map((c) => c.ecosystem).sort(), Object.keys(RUNNER).sort());
  });
  for (const c of cases) {
    describe(c.ecosystem, () => {
      it('the refactor turns input.Dockerfile into expected.Dockerfile', () => {
        const a = analyze(c.input, c.context);
        const r = splitStages(a.model!, c.context);
        assert.ok(r, 'the split is offered');
        assert.equal(r.text, c.expected);
        assert.equal(r.fix.safe, false);
        assert.equal(applyEdits(c.input, r.fix.edits).text, c.expected, 'the fix edits produce the same text');
        assert.equal(r.todos.length, (c.expected.match(/# TODO\(stagecraft\):/g) ?? []).length);
      });
      it('the refactor.rewrite entry point gives the same fix', () => {
        const a = analyze(c.input, c.context);
        const fix = splitStagesRefactor(a.model!, c.context);
        assert.ok(fix);
        assert.equal(fix.title, SPLIT_TITLE);
        assert.equal(applyEdits(c.input, fix.edits).text, c.expected);
      });
      it(`${RULE} offers it, and fix-all --unsafe --rule ${RULE} applies it (idempotent)`, () => {
        const a = analyze(c.input, c.context);
        const f = a.findings.find((x) => x.rule === RULE);
        assert.ok(f, `${RULE} reports on the input`);
        assert.deepEqual(f.fixes.map((x) => x.title), [SPLIT_TITLE]);
        const once = fixAll(c.input, c.context, {}, { unsafe: true, rules: [RULE] });
        assert.equal(once.text, c.expected);
        assert.deepEqual(once.applied.map((x) => x.rule), [RULE]);
        const twice = fixAll(once.text, c.context, {}, { unsafe: true, rules: [RULE] });
        assert.equal(twice.text, once.text);
        const safeOnly = fixAll(c.input, c.context, {}, { rules: [RULE] });
        assert.equal(safeOnly.text, c.input, 'the split is unsafe: not applied without --unsafe');
      });
      it('the output parses and is free of the findings the split addresses', () => {
        assert.ok(parse(c.expected));
        const after = analyze(c.expected, c.context);
        assert.deepEqual(after.internalErrors, []);
        const left = after.findings.filter((f) => ADDRESSED.includes(f.rule) || f.severity === 'error');
        assert.deepEqual(left.map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`), []);
        const model = after.model!;
        assert.equal(model.stages.length, analyze(c.input, c.context).model!.stages.length + 1, 'one stage more');
        const runner = model.stages[model.stages.length - 1];
        assert.equal(runner.baseResolved, RUNNER[c.ecosystem]);
        assert.ok(model.edges.some((e) => e.to === runner.index && e.kind === 'copy' && model.stages[e.from].name === 'builder'), 'the runner copies from the builder');
        assert.ok(runner.instructions.some((i) => i.getKeyword() === 'USER'), 'the runner sets a USER');
      });
    });
  }
});

describe('refactor: split into builder and runner stages (details)', () => {
  const split = (code: string) => splitStages(analyze(code).model!, {});
  it('is deterministic', () => {
    for (const c of goldens('')) assert.equal(splitStages(analyze(c.input, c.context).model!, c.context)!.text, splitStages(analyze(c.input, c.context).model!, c.context)!.text);
  });
  it('offers nothing where there is nothing to separate', () => {
    assert.equal(split('FROM node:20\nCOPY . .\nCMD ["node", "server.js"]\n'), undefined, 'node without a build step');
    assert.equal(split('FROM alpine:3.20\nRUN echo hi\n'), undefined, 'no toolchain');
    assert.equal(split('FROM debian:12\nRUN make\n'), undefined, 'a native build with no known runtime variant');
    assert.equal(split('FROM golang:1.22 AS b\nRUN go build -o /a .\nFROM b\n'), undefined, 'final stage built on a stage');
  });
  it('keeps a version variable of the base in the runner', () => {
    const r = split('ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/a.js"]\n')!;
    assert.match(r.text, /\nFROM node:\$\{NODE_VERSION\}-slim\n/);
  });
  it('go: says so when the binary path is not known, and makes a shell-form CMD exec form', () => {
    const r = split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD server --port 8080\n')!;
    assert.equal(r.todos.length, 1);
    assert.match(r.text, /# TODO\(stagecraft\): the binary's path is not known: add `-o \/src\/app` to `go build`/);
    assert.match(r.text, /\nCMD \["server", "--port", "8080"\]\n$/);
    const known = split('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o server .\nCMD ./server --port 8080\n')!;
    assert.deepEqual(known.todos, []);
    assert.match(known.text, /\nCOPY --from=builder \/src\/server \.\/server\nUSER nonroot\nCMD \["\.\/server", "--port", "8080"\]\n$/);
  });
  it('go: a shell-form CMD with shell syntax gets a TODO instead of a silent rewrite', () => {
    const r = split('FROM golang:1.22\nRUN go build -o /app .\nCMD /app > /tmp/log 2>&1\n')!;
    assert.match(r.text, /# TODO\(stagecraft\): CMD uses the shell form/);
  });
  it('carries a non-root USER created in the stage, with the RUN that creates it', () => {
    const r = split('FROM python:3.12\nRUN useradd -m svc\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nUSER svc\nCMD ["python", "a.py"]\n')!;
    const runner = r.text.slice(r.text.lastIndexOf('\nFROM '));
    assert.match(runner, /\nRUN useradd -m svc\n/);
    assert.match(runner, /\nUSER svc\n/);
  });
  it('maven without a known jar name: a TODO and the jars of target/', () => {
    const r = split('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD ["sh", "-c", "java -jar target/*.jar"]\n')!;
    assert.match(r.text, /COPY --from=builder \/app\/target\/\*\.jar \.\/target\/\n/);
    assert.equal(r.todos.length, 1);
  });
  it('every golden: the builder keeps no runtime-only instruction, no stage repeats a line, the runner keeps every runtime one', () => {
    for (const c of goldens('')) {
      const model = analyze(c.expected, c.context).model!;
      const builder = model.stages[model.stages.length - 2];
      const runner = model.stages[model.stages.length - 1];
      const kws = (s: typeof builder) => s.instructions.map((i) => i.getKeyword());
      for (const kw of ['EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'USER', 'LABEL', 'VOLUME', 'STOPSIGNAL']) {
        assert.ok(!kws(builder).includes(kw), `${c.ecosystem}: the builder has no ${kw}`);
      }
      assert.ok(!builder.runs.some((r) => /^(useradd|adduser)\b/.test(r.text.trim())), `${c.ecosystem}: the builder creates no user`);
      const last = builder.instructions[builder.instructions.length - 1];
      assert.ok(['RUN', 'COPY', 'ADD'].includes(last.getKeyword()), `${c.ecosystem}: the builder ends with a step, not a setting (${last.getKeyword()})`);
      for (const s of [builder, runner]) {
        const lines = s.instructions.map((i) => model.lines.getText(i.getRange()));
        assert.deepEqual(lines.filter((l, k) => lines.indexOf(l) !== k), [], `${c.ecosystem}: a line repeated in stage ${s.index}`);
      }
      const original = analyze(c.input, c.context).model!;
      const shipped = original.stages[original.stages.length - 1];
      for (const kw of ['EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'VOLUME', 'STOPSIGNAL']) {
        assert.equal(kws(runner).filter((k) => k === kw).length, Math.min(1, kws(shipped).filter((k) => k === kw).length), `${c.ecosystem}: the runner keeps ${kw}`);
      }
    }
  });
  it('runtime OS packages stay in the runner, build ones (toolchains, headers) only in the builder', () => {
    const r = split('FROM python:3.12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libffi-dev pkg-config ca-certificates tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["tini", "--", "python", "a.py"]\n')!;
    const runner = r.text.slice(r.text.lastIndexOf('\nFROM '));
    assert.match(runner, /\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tini=0\.19\.0-1 && rm -rf \/var\/lib\/apt\/lists\/\*\n/);
    assert.doesNotMatch(runner, /gcc|pkg-config|libffi-dev\s*(&&|$)/m);
    assert.deepEqual(r.todos, ["the build installed libffi-dev: if what it built loads its library at run time, install the runtime package here (the library without -dev, e.g. libpq5 for libpq-dev)."]);
    // only build packages: nothing to install in the runner, no TODO
    const onlyBuild = split('FROM python:3.12\nRUN apt-get update && apt-get install -y build-essential\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "-m", "a"]\n')!;
    assert.doesNotMatch(onlyBuild.text.slice(onlyBuild.text.lastIndexOf('\nFROM ')), /apt-get/);
    assert.deepEqual(onlyBuild.todos, []);
  });
  it('alpine: apk build dependencies in a virtual group deleted again are not carried; the rest is', () => {
    const r = split('FROM node:20-alpine\nRUN apk add --no-cache --virtual .gyp python3 make g++ && apk add --no-cache curl\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci && apk del .gyp\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/a.js"]\n')!;
    const runner = r.text.slice(r.text.lastIndexOf('\nFROM '));
    assert.match(runner, /\nRUN apk add --no-cache curl\n/);
    assert.doesNotMatch(runner, /python3|g\+\+/);
  });
  it('an apt cache mount: the runner mounts it too and keeps the lists; the builder drops the cleanup that defeats it', () => {
    const code = 'FROM python:3.12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y gcc curl && rm -rf /var/lib/apt/lists/* && echo done\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "-m", "a"]\n';
    const r = split(code)!;
    assert.doesNotMatch(r.text, /rm -rf \/var\/lib\/apt\/lists/);
    assert.match(r.text, /^RUN --mount=type=cache,target=\/var\/lib\/apt,sharing=locked apt-get update && apt-get install -y gcc curl && echo done$/m);
    assert.match(r.text, /^RUN --mount=type=cache,target=\/var\/lib\/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl$/m);
  });
  it('distroless: runtime packages cannot be installed there, and it says so', () => {
    const r = split('FROM golang:1.22\nRUN apt-get update && apt-get install -y ffmpeg\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nENTRYPOINT ["/out/app"]\n')!;
    assert.equal(r.todos.length, 1);
    assert.match(r.todos[0], /installs ffmpeg, and gcr\.io\/distroless\/static-debian12:nonroot has no package manager/);
  });
  it('a user the builder still needs (a kept COPY --chown names it) keeps its useradd in the builder', () => {
    const r = split('FROM python:3.12\nRUN useradd -m svc\nWORKDIR /app\nCOPY --chown=svc:svc requirements.txt .\nRUN pip install -r requirements.txt\nUSER svc\nCMD ["python", "a.py"]\n')!;
    const builder = r.text.slice(0, r.text.lastIndexOf('\nFROM '));
    assert.match(builder, /\nRUN useradd -m svc\n/);
    assert.doesNotMatch(builder, /\nUSER svc/);
  });
  it('a venv put on PATH by the original: the runner sets PATH once', () => {
    const r = split('FROM python:3.12\nRUN python -m venv /venv\nENV PATH="/venv/bin:$PATH"\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "-m", "a"]\n')!;
    const runner = r.text.slice(r.text.lastIndexOf('\nFROM '));
    assert.equal(runner.match(/PATH=/g)!.length, 1);
    assert.match(runner, /\nCOPY --from=builder \/venv \/venv\n/);
  });
  it('files copied after the last build step are for running: the runner copies them, the builder does not', () => {
    const r = split('FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCOPY public ./public\nENV PORT=80\nCMD ["node", "dist/server.js"]\n')!;
    const at = r.text.lastIndexOf('\nFROM ');
    const builder = r.text.slice(0, at);
    const runner = r.text.slice(at);
    assert.ok(builder.trimEnd().endsWith('RUN npm run build'), builder);
    assert.match(runner, /\nCOPY --from=builder \/app\/dist \.\/dist\nCOPY public \.\/public\nUSER node\n/);
    assert.match(runner, /\nENV PORT=80\n/);
    assert.doesNotMatch(builder, /PORT|public/);
  });
  it('a virtualenv named by a variable: resolved from the ENV that sets it, PATH set once', () => {
    const r = split('FROM python:3.12\nENV VIRTUAL_ENV=/home/app/venv\nRUN python -m venv $VIRTUAL_ENV\nENV PATH="$VIRTUAL_ENV/bin:$PATH"\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n')!;
    const runner = r.text.slice(r.text.lastIndexOf('\nFROM '));
    assert.match(runner, /\nCOPY --from=builder \/home\/app\/venv \/home\/app\/venv\n/);
    assert.equal(runner.match(/PATH=/g)!.length, 1);
    assert.equal(split('FROM python:3.12\nRUN python -m venv $SOMEWHERE\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n'), undefined, 'an unknown path: no split rather than a wrong one');
  });
  it('node: an init in ENTRYPOINT (/sbin/tini) is not the program: no copy of /sbin, a TODO for the output', () => {
    const r = split('FROM node:20-alpine\nRUN apk add --no-cache tini\nENTRYPOINT ["/sbin/tini", "--"]\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "server.js"]\n')!;
    assert.doesNotMatch(r.text, /COPY --from=builder \/sbin/);
    assert.match(r.text, /\nRUN apk add --no-cache tini\n/);
    assert.match(r.todos.join('\n'), /output folder is not known/);
  });
  it('files laid out with RUN mkdir/chown/chmod are not silently dropped: a TODO names them', () => {
    const r = split('FROM python:3.12\nRUN mkdir -p /var/log/app && chown -R 1000 /var/log/app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nUSER 1000\nCMD ["python", "app.py"]\n')!;
    assert.deepEqual(r.todos, ['the original lays out files with RUN (mkdir, chown) that the runner does not repeat: add what the program needs.']);
  });
});
