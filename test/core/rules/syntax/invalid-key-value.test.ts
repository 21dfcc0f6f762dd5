import rule from '../../../../server/src/core/rules/syntax/invalid-key-value';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nENV a="b c" d=e\nLABEL x=y\n',
  ],
  invalid: [
    { code: 'FROM alpine\nLABEL a=b c\n', errors: [{ line: 2, message: "Syntax error - can't find = in \"c\". Must be of the form: name=value" }] },
    { code: 'FROM alpine\nENV a=\"b\n', errors: [{ line: 2, message: "failed to process \"\"b\": unexpected end of statement while looking for matching double-quote" }] }
  ],
});
