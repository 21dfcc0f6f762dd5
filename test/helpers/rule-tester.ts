/**
 * A table-driven tester for one rule, in the manner of ESLint's RuleTester.
 *
 * For every invalid case it checks the rule's findings (line, message, column),
 * and for EVERY fix of every finding it applies the fix, re-parses and
 * re-analyses: the text parses, that rule has fewer findings, no new error of
 * any rule appears, and fix-all over the result changes nothing more for the
 * rule (idempotent). Expected fix outputs are compared when given.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fixes/fix-all';
import { applyEdits } from '../../server/src/core/text';
import { parse } from '../../server/src/core/parse';
import type { Rule } from '../../server/src/core/rules/rule';
import type { BuildContextFacts } from '../../server/src/core/context';
import type { StagecraftConfig } from '../../server/src/core/config';
import type { Finding } from '../../server/src/core/types';

export interface ValidCase {
  name?: string;
  code: string;
  context?: BuildContextFacts;
  config?: StagecraftConfig;
}

export interface ExpectedError {
  /** 1-based line of the finding's start. */
  line: number;
  /** 1-based column of the start, when checked. */
  column?: number;
  /** 1-based end line / column, when checked. */
  endLine?: number;
  endColumn?: number;
  /** Exact message or a pattern. */
  message?: string | RegExp;
  /** Expected fixes of this finding, in order: title (exact or pattern), safety, and the whole text after applying it alone. */
  fixes?: { title?: string | RegExp; safe?: boolean; output?: string }[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after fix-all of this rule's safe fixes (omit to skip; `null` = no safe fix changes the text). */
  output?: string | null;
}

function only(rule: Rule, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.rule === rule.id);
}

function errorsOf(findings: Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`).sort();
}

function configFor(rule: Rule, c: ValidCase): StagecraftConfig {
  // Experimental rules are tested as enabled; an explicit config wins.
  const rules = { ...(rule.experimental ? { [rule.id]: rule.severity } : {}), ...(c.config?.rules ?? {}) };
  return { ...c.config, rules };
}

export function ruleTester(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      cases.valid.forEach((v, i) => {
        const c: ValidCase = typeof v === 'string' ? { code: v } : v;
        it(c.name ?? `valid #${i + 1}: ${c.code.split('\n').find((l) => l.trim()) ?? ''}`, () => {
          const a = analyze(c.code, c.context, configFor(rule, c));
          assert.deepEqual(a.internalErrors, []);
          const got = only(rule, a.findings);
          assert.equal(got.length, 0, `expected no ${rule.id} finding, got:\n${got.map((f) => `  line ${f.range.start.line + 1}: ${f.message}`).join('\n')}`);
        });
      });
    });
    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(c.name ?? `invalid #${i + 1}: ${c.code.split('\n').find((l) => l.trim()) ?? ''}`, () => {
          const config = configFor(rule, c);
          const a = analyze(c.code, c.context, config);
          assert.deepEqual(a.internalErrors, []);
          const got = only(rule, a.findings);
          assert.equal(got.length, c.errors.length,
            `expected ${c.errors.length} ${rule.id} finding(s), got ${got.length}:\n${got.map((f) => `  line ${f.range.start.line + 1}: ${f.message}`).join('\n')}`);
          got.forEach((f, k) => {
            const e = c.errors[k];
            assert.equal(f.range.start.line + 1, e.line, `finding ${k + 1}: line`);
            if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `finding ${k + 1}: column`);
            if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `finding ${k + 1}: end line`);
            if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `finding ${k + 1}: end column`);
            if (typeof e.message === 'string') assert.equal(f.message, e.message);
            else if (e.message) assert.match(f.message, e.message);
            assert.ok(f.range.start.line < a.lines.lineCount && f.range.end.line < a.lines.lineCount, 'range inside the document');
            if (e.fixes) {
              assert.equal(f.fixes.length, e.fixes.length, `finding ${k + 1}: number of fixes (${f.fixes.map((x) => x.title).join(' | ')})`);
              e.fixes.forEach((ef, j) => {
                const fix = f.fixes[j];
                if (typeof ef.title === 'string') assert.equal(fix.title, ef.title);
                else if (ef.title) assert.match(fix.title, ef.title);
                if (ef.safe !== undefined) assert.equal(fix.safe, ef.safe, `fix "${fix.title}" safety`);
                if (ef.output !== undefined) assert.equal(applyEdits(c.code, fix.edits).text, ef.output, `fix "${fix.title}" output`);
              });
            }
            // Every fix round-trips.
            for (const fix of f.fixes) {
              const { text, skipped } = applyEdits(c.code, fix.edits);
              assert.deepEqual(skipped, [], `fix "${fix.title}" has overlapping edits`);
              if (!fix.edits.length) {
                assert.ok((fix.fileEdits ?? []).length > 0, `fix "${fix.title}" changes nothing`);
                continue;
              }
              assert.notEqual(text, c.code, `fix "${fix.title}" changes nothing`);
              assert.ok(parse(text), `fix "${fix.title}": the fixed text parses`);
              const after = analyze(text, c.context, config);
              assert.deepEqual(after.internalErrors, []);
              assert.ok(only(rule, after.findings).length < got.length,
                `fix "${fix.title}": the finding is gone (before ${got.length}, after ${only(rule, after.findings).length})\n--- fixed text ---\n${text}`);
              const newErrors = errorsOf(after.findings).filter((x) => !errorsOf(a.findings).includes(x));
              assert.deepEqual(newErrors, [], `fix "${fix.title}" introduces errors\n--- fixed text ---\n${text}`);
            }
          });
          // fix-all of this rule (safe and unsafe separately) is idempotent.
          for (const unsafe of [false, true]) {
            const once = fixAll(c.code, c.context, config, { rules: [rule.id], unsafe });
            const twice = fixAll(once.text, c.context, config, { rules: [rule.id], unsafe });
            assert.equal(twice.text, once.text, `fix-all${unsafe ? ' --unsafe' : ''} is not idempotent`);
            if (!unsafe && c.output !== undefined) assert.equal(once.text, c.output === null ? c.code : c.output, 'fix-all output');
          }
        });
      });
    });
  });
}
