import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-onbuild',
  description: 'An ONBUILD trigger that is not allowed (`ONBUILD ONBUILD`, `ONBUILD FROM`, `ONBUILD MAINTAINER`): the build fails.',
  codes: [ValidationCode.ONBUILD_CHAINING_DISALLOWED, ValidationCode.ONBUILD_TRIGGER_DISALLOWED],
});
