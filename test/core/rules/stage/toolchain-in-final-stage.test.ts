import rule from '../../../../server/src/core/rules/stage/toolchain-in-final-stage';
import { ruleTester } from '../../../helpers/rule-tester';

const SPLIT = 'Split into builder and runner stages';
const build = (command: string) => new RegExp(`^The shipped image builds software here \\('${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'\\)`);

/** One row per toolchain: the build command in the shipped stage, and whether the split is offered. */
const steps: { name: string; base: string; run: string; command: string; column: number; split: boolean }[] = [
  { name: 'npm run build', base: 'node:20-slim', run: 'npm ci && npm run build', command: 'npm run build', column: 15, split: true },
  { name: 'yarn build', base: 'node:20-alpine', run: 'yarn build', command: 'yarn build', column: 5, split: true },
  { name: 'pnpm build', base: 'node:20-slim', run: 'pnpm build', command: 'pnpm build', column: 5, split: true },
  { name: 'tsc', base: 'node:20-slim', run: 'npx tsc -p .', command: 'npx tsc -p .', column: 5, split: true },
  { name: 'go build', base: 'golang:1.22', run: 'go build -o /bin/app .', command: 'go build -o /bin/app .', column: 5, split: true },
  { name: 'cargo build', base: 'rust:1.79', run: 'cargo build --release', command: 'cargo build --release', column: 5, split: true },
  { name: 'mvn package', base: 'maven:3.9-eclipse-temurin-21', run: 'mvn -B package', command: 'mvn -B package', column: 5, split: true },
  { name: 'gradle build', base: 'gradle:8.7-jdk17', run: './gradlew build --no-daemon', command: './gradlew build --no-daemon', column: 5, split: true },
  { name: 'dotnet publish', base: 'mcr.microsoft.com/dotnet/sdk:8.0', run: 'dotnet publish -c Release -o /out', command: 'dotnet publish -c Release -o /out', column: 5, split: true },
  { name: 'dotnet build', base: 'mcr.microsoft.com/dotnet/sdk:8.0', run: 'dotnet build', command: 'dotnet build', column: 5, split: true },
  { name: 'make', base: 'debian:12', run: 'make install', command: 'make install', column: 5, split: false },
  { name: 'gcc', base: 'debian:12', run: 'gcc -O2 -o /usr/local/bin/tool tool.c', command: 'gcc -O2 -o /usr/local/bin/tool tool.c', column: 5, split: false },
  { name: 'apt-get install build-essential (pip with a compiler toolchain)', base: 'python:3.12-slim',
    run: 'apt-get update && apt-get install -y --no-install-recommends build-essential && pip install -r requirements.txt',
    command: 'apt-get install build-essential', column: 23, split: true },
  { name: 'apk add build-base', base: 'alpine:3.20', run: 'apk add --no-cache build-base cmake', command: 'apk add build-base cmake', column: 5, split: false },
];

ruleTester(rule, {
  valid: [
    { name: 'SDK base without a build or a split: stage/sdk-runtime-base reports it (one finding)', code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n' },
    { name: 'near miss: docker-php-ext-install in a RUN that removes its build dependencies', code: 'FROM php:8.3-fpm-alpine\nRUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS libzip-dev \\\n && docker-php-ext-install zip && apk del .build-deps\n' },
    { name: 'near miss: -dev headers in a builder stage only', code: 'FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y libpq-dev\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-index /wheels/*\nCMD ["python", "app.py"]\n' },
    { name: 'near miss: gem install of a pure-Ruby gem, no headers', code: 'FROM ruby:3.3-slim\nRUN gem install bundler\nCMD ["ruby", "app.rb"]\n' },
    { name: 'near miss: gem install of a pure-Ruby gem after headers (corpus: discourse pups)', code: 'FROM ruby:3.3-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev\nRUN gem install --local --force pups-1.4.0.gem\nCMD ["ruby", "app.rb"]\n' },
    { name: 'near miss: pip install with no headers and no --no-binary', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nCMD ["flask", "run"]\n' },
    { name: 'near miss: pip install --only-binary after headers', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq-dev\nRUN pip install --only-binary :all: psycopg2-binary\nCMD ["python"]\n' },
    { name: 'builds in a builder stage, ships a runtime stage', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n' },
    { name: 'runtime base, no build', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n' },
    { name: 'npm run start is not a build', code: 'FROM node:20-slim\nCMD npm run start\nRUN npm run start\n' },
    { name: 'go test and go vet are not builds', code: 'FROM alpine:3.20\nRUN go vet ./... && go test ./...\n' },
    { name: 'toolchain installed and purged in the same RUN', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install -r requirements.txt && apt-get purge -y gcc\n' },
    { name: 'apk virtual build deps deleted in the same RUN', code: 'FROM python:3.12-alpine\nRUN apk add --virtual .build-deps gcc musl-dev && pip install uwsgi && apk del .build-deps\n' },
    { name: 'a version check is not a build (corpus: adoptium JDK images)', code: 'FROM eclipse-temurin:21-jre\nRUN java --version && javac --version\n' },
    { name: 'rustc -V is not a build', code: 'FROM debian:12-slim\nRUN rustc -V\n' },
    { name: 'make in a RUN that deletes its build deps (corpus: docker-library redis, php, httpd)', code: 'FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc make musl-dev && make -C /usr/src/redis -j 4 all && make -C /usr/src/redis install && apk del .build-deps\nCMD ["redis-server"]\n' },
    { name: 'make in a RUN that purges its build deps (apt)', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y gcc make && make -j 4 && make install && apt-get purge -y --auto-remove gcc make\nCMD ["app"]\n' },
    { name: 'runtime OS packages are not a toolchain', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y ca-certificates curl\n' },
    { name: 'an unreachable stage is not in the image', code: 'FROM golang:1.22 AS dev\nRUN go build ./...\nFROM alpine:3.20\nRUN echo hi\n' },
    { name: 'a stage copied from is not in the image', code: 'FROM node:20 AS assets\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=assets /dist /usr/share/nginx/html\n' },
    { name: 'configured target: the builder is not shipped', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch AS run\nCOPY --from=build /app /app\n', config: { targets: ['run'] } },
  ],
  invalid: [
    { name: 'near miss: a version flag with a build (gcc --version then gcc -o)', code: 'FROM debian:12\nRUN gcc --version && gcc -O2 -o /usr/local/bin/tool tool.c\n', errors: [{ line: 2, message: build('gcc -O2 -o /usr/local/bin/tool tool.c') }] },
    { name: 'near miss: a RUN that removes packages but builds with a Go toolchain from the base', code: 'FROM golang:1.22\nRUN go build -o /bin/app . && apt-get purge -y curl\n', errors: [{ line: 2, message: build('go build -o /bin/app .') }] },
    ...steps.map((s) => ({
      name: `${s.name} in the shipped stage`,
      code: `FROM ${s.base}\nWORKDIR /app\nCOPY . .\nRUN ${s.run}\nCMD ["/bin/app"]\n`,
      errors: [{ line: 4, column: s.column, message: build(s.command), fixes: s.split ? [{ title: SPLIT, safe: false }] : [] }],
    })),
    {
      name: 'SDK base without a build step (python): the split copies a virtualenv',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      errors: [{
        line: 1, column: 6, endColumn: 17,
        message: "The shipped image is based on the SDK image 'python:3.12': its compilers and build tools ship with it. Build in a builder stage and copy only the outputs into a stage based on a runtime image.",
        fixes: [{
          title: SPLIT, safe: false,
          output: 'FROM python:3.12 AS builder\nRUN python -m venv /opt/venv\nENV PATH="/opt/venv/bin:$PATH"\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n\n'
            + 'FROM python:3.12-slim\nWORKDIR /app\nRUN useradd --system --user-group --no-create-home app\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH="/opt/venv/bin:$PATH"\nCOPY . .\nUSER app\nCMD ["python", "app.py"]\n',
        }],
      }],
    },
    {
      name: 'SDK base of a stage that is not an application (no CMD): no split, stage/sdk-runtime-base skips it, reported here',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\n',
      errors: [{ line: 1, column: 6, fixes: [] }],
    },
    {
      name: 'docker-php-ext-install in the shipped stage (headers installed for it)',
      code: 'FROM php:8.3-apache\nRUN apt-get update && apt-get install -y --no-install-recommends libzip-dev libpng-dev \\\n && docker-php-ext-install zip gd\nCOPY . /var/www/html/\n',
      errors: [{ line: 3, column: 5, message: "The shipped image compiles native extensions here ('docker-php-ext-install zip gd'): the compilers and -dev headers they need ship with it. Compile them in a builder stage and copy only the built extensions or packages into a runtime stage.", fixes: [] }],
    },
    {
      name: 'a toolchain install with options before the subcommand, its packages after a comment line (corpus: discourse)',
      code: 'FROM debian:12\nRUN apt-get -y update && DEBIAN_FRONTEND=noninteractive apt-get -y install \\\n# build dependencies\n    cmake g++ libxml2-dev\nCMD ["app"]\n',
      errors: [{ line: 2, column: 26, message: build('apt-get install cmake g++') }],
    },
    {
      name: 'pecl install in the shipped stage',
      code: 'FROM php:8.3-fpm\nRUN pecl install redis && docker-php-ext-enable redis\n',
      errors: [{ line: 2, column: 5, message: /native extensions here \('pecl install redis'\)/ }],
    },
    {
      name: 'gem install of a gem with a C extension',
      code: 'FROM ruby:3.3-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev\nRUN gem install pg\nCMD ["ruby", "app.rb"]\n',
      errors: [{ line: 3, column: 5, message: /native extensions here \('gem install pg \(with libpq-dev\)'\)/ }],
    },
    {
      name: 'gem install with options for the extension build',
      code: 'FROM ruby:3.3-slim\nRUN gem install mygem -- --with-opt-dir=/usr/local\nCMD ["ruby", "app.rb"]\n',
      errors: [{ line: 2, message: /native extensions here \('gem install mygem -- --with-opt-dir=\/usr\/local'\)/ }],
    },
    {
      name: 'bundle install after -dev headers',
      code: 'FROM ruby:3.3-slim\nRUN apt-get update && apt-get install -y libpq-dev libxml2-dev\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCMD ["rails", "server"]\n',
      errors: [{ line: 4, message: /native extensions here \('bundle install \(with libpq-dev, libxml2-dev\)'\)/ }],
    },
    {
      name: 'pip install building wheels against -dev headers (apk)',
      code: 'FROM python:3.12-alpine\nRUN apk add --no-cache postgresql-dev musl-dev\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
      errors: [{ line: 4, message: /native extensions here \('pip install -r requirements.txt \(with postgresql-dev, musl-dev\)'\)/ }],
    },
    {
      name: 'pip install --no-binary and pip wheel',
      code: 'FROM python:3.12-slim\nRUN pip wheel -w /wheels lxml\nCMD ["python"]\nFROM python:3.12-slim\nRUN pip install --no-binary :all: psycopg2\nCMD ["python", "app.py"]\n',
      errors: [{ line: 5, message: /native extensions here \('pip install --no-binary :all: psycopg2'\)/ }],
    },
    {
      name: 'go: builder with CGO_ENABLED=0, distroless runner, the binary only',
      code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nCMD /bin/app\n',
      errors: [{
        line: 4, column: 5,
        fixes: [{
          title: SPLIT,
          output: 'FROM golang:1.22 AS builder\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/app .\n\n'
            + 'FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=builder /bin/app /bin/app\nUSER nonroot\nCMD ["/bin/app"]\n',
        }],
      }],
    },
    {
      name: 'a named stage: the runner keeps the name, the builder gets a fresh one',
      code: 'FROM node:20 AS app\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/index.js"]\n',
      errors: [{
        line: 6,
        fixes: [{
          output: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n'
            + 'FROM node:20-slim AS app\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY --from=builder /app/dist ./dist\nUSER node\nCMD ["node", "dist/index.js"]\n',
        }],
      }],
    },
    {
      name: 'node: output folder not known, a TODO says so',
      code: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["npm", "start"]\n',
      errors: [{
        line: 6,
        fixes: [{
          output: 'FROM node:20 AS builder\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n'
            + 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n'
            + "# TODO(stagecraft): the build's output folder is not known: 'dist' is assumed; copy what `npm run build` writes.\n"
            + 'COPY --from=builder /app/dist ./dist\nUSER node\nCMD ["npm", "start"]\n',
        }],
      }],
    },
    {
      name: 'an ancestor of the shipped stage builds: reported there, no split (not the final stage)',
      code: 'FROM node:20 AS base\nRUN npm run build\nFROM base\nCMD ["node", "dist/index.js"]\n',
      errors: [{ line: 2, fixes: [] }],
    },
    {
      name: 'a multi-stage file whose final stage builds: split offered',
      code: 'FROM alpine:3.20 AS assets\nRUN echo x > /x\nFROM golang:1.22\nCOPY --from=assets /x /x\nRUN go build -o /app .\nENTRYPOINT ["/app"]\n',
      errors: [{
        line: 5,
        fixes: [{
          output: 'FROM alpine:3.20 AS assets\nRUN echo x > /x\nFROM golang:1.22 AS builder\nENV CGO_ENABLED=0\nCOPY --from=assets /x /x\nRUN go build -o /app .\n\n'
            + 'FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /go\nCOPY --from=builder /app /app\nUSER nonroot\nENTRYPOINT ["/app"]\n',
        }],
      }],
    },
  ],
});
