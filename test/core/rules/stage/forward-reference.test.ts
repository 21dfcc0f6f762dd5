import rule from '../../../../server/src/core/rules/stage/forward-reference';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS a\nFROM alpine\nCOPY --from=a /x /x\n',
    'FROM alpine AS a\nFROM alpine\nRUN --mount=from=a,target=/a ls\n',
  ],
  invalid: [
    {
      code: 'FROM alpine\nCOPY --from=later /x /x\nFROM alpine AS later\nRUN true\n',
      errors: [{ line: 2, column: 13, message: "'later' is defined later (line 3): a stage can only use files from earlier stages. Move stage 'later' above this one." }],
    },
    { name: 'by index', code: 'FROM alpine\nCOPY --from=1 /x /x\nFROM alpine\n', errors: [{ line: 2 }] },
    { name: 'mount', code: 'FROM alpine\nRUN --mount=type=bind,from=b,target=/b ls\nFROM alpine AS b\n', errors: [{ line: 2 }] },
  ],
});
