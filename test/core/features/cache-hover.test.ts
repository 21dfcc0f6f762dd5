import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { ContextView } from '../../../server/src/core/context';
import { hoverAt, hoverWithCacheInputs } from '../../../server/src/core/features/hover';
import { cacheInputsFor, cacheInputsMarkdown, contextFiles, LISTED_FILES, stepOf } from '../../../server/src/core/features/cache-hover';
import { rebuildLensTitle, rebuildSummaries } from '../../../server/src/core/features/rebuild-lens';
import type { StageModel } from '../../../server/src/core/model/stages';

const DOC = [
  'ARG NODE=20', //                                            0
  'FROM node:${NODE} AS build', //                               1
  'ARG VERSION=1.2', //                                         2
  'ENV NODE_ENV=production', //                                 3
  'WORKDIR /app', //                                            4
  'COPY package.json package-lock.json ./', //                  5
  'RUN --mount=type=secret,id=npmrc --mount=type=cache,target=/root/.npm npm ci', // 6
  'COPY src/ src/', //                                          7
  'RUN npm run build', //                                       8
  '', //                                                        9
  'FROM alpine@sha256:' + 'a'.repeat(64), //                    10
  'COPY --from=build /app/dist ./dist', //                      11
  'ADD https://example.com/x.tgz /x.tgz', //                    12
  'CMD ["node", "dist/index.js"]', //                           13
  '',
].join('\n');

const FILES = ['package.json', 'package-lock.json', 'src/', 'src/a.ts', 'src/b.ts', 'src/secret.env', 'README.md', '.dockerignore'];
const context = new ContextView({ files: FILES, dockerignore: 'src/*.env\n' });

function setup(text = DOC): { model: StageModel; md: (line: number) => string } {
  const model = analyze(text, { files: FILES, dockerignore: 'src/*.env\n' }, {}).model!;
  const inputs = cacheInputsFor(model);
  const md = (line: number) => {
    const instr = model.dockerfile.getInstructions().find((i) => i.getRange().start.line === line)!;
    return cacheInputsMarkdown(model, inputs, stepOf(inputs, instr)!, context);
  };
  return { model, md };
}

describe('hover: cache inputs of an instruction', () => {
  it('COPY from the context: parent step, expanded text, the files it brings after .dockerignore', () => {
    const { md } = setup();
    const m = md(7);
    assert.match(m, /^\*\*Cache key\*\*/);
    assert.match(m, /parent step: `RUN --mount=type=secret,id=npmrc .*` \(line 7\)/);
    assert.match(m, /text after expansion: `COPY src\/ src\/`/);
    assert.match(m, /after `\.dockerignore`: 2/);
    assert.match(m, /- `src\/a\.ts`\n {2}- `src\/b\.ts`/);
    assert.doesNotMatch(m, /secret\.env/, 'an ignored file is not an input');
  });

  it('RUN: its whole environment with values, mounts and secrets (not in the key)', () => {
    const { md } = setup();
    const m = md(6);
    assert.match(m, /command as written: `RUN --mount=type=secret/);
    assert.match(m, /ARG `VERSION`: `VERSION=1\.2` \(line 3\)/);
    assert.match(m, /ENV `NODE_ENV`: `NODE_ENV=production` \(line 4\)/);
    assert.match(m, /secret `npmrc`: mounted, its content is never part of the key/);
    assert.match(m, /mount `type=cache`.*: not part of the key/);
    assert.match(m, /parent step: `COPY package\.json package-lock\.json \.\/` \(line 6\)/);
  });

  it('FROM: the base image and its digest (pinned or not), the global ARG it reads', () => {
    const { md } = setup();
    assert.match(md(1), /base image `node:20`: not pinned/);
    assert.match(md(1), /ARG `NODE`: `NODE=20` \(global, line 1\)/);
    assert.match(md(10), /pinned to `sha256:a{64}`/);
  });

  it('COPY --from a stage, ADD from a URL (unknown, with the reason), metadata', () => {
    const { md } = setup();
    assert.match(md(11), /source stage `build` \(`--from`\): keyed by the content of the copied files/);
    assert.match(md(11), /parent step: base image `alpine@sha256/);
    assert.match(md(12), /\*\*unknown\*\*: ADD from a URL \(https:\/\/example\.com\/x\.tgz\)/);
    assert.match(md(13), /no step of its own: image metadata/);
    assert.match(md(3), /the steps after it read its values/);
  });

  it('many files: the first ones listed, the rest counted; an unknown context says so', () => {
    const files = Array.from({ length: 20 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
    const text = 'FROM alpine\nCOPY . /x\n';
    const model = analyze(text, { files }, {}).model!;
    const view = new ContextView({ files });
    const inputs = cacheInputsFor(model);
    const m = cacheInputsMarkdown(model, inputs, inputs[0][1], view);
    assert.match(m, /: 20\n/);
    assert.equal((m.match(/- `f\d+\.txt`/g) ?? []).length, LISTED_FILES);
    assert.match(m, /… and 12 more/);
    const unknown = new ContextView({});
    const mu = cacheInputsMarkdown(model, cacheInputsFor(model), cacheInputsFor(model)[0][1], unknown);
    assert.match(mu, /unknown \(the build context is not known\)/);
  });

  it('is appended to the keyword hover, which keeps its documentation; other hovers are unchanged', () => {
    const { model } = setup();
    const inputs = cacheInputsFor(model);
    const plain = hoverAt(model, { line: 7, character: 1 })!;
    const h = hoverWithCacheInputs(model, { line: 7, character: 1 }, inputs, context)!;
    assert.ok(h.markdown.startsWith(plain.markdown), 'the instruction documentation comes first');
    assert.match(h.markdown, /\n---\n\n\*\*Cache key\*\*/);
    assert.deepEqual(h.range, plain.range);
    const from = hoverWithCacheInputs(model, { line: 10, character: 2 }, inputs, context)!;
    assert.match(from.markdown, /pinned to/);
    // a flag's hover is not an instruction's
    const flag = hoverWithCacheInputs(model, { line: 11, character: 8 }, inputs, context)!;
    assert.doesNotMatch(flag.markdown, /Cache key/);
  });

  it('computes the inputs once per model, a copy\'s context files once per view', () => {
    const { model } = setup();
    assert.equal(cacheInputsFor(model), cacheInputsFor(model));
    const copy = cacheInputsFor(model)[0].find((s) => s.line === 8)!.context!;
    assert.equal(contextFiles(copy, context), contextFiles(copy, context));
    assert.deepEqual(contextFiles(copy, context), ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(contextFiles(copy, new ContextView({ files: FILES })), ['src/a.ts', 'src/b.ts', 'src/secret.env'], 'without the .dockerignore');
    assert.equal(contextFiles(copy, new ContextView({})), undefined);
  });

  it('the stage lens counts the build steps of every stage that rebuild when a source file changes', () => {
    const { model } = setup();
    const s = rebuildSummaries(model, context);
    assert.deepEqual(s.map((x) => x.index), [0, 1]);
    // build: FROM, WORKDIR, COPY manifests, RUN npm ci, COPY src, RUN build = 6; COPY src and RUN build rebuild
    assert.deepEqual({ steps: s[0].steps, rebuilt: s[0].rebuilt }, { steps: 6, rebuilt: 2 });
    assert.equal(rebuildLensTitle(s[0]), '2 of 6 steps rebuild when sources change');
    assert.equal(rebuildSummaries(model, context), s, 'computed once per model');
  });

  it('a 2,000-line file: a hover with cache inputs takes under 5 ms once the inputs are computed', () => {
    const lines = ['FROM node:20 AS build', 'WORKDIR /app'];
    for (let i = 0; lines.length < 2000; i++) lines.push(i % 3 === 0 ? `ENV V${i}=${i}` : i % 3 === 1 ? `RUN echo ${i} $V${i - 1}` : `COPY src/f${i}.ts src/`);
    const text = lines.join('\n') + '\n';
    const files = Array.from({ length: 2000 }, (_, i) => `src/f${i}.ts`);
    const model = analyze(text, { files }, {}).model!;
    const view = new ContextView({ files });
    const tInputs = performance.now();
    cacheInputsFor(model); // once per analysis
    const inputsMs = performance.now() - tInputs;
    const t0 = performance.now();
    const n = 50;
    for (let k = 0; k < n; k++) {
      const h = hoverWithCacheInputs(model, { line: 1000 + k * 13, character: 1 }, cacheInputsFor(model), view);
      assert.match(h!.markdown, /Cache key/);
    }
    const per = (performance.now() - t0) / n;
    // the first hover of a COPY matches its sources against the 2,000 context files; later ones are look-ups
    assert.ok(per < 5, `${per.toFixed(2)} ms per hover (first hovers included)`);
    const t1 = performance.now();
    for (let k = 0; k < n; k++) hoverWithCacheInputs(model, { line: 1000 + k * 13, character: 1 }, cacheInputsFor(model), view);
    const again = (performance.now() - t1) / n;
    assert.ok(again < 5, `${again.toFixed(2)} ms per repeated hover`);
    if (process.env.STAGECRAFT_PERF_LOG) console.log(`cache inputs ${inputsMs.toFixed(1)} ms, first hovers ${per.toFixed(2)} ms, repeated ${again.toFixed(3)} ms`);
  });
});
