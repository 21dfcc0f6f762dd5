import rule from '../../../../server/src/core/rules/syntax/invalid-onbuild';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nONBUILD RUN make\n',
  ],
  invalid: [
    { code: 'FROM alpine\nONBUILD ONBUILD RUN x\n', errors: [{ line: 2, message: "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed" }] },
    { code: 'FROM alpine\nONBUILD FROM x\n', errors: [{ line: 2, message: "FROM isn't allowed as an ONBUILD trigger" }] }
  ],
});
