import * as path from 'node:path';
import type { FileResult, Summary } from '../lint';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, green: 32, underline: 4 } as const;

export function formatText(results: FileResult[], summary: Summary, color: boolean, cwd: string): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? `\u001b[${COLORS[k]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const r of results) {
    const name = rel(r.file, cwd);
    if (r.error) {
      out.push(`${c('underline', name)}`, `  ${c('red', 'error')}  ${r.error}`, '');
      continue;
    }
    for (const p of r.configProblems) out.push(`${c('yellow', 'config')}: ${p}`);
    if (!r.findings.length && !r.fixed.length) continue;
    out.push(c('underline', name));
    for (const f of r.fixed) out.push(`  ${c('green', 'fixed')}  ${f.title}  ${c('gray', f.rule)}`);
    const width = Math.max(0, ...r.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`.length));
    for (const f of r.findings) {
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`.padEnd(width);
      const sev = f.severity === 'error' ? c('red', 'error  ') : f.severity === 'warning' ? c('yellow', 'warning') : f.severity === 'info' ? c('blue', 'info   ') : c('gray', 'hint   ');
      out.push(`  ${c('gray', pos)}  ${sev}  ${f.message}  ${c('gray', f.rule)}`);
    }
    out.push('');
  }
  const total = summary.errors + summary.warnings + summary.infos + summary.hints;
  const parts = [`${summary.errors} error${summary.errors === 1 ? '' : 's'}`, `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`];
  if (summary.infos) parts.push(`${summary.infos} info`);
  if (summary.hints) parts.push(`${summary.hints} hint${summary.hints === 1 ? '' : 's'}`);
  let line = `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${summary.files} file${summary.files === 1 ? '' : 's'}`;
  if (summary.filesWithErrors) line += `, ${summary.filesWithErrors} file${summary.filesWithErrors === 1 ? '' : 's'} could not be linted`;
  if (summary.fixed) line += `; ${summary.fixed} fix${summary.fixed === 1 ? '' : 'es'} applied`;
  else if (summary.fixable) line += `; ${summary.fixable} fixable with --fix`;
  out.push(total || summary.filesWithErrors ? c('bold', line) : c('green', line));
  return out.join('\n') + '\n';
}

export function rel(file: string, cwd: string): string {
  const r = path.relative(cwd, file);
  return r && !r.startsWith('..') ? r.split('\\').join('/') : file;
}
