import { strict as assert } from 'node:assert';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { signature } from '../../scripts/differential/edits';
import { rules } from '../../server/src/core/rules/registry';

/** Analyses `after` from `before`'s analysis, checks it against a fresh analysis, and returns it. */
function edit(before: string, after: string, context = {}): { previous: Analysis; next: Analysis } {
  const previous = analyze(before, context, {}, { incremental: true });
  const next = analyze(after, context, {}, { previous, incremental: true });
  assert.equal(signature(next), signature(analyze(after, context)), 'incremental findings equal a fresh analysis');
  return { previous, next };
}

const ids = (a: Analysis, rule: string) => a.findings.filter((f) => f.rule === rule);

describe('stage-scoped rules across analyses', () => {
  const copier = [
    'FROM node:20-alpine AS deps',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    '',
    'FROM node:20-bookworm-slim',
    'WORKDIR /app',
    'COPY --from=deps /app/node_modules ./node_modules',
    'USER node',
    'CMD ["node", "index.js"]',
    '',
  ].join('\n');

  it('a rule that reads the stages copied from runs again when only the source changed (libc-mismatch)', () => {
    assert.equal(ids(analyze(copier), 'stage/libc-mismatch').length, 1);
    // the copier's own text is unchanged: only its copy source's base is
    const { next } = edit(copier, copier.replace('node:20-alpine', 'node:20-bookworm'));
    assert.equal(ids(next, 'stage/libc-mismatch').length, 0);
    const back = edit(copier.replace('node:20-alpine', 'node:20-bookworm'), copier);
    assert.equal(ids(back.next, 'stage/libc-mismatch').length, 1);
  });

  it('an unchanged stage keeps its findings; the edited stage and the stages built on it run again', () => {
    const text = [
      'FROM debian:12 AS base',
      'RUN apt-get update && apt-get install -y curl',
      '',
      'FROM base AS child',
      'RUN echo child',
      '',
      'FROM alpine:3.20 AS other',
      'RUN echo other',
      '',
    ].join('\n');
    const stageRules = [...rules.values()].filter((r) => r.checkStage);
    // in the edited stage, the rules that read its RUN instructions (or every instruction) run again
    const readingRun = stageRules.filter((r) => r.readsCopySources || !r.readsInstructions || r.readsInstructions.includes('RUN')).length;
    const { next } = edit(text, text.replace('echo other', 'echo others'));
    const scoped = next.stageFindings!;
    assert.ok(readingRun > 0 && readingRun < stageRules.length);
    assert.deepEqual([scoped.ran, scoped.kept], [readingRun, 3 * stageRules.length - readingRun]);
    const first = edit(text, text.replace('curl', 'curl wget')).next.stageFindings!;
    // the first stage and the one built FROM it: their RUN readers ran again (the child reads its ancestor wholly: all of its rules)
    assert.deepEqual([first.ran, first.kept], [readingRun + stageRules.length, 2 * stageRules.length - readingRun]);
  });

  it('a rule that reads only some instructions keeps its findings when others change (readsInstructions)', () => {
    const text = [
      'FROM debian:12',
      'WORKDIR /app',
      '# ports',
      'EXPOSE 80:8080',
      'RUN apt-get update',
      'RUN apt-get install -y curl',
      'CMD node index.js',
      '',
    ].join('\n');
    const stageRules = [...rules.values()].filter((r) => r.checkStage);
    const reading = (k: string) => stageRules.filter((r) => r.readsCopySources || !r.readsInstructions || r.readsInstructions.includes(k)).length;
    // each edit is compared with a fresh analysis by `edit`
    const workdir = edit(text, text.replace('/app', '/application')).next.stageFindings!;
    assert.equal(workdir.ran, reading('WORKDIR'));
    const expose = edit(text, text.replace('80:8080', '80:8081'));
    assert.equal(expose.next.stageFindings!.ran, reading('EXPOSE'));
    assert.equal(ids(expose.next, 'buildkit/ExposeInvalidFormat').length, 1, 'the EXPOSE rule ran on the new EXPOSE');
    const cmd = edit(text, text.replace('CMD node index.js', 'CMD node server.js'));
    assert.equal(ids(cmd.next, 'buildkit/JSONArgsRecommended').length, 1);
    assert.ok(reading('WORKDIR') < stageRules.length && reading('EXPOSE') < stageRules.length);
    // a comment is read by every rule (`# check=` comments before an instruction)
    assert.equal(edit(text, text.replace('# ports', '# the ports')).next.stageFindings!.ran, stageRules.length);
  });

  it('a finding in a shared ancestor is reported once, by the first stage that finds it (Report.key)', () => {
    const text = [
      'FROM node:20 AS base',
      'WORKDIR /app',
      'COPY package.json ./',
      '',
      'FROM base AS a',
      'RUN npm ci',
      '',
      'FROM base AS b',
      'RUN npm ci',
      '',
    ].join('\n');
    const fresh = ids(analyze(text), 'cache/lockfile-not-copied');
    assert.equal(fresh.length, 1);
    assert.match(fresh[0].message, /line 6/);
    // the first finder's stage edited, then the other: still one finding, the first stage's
    for (const after of [text.replace('AS a\nRUN npm ci', 'AS a\nRUN npm ci '), text.replace('AS b\nRUN npm ci', 'AS b\nRUN npm ci ')]) {
      const found = ids(edit(text, after).next, 'cache/lockfile-not-copied');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /line 6/);
    }
  });

  it('what lies before the first FROM is checked on every analysis (checkPrelude)', () => {
    const text = 'MAINTAINER someone\nWORKDIR app\nFROM alpine:3.20\nMAINTAINER other\n';
    const a = analyze(text);
    assert.deepEqual(ids(a, 'buildkit/MaintainerDeprecated').map((f) => f.range.start.line), [0, 3]);
    assert.deepEqual(ids(a, 'buildkit/WorkdirRelativePath').map((f) => f.range.start.line), [1]);
    const { next } = edit(text, text.replace('MAINTAINER other', 'MAINTAINER others'));
    assert.deepEqual(ids(next, 'buildkit/MaintainerDeprecated').map((f) => f.range.start.line), [0, 3]);
    // a file without FROM has no stage: the prelude is all of it
    assert.deepEqual(ids(analyze('MAINTAINER someone\n'), 'buildkit/MaintainerDeprecated').map((f) => f.range.start.line), [0]);
  });
});
