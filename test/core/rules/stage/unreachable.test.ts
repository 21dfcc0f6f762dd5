import rule from '../../../../server/src/core/rules/stage/unreachable';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS build\nRUN make\nFROM alpine\nCOPY --from=build /out /out\n',
    'FROM alpine AS base\nFROM base AS app\n',
    'FROM alpine AS tools\nFROM alpine\nRUN --mount=from=tools,target=/t ls\n',
    { name: 'FROM a stage chosen by a platform variable (corpus: docker/buildx binaries-$TARGETOS)', code: 'FROM scratch AS binaries-linux\nCOPY a /a\nFROM scratch AS binaries-windows\nCOPY b /b\nFROM binaries-$TARGETOS AS binaries\nFROM binaries\n' },
    { name: 'FROM a global ARG whose default is a platform ARG (corpus: ollama FLAVOR=${TARGETARCH})', code: 'ARG FLAVOR=${TARGETARCH}\nFROM scratch AS amd64\nCOPY a /a\nFROM scratch AS arm64\nCOPY b /b\nFROM ${FLAVOR} AS image\nFROM alpine\nCOPY --from=image /a /a\n' },
    { name: 'COPY --from a stage chosen by a variable', code: 'FROM alpine AS build-amd64\nRUN make\nFROM alpine AS build-arm64\nRUN make\nFROM alpine\nARG TARGETARCH\nCOPY --from=build-${TARGETARCH} /out /out\n' },
    { name: 'a misspelt --from that stage/unknown-from reports counts as a reference to the stage meant (no cascade)', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=biuld /out/app /app\n' },
    { name: 'the stage meant by a typo brings its own parents', code: 'FROM alpine:3.20 AS base\nRUN apk add make\nFROM base AS build\nRUN make\nFROM alpine:3.20\nCOPY --from=buidl /out /out\n' },
    { name: 'a misspelt FROM counts too', code: 'FROM node:20 AS deps\nRUN npm ci\nFROM dep AS app\nCMD ["node"]\n' },
    { name: 'configured targets', code: 'FROM alpine AS test\nRUN true\nFROM alpine AS app\n', config: { targets: ['test', 'app'] } },
  ],
  invalid: [
    {
      name: 'near miss: an image name far from every stage name references no stage',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
      errors: [{ line: 1, fixes: [{ title: "Remove stage 'build'", safe: false }] }],
      output: null,
    },
    {
      name: 'near miss: a well-known image name is not read as a typo of a stage',
      code: 'FROM alpine:3.20 AS nodes\nRUN true\nFROM alpine:3.20\nCOPY --from=node /usr/local/bin/node /usr/local/bin/node\n',
      errors: [{ line: 1 }],
      output: null,
    },
    {
      name: 'near miss: a variable pattern that this stage does not fit',
      code: 'FROM alpine AS build-amd64\nRUN make\nFROM alpine AS test\nRUN true\nFROM alpine\nARG TARGETARCH\nCOPY --from=build-${TARGETARCH} /out /out\n',
      errors: [{ line: 3, message: "Stage 'test' is not needed by the build target stage 2: nothing copies from it or builds on it." }],
      output: null,
    },
    {
      name: 'near miss: a platform ARG stands for its values only',
      code: 'FROM scratch AS arch-amd64\nCOPY a /a\nFROM scratch AS arch-extra\nCOPY b /b\nFROM arch-${TARGETARCH}\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'near miss: a reference that is only a variable makes nothing reachable',
      code: 'ARG BASE=alpine\nFROM alpine AS release\nRUN true\nFROM $BASE AS debug\nRUN true\n',
      errors: [{ line: 2 }],
      output: null,
    },
    {
      code: 'FROM alpine AS test\nRUN go test ./...\n\nFROM alpine AS app\nCMD ["app"]\n',
      errors: [{
        line: 1, endLine: 2,
        message: "Stage 'test' is not needed by the build target 'app': nothing copies from it or builds on it.",
        fixes: [{ title: "Remove stage 'test'", safe: false, output: 'FROM alpine AS app\nCMD ["app"]\n' }],
      }],
      output: null,
    },
    {
      name: 'a configured target makes the last stage unreachable',
      code: 'FROM alpine AS app\nFROM alpine AS debug\n',
      config: { targets: ['app'] },
      errors: [{ line: 2, message: /not needed by the build target 'app'/ }],
    },
  ],
});
