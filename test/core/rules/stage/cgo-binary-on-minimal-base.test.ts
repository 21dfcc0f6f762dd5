import rule from '../../../../server/src/core/rules/stage/cgo-binary-on-minimal-base';
import { ruleTester } from '../../../helpers/rule-tester';

const BUILD = 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';

ruleTester(rule, {
  valid: [
    { name: 'CGO_ENABLED=0 prefix', code: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'ENV in the builder', code: 'FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'ENV in the builder\'s parent', code: 'FROM golang:1.22 AS base\nENV CGO_ENABLED=0\nFROM base AS build\nRUN go build -o /app .\nFROM alpine\nCOPY --from=build /app /app\n' },
    { name: 'ARG default', code: 'FROM golang:1.22 AS build\nARG CGO_ENABLED=0\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n' },
    { name: 'glibc runtime is fine', code: `${BUILD}FROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n` },
    { name: 'distroless base has glibc', code: `${BUILD}FROM gcr.io/distroless/base-debian12\nCOPY --from=build /out/app /app\n` },
    { name: 'alpine builder into alpine', code: 'FROM golang:1.22-alpine AS build\nRUN apk add gcc musl-dev\nRUN go build -o /app .\nFROM alpine:3.19\nCOPY --from=build /app /app\n' },
    { name: 'alpine builder without a C compiler: cgo is off', code: 'FROM golang:1.22-alpine AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'only certificates copied from the builder', code: `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n` },
    { name: 'target not in the image', code: `${BUILD}FROM scratch AS export\nCOPY --from=build /out/app /app\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n` },
  ],
  invalid: [
    {
      name: 'golang builder into scratch',
      code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      errors: [{ line: 4, message: "'go build' runs with cgo enabled (no CGO_ENABLED=0), and its output is copied into stage '1' based on scratch: a binary linked against glibc fails there with 'not found'. Set CGO_ENABLED=0.",
        fixes: [{ title: 'Set ENV CGO_ENABLED=0 in the builder', safe: false, output: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nENV CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' }] }],
      output: null,
    },
    {
      name: 'into alpine',
      code: `${BUILD}FROM alpine:3.19\nCOPY --from=build /out/app /usr/local/bin/app\n`,
      errors: [{ line: 4, message: /alpine \(musl\)/ }],
    },
    {
      name: 'into distroless static, go build in the builder\'s parent',
      code: 'FROM golang:1.22 AS base\nRUN go build -o /app .\nFROM base AS build\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
      errors: [{ line: 2, message: /static distroless/, fixes: [{ output: 'FROM golang:1.22 AS base\nENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM base AS build\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n' }] }],
    },
    {
      name: 'explicit CGO_ENABLED=1: reported without a fix',
      code: 'FROM golang:1.22 AS build\nENV CGO_ENABLED=1\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'alpine builder with gcc into scratch',
      code: 'FROM golang:1.22-alpine AS build\nRUN apk add --no-cache build-base\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, message: /against musl/ }],
    },
  ],
});
