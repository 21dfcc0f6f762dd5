/**
 * Golden tests of "Copy manifests first", one per ecosystem: manifests-first.input.Dockerfile →
 * manifests-first.expected.Dockerfile exactly, through fix-all with --unsafe --rule
 * cache/copy-all-before-install; the output parses, the finding is gone, fixing again
 * changes nothing.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { fixAll } from '../../../server/src/core/fixes/fix-all';
import { parse } from '../../../server/src/core/parse';
import { ECOSYSTEMS } from '../../../server/src/core/model/ecosystems';
import { goldens } from './fixtures';

const RULE = 'cache/copy-all-before-install';

describe('refactor: copy manifests first (golden)', () => {
  const cases = goldens('manifests-first.');
  it('covers every project ecosystem', () => {
    const project = ECOSYSTEMS.filter((e) => !['apt', 'apk', 'dnf'].includes(e));
    assert.deepEqual(cases.map((c) => c.ecosystem).sort(), [...project].sort());
  });
  for (const c of cases) {
    it(`${c.ecosystem}: input → expected, finding gone, idempotent`, () => {
      const before = analyze(c.input, c.context);
      assert.equal(before.findings.filter((f) => f.rule === RULE).length, 1, `${RULE} reports on the input`);
      const once = fixAll(c.input, c.context, {}, { unsafe: true, rules: [RULE] });
      assert.equal(once.text, c.expected);
      assert.ok(parse(once.text));
      const after = analyze(once.text, c.context);
      assert.deepEqual(after.internalErrors, []);
      assert.deepEqual(after.findings.filter((f) => f.rule === RULE || f.severity === 'error').map((f) => f.message), []);
      assert.equal(fixAll(once.text, c.context, {}, { unsafe: true, rules: [RULE] }).text, once.text);
      assert.equal(fixAll(c.input, c.context, {}, { rules: [RULE] }).text, c.input, 'unsafe: not applied without --unsafe');
    });
  }
});

describe('refactor: the dependency-only step before a build that fetches its own dependencies (golden)', () => {
  const cases = goldens('fetching-build.');
  it('covers maven, gradle, cargo, go and dotnet', () => {
    assert.deepEqual(cases.map((c) => c.ecosystem).sort(), ['cargo', 'dotnet', 'go', 'gradle', 'maven']);
  });
  for (const c of cases) {
    it(`${c.ecosystem}: input → expected, finding gone, idempotent`, () => {
      const before = analyze(c.input, c.context).findings.filter((f) => f.rule === RULE);
      assert.equal(before.length, 1, `${RULE} reports on the input`);
      assert.match(before[0].message, /which downloads every dependency itself/);
      const once = fixAll(c.input, c.context, {}, { unsafe: true, rules: [RULE] });
      assert.equal(once.text, c.expected);
      const after = analyze(once.text, c.context);
      assert.deepEqual(after.findings.filter((f) => f.rule === RULE || f.severity === 'error').map((f) => f.message), []);
      assert.equal(fixAll(once.text, c.context, {}, { unsafe: true, rules: [RULE] }).text, once.text);
    });
  }
});
