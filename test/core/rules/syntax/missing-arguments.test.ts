import rule from '../../../../server/src/core/rules/syntax/missing-arguments';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nWORKDIR /app\nENV a=b\n',
    'FROM alpine AS base\n',
  ],
  invalid: [
    { code: 'FROM alpine\nWORKDIR\n', errors: [{ line: 2, message: "WORKDIR requires at least one argument" }] },
    { code: 'FROM alpine\nENV a\n', errors: [{ line: 2, message: "ENV must have two arguments" }] },
    { code: 'FROM alpine AS\n', errors: [{ line: 1, message: "FROM requires either one or three arguments" }] },
    { code: 'FROM alpine\nHEALTHCHECK CMD\n', errors: [{ line: 2, message: "Missing command after HEALTHCHECK CMD" }] }
  ],
});
