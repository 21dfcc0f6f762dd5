/**
 * The fuzz invariants, checked on one input: analyze never throws and reports no internal
 * error, stays within a time bound for its size, every range lies inside the document,
 * every fix applies (no overlapping edits) and its result parses and re-analyses cleanly.
 */
import { analyze, Analysis } from '../../server/src/core/analyze';
import { parse } from '../../server/src/core/parse';
import { fixAll } from '../../server/src/core/fixes/fix-all';
import { applyEdits, LineIndex } from '../../server/src/core/text';
import type { Range } from '../../server/src/core/types';

export interface Violation {
  invariant: 'throws' | 'internal-error' | 'slow' | 'range' | 'fix-overlap' | 'fix-unparsable' | 'fix-reanalysis' | 'fix-all' | 'crash';
  detail: string;
}

export interface CheckOptions {
  /** Re-analyse at most this many fixed texts per input (each is a full analysis). */
  maxFixReanalyses?: number;
  /** Also run fix-all. */
  fixAll?: boolean;
  /** Time bound scale (1 = default bound). */
  timeScale?: number;
  now?: () => number;
}

/** The time analyze may take on an input (ms): generous, as the machine may be loaded; scales with size. */
export function timeBound(text: string, scale = 1): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return scale * (2000 + lines * 0.5 + text.length * 0.02);
}

function inside(r: Range, lines: LineIndex): string | undefined {
  const ok = (p: Range['start']) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.lineCount && p.character >= 0 &&
    p.character <= lines.lineEnd(p.line) - lines.starts[p.line];
  if (!r || !r.start || !r.end) return 'missing range';
  if (!ok(r.start)) return `start ${r.start.line}:${r.start.character} outside the document (${lines.lineCount} lines)`;
  if (!ok(r.end)) return `end ${r.end.line}:${r.end.character} outside the document (${lines.lineCount} lines)`;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `start after end ${JSON.stringify(r)}`;
  return undefined;
}

const short = (e: unknown) => String((e as Error)?.stack ?? e).split('\n').slice(0, 6).join('\n');

export function checkInput(text: string, options: CheckOptions = {}): Violation[] {
  const out: Violation[] = [];
  const now = options.now ?? (() => performance.now());
  let a: Analysis;
  const t = now();
  try {
    a = analyze(text);
  } catch (e) {
    return [{ invariant: 'throws', detail: short(e) }];
  }
  const ms = now() - t;
  const bound = timeBound(text, options.timeScale);
  if (ms > bound) out.push({ invariant: 'slow', detail: `analyze took ${ms.toFixed(0)} ms (bound ${bound.toFixed(0)} ms for ${text.length} chars)` });
  for (const e of a.internalErrors) out.push({ invariant: 'internal-error', detail: e.split('\n').slice(0, 6).join('\n') });
  const lines = a.lines;
  let reanalyses = 0;
  // applying a fix copies the text and parsing it is linear: bound that work on very large inputs
  let fixChecks = Math.max(3, Math.floor(2e6 / Math.max(1, text.length)));
  for (const f of a.findings) {
    const bad = inside(f.range, lines);
    if (bad) out.push({ invariant: 'range', detail: `${f.rule}: ${bad}` });
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        const b = inside(e.range, lines);
        if (b) out.push({ invariant: 'range', detail: `${f.rule} fix '${fix.title}': edit ${b}` });
      }
      if (fixChecks-- <= 0) continue;
      const applied = applyEdits(text, fix.edits);
      if (applied.skipped.length) {
        out.push({ invariant: 'fix-overlap', detail: `${f.rule} fix '${fix.title}': ${applied.skipped.length} overlapping edit(s)` });
        continue;
      }
      if (!parse(applied.text)) out.push({ invariant: 'fix-unparsable', detail: `${f.rule} fix '${fix.title}'` });
      if (reanalyses < (options.maxFixReanalyses ?? 2) && applied.text !== text) {
        reanalyses++;
        try {
          const b = analyze(applied.text);
          for (const e of b.internalErrors) out.push({ invariant: 'fix-reanalysis', detail: `after ${f.rule} fix '${fix.title}': ${e.split('\n').slice(0, 6).join('\n')}` });
        } catch (e) {
          out.push({ invariant: 'fix-reanalysis', detail: `after ${f.rule} fix '${fix.title}': ${short(e)}` });
        }
      }
    }
  }
  if (options.fixAll && text.length < 500000) {
    try {
      const r = fixAll(text, {}, {}, { maxPasses: 3 });
      for (const e of r.analysis.internalErrors) out.push({ invariant: 'fix-all', detail: e.split('\n').slice(0, 6).join('\n') });
    } catch (e) {
      out.push({ invariant: 'fix-all', detail: short(e) });
    }
  }
  return out;
}
