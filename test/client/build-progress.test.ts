// BuildKit's `--progress=plain` output read into per-step results. The fixtures were captured from
// docker 20.10's client and BuildKit engine (test/client/fixtures/build-progress/): a first build of
// a two-stage file, the same build again (all cached), the build after a source file changed, and
// a one-stage file whose last RUN fails.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  disagreements, matchPredictions, outcomeText, parsePlainProgress, PredictedStep, summarize, summaryTitle,
} from '../../client/src/build-progress';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'build-progress', name), 'utf8');
const brief = (text: string) => parsePlainProgress(text).map((s) => `${s.stage} ${s.index}/${s.total} ${s.outcome} ${s.seconds ?? '-'} ${s.instruction}`);

// cap.Dockerfile, the file the fixtures were built from (the prediction's steps are for it)
const STAGES = [{ index: 0, name: 'builder' }, { index: 1, name: 'runner' }];
const step = (stageIndex: number, line: number, instruction: string, status: PredictedStep['status'], buildStep = true): PredictedStep =>
  ({ stage: STAGES[stageIndex].name, stageIndex, line, instruction, status, buildStep });

describe('client build-progress: parsePlainProgress on real output', () => {
  it('a first build: every step ran, with its time; internal vertices and the export are left out', () => {
    assert.deepEqual(brief(fixture('first-build.txt')), [
      'builder 1/4 built 0 FROM docker.io/library/busybox:latest',
      'builder 2/4 built 0.1 RUN mkdir -p /out && echo "built by builder" > /out/marker',
      'builder 3/4 built 0 COPY src.txt /out/src.txt',
      'builder 4/4 built 0.1 RUN cat /out/src.txt > /out/copy',
      'runner 2/3 built 0 COPY --from=builder /out/marker /marker',
      'runner 3/3 built 0.1 RUN echo "runner only" > /runner-only',
    ]);
  });

  it('the same build again: CACHED steps', () => {
    const steps = parsePlainProgress(fixture('all-cached.txt'));
    assert.deepEqual(steps.filter((s) => !/^FROM/.test(s.instruction)).map((s) => s.outcome), ['cached', 'cached', 'cached', 'cached', 'cached']);
    assert.deepEqual(summarize(steps).map(summaryTitle), ['3 steps · 3 cached · 0.0 s', '2 steps · 2 cached · 0.0 s']);
  });

  it('after a source file changed: the COPY of it and what follows ran, the rest came from cache', () => {
    const steps = parsePlainProgress(fixture('after-source-edit.txt'));
    assert.deepEqual(steps.map((s) => `${s.stage} ${s.index} ${s.outcome}`), [
      'builder 1 built', 'builder 2 cached', 'builder 3 built', 'builder 4 built', 'runner 2 cached', 'runner 3 cached',
    ]);
    assert.deepEqual(summarize(steps), [
      { stage: 'builder', steps: 3, cached: 1, built: 2, failed: 0, seconds: 0.1 },
      { stage: 'runner', steps: 2, cached: 2, built: 0, failed: 0, seconds: 0 },
    ]);
    assert.equal(summaryTitle(summarize(steps)[0]), '3 steps · 1 cached · 0.1 s');
    assert.deepEqual(steps.slice(1, 3).map(outcomeText), ['cached', 'rebuilt in 0.0 s']);
  });

  it('a failing one-stage build: the step output is skipped, the error kept, the stage label empty', () => {
    const steps = parsePlainProgress(fixture('failing-unnamed.txt'));
    assert.deepEqual(brief(fixture('failing-unnamed.txt')), [
      ' 1/3 cached 0 FROM docker.io/library/busybox:latest',
      ' 2/3 built 0.1 RUN echo one && echo two',
      ' 3/3 failed - RUN echo "about to fail" && exit 3',
    ]);
    assert.equal(outcomeText(steps[2]), 'failed: executor failed running [/bin/sh -c echo "about to fail" && exit 3]: exit code: 3');
    assert.equal(summaryTitle(summarize(steps)[0]), '2 steps · 0 cached · 1 failed · 0.1 s');
  });

  it('reads what is not BuildKit output as no steps, and survives colour codes, CRLF and a platform in the label', () => {
    assert.deepEqual(parsePlainProgress(''), []);
    assert.deepEqual(parsePlainProgress('Sending build context to Docker daemon  2.048kB\nStep 1/2 : FROM busybox\n'), []);
    assert.deepEqual(parsePlainProgress('#7 DONE 1.0s\n#x [a 1/2] RUN\n'), [], 'a status for an unnamed vertex, a malformed line');
    const text = '\x1b[34m#3 [linux/amd64 build 2/5] RUN make\x1b[0m\r\n#3 0.5 cc main.c\r\n#3 DONE 12.25s\r\n#4 [linux/amd64 build 3/5] COPY . .\r\n';
    assert.deepEqual(brief(text), ['build 2/5 built 12.25 RUN make', 'build 3/5 running - COPY . .']);
    assert.equal(outcomeText(parsePlainProgress(text)[1]), 'did not finish');
  });
});

describe('client build-progress: the prediction against what BuildKit did', () => {
  const predicted = [
    step(0, 1, 'FROM busybox:latest AS builder', 'reused'),
    step(0, 2, 'RUN mkdir -p /out && echo "built by builder" > /out/marker', 'reused'),
    step(0, 3, 'COPY src.txt /out/src.txt', 'rebuilt'),
    step(0, 4, 'RUN cat /out/src.txt > /out/copy', 'rebuilt'),
    step(1, 6, 'FROM busybox:latest AS runner', 'reused'),
    step(1, 7, 'COPY --from=builder /out/marker /marker', 'reused'),
    step(1, 8, 'RUN echo "runner only" > /runner-only', 'reused'),
    step(1, 9, 'CMD ["cat", "/marker"]', 'reused', false),
  ];

  it('matches BuildKit\'s k/m to the stage\'s build steps, and agrees on the source edit', () => {
    const matched = matchPredictions(parsePlainProgress(fixture('after-source-edit.txt')), predicted, STAGES);
    assert.deepEqual(matched.map((m) => m.predicted?.line), [1, 2, 3, 4, 7, 8]);
    assert.deepEqual(disagreements(matched), []);
  });

  it('reports each step where they differ', () => {
    const wrong = predicted.map((p) => (p.line === 2 ? { ...p, status: 'rebuilt' as const } : p.line === 8 ? { ...p, status: 'reused' as const } : p));
    // the first build ran everything: line 7 and 8 were predicted reused
    assert.deepEqual(disagreements(matchPredictions(parsePlainProgress(fixture('first-build.txt')), wrong, STAGES)), [
      'prediction disagreed: line 7 COPY --from=builder /out/marker /marker (stage runner): predicted reused, BuildKit rebuilt it in 0.0 s',
      'prediction disagreed: line 8 RUN echo "runner only" > /runner-only (stage runner): predicted reused, BuildKit rebuilt it in 0.1 s',
    ]);
    assert.deepEqual(disagreements(matchPredictions(parsePlainProgress(fixture('after-source-edit.txt')), wrong, STAGES)), [
      'prediction disagreed: line 2 RUN mkdir -p /out && echo "built by builder" > /out/marker (stage builder): predicted rebuilt, BuildKit took it from cache',
    ]);
  });

  it('leaves a step unmatched when the instruction differs or the stage is unknown', () => {
    const steps = parsePlainProgress('#1 [builder 2/4] COPY a b\n#1 DONE 0.1s\n#2 [other 2/2] RUN x\n#2 CACHED\n');
    const matched = matchPredictions(steps, predicted, STAGES);
    assert.deepEqual(matched.map((m) => [m.predicted?.line, m.stageIndex]), [[undefined, 0], [undefined, undefined]]);
    assert.deepEqual(disagreements(matched), []);
  });
});
