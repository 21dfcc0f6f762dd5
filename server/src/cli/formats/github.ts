import type { FileResult } from '../lint';
import { rel } from './text';

const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`. */
export function formatGithub(results: FileResult[], cwd: string): string {
  const out: string[] = [];
  for (const r of results) {
    const file = escProp(rel(r.file, cwd));
    if (r.error) {
      out.push(`::error file=${file},title=stagecraft::${esc(r.error)}`);
      continue;
    }
    for (const f of r.findings) {
      const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const { start, end } = f.range;
      out.push(`::${level} file=${file},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1},title=${escProp(f.rule)}::${esc(f.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
