import type { Instruction } from 'dockerfile-ast';
import { defineRule, Report } from '../rule';
import type { StageModel } from '../../model/stages';
import { preludeInstructions } from '../../support/buildkit';
import type { TextEdit } from '../../types';

/**
 * Empty lines inside a continued instruction. BuildKit reports the instruction's last line
 * (where its parser notices); the fix removes the empty lines.
 */
export default defineRule({
  id: 'buildkit/NoEmptyContinuation',
  buildkit: 'NoEmptyContinuation',
  severity: 'warning',
  description: 'Empty continuation lines will become errors in a future release.',
  messages: { empty: 'Empty continuation line' },
  checkStage({ model, report }, stage) {
    check(model, [stage.from, ...stage.instructions], report);
  },
  checkPrelude({ model, report }) {
    check(model, preludeInstructions(model), report);
  },
});

function check(model: StageModel, instructions: Instruction[], report: (r: Report<'empty'>) => void): void {
  const { lines, dockerfile } = model;
  const escape = dockerfile.getEscapeCharacter();
  // BuildKit's continuation: the escape character at the end of the line, not itself escaped.
  const e = escape === '`' ? '`' : '\\\\';
  const continued = new RegExp(`(?:[^${e}]|^)${e}[ \\t]*$`);
  for (const instr of instructions) {
    let line = instr.getRange().start.line;
    const empties: number[] = [];
    while (line < lines.lineCount && continued.test(lines.lineText(line))) {
      line++;
      // comment and empty lines do not end the instruction
      while (line < lines.lineCount) {
        const t = lines.lineText(line);
        if (/^\s*#/.test(t)) line++;
        else if (t.trim() === '') {
          empties.push(line);
          line++;
        } else break;
      }
    }
    if (!empties.length || line >= lines.lineCount) continue;
    const edits: TextEdit[] = empties.map((l) => ({ range: { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }, newText: '' }));
    const text = lines.lineText(line);
    report({
      message: 'empty',
      range: { start: { line, character: text.length - text.trimStart().length }, end: { line, character: text.length } },
      fixes: [{ title: 'Remove the empty continuation line' + (empties.length > 1 ? 's' : ''), safe: true, edits }],
    });
  }
}
