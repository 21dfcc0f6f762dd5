import rule from '../../../../server/src/core/rules/buildkit/JSONArgsRecommended';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nENTRYPOINT ["my-program", "start"]\n',
    'FROM alpine\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT echo "hello world"\n',
    { name: 'SHELL inherited from the parent stage', code: 'FROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n' },
    { name: 'JSON continued over lines with \\', code: 'FROM alpine\nENTRYPOINT ["/bin/app", \\\n  "--flag"]\n' },
    { name: 'JSON continued with the backtick escape (corpus: dockersamples/aspnet-monitoring)', code: '# escape=`\nFROM alpine\nENTRYPOINT ["C:\\\\bin\\\\prometheus.exe", `\n            "--storage.tsdb.path=/prometheus" ]\n' },
    { name: 'check comment', code: 'FROM scratch\n# check=skip=JSONArgsRecommended\nCMD mycommand\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nCMD my-program start\n',
      errors: [{ line: 2, column: 1, message: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals', fixes: [{ title: 'Write CMD in JSON form', safe: true }] }],
      output: 'FROM alpine\nCMD ["my-program","start"]\n',
    },
    {
      name: 'ENTRYPOINT: the JSON form takes CMD as arguments, so the fix is unsafe',
      code: 'FROM alpine\nENTRYPOINT my-program start\n',
      errors: [{ line: 2, message: 'JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals', fixes: [{ safe: false, output: 'FROM alpine\nENTRYPOINT ["my-program","start"]\n' }] }],
      output: null,
    },
    { name: 'shell syntax: no fix', code: 'FROM alpine\nCMD echo $HOME && run\n', errors: [{ line: 2, fixes: [] }], output: null },
    { name: 'a shell builtin: no fix', code: 'FROM alpine\nCMD cd /app\n', errors: [{ line: 2, fixes: [] }] },
    { name: 'a CMD under an ENTRYPOINT: unsafe', code: 'FROM alpine\nENTRYPOINT ["/init"]\nCMD serve\n', errors: [{ line: 3, fixes: [{ safe: false }] }], output: null },
    { name: 'unknown base image: unsafe', code: 'FROM node:20\nCMD node server.js\n', errors: [{ line: 2, fixes: [{ safe: false }] }], output: null },
    { name: 'near miss: a backslash line end under the backtick escape is not a continuation', code: '# escape=`\nFROM alpine\nCMD ["a", \\\n  "b"]\n', errors: [{ line: 3 }] },
    { name: 'SHELL after the CMD does not count', code: 'FROM alpine\nCMD run\nSHELL ["/bin/bash", "-c"]\n', errors: [{ line: 2 }] },
  ],
});
