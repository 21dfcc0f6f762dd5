import rule from '../../../../server/src/core/rules/cache/volatile-arg-early';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nARG GIT_COMMIT\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\n',
    { name: 'used by the install RUN itself', code: 'FROM debian:12\nARG VERSION=1.2\nRUN apt-get update && apt-get install -y app=${VERSION}\n' },
    { name: 'toolchain versions are pinned, not volatile', code: 'FROM debian:12\nARG NODE_VERSION=20\nARG TINI_SHA=abc\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'a build step (not an install) comes first: it may read the variable', code: 'FROM golang:1.22\nARG GIT_COMMIT\nRUN make build\nRUN apt-get install -y git\n' },
    { name: 'global ARG only, not redeclared', code: 'ARG BUILD_DATE\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'installing the project itself may read it', code: 'FROM python:3.12\nARG VERSION\nRUN pip install .\n' },
    { name: 'no RUN after it', code: 'FROM alpine:3.20\nARG BUILD_DATE\nLABEL built=$BUILD_DATE\n' },
    { name: 'an ENV with a literal value changes only with the Dockerfile', code: 'FROM python:3.12\nENV APP_VERSION=1.4.2\nRUN pip install -r requirements.txt\n' },
    { name: 'near miss: an ENV set from a pinned version', code: 'FROM python:3.12\nARG PYTHON_TOOLS_VERSION=3\nENV TOOLS=$PYTHON_TOOLS_VERSION\nRUN pip install -r requirements.txt\n' },
    { name: 'an inherited ENV set from a pinned version', code: 'FROM python:3.12 AS base\nARG TOOLS_VERSION=3\nENV TOOLS_VERSION=$TOOLS_VERSION\nFROM base\nRUN pip install -r requirements.txt\n' },
    { name: 'an inherited ENV that the child\'s first RUN reads', code: 'FROM python:3.12 AS base\nARG GIT_SHA\nENV GIT_SHA=$GIT_SHA\nFROM base\nRUN echo $GIT_SHA > /sha && pip install -r requirements.txt\n' },
  ],
  invalid: [
    {
      name: 'commit before the dependency install',
      code: 'FROM node:20\nARG GIT_COMMIT\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN echo $GIT_COMMIT > /commit\n',
      errors: [{
        line: 2, column: 5, endColumn: 15,
        message: 'ARG GIT_COMMIT changes with every build, and it is declared before the RUN on line 4, which does not use it: each new value reruns that RUN and everything after it; declare it just before its first use.',
        fixes: [{ title: 'Move ARG GIT_COMMIT below the dependency installs', safe: true, output: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nARG GIT_COMMIT\nRUN echo $GIT_COMMIT > /commit\n' }],
      }],
      output: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nARG GIT_COMMIT\nRUN echo $GIT_COMMIT > /commit\n',
    },
    {
      name: 'never used: moved after the last install',
      code: 'FROM debian:12\nARG BUILD_DATE=unknown\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCMD ["curl"]\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nARG BUILD_DATE=unknown\nCMD ["curl"]\n',
    },
    {
      name: 'suffixes: APP_VERSION, CI_COMMIT_SHA, CACHEBUST',
      code: 'FROM python:3.12\nARG APP_VERSION\nARG CI_COMMIT_SHA\nARG CACHEBUST=1\nRUN pip install -r requirements.txt\nRUN echo $APP_VERSION $CI_COMMIT_SHA $CACHEBUST\n',
      errors: [{ line: 2 }, { line: 3 }, { line: 4 }],
      output: 'FROM python:3.12\nRUN pip install -r requirements.txt\nARG APP_VERSION\nARG CI_COMMIT_SHA\nARG CACHEBUST=1\nRUN echo $APP_VERSION $CI_COMMIT_SHA $CACHEBUST\n',
    },
    {
      name: 'global ARG redeclared in the stage',
      code: 'ARG VCS_REF\nFROM golang:1.22\nARG VCS_REF\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -ldflags "-X main.rev=${VCS_REF}" -o /app\n',
      errors: [{ line: 3 }],
      output: 'ARG VCS_REF\nFROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nARG VCS_REF\nRUN go build -ldflags "-X main.rev=${VCS_REF}" -o /app\n',
    },
    {
      name: 'only the argument the install does not use',
      code: 'FROM debian:12\nARG VERSION=1.2\nARG BUILD_DATE\nRUN apt-get update && apt-get install -y app=${VERSION}\nLABEL date=$BUILD_DATE\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM debian:12\nARG VERSION=1.2\nRUN apt-get update && apt-get install -y app=${VERSION}\nARG BUILD_DATE\nLABEL date=$BUILD_DATE\n',
    },
    {
      name: 'a LABEL that uses it moves along (it is metadata, not a step the install needs)',
      code: 'FROM python:3.12-slim\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2, fixes: [{ title: 'Move ARG GIT_SHA below the dependency installs', safe: true }] }],
      output: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\nCOPY . .\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'ARG passed to an ENV: one finding, both move',
      code: 'FROM node:20\nARG BUILD_DATE\nENV BUILD_DATE=$BUILD_DATE\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
      errors: [{ line: 2, message: /^ARG BUILD_DATE changes with every build/ }],
      output: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nARG BUILD_DATE\nENV BUILD_DATE=$BUILD_DATE\nRUN npm run build\n',
    },
    {
      name: 'ENV set from a volatile ARG declared and used before it',
      code: 'FROM golang:1.22 AS build\nARG GIT_SHA\nLABEL sha=$GIT_SHA\nENV REV=${GIT_SHA}\nRUN go mod download\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 2 }],
      output: 'FROM golang:1.22 AS build\nRUN go mod download\nARG GIT_SHA\nLABEL sha=$GIT_SHA\nENV REV=${GIT_SHA}\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
    },
    {
      name: 'in a later builder stage (not the first), shipped stage untouched',
      code: 'FROM node:20 AS web\nRUN npm ci\nFROM golang:1.22 AS build\nARG VCS_REF\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -ldflags "-X main.rev=${VCS_REF}" -o /app .\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'an ENV inherited by the stages built FROM this one',
      code: 'FROM python:3.12-slim AS base\nARG GIT_SHA\nENV GIT_SHA=$GIT_SHA\nFROM base AS app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      errors: [{ line: 2, message: "ENV GIT_SHA is set from a value that changes with every build, and stages built FROM this one inherit it: each new value reruns the RUN on line 6, which does not use it; set it in the stage that needs it, after the dependency installs.", fixes: [] }],
      output: null,
    },
    {
      name: 'in a builder stage, with a multi-line install',
      code: 'FROM golang:1.22 AS build\nARG BUILD_NUMBER\nRUN apt-get update \\\n && apt-get install -y git\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 2 }],
      output: 'FROM golang:1.22 AS build\nRUN apt-get update \\\n && apt-get install -y git\nARG BUILD_NUMBER\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
    },
  ],
});
