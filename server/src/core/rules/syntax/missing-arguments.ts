import { fromArgCount, validatorRule, ValidationCode } from '../../support/validator';
import type { StageModel } from '../../model/stages';

export default validatorRule({
  id: 'syntax/missing-arguments',
  description: 'An instruction without the arguments it needs: the build fails.',
  codes: [
    ValidationCode.ARGUMENT_MISSING, ValidationCode.ARGUMENT_REQUIRES_AT_LEAST_ONE, ValidationCode.ARGUMENT_REQUIRES_TWO,
    ValidationCode.ARGUMENT_REQUIRES_AT_LEAST_TWO, ValidationCode.SHELL_REQUIRES_ONE, ValidationCode.HEALTHCHECK_CMD_ARGUMENT_MISSING,
    ValidationCode.NO_SOURCE_IMAGE, ValidationCode.SYNTAX_MISSING_NAMES, ValidationCode.ARGUMENT_REQUIRES_ONE_OR_THREE,
  ],
  detail(p, model) {
    // `FROM image AS` (two arguments) misses its name; more than three are extra-arguments.
    if (p.code === ValidationCode.ARGUMENT_REQUIRES_ONE_OR_THREE) return fromArgCount(model, p.range.start.line) === 2 ? p.message : undefined;
    if (p.code === ValidationCode.NO_SOURCE_IMAGE) return noFrom(model, p.range.start.line);
    if (p.message === 'Instruction has no arguments') {
      const instr = model.dockerfile.getInstructions().find((i) => i.getRange().start.line === p.range.start.line);
      return `${instr ? instr.getKeyword() : 'instruction'} requires at least one argument`;
    }
    return p.message;
  },
});

/**
 * The validator's "No source image provided with `FROM`" reads as if a FROM lacked its image; it
 * means the file has no FROM at all (empty, comments or ARGs only) or an instruction before it.
 */
function noFrom(model: StageModel, line: number): string {
  const instructions = model.dockerfile.getInstructions();
  const first = instructions.find((i) => i.getKeyword() === 'FROM');
  const before = instructions.find((i) => i.getRange().start.line === line && i.getKeyword() !== 'ARG');
  if (first && before) return `${before.getKeyword()} comes before the first \`FROM\`: only ARG may come before it`;
  if (!instructions.length) return 'The file has no `FROM` (no instruction at all): a Dockerfile starts its first stage with `FROM <image>`';
  return 'The file has no `FROM`: a Dockerfile starts its first stage with `FROM <image>`';
}
