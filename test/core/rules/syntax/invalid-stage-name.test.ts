import rule from '../../../../server/src/core/rules/syntax/invalid-stage-name';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS build-1.x_y\n',
  ],
  invalid: [
    { code: 'FROM alpine AS 1bad\n', errors: [{ line: 1, message: "invalid name for build stage: \"1bad\", name can't start with a number or contain symbols" }] }
  ],
});
