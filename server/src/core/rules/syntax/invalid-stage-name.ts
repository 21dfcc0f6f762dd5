import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-stage-name',
  description: "A stage name that does not start with a letter or holds characters other than letters, digits, `-`, `_` and `.`: the build fails.",
  codes: [ValidationCode.INVALID_BUILD_STAGE_NAME],
});
