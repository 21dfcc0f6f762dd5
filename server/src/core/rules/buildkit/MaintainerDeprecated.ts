import type { Instruction } from 'dockerfile-ast';
import { defineRule, Report } from '../rule';
import type { StageModel } from '../../model/stages';
import { preludeInstructions, rangeOf } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/MaintainerDeprecated',
  buildkit: 'MaintainerDeprecated',
  hadolint: ['DL4000'],
  severity: 'warning',
  description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author.',
  messages: { deprecated: 'Maintainer instruction is deprecated in favor of using label' },
  readsInstructions: ['MAINTAINER'],
  checkStage({ model, report }, stage) {
    for (const instr of stage.instructions) check(model, instr, report);
  },
  checkPrelude({ model, report }) {
    for (const instr of preludeInstructions(model)) check(model, instr, report);
  },
});

function check(model: StageModel, instr: Instruction, report: (r: Report<'deprecated'>) => void): void {
  if (instr.getKeyword() !== 'MAINTAINER') return;
  const args = instr.getArgumentsRange();
  const value = args ? model.lines.getText(rangeOf(args)).replace(/\\\r?\n\s*/g, '').trim() : '';
  const range = rangeOf(instr.getRange());
  const fixes = [];
  if (value && !/\r|\n/.test(model.lines.getText(range))) {
    const label = instr.getInstruction() === instr.getInstruction().toLowerCase() ? 'label' : 'LABEL';
    const quoted = '"' + value.replace(/[\\"$]/g, (c) => '\\' + c) + '"';
    fixes.push({
      title: 'Replace with `LABEL org.opencontainers.image.authors`',
      safe: true,
      edits: [{ range, newText: `${label} org.opencontainers.image.authors=${quoted}` }],
    });
  }
  report({ message: 'deprecated', range: rangeOf(instr.getInstructionRange()), fixes });
}
