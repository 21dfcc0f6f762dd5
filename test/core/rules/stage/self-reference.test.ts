import rule from '../../../../server/src/core/rules/stage/self-reference';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a /x /x\n'],
  invalid: [
    { code: 'FROM alpine AS a\nCOPY --from=a /x /y\n', errors: [{ line: 2, column: 13, message: "'a' is the stage this instruction is in: a stage cannot copy from itself." }] },
    { name: 'by index', code: 'FROM alpine\nCOPY --from=0 /x /y\n', errors: [{ line: 2 }] },
    { name: 'case-insensitive', code: 'FROM alpine AS App\nCOPY --from=app /x /y\n', errors: [{ line: 2 }] },
  ],
});
