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
      name: 'in a builder stage, with a multi-line install',
      code: 'FROM golang:1.22 AS build\nARG BUILD_NUMBER\nRUN apt-get update \\\n && apt-get install -y git\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 2 }],
      output: 'FROM golang:1.22 AS build\nRUN apt-get update \\\n && apt-get install -y git\nARG BUILD_NUMBER\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
    },
  ],
});
