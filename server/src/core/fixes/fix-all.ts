import { analyze, Analysis } from '../analyze';
import type { BuildContextFacts } from '../context';
import type { StagecraftConfig } from '../config';
import type { Finding, Fix, FileEdit, TextEdit } from '../types';
import { applyEdits } from '../text';

export interface FixAllOptions {
  /** Apply unsafe fixes too. */
  unsafe?: boolean;
  /** Only fixes of these rules. */
  rules?: string[];
  /** Passes at most (each pass re-analyses the fixed text). */
  maxPasses?: number;
}

export interface FixAllResult {
  text: string;
  /** Fixes applied, in order, with the rule they came from. */
  applied: { rule: string; title: string }[];
  fileEdits: FileEdit[];
  /** The analysis of the final text. */
  analysis: Analysis;
}

/** The fix fix-all would take for a finding: the first safe one (or the first at all with `unsafe`). */
export function preferredFix(f: Finding, unsafe = false): Fix | undefined {
  return f.fixes.find((x) => x.safe) ?? (unsafe ? f.fixes[0] : undefined);
}

/** Whether two edit lists touch overlapping text (identical edits do not count). */
function overlaps(taken: TextEdit[], edits: TextEdit[], offsetOf: (p: TextEdit['range']['start']) => number): boolean {
  for (const e of edits) {
    const s = offsetOf(e.range.start), t = offsetOf(e.range.end);
    for (const o of taken) {
      if (o.newText === e.newText && offsetOf(o.range.start) === s && offsetOf(o.range.end) === t) continue;
      const os = offsetOf(o.range.start), ot = offsetOf(o.range.end);
      if (s < ot && os < t) return true;
      if (s === t && os === ot && s === os) return true; // two inserts at one point
      if ((s === t && s > os && s < ot) || (os === ot && os > s && os < t)) return true;
    }
  }
  return false;
}

/** Deduplicates identical edits (same range and text), keeping the first. */
export function dedupeEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Applies fixes until none is left (or maxPasses): each pass takes the fixes
 * whose edits do not overlap, applies them, and re-analyses. Pure.
 */
export function fixAll(text: string, context: BuildContextFacts = {}, config: StagecraftConfig = {}, options: FixAllOptions = {}): FixAllResult {
  const applied: FixAllResult['applied'] = [];
  const fileEdits: FileEdit[] = [];
  const maxPasses = options.maxPasses ?? 10;
  let analysis = analyze(text, context, config);
  for (let pass = 0; pass < maxPasses; pass++) {
    const taken: TextEdit[] = [];
    let any = false;
    for (const f of analysis.findings) {
      if (options.rules && !options.rules.includes(f.rule)) continue;
      const fix = preferredFix(f, options.unsafe);
      if (!fix) continue;
      if (overlaps(taken, fix.edits, (p) => analysis.lines.offsetAt(p))) continue;
      if (!fix.edits.length && !(fix.fileEdits ?? []).length) continue;
      for (const fe of fix.fileEdits ?? []) {
        if (!fileEdits.some((x) => x.path === fe.path && x.text === fe.text && x.kind === fe.kind)) fileEdits.push(fe);
      }
      taken.push(...fix.edits);
      applied.push({ rule: f.rule, title: fix.title });
      any = true;
    }
    if (!any) break;
    const next = applyEdits(analysis.text, dedupeEdits(taken)).text;
    if (next === analysis.text) break;
    analysis = analyze(next, context, config);
  }
  return { text: analysis.text, applied, fileEdits, analysis };
}
