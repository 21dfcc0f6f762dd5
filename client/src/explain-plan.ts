// The pure part of "What rebuilds when this file changes?": which Dockerfiles a file's change
// concerns, which steps to highlight and how, and the summary shown. No `vscode` import: unit-tested.
import * as path from 'node:path';
import type { ExplainResult, ExplainStepInfo } from '../../server/src/protocol';

export type HighlightKind = 'rebuilt' | 'depends' | 'unknown' | 'reused';

export interface Highlight {
  kind: HighlightKind;
  /** 0-based lines of the instruction. */
  startLine: number;
  endLine: number;
  /** End of the instruction's last line, where the after-text goes. */
  endCharacter: number;
  /** `rebuilds: <cause>`, `depends: <cause>`, `unknown: <reason>`; empty for reused steps. */
  after: string;
  line: number;
}

/** One highlight per build step of the answer (metadata instructions, which have no step, are left alone). */
export function highlightsOf(result: ExplainResult): Highlight[] {
  const out: Highlight[] = [];
  for (const s of result.steps) {
    if (!s.buildStep) continue;
    const label = s.status === 'rebuilt' ? 'rebuilds' : s.status;
    out.push({
      kind: s.status,
      startLine: s.range.start.line,
      endLine: s.range.end.line,
      endCharacter: s.range.end.character,
      after: s.status === 'reused' ? '' : `${label}: ${s.cause ?? (s.status === 'rebuilt' ? 'changed' : 'see explain')}`,
      line: s.line,
    });
  }
  return out;
}

/** What changed, as the summary names it: the path relative to the build context, else the file's name. */
export function changedLabel(changed: string[] | undefined, contextDir: string | undefined): string {
  if (!changed?.length) return 'a source file';
  const names = changed.map((c) => {
    const rel = contextDir ? path.relative(contextDir, c) : '';
    const name = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(c);
    return name || '.';
  });
  return names.length === 1 ? names[0] : `${names[0]} and ${names.length - 1} more`;
}

const stageLabel = (s: string) => (/^\d+$/.test(s) ? `stage ${s}` : s);

/** `src/app.ts changed: 2 of 8 steps rebuild (build 2 of 6, stage 1 0 of 2); first: src/app.ts changed → COPY src/ src/ at line 6`. */
export function summaryOf(result: ExplainResult, what: string): string {
  const steps = result.stages.reduce((n, s) => n + s.steps, 0);
  const rebuilt = result.stages.reduce((n, s) => n + s.rebuilt, 0);
  const per = result.stages.map((s) => `${stageLabel(s.stage)} ${s.rebuilt} of ${s.steps}`).join(', ');
  const verb = result.anySource ? 'changes' : 'changed';
  const first = result.steps.find((s) => s.buildStep && s.status === 'rebuilt');
  const depends = result.steps.filter((s) => s.buildStep && s.status === 'depends').length;
  let text = `${what} ${verb}: ${rebuilt} of ${steps} step${steps === 1 ? '' : 's'} rebuild (${per})`;
  if (first) text += `; first: ${first.cause ?? `${firstLine(first)} at line ${first.line}`}`;
  if (depends) text += `; ${depends} more re-run only if the files they copy differ`;
  if (!rebuilt && !depends) text += '; every step is reused';
  return text;
}

function firstLine(s: ExplainStepInfo): string {
  const t = s.instruction.split('\n')[0];
  return t.length > 50 ? t.slice(0, 49) + '…' : t;
}

/** Whether a file or folder lies inside a folder (or is it). */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The Dockerfiles whose build context holds the file, the active one first, then by how close
 * their context is (the deepest first), then by path.
 */
export function dockerfilesFor<T extends { file: string; contextDir: string }>(file: string, candidates: T[], active?: string): T[] {
  return candidates
    .filter((c) => isInside(file, c.contextDir))
    .sort((a, b) => Number(b.file === active) - Number(a.file === active) || b.contextDir.length - a.contextDir.length || a.file.localeCompare(b.file));
}
