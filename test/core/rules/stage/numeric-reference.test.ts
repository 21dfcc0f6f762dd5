import rule from '../../../../server/src/core/rules/stage/numeric-reference';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine AS a\nFROM alpine\nCOPY --from=a /x /x\n', 'FROM alpine\nCOPY --from=busybox:1 /bin/sh /sh\n'],
  invalid: [
    {
      name: 'named stage referenced by index',
      code: 'FROM golang AS build\nFROM scratch\nCOPY --from=0 /app /app\n',
      errors: [{ line: 3, column: 13, message: "'--from=0' refers to a stage by position; refer to it by name ('build') so adding or moving a stage cannot change it.",
        fixes: [{ title: "Refer to stage 'build' by name", safe: true, output: 'FROM golang AS build\nFROM scratch\nCOPY --from=build /app /app\n' }] }],
    },
    {
      name: 'unnamed stage referenced twice: one name, both references',
      code: 'FROM golang\nFROM scratch\nCOPY --from=0 /a /a\nCOPY --from=0 /b /b\n',
      errors: [{ line: 3 }, { line: 4 }],
      output: 'FROM golang AS stage-0\nFROM scratch\nCOPY --from=stage-0 /a /a\nCOPY --from=stage-0 /b /b\n',
    },
    {
      name: 'mount by index',
      code: 'FROM alpine AS tools\nFROM alpine\nRUN --mount=from=0,target=/t ls /t\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine AS tools\nFROM alpine\nRUN --mount=from=tools,target=/t ls /t\n',
    },
  ],
});
