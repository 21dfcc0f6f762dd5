import rule from '../../../../server/src/core/rules/stage/unknown-from';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=builder /app /app\n',
    'FROM node:20 AS deps\nFROM deps AS build\n',
    // an image that is not near any stage name
    'FROM alpine AS builder\nCOPY --from=nginx:latest /etc/nginx /etc/nginx\n',
    // a well-known image name close to a stage name is an image
    'FROM alpine AS nodes\nFROM node\n',
    'FROM alpine AS builder\nCOPY --from=${SRC} /a /a\n',
    'FROM alpine AS builder\nFROM scratch\nCOPY --from=0 /a /a\n',
  ],
  invalid: [
    {
      name: 'COPY --from typo of an earlier stage',
      code: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=buidler /app /app\n',
      errors: [{
        line: 4, column: 13, endColumn: 20,
        message: "'buidler' names no earlier stage: Docker would pull an image called 'buidler'. Did you mean 'builder'?",
        fixes: [{ title: "Rename to 'builder'", safe: true, output: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=builder /app /app\n' }],
      }],
      output: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM scratch\nCOPY --from=builder /app /app\n',
    },
    {
      name: 'FROM typo, case-insensitive',
      code: 'FROM node:20 AS Deps\nFROM dep AS build\n',
      errors: [{ line: 2, column: 6, fixes: [{ output: 'FROM node:20 AS Deps\nFROM Deps AS build\n' }] }],
    },
    {
      name: 'RUN --mount=from typo',
      code: 'FROM alpine AS assets\nFROM alpine\nRUN --mount=type=bind,from=asets,target=/a ls /a\n',
      errors: [{ line: 3, message: /Did you mean 'assets'/, fixes: [{ output: 'FROM alpine AS assets\nFROM alpine\nRUN --mount=type=bind,from=assets,target=/a ls /a\n' }] }],
    },
    {
      name: 'FROM a later stage pulls an image',
      code: 'FROM base AS app\nRUN true\nFROM alpine AS base\n',
      errors: [{ line: 1, message: "'base' is a stage defined later (line 3): FROM can only use earlier stages, so Docker would pull an image called 'base'.", fixes: [] }],
    },
    {
      name: 'an index that names no stage',
      code: 'FROM alpine AS a\nFROM alpine\nCOPY --from=5 /x /x\n',
      errors: [{ line: 3, message: "'--from=5' names no stage: this Dockerfile has stages 0 to 1.", fixes: [] }],
    },
    {
      name: 'typo of a later stage only: reported without a fix',
      code: 'FROM alpine\nCOPY --from=buildr /x /x\nFROM alpine AS builder\n',
      errors: [{ line: 2, fixes: [] }],
    },
  ],
});
