import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-escape-directive',
  description: 'An `# escape=` directive with a character other than `\\` or `` ` ``, or given twice: the build fails.',
  codes: [ValidationCode.INVALID_ESCAPE_DIRECTIVE, ValidationCode.DUPLICATED_ESCAPE_DIRECTIVE],
  detail: (p) => (p.code === ValidationCode.INVALID_ESCAPE_DIRECTIVE ? p.message.replace(/^invalid ESCAPE '(.*)'\. Must be ` or \\$/, "invalid escape token '$1' does not match ` or \\") : p.message),
});
