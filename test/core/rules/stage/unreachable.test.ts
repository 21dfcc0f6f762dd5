import rule from '../../../../server/src/core/rules/stage/unreachable';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS build\nRUN make\nFROM alpine\nCOPY --from=build /out /out\n',
    'FROM alpine AS base\nFROM base AS app\n',
    'FROM alpine AS tools\nFROM alpine\nRUN --mount=from=tools,target=/t ls\n',
    { name: 'configured targets', code: 'FROM alpine AS test\nRUN true\nFROM alpine AS app\n', config: { targets: ['test', 'app'] } },
  ],
  invalid: [
    {
      code: 'FROM alpine AS test\nRUN go test ./...\n\nFROM alpine AS app\nCMD ["app"]\n',
      errors: [{
        line: 1, endLine: 2,
        message: "Stage 'test' is not needed by the build target 'app': nothing copies from it or builds on it.",
        fixes: [{ title: "Remove stage 'test'", safe: false, output: 'FROM alpine AS app\nCMD ["app"]\n' }],
      }],
      output: null,
    },
    {
      name: 'a configured target makes the last stage unreachable',
      code: 'FROM alpine AS app\nFROM alpine AS debug\n',
      config: { targets: ['app'] },
      errors: [{ line: 2, message: /not needed by the build target 'app'/ }],
    },
  ],
});
