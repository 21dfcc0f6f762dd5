import DuplicateStageName from '../../../../server/src/core/rules/buildkit/DuplicateStageName';
import StageNameCasing from '../../../../server/src/core/rules/buildkit/StageNameCasing';
import ReservedStageName from '../../../../server/src/core/rules/buildkit/ReservedStageName';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(DuplicateStageName, {
  valid: ['FROM scratch AS a\nFROM scratch AS b\n'],
  invalid: [
    { code: '\nFROM scratch AS b\nFROM scratch AS b\n', errors: [{ line: 3, message: 'Duplicate stage name "b", stage names should be unique' }] },
    { name: 'case-insensitive', code: 'FROM scratch AS b\nFROM scratch AS B\n', errors: [{ line: 2, message: 'Duplicate stage name "b", stage names should be unique' }] },
  ],
});

ruleTester(StageNameCasing, {
  valid: ['FROM alpine AS builder-base\n', 'FROM alpine\n'],
  invalid: [
    {
      code: 'FROM alpine AS BuilderBase\nRUN make\nFROM BuilderBase AS app\nFROM scratch\nCOPY --from=builderbase /a /a\nCOPY --from=app /b /b\n',
      errors: [{ line: 1, column: 16, message: "Stage name 'BuilderBase' should be lowercase", fixes: [{ title: "Rename stage to 'builderbase'", safe: true }] }],
      output: 'FROM alpine AS builderbase\nRUN make\nFROM builderbase AS app\nFROM scratch\nCOPY --from=builderbase /a /a\nCOPY --from=app /b /b\n',
    },
    {
      name: 'mount references are renamed too',
      code: 'FROM alpine AS Tools\nFROM alpine\nRUN --mount=from=Tools,target=/t ls\n',
      errors: [{ line: 1 }],
      output: 'FROM alpine AS tools\nFROM alpine\nRUN --mount=from=tools,target=/t ls\n',
    },
  ],
});

ruleTester(ReservedStageName, {
  valid: ['FROM scratch AS base\n'],
  invalid: [
    {
      code: '\nFROM scratch AS scratch\nFROM scratch AS context\n',
      errors: [
        { line: 2, message: 'Stage name should not use the same name as reserved stage "scratch"' },
        { line: 3, message: 'Stage name should not use the same name as reserved stage "context"' },
      ],
    },
  ],
});
