import type { FileResult, Summary } from '../lint';
import { rel } from './text';

/** `{"files":[{"file","diagnostics":[{"rule","severity","message","range","fixes":[{"title","safe","edits"}]}]}],"summary":{…}}` with 0-based positions. */
export function formatJson(results: FileResult[], summary: Summary, cwd: string): string {
  return JSON.stringify({
    files: results.map((r) => ({
      file: rel(r.file, cwd),
      ...(r.error ? { error: r.error } : {}),
      diagnostics: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        range: f.range,
        fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits, ...(x.fileEdits?.length ? { fileEdits: x.fileEdits } : {}) })),
      })),
      ...(r.fixed.length ? { fixed: r.fixed } : {}),
    })),
    summary,
  }, null, 2) + '\n';
}
