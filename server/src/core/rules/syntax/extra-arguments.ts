import { fromArgCount, validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/extra-arguments',
  description: 'An instruction with more arguments than it takes (`FROM a b c`, `HEALTHCHECK NONE x`): the build fails.',
  codes: [ValidationCode.ARGUMENT_EXTRA, ValidationCode.ARGUMENT_UNNECESSARY, ValidationCode.ARGUMENT_REQUIRES_ONE, ValidationCode.ARGUMENT_REQUIRES_ONE_OR_THREE, ValidationCode.INVALID_AS],
  detail: (p, model) => (p.code === ValidationCode.ARGUMENT_REQUIRES_ONE_OR_THREE && fromArgCount(model, p.range.start.line) === 2 ? undefined : p.message),
});
