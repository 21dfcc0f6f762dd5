/**
 * Conformance with BuildKit's own check tests (`shared/corpus/buildkit-checks.json`):
 * every case's Dockerfile, .dockerignore, build args and target go through analyze(), and the
 * buildkit/ findings must be exactly BuildKit's (rule, message, and line where the corpus
 * verified it). A per-rule agreement table is printed at the end.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import type { StagecraftConfig } from '../../../server/src/core/config';
import type { BuildContextFacts } from '../../../server/src/core/context';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

interface Expected { rule: string; line: number; message: string; line_verified?: boolean }
interface Case {
  id: string;
  subtest?: string;
  dockerfile: string;
  expected: Expected[];
  dockerignore?: string;
  build_args?: Record<string, string>;
  frontend_attrs?: Record<string, string>;
  build_error?: string;
}

/** The analyze() inputs a corpus case stands for. */
export function inputsOf(c: Case): { context: BuildContextFacts; config: StagecraftConfig } {
  const buildArgs: Record<string, string> = { ...(c.build_args ?? {}) };
  const targets: string[] = [];
  for (const [k, v] of Object.entries(c.frontend_attrs ?? {})) {
    if (k.startsWith('build-arg:')) buildArgs[k.slice('build-arg:'.length)] = v;
    else if (k === 'target') targets.push(v);
  }
  const config: StagecraftConfig = { buildArgs, ...(targets.length ? { targets } : {}) };
  const context: BuildContextFacts = c.dockerignore !== undefined ? { dockerignore: c.dockerignore } : {};
  return { context, config };
}

const key = (rule: string, line: number | undefined, message: string) => `${rule}|${line ?? '?'}|${message}`;

const tally = new Map<string, { expected: number; matched: number; missed: number; extra: number }>();
function count(rule: string, field: 'expected' | 'matched' | 'missed' | 'extra') {
  const t = tally.get(rule) ?? { expected: 0, matched: 0, missed: 0, extra: 0 };
  t[field]++;
  tally.set(rule, t);
}

const available = fs.existsSync(path.join(CORPUS, 'buildkit-checks.json'));
(available ? describe : describe.skip)('conformance: BuildKit check tests', () => {
  const cases: Case[] = available ? JSON.parse(fs.readFileSync(path.join(CORPUS, 'buildkit-checks.json'), 'utf8')) : [];
  let agreeing = 0;
  for (const c of cases) {
    it(`${c.id}${c.subtest ? ` (${c.subtest})` : ''}`, () => {
      const { context, config } = inputsOf(c);
      const a = analyze(c.dockerfile, context, config);
      assert.deepEqual(a.internalErrors, []);
      const got = a.findings.filter((f) => f.rule.startsWith('buildkit/')).map((f) => ({ rule: f.rule.slice('buildkit/'.length), line: f.range.start.line + 1, message: f.message }));
      const remaining = [...got];
      const missed: string[] = [];
      for (const e of c.expected) {
        count(e.rule, 'expected');
        const i = remaining.findIndex((g) => g.rule === e.rule && g.message === e.message && (e.line_verified === false || g.line === e.line));
        if (i >= 0) {
          remaining.splice(i, 1);
          count(e.rule, 'matched');
        } else {
          missed.push(key(e.rule, e.line, e.message));
          count(e.rule, 'missed');
        }
      }
      for (const g of remaining) count(g.rule, 'extra');
      const extra = remaining.map((g) => key(g.rule, g.line, g.message));
      assert.deepEqual({ missed, extra }, { missed: [], extra: [] });
      // `error=true` makes BuildKit fail the build on these findings: they are errors here.
      const failing = /lint violation found/.test(c.build_error ?? '');
      for (const f of a.findings.filter((x) => x.rule.startsWith('buildkit/'))) assert.equal(f.severity, failing ? 'error' : 'warning', f.rule);
      agreeing++;
    });
  }
  after(() => {
    const rows = [...tally.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const lines = [`BuildKit conformance: ${agreeing}/${cases.length} cases agree`, '| rule | expected | matched | missed | extra |', '|---|---:|---:|---:|---:|'];
    for (const [rule, t] of rows) lines.push(`| ${rule} | ${t.expected} | ${t.matched} | ${t.missed} | ${t.extra} |`);
    console.log('\n' + lines.join('\n') + '\n');
  });
});
