/**
 * The cache inputs of each step (model/cache-keys.ts) and the predictions of `explain`
 * (core/explain.ts). What the engine really does is checked in test/docker/explain.test.ts.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analyze';
import { BuildContextFacts, ContextView } from '../../server/src/core/context';
import { explain, ExplainOptions, isDependencyFile, stageSummaries } from '../../server/src/core/explain';
import { cacheInputs, joinedText, sourceBringsPath } from '../../server/src/core/model/cache-keys';
import type { StageModel } from '../../server/src/core/model/stages';

function model(text: string, config: { targets?: string[]; buildArgs?: Record<string, string> } = {}): StageModel {
  const m = analyze(text, {}, config).model;
  assert.ok(m);
  return m;
}

function predict(text: string, facts: BuildContextFacts, options: ExplainOptions, config: { targets?: string[]; buildArgs?: Record<string, string> } = {}) {
  const r = explain(model(text, config), new ContextView(facts), options);
  return { ...r, at: (line: number) => { const s = r.steps.find((x) => x.line === line); assert.ok(s, `no step at line ${line}`); return s; } };
}

const NODE = [
  'FROM node:20-slim AS build', // 1
  'WORKDIR /app', // 2
  'COPY package.json package-lock.json ./', // 3
  'RUN npm ci', // 4
  'COPY . .', // 5
  'ARG GIT_SHA', // 6
  'RUN npm run build', // 7
  '', // 8
  'FROM node:20-slim AS runner', // 9
  'ENV NODE_ENV=production', // 10
  'COPY --from=build /app/dist ./dist', // 11
  'CMD ["node", "dist/app.js"]', // 12
  '',
].join('\n');
const NODE_FILES: BuildContextFacts = {
  files: ['Dockerfile', '.dockerignore', 'package.json', 'package-lock.json', 'src/', 'src/app.js', 'README.md', 'node_modules/', 'node_modules/x.js'],
  dockerignore: 'node_modules\n*.md\n',
};

describe('cache inputs per step', () => {
  it('a RUN reads every ARG with a value and every ENV before it, used or not; an ARG without a value is listed without one', () => {
    const m = model('FROM alpine\nARG A=1\nARG B\nENV E=$A\nRUN echo hi\n');
    const run = cacheInputs(m, new ContextView())[0].find((s) => s.keyword === 'RUN')!;
    assert.deepEqual(run.vars.map((v) => [v.kind, v.name, v.value]), [['arg', 'A', '1'], ['arg', 'B', undefined], ['env', 'E', '1']]);
    assert.equal(run.kind, 'run');
  });

  it('build arguments and global defaults give ARG values; ARG values reach stages built FROM the stage', () => {
    const m = model('ARG V=3\nFROM alpine AS a\nARG V\nARG W=x\nFROM a AS b\nRUN true\n', { buildArgs: { W: 'given' } });
    const run = cacheInputs(m, new ContextView())[1].find((s) => s.keyword === 'RUN')!;
    assert.deepEqual(run.vars.map((v) => [v.name, v.value]), [['V', '3'], ['W', 'given']]);
  });

  it('COPY: sources after expansion, the context files they bring after .dockerignore, globs and --exclude', () => {
    const m = model('FROM alpine\nARG DIR=src\nCOPY $DIR/ /app/\nCOPY *.json ./\nCOPY --exclude=*.md docs/ /docs/\n');
    const ctx = new ContextView({ files: ['src/', 'src/a.js', 'src/b.test.js', 'package.json', 'tsconfig.json', 'a/b.json', 'docs/x.md', 'docs/y.txt'], dockerignore: '**/*.test.js\n' });
    const copies = cacheInputs(m, ctx)[0].filter((s) => s.kind === 'copy');
    assert.deepEqual(copies[0].context?.sources, ['src']);
    assert.equal(copies[0].expanded, 'COPY src/ /app/');
    assert.deepEqual(copies[0].context?.files, ['src/a.js']);
    assert.deepEqual(copies[1].context?.files, ['package.json', 'tsconfig.json']);
    assert.deepEqual(copies[2].context?.files, ['docs/y.txt']);
    assert.deepEqual(copies[0].vars.map((v) => v.name), ['DIR']);
  });

  it('COPY --from a stage, an image with a digest; FROM with a pinned digest; ADD from a URL or git is unknown', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    const m = model(`FROM golang:1.22@${digest} AS build\nRUN go build\nFROM alpine\nCOPY --from=build /out /out\nCOPY --from=nginx:1.27@${digest} /etc/nginx /etc/nginx\nADD https://example.com/x.tgz /x\nADD https://github.com/a/b.git /b\n`);
    const [build, final] = cacheInputs(m, new ContextView());
    assert.equal(build[0].image?.digest, digest);
    assert.equal(final[1].fromStage, 0);
    assert.equal(final[2].image?.digest, digest);
    assert.match(final[3].unknown ?? '', /URL/);
    assert.match(final[4].unknown ?? '', /git/);
  });

  it('RUN --mount: bind sources are keyed by content; secrets are listed and not keyed; caches are not keyed', () => {
    const m = model('FROM alpine AS a\nRUN true\nFROM alpine\nRUN --mount=type=bind,source=go.mod,target=/m --mount=type=bind,from=a,target=/a --mount=type=secret,id=npmrc --mount=type=cache,target=/root/.npm --mount=type=cache,from=a,target=/c true\n');
    const run = cacheInputs(m, new ContextView())[1][1];
    assert.deepEqual(run.mounts.map((x) => [x.type, x.keyed, x.source ?? x.id, x.fromStage]), [
      ['bind', true, 'go.mod', undefined], ['bind', true, '.', 0], ['secret', false, 'npmrc', undefined], ['cache', false, '/root/.npm', undefined], ['cache', true, '/c', 0],
    ]);
    assert.deepEqual(run.secrets, ['npmrc']);
  });

  it('the instruction text joins continuations and drops comment lines inside them', () => {
    const m = model('FROM alpine\nRUN apk add \\\n    curl \\\n# a comment\n    git\n');
    assert.equal(joinedText(m, m.stages[0].instructions[0]), 'RUN apk add curl git');
  });

  it('source patterns: the root, folders, globs, ** and a changed folder', () => {
    assert.ok(sourceBringsPath('.', 'a/b.js'));
    assert.ok(sourceBringsPath('src/', 'src/deep/a.js'));
    assert.ok(!sourceBringsPath('src', 'srcs/a.js'));
    assert.ok(sourceBringsPath('*.json', 'package.json'));
    assert.ok(!sourceBringsPath('*.json', 'a/b.json'));
    assert.ok(sourceBringsPath('**/*.go', 'cmd/x/main.go'));
    assert.ok(sourceBringsPath('src/a.js', 'src/'));
    assert.ok(isDependencyFile('app/package-lock.json') && isDependencyFile('requirements-dev.txt') && !isDependencyFile('src/app.js'));
  });
});

describe('explain: what rebuilds', () => {
  it('a source file: the broad COPY and what follows rebuild, the install is reused, the runner depends', () => {
    const r = predict(NODE, NODE_FILES, { changed: ['src/app.js'] }, { buildArgs: { GIT_SHA: 'abc' } });
    assert.equal(r.target, 'runner');
    assert.deepEqual([3, 4, 5, 7, 11].map((l) => r.at(l).status), ['reused', 'reused', 'rebuilt', 'rebuilt', 'depends']);
    assert.equal(r.at(5).cause, 'src/app.js changed → COPY . . at line 5');
    assert.equal(r.at(7).cause, 'parent step rebuilt');
    assert.match(r.at(11).cause!, /stage build rebuilds: re-runs only if the copied files differ/);
    assert.equal(r.at(10).status, 'reused');
  });

  it('a manifest or a lock file: the install rebuilds', () => {
    for (const f of ['package.json', 'package-lock.json']) {
      const r = predict(NODE, NODE_FILES, { changed: [f] }, { buildArgs: { GIT_SHA: 'abc' } });
      assert.equal(r.at(3).status, 'rebuilt', f);
      assert.equal(r.at(3).cause, `${f} changed → COPY package.json package-lock.json ./ at line 3`);
      assert.equal(r.at(4).cause, 'parent step rebuilt');
    }
  });

  it('an ignored file, or a file no COPY brings: nothing rebuilds', () => {
    for (const f of ['README.md', 'node_modules/x.js', '../outside.txt']) {
      const r = predict(NODE, NODE_FILES, { changed: [f] }, { buildArgs: { GIT_SHA: 'abc' } });
      assert.deepEqual(r.steps.filter((s) => s.status !== 'reused'), [], f);
    }
  });

  it('a volatile ARG without a default changes every build: the RUNs after it rebuild, and they are listed', () => {
    const r = predict(NODE, NODE_FILES, { changed: ['README.md'] });
    assert.equal(r.at(7).status, 'rebuilt');
    assert.equal(r.at(7).cause, 'ARG GIT_SHA changes every build');
    assert.equal(r.at(5).status, 'reused');
    assert.deepEqual(r.everyBuild.map((s) => s.line), [7]);
  });

  it('a build argument that changed rebuilds every RUN after its ARG, even one that does not read it', () => {
    const text = 'FROM alpine\nRUN echo one\nARG MODE=dev\nCOPY a.txt /\nRUN echo two\nRUN echo "$MODE"\n';
    const r = predict(text, { files: ['a.txt'], dockerignore: null }, { changed: [], changedArgs: ['MODE'] });
    assert.deepEqual([2, 4, 5, 6].map((l) => r.at(l).status), ['reused', 'reused', 'rebuilt', 'rebuilt']);
    assert.equal(r.at(5).cause, 'ARG MODE changed');
  });

  it('an ENV set from a changed ARG changes the RUNs after it; a COPY reading it through its text rebuilds', () => {
    const text = 'FROM alpine\nARG V=1\nENV APP=/app-$V\nCOPY x $APP/\nRUN true\n';
    const r = predict(text, { files: ['x'], dockerignore: null }, { changed: [], changedArgs: ['V'] });
    assert.equal(r.at(4).status, 'rebuilt');
    assert.equal(r.at(4).cause, 'ENV APP changes: ARG V changed');
  });

  it('without --changed: a copy of manifests is reused, a copy of sources rebuilds (context known or not)', () => {
    const known = predict(NODE, NODE_FILES, {}, { buildArgs: { GIT_SHA: 'x' } });
    assert.equal(known.anySource, true);
    assert.equal(known.at(3).status, 'reused');
    assert.equal(known.at(5).status, 'rebuilt');
    assert.equal(known.at(5).cause, 'a source file change (e.g. src/app.js) → COPY . . at line 5');
    const unknown = predict(NODE, {}, {}, { buildArgs: { GIT_SHA: 'x' } });
    assert.equal(unknown.at(3).status, 'reused');
    assert.equal(unknown.at(5).cause, 'a source file change → COPY . . at line 5');
    assert.deepEqual(known.stages.map((s) => [s.stage, s.steps, s.rebuilt]), [['build', 6, 2], ['runner', 2, 0]]);
  });

  it('--target: only the stages on the target path; a stage built FROM a rebuilt stage rebuilds', () => {
    const text = 'FROM alpine AS base\nCOPY a /a\nFROM base AS test\nRUN true\nFROM alpine AS other\nRUN true\n';
    const r = predict(text, { files: ['a'], dockerignore: null }, { changed: ['a'] }, { targets: ['test'] });
    assert.equal(r.target, 'test');
    assert.deepEqual([...new Set(r.steps.map((s) => s.stage))], ['base', 'test']);
    assert.equal(r.at(3).status, 'rebuilt');
    assert.equal(r.at(3).cause, 'stage base rebuilt');
    assert.equal(r.at(4).cause, 'parent step rebuilt');
  });

  it('a bind mount of a context file rebuilds its RUN; a mount of a rebuilt stage depends', () => {
    const text = 'FROM alpine AS gen\nCOPY g /g\nFROM alpine\nRUN --mount=type=bind,source=go.mod,target=/m true\nRUN --mount=from=gen,target=/gen true\n';
    const a = predict(text, { files: ['go.mod', 'g'], dockerignore: null }, { changed: ['go.mod'] });
    assert.equal(a.at(4).cause, 'go.mod changed → RUN --mount=type=bind,source=go.mod,target=/m true at line 4');
    const b = predict(text, { files: ['go.mod', 'g'], dockerignore: null }, { changed: ['g'] });
    assert.equal(b.at(4).status, 'reused');
    assert.equal(b.at(5).status, 'depends');
  });

  it('a USER set from a changed ARG rebuilds the RUNs after it', () => {
    const r = predict('FROM alpine\nARG U=app\nCOPY x /x\nUSER $U\nCOPY y /y\nRUN true\n', { files: ['x', 'y'], dockerignore: null }, { changed: [], changedArgs: ['U'] });
    assert.deepEqual([3, 5, 6].map((l) => r.at(l).status), ['reused', 'reused', 'rebuilt']);
    assert.match(r.at(6).cause!, /ARG U changed/);
    assert.equal(r.at(4).status, 'rebuilt');
  });

  it('unknown with a reason, never a guess: ADD from a URL, COPY --link after a rebuilt step, a changed .dockerignore', () => {
    const add = predict('FROM alpine\nADD https://example.com/a.tgz /a\nRUN true\n', { files: [], dockerignore: null }, { changed: [] });
    assert.equal(add.at(2).status, 'unknown');
    assert.equal(add.at(3).status, 'unknown');
    assert.deepEqual(add.everyBuild.map((s) => s.line), [2]);
    const link = predict('FROM alpine\nCOPY a /a\nCOPY --link b /b\nRUN true\n', { files: ['a', 'b'], dockerignore: null }, { changed: ['a'] });
    assert.equal(link.at(3).status, 'unknown');
    assert.equal(link.at(4).status, 'rebuilt');
    const ignore = predict('FROM alpine\nCOPY src/ /src/\n', { files: ['src/a'], dockerignore: '' }, { changed: ['.dockerignore'] });
    assert.equal(ignore.at(2).status, 'unknown');
  });

  it('every entry has the API shape; metadata instructions are entries too', () => {
    const r = predict(NODE, NODE_FILES, { changed: ['src/app.js'] });
    assert.equal(r.steps.length, 11);
    for (const s of r.steps) {
      assert.deepEqual(Object.keys(s), ['stage', 'line', 'instruction', 'status', 'cause']);
      assert.ok(['reused', 'rebuilt', 'depends', 'unknown'].includes(s.status));
      assert.ok(s.cause === null || typeof s.cause === 'string');
      if (s.status === 'rebuilt') assert.ok(s.cause);
    }
  });

  it('never throws on odd input', () => {
    for (const t of ['', 'RUN x\n', 'FROM\n', 'FROM $X\nCOPY --from=$Y a b\nRUN --mount=type=bind,from=$Z true\n', 'FROM a\nCOPY\nADD\nWORKDIR\nONBUILD RUN x\n']) {
      const m = analyze(t).model;
      if (!m) continue;
      explain(m, new ContextView({ files: ['a'] }), { changed: ['a'] });
      explain(m, new ContextView(), {});
    }
  });
});

describe('explain and the stage lens across versions (results kept per stage)', () => {
  const facts: BuildContextFacts = { files: ['package.json', 'package-lock.json', 'src/index.js'], dockerignore: null };
  // line 11 copies from deps, which rebuilds when a source changes (its COPY src); deps is not the
  // first stage, so that an edit of its FROM keeps the instructions after it
  const BASE = 'FROM alpine:3.20 AS tools\nRUN echo tools\n\nFROM node:20 AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\n\nFROM node:20 AS build\nCOPY --from=deps /app ./\nRUN npm run build\n\nFROM node:20-slim\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/index.js"]\n';
  /** Each version analysed from the previous one with one context view (as the server does), compared with a fresh analysis and view. */
  function sameAsFresh(versions: string[]): void {
    const view = new ContextView(facts);
    let previous = analyze(versions[0], facts, {}, { incremental: true });
    const answers = (m: StageModel, v: ContextView) => {
      const all = { ...m, needed: new Set(m.stages.map((s) => s.index)) };
      return { lens: stageSummaries(m, v), explain: explain(all, v) };
    };
    answers(previous.model!, view);
    for (const text of versions.slice(1)) {
      const next = analyze(text, facts, {}, { previous });
      assert.deepEqual(answers(next.model!, view), answers(analyze(text, facts).model!, new ContextView(facts)), text);
      previous = next;
    }
  }

  it('a renamed stage: the stage that copies from it is predicted again (its Stage object is kept, its --from no longer resolves)', () => {
    const renamed = BASE.replace('AS deps', 'AS depx');
    sameAsFresh([BASE, renamed, BASE]);
    const m = analyze(renamed, facts).model!;
    const at11 = (x: StageModel) => explain({ ...x, needed: new Set([0, 1, 2, 3]) }, new ContextView(facts)).steps.find((s) => s.line === 11)!.status;
    assert.equal(at11(model(BASE)), 'depends', 'copies from deps, which rebuilds');
    assert.equal(at11(m), 'reused', 'copies from an image named deps, which a source change does not touch');
  });

  it('an edit in the first stage changes the predictions of the stages built from it, not the others', () => {
    const edited = BASE.replace('COPY src ./src', 'COPY src ./src\nRUN npm test');
    sameAsFresh([BASE, edited, edited.replace('CMD ["node"', 'CMD [ "node"')]);
    const before = stageSummaries(model(BASE), new ContextView(facts));
    const after = stageSummaries(model(edited), new ContextView(facts));
    assert.equal(before[1].rebuilt, 1);
    assert.equal(after[1].rebuilt, 2, 'the new RUN after COPY src rebuilds when a source changes');
  });

  it('a build argument or a global ARG default changes every stage that reads it', () => {
    const withArg = 'ARG V=1\n' + BASE.replace('RUN npm ci', 'ARG V\nRUN npm ci');
    sameAsFresh([withArg, withArg.replace('ARG V=1', 'ARG V=2'), withArg.replace('ARG V=1', 'ARG V'), withArg.replace('ARG V=1\n', '')]);
  });
});
