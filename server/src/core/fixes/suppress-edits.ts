import type { Analysis } from '../analyze';
import type { Finding, TextEdit } from '../types';

/** `# stagecraft-ignore <id>` on the line above the instruction holding the finding (joined with an existing one). */
export function ignoreInstructionEdit(analysis: Analysis, f: Finding): TextEdit | undefined {
  const model = analysis.model;
  if (!model) return undefined;
  const instr = model.dockerfile.getInstructions().find((i) => i.getRange().start.line <= f.range.start.line && f.range.start.line <= i.getRange().end.line);
  if (!instr) return undefined;
  const line = instr.getRange().start.line;
  const eol = analysis.lines.eol;
  const above = line > 0 ? analysis.lines.lineText(line - 1) : '';
  const m = /^(\s*#\s*stagecraft-ignore\s+)(\S.*)$/.exec(above);
  if (m && !/^-file/.test(above.trim().slice('# stagecraft-ignore'.length))) {
    return { range: { start: { line: line - 1, character: above.length }, end: { line: line - 1, character: above.length } }, newText: `,${f.rule}` };
  }
  const indent = /^\s*/.exec(analysis.lines.lineText(line))?.[0] ?? '';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# stagecraft-ignore ${f.rule}${eol}` };
}

/** `# stagecraft-ignore-file <id>` after the parser directives at the top. */
export function ignoreFileEdit(analysis: Analysis, rule: string): TextEdit {
  const model = analysis.model;
  let line = 0;
  if (model) {
    for (const d of model.dockerfile.getDirectives()) line = Math.max(line, d.getRange().end.line + 1);
  }
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `# stagecraft-ignore-file ${rule}${analysis.lines.eol}` };
}
