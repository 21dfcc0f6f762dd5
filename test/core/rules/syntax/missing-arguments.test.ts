import rule from '../../../../server/src/core/rules/syntax/missing-arguments';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nWORKDIR /app\nENV a=b\n',
    'FROM alpine AS base\n',
  ],
  invalid: [
    { code: 'FROM alpine\nWORKDIR\n', errors: [{ line: 2, message: "WORKDIR requires at least one argument" }] },
    { code: 'FROM alpine\nENV a\n', errors: [{ line: 2, message: "ENV must have two arguments" }] },
    { code: 'FROM alpine AS\n', errors: [{ line: 1, message: "FROM requires either one or three arguments" }] },
    { code: 'FROM alpine\nHEALTHCHECK CMD\n', errors: [{ line: 2, message: "Missing command after HEALTHCHECK CMD" }] },
    { name: 'an empty file has no FROM', code: '', errors: [{ line: 1, message: 'The file has no `FROM` (no instruction at all): a Dockerfile starts its first stage with `FROM <image>`' }] },
    { name: 'blank lines only', code: '\n\n  \n', errors: [{ line: 1, message: /^The file has no `FROM` \(no instruction at all\)/ }] },
    { name: 'comments and a parser directive only', code: '# syntax=docker/dockerfile:1\n# nothing here yet\n', errors: [{ line: 1, message: /^The file has no `FROM` \(no instruction at all\)/ }] },
    { name: 'ARGs only', code: '# versions\nARG NODE_VERSION=20\nARG APP=web\n', errors: [{ line: 1, message: 'The file has no `FROM`: a Dockerfile starts its first stage with `FROM <image>`' }] },
    { name: 'instructions but no FROM', code: 'RUN echo hi\n', errors: [{ line: 1, message: 'The file has no `FROM`: a Dockerfile starts its first stage with `FROM <image>`' }] },
    { name: 'an instruction before the first FROM', code: 'ARG V=1\nRUN echo hi\nFROM alpine:3.20\n', errors: [{ line: 2, message: 'RUN comes before the first `FROM`: only ARG may come before it' }] },
  ],
});
