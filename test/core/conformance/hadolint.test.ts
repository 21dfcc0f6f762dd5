/**
 * Agreement with hadolint's own rule tests (`shared/corpus/hadolint-cases.json`) for every
 * hadolint code some Stagecraft rule maps to (its `hadolint` field, read from the registry at
 * test time). A case agrees when the mapped rules catch (or do not catch) as hadolint does.
 * Known, explained disagreements are data in `hadolint-exceptions.json`; any other
 * disagreement fails, and so does agreement below the documented level.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { rules } from '../../../server/src/core/rules/registry';
import type { SeveritySetting } from '../../../server/src/core/types';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
const EXCEPTIONS: { id: string; rule: string; reason: string }[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'hadolint-exceptions.json'), 'utf8')).exceptions;
/** Agreement per mapped code must stay at or above this (docs/conformance.md). */
const MIN_AGREEMENT = 0.95;

interface Case { id: string; rule: string; dockerfile: string; expect: 'catches' | 'not'; count: string | number; onbuild?: boolean; dockerfile_onbuild?: string }

/** hadolint code → Stagecraft rule ids mapped to it. */
export function hadolintMapping(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const r of rules.values()) for (const code of r.hadolint ?? []) map.set(code, [...(map.get(code) ?? []), r.id]);
  return map;
}

const available = fs.existsSync(path.join(CORPUS, 'hadolint-cases.json'));
(available ? describe : describe.skip)('conformance: hadolint rule tests (mapped codes)', () => {
  const mapping = hadolintMapping();
  const cases: Case[] = available ? JSON.parse(fs.readFileSync(path.join(CORPUS, 'hadolint-cases.json'), 'utf8')) : [];
  const mapped = cases.filter((c) => mapping.has(c.rule));
  const exceptions = new Map(EXCEPTIONS.map((e) => [e.id, e]));
  const tally = new Map<string, { total: number; agree: number; excepted: number; rules: string[] }>();
  const stale: string[] = [];

  for (const c of mapped) {
    it(`${c.id} ${c.rule} ${c.expect}`, () => {
      const ids = mapping.get(c.rule)!;
      // Every mapped rule runs (experimental or off by default ones too), as hadolint's harness runs every rule.
      const config = { rules: Object.fromEntries(ids.map((id) => [id, rules.get(id)!.severity as SeveritySetting])) };
      const text = c.onbuild && c.dockerfile_onbuild ? c.dockerfile_onbuild : c.dockerfile;
      const a = analyze(text + '\n', { dockerignore: null, files: [] }, config);
      assert.deepEqual(a.internalErrors, []);
      const n = a.findings.filter((f) => ids.includes(f.rule)).length;
      const agrees = c.expect === 'not' ? n === 0 : typeof c.count === 'number' ? n === c.count : n >= 1;
      const t = tally.get(c.rule) ?? { total: 0, agree: 0, excepted: 0, rules: ids };
      t.total++;
      if (agrees) t.agree++;
      tally.set(c.rule, t);
      const exception = exceptions.get(c.id);
      if (agrees && exception) stale.push(c.id);
      if (!agrees && exception) t.excepted++;
      assert.ok(agrees || exception, `${c.id}: hadolint ${c.expect === 'not' ? 'does not catch' : `catches (${c.count})`}, ${ids.join(', ')} found ${n}\n${text}`);
    });
  }

  it('agreement per mapped code stays at the documented level', () => {
    for (const [code, t] of tally) assert.ok(t.agree / t.total >= MIN_AGREEMENT || t.total - t.agree === t.excepted, `${code}: ${t.agree}/${t.total}`);
  });

  after(() => {
    const rows = [...tally.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const out = ['hadolint agreement (mapped codes):', '| code | Stagecraft rule(s) | cases | agree | % |', '|---|---|---:|---:|---:|'];
    let total = 0, agree = 0;
    for (const [code, t] of rows) {
      total += t.total;
      agree += t.agree;
      out.push(`| ${code} | ${t.rules.join(', ')} | ${t.total} | ${t.agree} | ${((100 * t.agree) / t.total).toFixed(1)} |`);
    }
    out.push(`| all | | ${total} | ${agree} | ${total ? ((100 * agree) / total).toFixed(1) : '-'} |`);
    if (stale.length) out.push(`Exceptions that now agree (remove them from hadolint-exceptions.json): ${stale.join(', ')}`);
    console.log('\n' + out.join('\n') + '\n');
  });
});
