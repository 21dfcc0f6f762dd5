import rule from '../../../../server/src/core/rules/syntax/invalid-duration';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nHEALTHCHECK --interval=30s --timeout=3s CMD true\n',
  ],
  invalid: [
    { code: 'FROM alpine\nHEALTHCHECK --interval=5 CMD x\n', errors: [{ line: 2, message: "time: missing unit in duration 5" }] },
    { code: 'FROM alpine\nHEALTHCHECK --interval=5y CMD x\n', errors: [{ line: 2, message: "time: unknown unit y in duration 5y" }] }
  ],
});
