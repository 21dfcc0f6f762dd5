import type { Dockerfile } from 'dockerfile-ast';
import type { Finding } from './types';
import type { Rule } from './rules/rule';

/**
 * Inline suppressions:
 * - `# stagecraft-ignore <id>[,<id>…]` on the line(s) just before an instruction (no ids: every rule);
 * - `# stagecraft-ignore-file <id>…` anywhere;
 * - `# hadolint ignore=DL3006,…` before an instruction, for rules mapped to those codes;
 * - `# hadolint global ignore=…` anywhere.
 *
 * Comments are read by line: the lines of the parser's comments and of its parser directives
 * (a first-line `# hadolint global ignore=DL3002` is read by the parser as a directive).
 * hadolint pragmas are read with hadolint's grammar: the whole comment must be a pragma, every
 * entry a code (`DL`, `SC`, digits; `# hadolint ignore=crazy,DL3002` ignores nothing), and an
 * inline `# comment` may follow the list.
 */
export interface Suppressions {
  file: Set<string>;
  fileAll: boolean;
  /** Instruction start line → ids suppressed for it ('*' = all). */
  byLine: Map<number, Set<string>>;
  /** For each line, the start line of the instruction covering it. */
  instructionStart: (line: number) => number | undefined;
  hadolintFile: Set<string>;
  hadolintByLine: Map<number, Set<string>>;
}

const IGNORE = /^#\s*stagecraft-ignore(-file)?\b(.*)$/;
const HADOLINT = /^#[ \t]*hadolint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([DLSC0-9]+(?:[ \t]*,[ \t]*[DLSC0-9]+)*)[ \t]*(?:#.*)?$/;

function ids(list: string): string[] {
  return list.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export function readSuppressions(dockerfile: Dockerfile, lineTexts: (line: number) => string, lineCount: number): Suppressions {
  // the instructions' line spans, read only when a suppression names an instruction (most files have none)
  let spans: { start: number; end: number }[] | undefined;
  const instructionSpans = () => (spans ??= dockerfile.getInstructions().map((i) => {
    const r = i.getRange();
    return { start: r.start.line, end: r.end.line };
  }));
  const s: Suppressions = {
    file: new Set(), fileAll: false, byLine: new Map(), hadolintFile: new Set(), hadolintByLine: new Map(),
    instructionStart: (line) => {
      const instructions = instructionSpans();
      let lo = 0, hi = instructions.length - 1, found: number | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (instructions[mid].start <= line) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      if (found === undefined) return undefined;
      return line <= instructions[found].end ? instructions[found].start : undefined;
    },
  };
  const nextInstructionAfter = (line: number): number | undefined => {
    for (const i of instructionSpans()) if (i.start > line) return i.start;
    return undefined;
  };
  const commentLines = new Set<number>();
  for (const c of [...dockerfile.getComments(), ...dockerfile.getDirectives()]) commentLines.add(c.getRange().start.line);
  for (const line of [...commentLines].sort((a, b) => a - b)) {
    if (line >= lineCount) continue;
    const text = lineTexts(line).trim();
    let m = IGNORE.exec(text);
    if (m) {
      const list = ids(m[2]);
      if (m[1]) {
        if (!list.length) s.fileAll = true;
        list.forEach((id) => s.file.add(id));
      } else {
        const target = nextInstructionAfter(line);
        if (target !== undefined) {
          const set = s.byLine.get(target) ?? new Set<string>();
          (list.length ? list : ['*']).forEach((id) => set.add(id));
          s.byLine.set(target, set);
        }
      }
      continue;
    }
    m = HADOLINT.exec(text);
    if (m) {
      const codes = ids(m[2]);
      if (m[1]) codes.forEach((x) => s.hadolintFile.add(x));
      else {
        const target = nextInstructionAfter(line);
        if (target !== undefined) {
          const set = s.hadolintByLine.get(target) ?? new Set<string>();
          codes.forEach((x) => set.add(x));
          s.hadolintByLine.set(target, set);
        }
      }
    }
  }
  return s;
}

export function isSuppressed(f: Finding, rule: Rule | undefined, s: Suppressions): boolean {
  if (s.fileAll || s.file.has(f.rule)) return true;
  const codes = rule?.hadolint ?? [];
  if (codes.some((c) => s.hadolintFile.has(c))) return true;
  if (!s.byLine.size && !s.hadolintByLine.size) return false;
  const start = s.instructionStart(f.range.start.line);
  if (start === undefined) return false;
  const set = s.byLine.get(start);
  if (set && (set.has('*') || set.has(f.rule))) return true;
  const h = s.hadolintByLine.get(start);
  return !!h && codes.some((c) => h.has(c));
}
