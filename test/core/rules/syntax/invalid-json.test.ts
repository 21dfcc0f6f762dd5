import rule from '../../../../server/src/core/rules/syntax/invalid-json';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nSHELL ["/bin/bash", "-c"]\nCMD ["a", "b"]\n',
  ],
  invalid: [
    { code: 'FROM alpine\nSHELL /bin/bash\n', errors: [{ line: 2, message: "SHELL requires the arguments to be in JSON form" }] },
    { code: 'FROM alpine\nCMD [\'a\',\'b\']\n', errors: [{ line: 2, message: "Arguments look like a JSON array but use single quotes: Docker runs them through the shell as text; use double quotes" }] }
  ],
});
