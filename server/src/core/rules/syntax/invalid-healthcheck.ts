import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-healthcheck',
  description: 'A HEALTHCHECK whose first word is neither CMD nor NONE: the build fails.',
  codes: [ValidationCode.UNKNOWN_TYPE],
  detail: (p) => p.message.replace(/^Unknown type"/, 'Unknown type "'),
});
