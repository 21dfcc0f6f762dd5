import rule from '../../../../server/src/core/rules/cache/install-without-cache-mount';
import { ruleTester, InvalidCase } from '../../../helpers/rule-tester';

/** One row per ecosystem: base image, install command, the mount flags the fix adds. */
const ROWS: [string, string, string, string][] = [
  ['npm', 'node:20', 'npm ci', '--mount=type=cache,target=/root/.npm'],
  ['yarn', 'node:20', 'yarn install --frozen-lockfile', '--mount=type=cache,target=/usr/local/share/.cache/yarn'],
  ['pnpm', 'node:20', 'pnpm install --frozen-lockfile', '--mount=type=cache,target=/root/.local/share/pnpm/store'],
  ['bun', 'oven/bun:1', 'bun install --frozen-lockfile', '--mount=type=cache,target=/root/.bun/install/cache'],
  ['pip', 'python:3.12', 'pip install -r requirements.txt', '--mount=type=cache,target=/root/.cache/pip'],
  ['poetry', 'python:3.12', 'poetry install --only main', '--mount=type=cache,target=/root/.cache/pypoetry'],
  ['uv', 'python:3.12', 'uv sync --locked', '--mount=type=cache,target=/root/.cache/uv'],
  ['pipenv', 'python:3.12', 'pipenv install --deploy', '--mount=type=cache,target=/root/.cache/pipenv'],
  ['go', 'golang:1.22', 'go mod download', '--mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build'],
  ['cargo', 'rust:1.79', 'cargo fetch --locked', '--mount=type=cache,target=/usr/local/cargo/registry'],
  ['maven', 'maven:3.9-eclipse-temurin-21', 'mvn -B dependency:go-offline', '--mount=type=cache,target=/root/.m2'],
  ['gradle', 'gradle:8-jdk21', 'gradle dependencies --no-daemon', '--mount=type=cache,target=/root/.gradle'],
  ['bundler', 'ruby:3.3', 'bundle install', '--mount=type=cache,target=/usr/local/bundle/cache'],
  ['composer', 'composer:2', 'composer install --no-dev', '--mount=type=cache,target=/root/.composer/cache'],
  ['dotnet', 'mcr.microsoft.com/dotnet/sdk:8.0', 'dotnet restore', '--mount=type=cache,target=/root/.nuget/packages'],
  ['apt', 'debian:12', 'apt-get install -y curl', '--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked'],
  ['apk', 'alpine:3.20', 'apk add curl', '--mount=type=cache,target=/var/cache/apk,sharing=locked'],
  ['dnf', 'fedora:40', 'dnf install -y git', '--mount=type=cache,target=/var/cache/dnf,sharing=locked'],
];

const perEcosystem: InvalidCase[] = ROWS.map(([eco, image, cmd, flags]) => ({
  name: `${eco}: ${cmd}`,
  code: `FROM ${image}\nRUN ${cmd}\n`,
  errors: [{
    line: 2, column: 5, endColumn: 5 + cmd.length,
    message: new RegExp(`^'${cmd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' downloads .* packages in a RUN without a cache mount`),
    fixes: [{ title: /^Add a cache mount for the .* cache$/, safe: false, output: `FROM ${image}\nRUN ${flags} ${cmd}\n` }],
  }],
  output: null,
}));

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    { name: 'a cache mount at a custom place for that manager', code: 'FROM node:20\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n' },
    { name: 'go with one of its two caches', code: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n' },
    { name: 'apt with its lists mounted', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n' },
    { name: 'pip --no-cache-dir', code: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n' },
    { name: 'PIP_NO_CACHE_DIR in ENV', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n' },
    { name: 'apk add --no-cache', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
    { name: 'uv --no-cache', code: 'FROM python:3.12\nRUN uv sync --locked --no-cache\n' },
    { name: 'not an install', code: 'FROM node:20\nRUN npm run build && go build ./... && apt-get update\n' },
    { name: 'global tool install is not a project install', code: 'FROM node:20\nRUN npm install -g pnpm\n' },
    { name: 'the RUN empties the apt lists itself (a mount there would be emptied by it)', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'the RUN cleans the npm cache itself', code: 'FROM node:20\nRUN npm ci && npm cache clean --force\n' },
    { name: 'the RUN cleans the dnf cache itself', code: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n' },
  ],
  invalid: [
    ...perEcosystem,
    {
      name: 'yum uses its own cache folder',
      code: 'FROM centos:7\nRUN yum install -y git\n',
      errors: [{ line: 2, fixes: [{ output: 'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum,sharing=locked yum install -y git\n' }] }],
    },
    {
      name: 'message names the target; existing flags are kept',
      code: 'FROM node:20\nRUN --mount=type=bind,source=package.json,target=package.json npm ci\n',
      errors: [{
        line: 2,
        message: "'npm ci' downloads npm packages in a RUN without a cache mount, so every rebuild of this layer downloads them all again; add '--mount=type=cache,target=/root/.npm'.",
        fixes: [{ output: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm --mount=type=bind,source=package.json,target=package.json npm ci\n' }],
      }],
    },
    {
      name: 'a cache mount for another manager does not count',
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt && npm ci\n',
      errors: [{ line: 2, message: /^'npm ci' downloads npm packages/ }],
    },
    {
      name: 'two managers in one RUN: two findings',
      code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y nodejs \\\n && pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 23 }, { line: 3, column: 5 }],
    },
    {
      name: 'near miss: the RUN cleans another manager\'s cache',
      code: 'FROM node:20\nRUN apt-get update && apt-get install -y curl && npm ci && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: /^'npm ci' downloads npm packages/ }],
    },
    {
      name: 'every branch of a shell conditional alike (the Next.js example)',
      code: 'FROM node:20-alpine\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN \\\n  if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i --frozen-lockfile; \\\n  else echo "Lockfile not found." && exit 1; \\\n  fi\n',
      errors: [
        { line: 4, column: 29, message: /^'yarn --frozen-lockfile' downloads Yarn packages/, fixes: [{ title: 'Add a cache mount for the Yarn cache', safe: false }] },
        { line: 5, column: 39, message: /^'npm ci' downloads npm packages/, fixes: [{ title: 'Add a cache mount for the npm cache', safe: false }] },
        { line: 6, column: 60, message: /^'pnpm i --frozen-lockfile' downloads pnpm packages/, fixes: [{ title: 'Add a cache mount for the pnpm cache', safe: false }] },
      ],
    },
    {
      name: 'a loop body is read too',
      code: 'FROM python:3.12\nRUN for f in requirements/*.txt; do pip install -r "$f"; done\n',
      errors: [{ line: 2, message: /^'pip install -r "\$f"' downloads pip packages/ }],
    },
    {
      name: 'non-root user: reported, no fix for a /root cache',
      code: 'FROM node:20\nUSER node\nRUN npm ci\n',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'in every stage',
      code: 'FROM golang:1.22 AS build\nRUN go mod download\nFROM alpine:3.20\nRUN apk add tzdata\n',
      errors: [{ line: 2 }, { line: 4 }],
    },
  ],
});
