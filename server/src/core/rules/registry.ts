import type { Rule } from './rule';
import stage from './stage';
import cache from './cache';
import security from './security';
import buildkit from './buildkit';
import syntax from './syntax';

/**
 * Every rule, sorted by id. Each family's `index.ts` lists its rules; adding a
 * rule is its file, its test table, its page, and one line in that index.
 */
export const rules: ReadonlyMap<string, Rule> = new Map(
  [...stage, ...cache, ...security, ...buildkit, ...syntax]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => [r.id, r]),
);

export function getRule(id: string): Rule | undefined {
  return rules.get(id);
}
