import rule from '../../../../server/src/core/rules/syntax/invalid-healthcheck';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nHEALTHCHECK CMD true\n',
    'FROM alpine\nHEALTHCHECK NONE\n',
  ],
  invalid: [
    { code: 'FROM alpine\nHEALTHCHECK FOO x\n', errors: [{ line: 2, message: "Unknown type \"FOO\" in HEALTHCHECK (try CMD)" }] }
  ],
});
