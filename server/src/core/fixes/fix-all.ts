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

/** Joins two texts of one file as an append would: a line break between them when the first lacks one. */
function joinText(a: string, b: string): string {
  return a + (a.length && !a.endsWith('\n') && !b.startsWith('\n') ? '\n' : '') + b;
}

/**
 * Adds a file edit to the run's list, one entry per path: a later edit of a path already
 * created or appended to extends that entry (the file is created once, with all its lines).
 */
function mergeFileEdit(list: FileEdit[], fe: FileEdit): void {
  const i = list.findIndex((x) => x.path === fe.path);
  if (i < 0) list.push({ ...fe });
  else list[i] = { path: fe.path, kind: list[i].kind, text: joinText(list[i].text, fe.text) };
}

/**
 * The build-context facts after file edits: what the next pass analyses against, so that a
 * finding the created `.dockerignore` settles is gone instead of offering the same file again.
 */
export function withFileEdits(facts: BuildContextFacts, edits: FileEdit[]): BuildContextFacts {
  if (!edits.length) return facts;
  const files = facts.files ? [...facts.files] : undefined;
  let dockerignore = facts.dockerignore;
  for (const fe of edits) {
    if (files && !files.includes(fe.path)) files.push(fe.path);
    if (fe.path === '.dockerignore') {
      // a create of a file that exists appends to it, as the CLI writes it
      dockerignore = typeof dockerignore === 'string' ? joinText(dockerignore, fe.text) : fe.text;
    }
  }
  return { ...facts, files, dockerignore };
}

/**
 * Applies fixes until none is left (or maxPasses): each pass takes the fixes
 * whose edits do not overlap, applies them, and re-analyses against the context
 * as the taken file edits leave it. Within a pass a path gets one file edit: a fix
 * whose file edit touches a path already edited in that pass waits for the next
 * pass, which sees the edited file (so the same `.dockerignore` is neither
 * created twice nor counted twice). Pure.
 */
export function fixAll(text: string, context: BuildContextFacts = {}, config: StagecraftConfig = {}, options: FixAllOptions = {}): FixAllResult {
  const applied: FixAllResult['applied'] = [];
  const fileEdits: FileEdit[] = [];
  const maxPasses = options.maxPasses ?? 10;
  let facts = context;
  let analysis = analyze(text, facts, config);
  for (let pass = 0; pass < maxPasses; pass++) {
    const taken: TextEdit[] = [];
    const passFileEdits: FileEdit[] = [];
    let any = false;
    for (const f of analysis.findings) {
      if (options.rules && !options.rules.includes(f.rule)) continue;
      const fix = preferredFix(f, options.unsafe);
      if (!fix) continue;
      const fes = fix.fileEdits ?? [];
      if (!fix.edits.length && !fes.length) continue;
      if (overlaps(taken, fix.edits, (p) => analysis.lines.offsetAt(p))) continue;
      if (fes.some((fe) => passFileEdits.some((x) => x.path === fe.path))) continue;
      passFileEdits.push(...fes);
      taken.push(...fix.edits);
      applied.push({ rule: f.rule, title: fix.title });
      any = true;
    }
    if (!any) break;
    for (const fe of passFileEdits) mergeFileEdit(fileEdits, fe);
    facts = withFileEdits(facts, passFileEdits);
    const next = taken.length ? applyEdits(analysis.text, dedupeEdits(taken)).text : analysis.text;
    if (next === analysis.text && !passFileEdits.length) break;
    analysis = analyze(next, facts, config);
  }
  return { text: analysis.text, applied, fileEdits, analysis };
}
