import rule from '../../../../server/src/core/rules/buildkit/WorkdirRelativePath';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM nginx AS web\nWORKDIR /usr/share/nginx/html\n',
    { name: 'later relative WORKDIRs build on the first absolute one', code: 'FROM alpine\nWORKDIR /app\nWORKDIR sub\n' },
    { name: 'inherited from the parent stage', code: 'FROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n' },
    { name: 'a variable may hold an absolute path', code: 'FROM alpine\nWORKDIR $HOME/app\n' },
    { name: 'absolute WORKDIR before any FROM', code: 'WORKDIR /usr/local\n' },
    { name: 'Windows absolute path', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n',
      errors: [{ line: 2, column: 9, message: 'Relative workdir "usr/share/nginx/html" can have unexpected results if the base image changes', fixes: [{ title: "Use the absolute path '/usr/share/nginx/html'", safe: false, output: 'FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n' }] }],
      output: null,
    },
    { name: 'before any FROM (hadolint DL3000)', code: 'WORKDIR relative/dir\n', errors: [{ line: 1, column: 9, message: 'Relative workdir "relative/dir" can have unexpected results if the base image changes' }] },
    { name: 'before the first FROM, quoted', code: 'WORKDIR "relative/dir"\nFROM alpine\nWORKDIR /app\n', errors: [{ line: 1, message: 'Relative workdir "relative/dir" can have unexpected results if the base image changes' }] },
    { code: 'FROM scratch\nWORKDIR app/\n', errors: [{ line: 2, message: 'Relative workdir "app/" can have unexpected results if the base image changes' }] },
  ],
});
