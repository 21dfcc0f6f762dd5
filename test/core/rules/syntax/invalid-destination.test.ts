import rule from '../../../../server/src/core/rules/syntax/invalid-destination';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nCOPY a b /dest/\n',
    { name: 'the working directory is a directory', code: 'FROM alpine\nWORKDIR /app\nCOPY go.mod go.sum .\n' },
  ],
  invalid: [
    { code: 'FROM alpine\nCOPY a b c\n', errors: [{ line: 2, message: "When using COPY with more than one source file, the destination must be a directory and end with a / or a \\" }] }
  ],
});
