import rule from '../../../../server/src/core/rules/buildkit/UndefinedVar';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS base\nARG foo\nCOPY $foo .\n',
    { name: 'declared in the parent stage', code: 'FROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n' },
    { name: 'RUN is expanded by the shell, not the builder', code: 'FROM alpine\nRUN echo $PATH $X\n' },
    { name: 'an unknown base image may define it', code: 'FROM myorg/base AS base\nENV X=$FROM_MY_IMAGE\n' },
    { name: 'the python image defines PYTHON_VERSION', code: 'FROM python AS base\nARG VERSION=$PYTHON_VERSION\n' },
    { name: 'known image variables', code: 'FROM node:20\nENV V=$NODE_VERSION\n' },
    { name: 'single quotes and escapes', code: "FROM alpine\nLABEL a='$x' b=\\$y\n" },
    { name: 'a global ARG redeclared without value', code: 'ARG V=1\nFROM alpine\nARG V\nENV X=$V\n' },
    { name: 'predefined platform ARG', code: 'FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH /bin/app\n' },
  ],
  invalid: [
    { code: 'FROM alpine AS base\nCOPY $foo .\n', errors: [{ line: 2, column: 7, message: "Usage of undefined variable '$foo'" }] },
    { code: 'FROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', errors: [{ line: 2, message: "Usage of undefined variable '$foo'" }] },
    { code: 'FROM alpine AS base\nARG VERSION=$foo\n', errors: [{ line: 2, message: "Usage of undefined variable '$foo'" }] },
    {
      code: 'FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n',
      errors: [{ line: 4, message: "Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)" }],
    },
    { code: 'FROM alpine\nENV PATH=$PAHT:/tmp/bin\n', errors: [{ line: 2, message: "Usage of undefined variable '$PAHT' (did you mean $PATH?)" }] },
    { name: 'a global ARG is not in scope until redeclared', code: 'ARG V=1\nFROM scratch\nWORKDIR /$V\n', errors: [{ line: 3, message: "Usage of undefined variable '$V'" }] },
    { name: 'a known image does not define it', code: 'FROM python:3.12\nENV X=$FROM_MY_IMAGE\n', errors: [{ line: 2 }] },
    { name: 'mount options', code: 'FROM debian\nRUN --mount=type=cache,target=$CACHE make\n', errors: [{ line: 2 }] },
  ],
});
