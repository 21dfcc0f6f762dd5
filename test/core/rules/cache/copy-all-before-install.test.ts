import rule from '../../../../server/src/core/rules/cache/copy-all-before-install';
import { ruleTester } from '../../../helpers/rule-tester';

const UNKNOWN = ' (build context not known: manifest and required lock file assumed)';

/** One row per ecosystem: `COPY . .` then the install; the fix copies the manifests first. */
const ecosystems: { name: string; base: string; install: string; files: string; moved?: string; after?: string }[] = [
  { name: 'npm', base: 'node:20', install: 'npm ci', files: 'package.json package-lock.json' },
  { name: 'yarn', base: 'node:20', install: 'yarn install --frozen-lockfile', files: 'package.json yarn.lock' },
  { name: 'pnpm', base: 'node:20', install: 'pnpm install --frozen-lockfile', files: 'package.json pnpm-lock.yaml' },
  { name: 'bun', base: 'oven/bun:1', install: 'bun install --frozen-lockfile', files: 'package.json bun.lockb' },
  { name: 'pip', base: 'python:3.12-slim', install: 'pip install --no-cache-dir -r requirements.txt', files: 'requirements.txt' },
  { name: 'poetry', base: 'python:3.12-slim', install: 'poetry install --only main', files: 'pyproject.toml poetry.lock',
    moved: 'poetry install --only main --no-root', after: 'RUN poetry install --only main\n' },
  { name: 'uv', base: 'python:3.12-slim', install: 'uv sync --locked', files: 'pyproject.toml uv.lock',
    moved: 'uv sync --locked --no-install-project', after: 'RUN uv sync --locked\n' },
  { name: 'pipenv', base: 'python:3.12-slim', install: 'pipenv install --deploy --system', files: 'Pipfile Pipfile.lock' },
  { name: 'go', base: 'golang:1.22', install: 'go mod download', files: 'go.mod go.sum' },
  { name: 'cargo', base: 'rust:1.79', install: 'cargo fetch --locked', files: 'Cargo.toml Cargo.lock',
    moved: 'mkdir -p src && touch src/main.rs && cargo fetch --locked && rm src/main.rs' },
  { name: 'maven', base: 'maven:3.9-eclipse-temurin-21', install: 'mvn -B dependency:go-offline', files: 'pom.xml' },
  { name: 'gradle', base: 'gradle:8.7-jdk17', install: 'gradle dependencies --no-daemon', files: 'build.gradle*' },
  { name: 'bundler', base: 'ruby:3.3', install: 'bundle install --deployment', files: 'Gemfile Gemfile.lock' },
  { name: 'composer', base: 'composer:2', install: 'composer install --no-dev', files: 'composer.json composer.lock' },
  { name: 'dotnet', base: 'mcr.microsoft.com/dotnet/sdk:8.0', install: 'dotnet restore', files: '*.csproj' },
];

const BUILD_MESSAGE = (copy: string, build: string) => new RegExp(`^'${esc(copy)}' copies the build context before '${esc(build)}', which downloads every dependency itself: any source change downloads them again\\.`);
function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds that fetch their own dependencies: the fix inserts the ecosystem's dependency-only step before the copy. */
const builds: { name: string; base: string; build: string; files: string; step: string; extra?: string }[] = [
  { name: 'maven', base: 'maven:3.9-eclipse-temurin-21', build: 'mvn -B package -DskipTests', files: 'pom.xml', step: 'mvn -B dependency:go-offline' },
  { name: 'maven wrapper', base: 'eclipse-temurin:21-jdk', build: './mvnw -B verify', files: 'pom.xml mvnw', step: './mvnw -B dependency:go-offline', extra: 'COPY .mvn/ ./.mvn/\n' },
  { name: 'gradle', base: 'gradle:8.7-jdk17', build: 'gradle build --no-daemon', files: 'build.gradle*', step: 'gradle dependencies --no-daemon' },
  { name: 'gradle wrapper', base: 'eclipse-temurin:17-jdk', build: './gradlew assemble', files: 'build.gradle* gradlew', step: './gradlew dependencies', extra: 'COPY gradle/ ./gradle/\n' },
  { name: 'cargo', base: 'rust:1.79', build: 'cargo build --release --locked', files: 'Cargo.toml Cargo.lock', step: 'mkdir -p src && touch src/main.rs && cargo fetch --locked && rm src/main.rs' },
  { name: 'go', base: 'golang:1.22', build: 'go build -o /bin/app ./cmd/app', files: 'go.mod go.sum', step: 'go mod download' },
  { name: 'dotnet', base: 'mcr.microsoft.com/dotnet/sdk:8.0', build: 'dotnet publish Api.csproj -c Release -o /out', files: '*.csproj', step: 'dotnet restore Api.csproj' },
];

ruleTester(rule, {
  valid: [
    { name: 'manifests copied first (npm)', code: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'manifests copied first (go)', code: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'a second install after the copy, deps installed before it (poetry)', code: 'FROM python:3.12\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\nRUN poetry install --only-root\n' },
    { name: 'no install after the broad copy', code: 'FROM node:20\nCOPY . .\nRUN node build.js\n' },
    { name: 'go build after go mod download of the manifests', code: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'go build of a module without go.mod (context known)', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n', context: { files: ['main.go'] } },
    { name: 'go build from a vendor folder', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n', context: { files: ['go.mod', 'go.sum', 'vendor/', 'main.go'] } },
    { name: 'go build -mod=vendor', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -mod=vendor -o /app .\n' },
    { name: 'offline builds: mvn -o, gradle --offline, cargo --offline, dotnet --no-restore', code: 'FROM x\nCOPY . .\nRUN mvn -o package && gradle build --offline && cargo build --offline && dotnet publish --no-restore\n' },
    { name: 'mvn package after dependency:go-offline of the pom', code: 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\nRUN mvn -B package\n' },
    { name: 'mvn goals that build nothing (mvn test is not a package build)', code: 'FROM maven:3.9\nCOPY . .\nRUN mvn -B test\n' },
    { name: 'build, not install, after the copy (npm run build)', code: 'FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'installs named packages, not the manifest', code: 'FROM node:20\nCOPY . .\nRUN npm install -g typescript\n' },
    { name: 'pip installs the project from its sources', code: 'FROM python:3.12\nCOPY . .\nRUN pip install .\n' },
    { name: 'OS packages only', code: 'FROM debian:12\nCOPY . /src\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'copy from another stage', code: 'FROM node:20 AS deps\nRUN true\nFROM node:20\nCOPY --from=deps / /\nRUN npm ci\n' },
    { name: 'a folder copy that holds no manifest (context known)', code: 'FROM node:20\nCOPY package.json package-lock.json ./\nCOPY src/ ./src/\nRUN npm ci\n',
      context: { files: ['package.json', 'package-lock.json', 'src/', 'src/index.js'] } },
    { name: 'a folder copy when the context is not known is not assumed to hold the manifest', code: 'FROM node:20\nCOPY package.json package-lock.json ./\nCOPY src/ ./src/\nRUN npm ci\n' },
    { name: 'install in another stage than the copy', code: 'FROM node:20 AS a\nCOPY . .\nFROM node:20\nCOPY package*.json ./\nRUN npm ci\n' },
  ],
  invalid: [
    ...builds.map((b) => ({
      name: `${b.name}: COPY . . before ${b.build}`,
      code: `FROM ${b.base}\nWORKDIR /app\nCOPY . .\nRUN ${b.build}\n`,
      errors: [{
        line: 3, column: 1, endLine: 3, endColumn: 9,
        message: BUILD_MESSAGE('COPY . .', b.build),
        fixes: [{
          title: `Copy ${b.files.replace('mvnw', 'mvnw .mvn/').replace('gradlew', 'gradlew gradle/')} first and run '${b.step}' before 'COPY . .'${UNKNOWN}`,
          safe: false,
          output: `FROM ${b.base}\nWORKDIR /app\nCOPY ${b.files} ./\n${b.extra ?? ''}RUN ${b.step}\nCOPY . .\nRUN ${b.build}\n`,
        }],
      }],
      output: null,
    })),
    {
      name: 'go: context known, a copy to another folder, the cache mount of the build goes with the download',
      code: 'FROM golang:1.22\nCOPY . /src\nWORKDIR /src\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n',
      context: { files: ['go.mod', 'main.go'] },
      errors: [{ line: 2, fixes: [{ title: "Copy go.mod first and run 'go mod download' before 'COPY . /src'",
        output: 'FROM golang:1.22\nCOPY go.mod /src/\nRUN --mount=type=cache,target=/go/pkg/mod cd /src && go mod download\nCOPY . /src\nWORKDIR /src\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n' }] }],
    },
    {
      name: 'dotnet: context known, the one project file is restored',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /out\n',
      context: { files: ['Api.csproj', 'Program.cs'] },
      errors: [{ line: 3, fixes: [{ output: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY Api.csproj ./\nRUN dotnet restore Api.csproj\nCOPY . .\nRUN dotnet publish -c Release -o /out\n' }] }],
    },
    {
      name: 'a multi-module build (modules with their own pom.xml): the finding without a fix',
      code: 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B install\n',
      context: { files: ['pom.xml', 'core/pom.xml', 'core/src/', 'web/pom.xml'] },
      errors: [{ line: 3, message: BUILD_MESSAGE('COPY . .', 'mvn -B install'), fixes: [] }],
    },
    {
      name: 'a build in a sub-folder (maybe another module): the finding without a fix',
      code: 'FROM golang:1.22\nWORKDIR /build\nCOPY . .\nWORKDIR /build/tests\nRUN go build -o /bin/t .\n',
      errors: [{ line: 3, message: BUILD_MESSAGE('COPY . .', 'go build -o /bin/t .'), fixes: [] }],
    },
    {
      name: 'composer install after the app copy',
      code: 'FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev && php artisan optimize\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM composer:2\nWORKDIR /app\nCOPY composer.json composer.lock ./\nRUN composer install --no-dev\nCOPY . .\nRUN php artisan optimize\n' }] }],
    },
    ...ecosystems.map((e) => ({
      name: `${e.name}: COPY . . before ${e.install}`,
      code: `FROM ${e.base}\nWORKDIR /app\nCOPY . .\nRUN ${e.install}\n`,
      errors: [{
        line: 3, column: 1, endLine: 3, endColumn: 9,
        message: new RegExp(`^'COPY \\. \\.' copies the build context before '${e.install.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}': any source change reruns the install\\.`),
        fixes: [{
          title: `Copy ${e.files} first and install before 'COPY . .'${UNKNOWN}`,
          safe: false,
          output: `FROM ${e.base}\nWORKDIR /app\nCOPY ${e.files} ./\nRUN ${e.moved ?? e.install}\nCOPY . .\n${e.after ?? ''}`,
        }],
      }],
      output: null,
    })),
    {
      name: 'npm: the build part of the RUN stays after the copy',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/index.js"]\n' }] }],
    },
    {
      name: 'context known: the lock files that exist, without the note',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\n',
      context: { files: ['package.json', 'npm-shrinkwrap.json', 'src/'] },
      errors: [{ line: 3, fixes: [{ title: "Copy package.json npm-shrinkwrap.json first and install before 'COPY . .'",
        output: 'FROM node:20\nWORKDIR /app\nCOPY package.json npm-shrinkwrap.json ./\nRUN npm install\nCOPY . .\n' }] }],
    },
    {
      name: 'context known: every requirements file, dotnet project files',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n',
      context: { files: ['requirements.txt', 'requirements-dev.txt', 'app.py'] },
      errors: [{ line: 3, fixes: [{ output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt requirements-dev.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n' }] }],
    },
    {
      name: 'context known: dotnet project files',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore\n',
      context: { files: ['Api.csproj', 'Api.sln', 'Program.cs'] },
      errors: [{ line: 3, fixes: [{ output: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY Api.csproj Api.sln ./\nRUN dotnet restore\nCOPY . .\n' }] }],
    },
    {
      name: 'context known: gradle Kotlin scripts',
      code: 'FROM gradle:8.7-jdk17\nWORKDIR /app\nCOPY . .\nRUN gradle dependencies --no-daemon\n',
      context: { files: ['build.gradle.kts', 'settings.gradle.kts', 'src/'] },
      errors: [{ line: 3, fixes: [{ output: 'FROM gradle:8.7-jdk17\nWORKDIR /app\nCOPY build.gradle.kts settings.gradle.kts ./\nRUN gradle dependencies --no-daemon\nCOPY . .\n' }] }],
    },
    {
      name: 'a folder that holds the manifest (COPY web/ ./)',
      code: 'FROM node:20\nWORKDIR /app\nCOPY web/ ./\nRUN npm ci\n',
      context: { files: ['web/package.json', 'web/package-lock.json', 'web/src/'] },
      errors: [{ line: 3, fixes: [{ output: 'FROM node:20\nWORKDIR /app\nCOPY web/package.json web/package-lock.json ./\nRUN npm ci\nCOPY web/ ./\n' }] }],
    },
    {
      name: 'destination path, WORKDIR after the copy, --chown kept',
      code: 'FROM node:20\nCOPY --chown=node:node . /app\nWORKDIR /app\nUSER node\nRUN npm ci\n',
      errors: [{ line: 2, fixes: [{ output: 'FROM node:20\nWORKDIR /app\nUSER node\nCOPY --chown=node:node package.json package-lock.json ./\nRUN npm ci\nCOPY --chown=node:node . /app\n' }] }],
    },
    {
      name: 'a relative destination made absolute when the WORKDIR changes',
      code: 'FROM node:20\nWORKDIR /src\nCOPY . app\nWORKDIR /src/app\nRUN npm ci\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM node:20\nWORKDIR /src\nWORKDIR /src/app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . /src/app\n' }] }],
    },
    {
      name: 'ADD . .',
      code: 'FROM node:20\nWORKDIR /app\nADD . .\nRUN npm ci\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nADD . .\n' }] }],
    },
    {
      name: "the install's RUN flags go with it",
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci && \\\n    npm run build\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm npm run build\n' }] }],
    },
    {
      name: 'manifests already copied: only the order changes',
      code: 'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nCOPY . .\nRUN npm ci\n',
      errors: [{ line: 4, fixes: [{ title: "Install before 'COPY . .'", output: 'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n' }] }],
    },
    {
      name: 'OS packages installed between the copy and the install stay before it',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y gcc\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM python:3.12\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n' }] }],
    },
    {
      name: 'no fix when a script between the copy and the install may need the sources',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN ./scripts/prepare.sh\nRUN npm ci\n',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'no fix when the RUN builds before it installs',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run prebuild && npm ci\n',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'two broad copies before installs: one finding each',
      code: 'FROM python:3.12 AS a\nCOPY . .\nRUN pip install -r requirements.txt\nFROM node:20\nCOPY . .\nRUN npm ci\n',
      errors: [{ line: 2 }, { line: 5 }],
    },
    {
      name: 'in a builder stage too (cache ordering matters in every stage)',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM node:20 AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' }] }],
    },
  ],
});
