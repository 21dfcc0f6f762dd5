import rule from '../../../../server/src/core/rules/stage/final-user-root';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'non-root USER in the shipped stage', code: 'FROM node:20-slim\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n' },
    { name: 'USER in a FROM ancestor', code: 'FROM python:3.12-slim AS base\nRUN useradd app\nUSER app\nFROM base\nCMD ["python", "app.py"]\n' },
    { name: 'root only in a builder stage', code: 'FROM golang:1.22 AS build\nUSER root\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'root then back to a user', code: 'FROM alpine:3.19\nUSER root\nRUN apk add curl\nUSER 1000:1000\nCMD ["sh"]\n' },
    { name: 'distroless :nonroot tag', code: 'FROM gcr.io/distroless/base-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'image of an unknown publisher may set its own USER', code: 'FROM bitnami/node:20\nCOPY . .\nCMD ["node", "x.js"]\n' },
    { name: 'entrypoint drops privileges with gosu', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["/entrypoint.sh"]\n' },
    { name: 'a base image: no CMD/ENTRYPOINT', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'a language base image: bare REPL as CMD', code: 'FROM debian:bookworm-slim\nRUN echo build python\nCMD ["python3"]\n' },
    { name: 'variable USER is not known', code: 'FROM alpine\nARG UID=0\nUSER $UID\nCMD ["sh", "-c", "x"]\n' },
    { name: 'dev target configured out', code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-slim AS prod\nUSER node\nCMD ["node", "s.js"]\n', config: { targets: ['prod'] } },
    { name: 'a stage named for development', code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\n' },
    { name: '.NET chiseled images run as non-root', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/x.dll"]\n' },
    { name: 'official service image that drops privileges', code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\nCMD ["postgres"]\n' },
  ],
  invalid: [
    {
      name: 'node image without USER',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1, message: "The shipped image runs as root: neither stage '0' nor its FROM ancestors set a USER, and 'node:20-slim' runs as root by default. Add a USER that is not root.",
        fixes: [{ title: "Run as user 'node'", safe: false, output: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]\n' }] }],
      output: null,
    },
    {
      name: 'USER root last (hadolint DL3002)',
      code: 'FROM debian:bookworm-slim\nRUN useradd app\nUSER app\nRUN echo\nUSER root\nCMD ["/app"]\n',
      errors: [{ line: 5, message: "The last USER of the shipped image is 'root' (root); switch to a user that is not root before CMD/ENTRYPOINT.",
        fixes: [{ title: "Create a system user 'app' and run as it", output: 'FROM debian:bookworm-slim\nRUN useradd app\nUSER app\nRUN echo\nUSER root\nRUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\nCMD ["/app"]\n' }] }],
    },
    {
      name: 'USER 0:0 in an ancestor, the shipped stage adds none',
      code: 'FROM alpine:3.19 AS base\nUSER 0:0\nFROM base\nENTRYPOINT ["/bin/app"]',
      errors: [{ line: 2, fixes: [{ output: 'FROM alpine:3.19 AS base\nUSER 0:0\nFROM base\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nENTRYPOINT ["/bin/app"]' }] }],
    },
    {
      name: 'root:root, no CMD after: appended at the end',
      code: 'FROM ubuntu:24.04\nCMD ["/srv/run"]\nUSER root:root\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM ubuntu:24.04\nCMD ["/srv/run"]\nUSER root:root\nRUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\n' }] }],
    },
    {
      name: 'distroless without :nonroot',
      code: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, fixes: [{ title: "Run as user 'nonroot'", output: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nUSER nonroot\nENTRYPOINT ["/app"]\n' }] }],
    },
    {
      name: 'scratch: numeric user, CRLF',
      code: 'FROM scratch\r\nCOPY app /app\r\nENTRYPOINT ["/app"]\r\n',
      errors: [{ line: 1, fixes: [{ title: "Run as user '65532:65532'", output: 'FROM scratch\r\nCOPY app /app\r\nUSER 65532:65532\r\nENTRYPOINT ["/app"]\r\n' }] }],
    },
    {
      name: '.NET runtime image: the app user',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/x.dll"]\n',
      errors: [{ line: 1, fixes: [{ title: "Run as user 'app'" }] }],
    },
    {
      name: 'configured target is checked',
      code: 'FROM python:3.12-slim AS api\nCMD ["python", "api.py"]\nFROM python:3.12-slim AS worker\nUSER nobody\nCMD ["python", "worker.py"]\n',
      config: { targets: ['api', 'worker'] },
      errors: [{ line: 1 }],
    },
  ],
});
