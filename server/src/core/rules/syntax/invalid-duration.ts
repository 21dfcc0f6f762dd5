import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-duration',
  description: 'A HEALTHCHECK duration flag (`--interval`, `--timeout`, `--start-period`, `--start-interval`) that is not a valid duration of at least 1ms: the build fails.',
  codes: [ValidationCode.FLAG_INVALID_DURATION, ValidationCode.FLAG_LESS_THAN_1MS, ValidationCode.FLAG_MISSING_DURATION, ValidationCode.FLAG_UNKNOWN_UNIT],
});
