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
