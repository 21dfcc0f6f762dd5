import rule from '../../../../server/src/core/rules/buildkit/UndefinedArgInFrom';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\n',
    'FROM --platform=$BUILDPLATFORM golang\n',
    'ARG DEBUG\nFROM scra${DEBUG:-tch}\n',
    { name: 'single-quoted text is not expanded', code: "FROM alpine:'$X'\n" },
  ],
  invalid: [
    { code: 'FROM node:22${VARIANT} AS jsbuilder\n', errors: [{ line: 1, column: 15, message: "FROM argument 'VARIANT' is not declared" }] },
    { code: 'FROM --platform=$BULIDPLATFORM scratch\n', errors: [{ line: 1, message: "FROM argument 'BULIDPLATFORM' is not declared (did you mean BUILDPLATFORM?)" }] },
    {
      code: 'ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n',
      errors: [{ line: 3, message: "FROM argument 'MYARCH' is not declared (did you mean MY_ARCH?)" }],
    },
    { name: 'a build arg does not declare it', code: 'FROM busybox:${tag}\n', config: { buildArgs: { tag: '1' } }, errors: [{ line: 1 }] },
  ],
});
