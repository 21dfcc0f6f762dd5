import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-json',
  description: 'Arguments that must be a JSON array and are not (`SHELL /bin/bash`), or a JSON array written with single quotes, which Docker runs as a shell command.',
  codes: [ValidationCode.SHELL_JSON_FORM, ValidationCode.JSON_IN_SINGLE_QUOTES],
  // Single-quoted arrays still build (as a shell command that then fails): a warning.
  severityOf: (p) => (p.code === ValidationCode.JSON_IN_SINGLE_QUOTES ? 'warning' : undefined),
  detail: (p) => (p.code === ValidationCode.JSON_IN_SINGLE_QUOTES
    ? 'Arguments look like a JSON array but use single quotes: Docker runs them through the shell as text; use double quotes'
    : p.message),
});
