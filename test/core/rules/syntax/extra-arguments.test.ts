import rule from '../../../../server/src/core/rules/syntax/extra-arguments';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS base\nHEALTHCHECK NONE\n',
  ],
  invalid: [
    { code: 'FROM alpine\nHEALTHCHECK NONE x\n', errors: [{ line: 2, message: "HEALTHCHECK NONE takes no arguments" }] },
    { code: 'FROM alpine BS b\n', errors: [{ line: 1, message: "Second argument should be AS" }] },
    { code: 'FROM alpine AS a b\n', errors: [{ line: 1, message: "FROM requires either one or three arguments" }] }
  ],
});
