import { fromArgCount, validatorRule, ValidationCode } from '../../support/validator';

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
    if (p.message === 'Instruction has no arguments') {
      const instr = model.dockerfile.getInstructions().find((i) => i.getRange().start.line === p.range.start.line);
      return `${instr ? instr.getKeyword() : 'instruction'} requires at least one argument`;
    }
    return p.message;
  },
});
