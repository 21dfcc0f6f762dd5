import rule from '../../../../server/src/core/rules/stage/global-arg-not-redeclared';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'redeclared without a value', code: 'ARG VERSION=1\nFROM alpine:3.19\nARG VERSION\nRUN echo $VERSION\n' },
    { name: 'used only in FROM', code: 'ARG TAG=3.19\nFROM alpine:${TAG}\nRUN echo hi\n' },
    { name: 'ENV of the same name shadows it', code: 'ARG MODE=prod\nFROM alpine\nENV MODE=dev\nRUN echo $MODE\n' },
    { name: 'a stage-local ARG with a value', code: 'ARG MODE=prod\nFROM alpine\nARG MODE=dev\nRUN echo ${MODE}\n' },
    { name: 'declared in the parent stage: inherited', code: 'ARG V=1\nFROM alpine AS base\nARG V\nFROM base\nRUN echo $V\n' },
    { name: 'platform ARG declared in the stage', code: 'FROM --platform=$BUILDPLATFORM golang:1.22\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build .\n' },
    { name: 'proxy ARGs reach RUN without a declaration', code: 'ARG HTTP_PROXY\nFROM alpine\nRUN echo $HTTP_PROXY\n' },
    { name: 'a name the base image sets as ENV', code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nRUN echo $NODE_VERSION\n' },
    { name: 'several names in one ARG instruction', code: 'ARG A=1 B=2\nFROM alpine\nARG X \\\n    B\nRUN echo $B\n' },
    { name: 'not a global ARG at all', code: 'FROM alpine\nRUN echo $FOO\n' },
  ],
  invalid: [
    {
      name: 'global ARG used in RUN',
      code: 'ARG VERSION=1.2.3\nFROM alpine:3.19\nRUN echo $VERSION > /version\n',
      errors: [{ line: 3, column: 11, message: "'$VERSION' is a global ARG (declared before the first FROM), which is only in scope in FROM lines; in stage '0' it is empty. Add 'ARG VERSION' in the stage to use its value.",
        fixes: [{ title: "Declare 'ARG VERSION' at the top of the stage", safe: true, output: 'ARG VERSION=1.2.3\nFROM alpine:3.19\nARG VERSION\nRUN echo $VERSION > /version\n' }] }],
      output: 'ARG VERSION=1.2.3\nFROM alpine:3.19\nARG VERSION\nRUN echo $VERSION > /version\n',
    },
    {
      name: 'declared only after the use; reported once per stage; indentation and CRLF kept',
      code: 'ARG APP=web\r\n  FROM alpine AS build\r\n  COPY ${APP} /src\r\n  RUN ls /src/$APP\r\n  ARG APP\r\n',
      errors: [{ line: 3, message: /stage 'build'/ }],
      output: 'ARG APP=web\r\n  FROM alpine AS build\r\n  ARG APP\r\n  COPY ${APP} /src\r\n  RUN ls /src/$APP\r\n  ARG APP\r\n',
    },
    {
      name: 'one stage redeclares it, the other does not',
      code: 'ARG V=1\nFROM alpine AS a\nARG V\nRUN echo $V\nFROM alpine AS b\nRUN echo $V\n',
      errors: [{ line: 6 }],
      output: 'ARG V=1\nFROM alpine AS a\nARG V\nRUN echo $V\nFROM alpine AS b\nARG V\nRUN echo $V\n',
    },
    {
      name: 'platform ARG used without declaration; FROM without trailing newline handled',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN GOARCH=${TARGETARCH} go build -o /app .',
      errors: [{ line: 2, message: "'$TARGETARCH' is an automatic platform ARG of the global scope; in stage 'build' it is empty until the stage declares 'ARG TARGETARCH'." }],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nARG TARGETARCH\nRUN GOARCH=${TARGETARCH} go build -o /app .',
    },
    {
      name: 'two globals in one stage: two findings, fix-all adds both',
      code: 'ARG A=1\nARG B=2\nFROM alpine\nRUN echo $A $B\n',
      errors: [{ line: 4 }, { line: 4 }],
      output: 'ARG A=1\nARG B=2\nFROM alpine\nARG A\nARG B\nRUN echo $A $B\n',
    },
    {
      name: 'second name of a global ARG instruction',
      code: 'ARG A=1 B=2\nFROM alpine\nRUN echo $B\n',
      errors: [{ line: 3 }],
      output: 'ARG A=1 B=2\nFROM alpine\nARG B\nRUN echo $B\n',
    },
    {
      name: 'inserted after the stage\'s leading ARGs',
      code: 'ARG V=1\nFROM alpine\nARG OTHER=x\nRUN echo $V $OTHER\n',
      errors: [{ line: 4 }],
      output: 'ARG V=1\nFROM alpine\nARG OTHER=x\nARG V\nRUN echo $V $OTHER\n',
    },
  ],
});
