import rule from '../../../../server/src/core/rules/syntax/invalid-reference';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\n',
    'ARG TAG\nFROM alpine:${TAG}\n',
  ],
  invalid: [
    { code: 'FROM alpine:\n', errors: [{ line: 1, message: "invalid reference format" }] }
  ],
});
