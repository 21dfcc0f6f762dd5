import rule from '../../../../server/src/core/rules/cache/lockfile-not-copied';
import { ruleTester, InvalidCase } from '../../../helpers/rule-tester';

/** One row per ecosystem whose install requires a lock: image, manifest, lock, install. */
const ROWS: [string, string, string, string, string][] = [
  ['npm', 'node:20', 'package.json', 'package-lock.json', 'npm ci'],
  ['yarn', 'node:20', 'package.json', 'yarn.lock', 'yarn install --frozen-lockfile'],
  ['yarn berry', 'node:20', 'package.json', 'yarn.lock', 'yarn install --immutable'],
  ['pnpm', 'node:20', 'package.json', 'pnpm-lock.yaml', 'pnpm install --frozen-lockfile'],
  ['bun', 'oven/bun:1', 'package.json', 'bun.lockb', 'bun install --frozen-lockfile'],
  ['poetry', 'python:3.12', 'pyproject.toml', 'poetry.lock', 'poetry install'],
  ['uv', 'python:3.12', 'pyproject.toml', 'uv.lock', 'uv sync --locked'],
  ['pipenv', 'python:3.12', 'Pipfile', 'Pipfile.lock', 'pipenv install --deploy'],
  ['go', 'golang:1.22', 'go.mod', 'go.sum', 'go mod download'],
  ['cargo', 'rust:1.79', 'Cargo.toml', 'Cargo.lock', 'cargo fetch --locked'],
  ['bundler', 'ruby:3.3', 'Gemfile', 'Gemfile.lock', 'bundle install --frozen'],
  ['composer', 'composer:2', 'composer.json', 'composer.lock', 'composer install --no-dev'],
  ['dotnet', 'mcr.microsoft.com/dotnet/sdk:8.0', 'app.csproj', 'packages.lock.json', 'dotnet restore --locked-mode'],
];

const perEcosystem: InvalidCase[] = ROWS.flatMap(([eco, image, manifest, lock, install]): InvalidCase[] => [
  {
    name: `${eco}: context unknown (unsafe fix)`,
    code: `FROM ${image}\nCOPY ${manifest} ./\nRUN ${install}\n`,
    errors: [{
      line: 2, column: 6, endColumn: 6 + manifest.length,
      message: new RegExp(`needs ${lock.replace(/\./g, '\\.')}, but this COPY brings '${manifest.replace(/\./g, '\\.')}' without it`),
      fixes: [{ title: `Copy '${lock}' with '${manifest}'`, safe: false, output: `FROM ${image}\nCOPY ${manifest} ${lock} ./\nRUN ${install}\n` }],
    }],
    output: null,
  },
  {
    name: `${eco}: lock in the context (safe fix)`,
    code: `FROM ${image}\nCOPY ${manifest} ./\nRUN ${install}\n`,
    context: { files: [manifest, lock], dockerignore: null },
    errors: [{ line: 2, fixes: [{ safe: true }] }],
    output: `FROM ${image}\nCOPY ${manifest} ${lock} ./\nRUN ${install}\n`,
  },
]);

/**
 * One row per ecosystem of model/installs.ts that has a lock file, with an install that follows the
 * lock when it is there but does not require it: reported only when the context is known to hold the lock,
 * with an unsafe fix (the locked versions replace a fresh resolution).
 */
const FOLLOWS: [string, string, string, string, string][] = [
  ['npm', 'node:20', 'package.json', 'package-lock.json', 'npm install'],
  ['yarn', 'node:20', 'package.json', 'yarn.lock', 'yarn install'],
  ['pnpm', 'node:20', 'package.json', 'pnpm-lock.yaml', 'pnpm install'],
  ['bun', 'oven/bun:1', 'package.json', 'bun.lockb', 'bun install'],
  ['poetry', 'python:3.12', 'pyproject.toml', 'poetry.lock', 'poetry install --no-root'],
  ['uv', 'python:3.12', 'pyproject.toml', 'uv.lock', 'uv sync'],
  ['pipenv', 'python:3.12', 'Pipfile', 'Pipfile.lock', 'pipenv install --system'],
  ['go', 'golang:1.22', 'go.mod', 'go.sum', 'go mod download'],
  ['cargo', 'rust:1.79', 'Cargo.toml', 'Cargo.lock', 'cargo fetch'],
  ['gradle', 'gradle:8', 'build.gradle', 'gradle.lockfile', 'gradle dependencies'],
  ['bundler', 'ruby:3.3', 'Gemfile', 'Gemfile.lock', 'bundle install'],
  ['composer', 'composer:2', 'composer.json', 'composer.lock', 'composer install'],
  ['dotnet', 'mcr.microsoft.com/dotnet/sdk:8.0', 'app.csproj', 'packages.lock.json', 'dotnet restore'],
];

/** Installs of the table that require the lock after all (a safe fix: the build would fail without it). */
const REQUIRED = new Set(['poetry', 'go', 'composer']);

const followsInvalid: InvalidCase[] = FOLLOWS.map(([eco, image, manifest, lock, install]) => ({
  name: `${eco}: '${install}' with ${lock} in the context but not copied`,
  code: `FROM ${image}\nCOPY ${manifest} ./\nRUN ${install}\n`,
  context: { files: [manifest, lock], dockerignore: null },
  errors: [{
    line: 2, column: 6, endColumn: 6 + manifest.length,
    message: new RegExp(`(follows|needs) ${lock.replace(/\./g, '\\.')}`),
    fixes: [{ title: `Copy '${lock}' with '${manifest}'`, safe: REQUIRED.has(eco), output: `FROM ${image}\nCOPY ${manifest} ${lock} ./\nRUN ${install}\n` }],
  }],
  output: REQUIRED.has(eco) ? `FROM ${image}\nCOPY ${manifest} ${lock} ./\nRUN ${install}\n` : null,
}));

const followsValid = FOLLOWS.flatMap(([eco, image, manifest, lock, install]) => [
  { name: `${eco}: '${install}', lock copied`, code: `FROM ${image}\nCOPY ${manifest} ${lock} ./\nRUN ${install}\n`, context: { files: [manifest, lock], dockerignore: null } },
  { name: `${eco}: '${install}', no lock in the context`, code: `FROM ${image}\nCOPY ${manifest} ./\nRUN ${install}\n`, context: { files: [manifest], dockerignore: null } },
  { name: `${eco}: '${install}', lock excluded by .dockerignore`, code: `FROM ${image}\nCOPY ${manifest} ./\nRUN ${install}\n`, context: { files: [manifest, lock], dockerignore: `${lock}\n` } },
]);

ruleTester(rule, {
  valid: [
    ...followsValid,
    { name: 'bundler: context unknown, bundle install does not require the lock', code: 'FROM ruby:3.3\nCOPY Gemfile ./\nRUN bundle install\n' },
    { name: 'gem install of a named gem reads no Gemfile.lock', code: 'FROM ruby:3.3\nCOPY Gemfile ./\nRUN gem install bundler\n', context: { files: ['Gemfile', 'Gemfile.lock'], dockerignore: null } },
    { name: 'npm install of a named package', code: 'FROM node:20\nCOPY package.json ./\nRUN npm install express\n', context: { files: ['package.json', 'package-lock.json'], dockerignore: null } },
    { name: 'pip and maven have no lock file, even with the context known', code: 'FROM python:3.12\nCOPY requirements.txt pom.xml ./\nRUN pip install -r requirements.txt && mvn dependency:go-offline\n', context: { files: ['requirements.txt', 'pom.xml'], dockerignore: null } },
    'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
    { name: 'glob brings the lock', code: 'FROM node:20\nCOPY package*.json ./\nRUN npm ci\n' },
    { name: 'lock in a separate COPY', code: 'FROM node:20\nCOPY package.json ./\nCOPY package-lock.json ./\nRUN npm ci\n' },
    { name: 'broad copy before the install', code: 'FROM node:20\nCOPY package.json ./\nCOPY . .\nRUN npm ci\n' },
    { name: 'folder containing the lock', code: 'FROM node:20\nCOPY web/package.json ./web/\nCOPY web ./web\nRUN cd web && npm ci\n' },
    { name: 'install that does not require a lock', code: 'FROM node:20\nCOPY package.json ./\nRUN npm install\n' },
    { name: 'yarn install without --frozen-lockfile', code: 'FROM node:20\nCOPY package.json ./\nRUN yarn install\n' },
    { name: 'pip has no lock file', code: 'FROM python:3.12\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\n' },
    { name: 'maven has no lock file', code: 'FROM maven:3.9\nCOPY pom.xml ./\nRUN mvn dependency:go-offline\n' },
    { name: 'gradle has no required lock file', code: 'FROM gradle:8\nCOPY build.gradle settings.gradle ./\nRUN gradle dependencies\n' },
    { name: 'the manifest was not copied by name', code: 'FROM node:20\nCOPY . .\nRUN npm ci\n' },
    { name: 'files from another stage may bring it', code: 'FROM node:20 AS src\nFROM node:20\nCOPY package.json ./\nCOPY --from=src /app/package-lock.json ./\nRUN npm ci\n' },
    { name: 'lock bind-mounted into the RUN', code: 'FROM node:20\nCOPY package.json ./\nRUN --mount=type=bind,source=package-lock.json,target=package-lock.json npm ci\n' },
    { name: 'ancestor stage copied the lock', code: 'FROM node:20 AS base\nCOPY package-lock.json ./\nFROM base\nCOPY package.json ./\nRUN npm ci\n' },
    { name: 'context known, no lock file exists', code: 'FROM golang:1.22\nCOPY go.mod ./\nRUN go mod download\n', context: { files: ['go.mod', 'main.go'], dockerignore: null } },
    { name: 'yarn: .yarnrc.yml is not the lock', code: 'FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --immutable\n' },
    { name: 'variable source', code: 'FROM node:20\nARG DIR=.\nCOPY package.json ./\nCOPY ${DIR} ./\nRUN npm ci\n' },
  ],
  invalid: [
    ...perEcosystem,
    ...followsInvalid,
    {
      name: 'the Gemfile without its Gemfile.lock (message)',
      code: 'FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec", "rails", "server"]\n',
      context: { files: ['Gemfile', 'Gemfile.lock', 'app/'], dockerignore: null },
      errors: [{ line: 3, message: "'bundle install' (line 4) follows Gemfile.lock when it is there, and the build context has it, but this COPY brings 'Gemfile' without it and nothing copied before brings it: the install resolves the versions anew instead of the locked ones; add 'Gemfile.lock' to the copy." }],
      output: null,
    },
    {
      name: 'BUNDLE_DEPLOYMENT=1 requires the lock even with the context unknown',
      code: 'FROM ruby:3.3\nCOPY Gemfile ./\nRUN BUNDLE_DEPLOYMENT=1 bundle install\n',
      errors: [{ line: 2, message: /needs Gemfile\.lock/, fixes: [{ safe: false }] }],
    },
    {
      name: 'message',
      code: 'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci --omit=dev\n',
      errors: [{ line: 3, message: "'npm ci --omit=dev' (line 4) needs package-lock.json, but this COPY brings 'package.json' without it and nothing copied before brings it; add 'package-lock.json' to the copy." }],
    },
    {
      name: 'manifest in a sub-folder',
      code: 'FROM node:20\nCOPY ./web/package.json ./\nRUN npm ci\n',
      context: { files: ['web/package.json', 'web/package-lock.json'], dockerignore: null },
      errors: [{ line: 2, fixes: [{ title: "Copy './web/package-lock.json' with './web/package.json'", safe: true }] }],
      output: 'FROM node:20\nCOPY ./web/package.json ./web/package-lock.json ./\nRUN npm ci\n',
    },
    {
      name: 'the lock that exists is the one added (shrinkwrap)',
      code: 'FROM node:20\nCOPY package.json ./\nRUN npm ci\n',
      context: { files: ['package.json', 'npm-shrinkwrap.json'], dockerignore: null },
      errors: [{ line: 2 }],
      output: 'FROM node:20\nCOPY package.json npm-shrinkwrap.json ./\nRUN npm ci\n',
    },
    {
      name: 'JSON form',
      code: 'FROM node:20\nCOPY ["package.json", "./"]\nRUN npm ci\n',
      context: { files: ['package.json', 'package-lock.json'], dockerignore: null },
      errors: [{ line: 2, column: 7 }],
      output: 'FROM node:20\nCOPY ["package.json", "package-lock.json", "./"]\nRUN npm ci\n',
    },
    {
      name: 'copy with flags, in a builder stage',
      code: 'FROM node:20 AS deps\nCOPY --chown=node:node package.json ./\nRUN pnpm fetch\nFROM node:20-slim\nCOPY --from=deps /node_modules /node_modules\n',
      errors: [{ line: 2, column: 24, fixes: [{ output: 'FROM node:20 AS deps\nCOPY --chown=node:node package.json pnpm-lock.yaml ./\nRUN pnpm fetch\nFROM node:20-slim\nCOPY --from=deps /node_modules /node_modules\n' }] }],
    },
    {
      name: 'a broad copy after the install does not help',
      code: 'FROM golang:1.22\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'two installs of the same copy: one finding',
      code: 'FROM node:20\nCOPY package.json ./\nRUN npm ci\nRUN npm ci --omit=dev\n',
      errors: [{ line: 2 }],
    },
  ],
});
