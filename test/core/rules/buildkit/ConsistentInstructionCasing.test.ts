import rule from '../../../../server/src/core/rules/buildkit/ConsistentInstructionCasing';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nRUN echo hello\nENTRYPOINT ["cat"]\n',
    'from alpine\nrun echo hello\nentrypoint ["cat"]\n',
    { name: 'global ARGs do not count', code: 'arg V=1\nFROM alpine\nRUN echo\n' },
  ],
  invalid: [
    {
      code: 'From scratch as base\nFROM scratch AS base2\n',
      errors: [{ line: 1, column: 1, endColumn: 5, message: "Command 'From' should match the case of the command majority (uppercase)", fixes: [{ title: "Write 'FROM'", safe: true }] }],
      output: 'FROM scratch as base\nFROM scratch AS base2\n',
    },
    {
      code: 'from scratch\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n',
      errors: [{ line: 2, message: "Command 'COPY' should match the case of the command majority (lowercase)" }],
      output: 'from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n',
    },
    {
      name: 'a tie counts as uppercase',
      code: 'FROM scratch\ncopy a /b\n',
      errors: [{ line: 2, message: "Command 'copy' should match the case of the command majority (uppercase)" }],
      output: 'FROM scratch\nCOPY a /b\n',
    },
  ],
});
