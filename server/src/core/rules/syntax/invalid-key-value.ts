import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-key-value',
  description: 'An ENV, LABEL or ARG pair without `=` after the first one, an unterminated quote, or an unsupported `${…}` modifier: the build fails.',
  codes: [ValidationCode.SYNTAX_MISSING_EQUALS, ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE, ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE, ValidationCode.UNSUPPORTED_MODIFIER],
});
