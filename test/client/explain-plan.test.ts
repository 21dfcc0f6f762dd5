// "What rebuilds when this file changes?": the highlights, the summary and the choice of
// Dockerfile, from the real server's core answer (explain over a real model) turned into the
// request's result shape.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { ContextView } from '../../server/src/core/context';
import { explain } from '../../server/src/core/explain';
import type { ExplainResult } from '../../server/src/protocol';
import { changedLabel, dockerfilesFor, highlightsOf, isInside, summaryOf } from '../../client/src/explain-plan';

const DOC = [
  'FROM node:20 AS build', //                 0
  'WORKDIR /app', //                          1
  'ENV NODE_ENV=production', //               2
  'COPY package.json package-lock.json ./', // 3
  'RUN npm ci', //                            4
  'COPY src/ src/', //                        5
  'RUN npm run build', //                     6
  '', //                                      7
  'FROM node:20-slim', //                     8
  'COPY --from=build /app/dist ./dist', //    9
  '',
].join('\n');
const FILES = ['package.json', 'package-lock.json', 'src/', 'src/app.ts'];

/** The answer as `stagecraft/explain` shapes it (steps with ranges and buildStep). */
function answer(changed?: string[]): ExplainResult {
  const model = analyze(DOC, { files: FILES }, {}).model!;
  const r = explain(model, new ContextView({ files: FILES }), { changed });
  return {
    target: r.target, contextDir: '/ws/app', anySource: r.anySource,
    steps: r.steps.map((s, i) => ({ ...s, stageIndex: 0, range: { start: { line: s.line - 1, character: 0 }, end: { line: s.line - 1, character: s.instruction.length } }, buildStep: r.buildSteps[i] })),
    stages: r.stages, everyBuild: [],
  };
}

describe('client: what rebuilds when a file changes', () => {
  it('highlights each build step by status, with the cause after it; metadata is left alone', () => {
    const h = highlightsOf(answer(['src/app.ts']));
    const at = (line: number) => h.find((x) => x.startLine === line);
    assert.equal(at(2), undefined, 'ENV has no step');
    assert.equal(at(4)!.kind, 'reused');
    assert.equal(at(4)!.after, '');
    assert.equal(at(5)!.kind, 'rebuilt');
    assert.match(at(5)!.after, /^rebuilds: src\/app\.ts changed/);
    assert.equal(at(5)!.endCharacter, 'COPY src/ src/'.length);
    assert.equal(at(6)!.kind, 'rebuilt');
    assert.match(at(6)!.after, /^rebuilds: /);
    assert.equal(at(9)!.kind, 'depends');
    assert.match(at(9)!.after, /^depends: /);
  });

  it('summarises: how many steps rebuild per stage and the first cause', () => {
    const s = summaryOf(answer(['src/app.ts']), 'src/app.ts');
    assert.match(s, /^src\/app\.ts changed: 2 of 8 steps rebuild \(build 2 of 6, stage 1 0 of 2\)/);
    assert.match(s, /; first: src\/app\.ts changed → COPY src\/ src\/ at line 6;/);
    assert.match(s, /1 more re-run only if the files they copy differ/);
    const none = summaryOf(answer(['README.md']), 'README.md');
    assert.match(none, /0 of 8 steps rebuild.*every step is reused/);
    assert.match(summaryOf(answer(), 'a source file'), /^a source file changes: /);
  });

  it('names the change relative to the build context', () => {
    assert.equal(changedLabel([path.join('/ws/app', 'src', 'app.ts')], '/ws/app'), 'src/app.ts');
    assert.equal(changedLabel(['/elsewhere/x.txt'], '/ws/app'), 'x.txt');
    assert.equal(changedLabel(['/ws/app/a', '/ws/app/b'], '/ws/app'), 'a and 1 more');
    assert.equal(changedLabel(undefined, '/ws/app'), 'a source file');
  });

  it('picks the Dockerfiles whose context holds the file: the active one first, then the closest context', () => {
    const c = [
      { file: '/ws/Dockerfile', contextDir: '/ws' },
      { file: '/ws/app/Dockerfile', contextDir: '/ws/app' },
      { file: '/ws/other/Dockerfile', contextDir: '/ws/other' },
    ];
    assert.deepEqual(dockerfilesFor('/ws/app/src/a.ts', c).map((x) => x.file), ['/ws/app/Dockerfile', '/ws/Dockerfile']);
    assert.deepEqual(dockerfilesFor('/ws/app/src/a.ts', c, '/ws/Dockerfile').map((x) => x.file), ['/ws/Dockerfile', '/ws/app/Dockerfile']);
    assert.deepEqual(dockerfilesFor('/tmp/a', c), []);
    assert.equal(isInside('/ws/app', '/ws/app'), true);
    assert.equal(isInside('/ws/apps/x', '/ws/app'), false);
  });
});
