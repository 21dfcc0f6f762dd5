import rule from '../../../../server/src/core/rules/stage/dev-dependencies-in-final';
import { ruleTester } from '../../../helpers/rule-tester';

const F = (run: string) => `FROM node:20-slim\nWORKDIR /app\nCOPY . .\n${run}\nCMD ["node", "server.js"]\n`;

ruleTester(rule, {
  valid: [
    F('RUN npm ci --omit=dev'),
    F('RUN yarn install --production --frozen-lockfile'),
    F('RUN pnpm install --prod --frozen-lockfile'),
    F('RUN bun install --production'),
    { name: 'NODE_ENV=production via ENV', code: 'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\nCMD ["node", "s.js"]\n' },
    { name: 'NODE_ENV from an ARG default', code: 'FROM node:20-slim\nARG NODE_ENV=production\nENV NODE_ENV=$NODE_ENV\nRUN npm ci\nCMD ["node", "s.js"]\n' },
    { name: 'pruned after the build', code: F('RUN npm ci && npm run build && npm prune --omit=dev') },
    { name: 'dev install only in a builder stage', code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist ./dist\nRUN npm ci --omit=dev\nCMD ["node", "dist/index.js"]\n' },
    { name: 'poetry --only main', code: 'FROM python:3.12-slim\nRUN poetry install --only main\nCMD ["python"]\n' },
    { name: 'poetry --without dev', code: 'FROM python:3.12-slim\nRUN poetry install --without dev\nCMD ["python"]\n' },
    { name: 'uv sync --no-dev', code: 'FROM python:3.12-slim\nRUN uv sync --locked --no-dev\nCMD ["python"]\n' },
    { name: 'pipenv without --dev', code: 'FROM python:3.12-slim\nRUN pipenv install --deploy --system\nCMD ["python"]\n' },
    { name: 'pip requirements.txt (and a name containing "ci")', code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt -r dependencies.txt\nCMD ["python"]\n' },
    { name: 'bundler with BUNDLE_WITHOUT', code: "FROM ruby:3.3-slim\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\nCMD [\"rails\", \"s\"]\n" },
    { name: 'bundle config without', code: "FROM ruby:3.3-slim\nRUN bundle config set --local without 'development test' && bundle install\nCMD [\"rails\", \"s\"]\n" },
    { name: 'composer --no-dev', code: 'FROM php:8.3-fpm\nRUN composer install --no-dev --optimize-autoloader\nCMD ["php-fpm"]\n' },
    { name: 'install of named packages', code: F('RUN npm install -g pm2') },
    { name: 'node_modules from a production-only stage', code: 'FROM node:20 AS deps\nRUN npm ci --omit=dev\nFROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\nCMD ["node", "s.js"]\n' },
    { name: 'configured target excludes the dev stage', code: 'FROM node:20 AS dev\nRUN npm ci\nCMD ["npm", "run", "dev"]\nFROM node:20-slim AS prod\nRUN npm ci --omit=dev\nCMD ["node", "s.js"]\n', config: { targets: ['prod'] } },
  ],
  invalid: [
    {
      name: 'npm ci',
      code: F('RUN npm ci'),
      errors: [{ line: 4, message: "'npm ci' installs dev dependencies into the shipped image; install production dependencies only (--omit=dev).",
        fixes: [{ title: "Add '--omit=dev'", safe: false, output: F('RUN npm ci --omit=dev') }] }],
      output: null,
    },
    { name: 'npm install', code: F('RUN npm install'), errors: [{ line: 4, fixes: [{ output: F('RUN npm install --omit=dev') }] }] },
    { name: 'yarn v1', code: F('RUN yarn install --frozen-lockfile'), errors: [{ line: 4, fixes: [{ output: F('RUN yarn install --production --frozen-lockfile') }] }] },
    { name: 'yarn 2+ (--immutable): no flag fix', code: F('RUN yarn install --immutable'), errors: [{ line: 4, fixes: [] }] },
    { name: 'pnpm', code: F('RUN pnpm install --frozen-lockfile'), errors: [{ line: 4, fixes: [{ output: F('RUN pnpm install --prod --frozen-lockfile') }] }] },
    { name: 'bun', code: F('RUN bun install'), errors: [{ line: 4, fixes: [{ output: F('RUN bun install --production') }] }] },
    {
      name: 'build script after the install: reported, no fix (the build needs them)',
      code: F('RUN npm ci && npm run build'),
      errors: [{ line: 4, fixes: [] }],
    },
    {
      name: 'poetry',
      code: 'FROM python:3.12-slim\nRUN poetry install --no-root\nCMD ["python"]\n',
      errors: [{ line: 2, fixes: [{ output: 'FROM python:3.12-slim\nRUN poetry install --only main --no-root\nCMD ["python"]\n' }] }],
    },
    {
      name: 'uv sync',
      code: 'FROM python:3.12-slim\nRUN uv sync --locked\nCMD ["python"]\n',
      errors: [{ line: 2, fixes: [{ output: 'FROM python:3.12-slim\nRUN uv sync --no-dev --locked\nCMD ["python"]\n' }] }],
    },
    {
      name: 'pipenv --dev',
      code: 'FROM python:3.12-slim\nRUN pipenv install --system --dev\nCMD ["python"]\n',
      errors: [{ line: 2, fixes: [{ title: "Remove '--dev'", output: 'FROM python:3.12-slim\nRUN pipenv install --system\nCMD ["python"]\n' }] }],
    },
    {
      name: 'pip requirements-dev.txt: no fix',
      code: 'FROM python:3.12-slim\nRUN pip install -r requirements-dev.txt\nCMD ["python"]\n',
      errors: [{ line: 2, message: "'pip install' installs dev dependencies into the shipped image; install production dependencies only.", fixes: [] }],
    },
    {
      name: 'bundler without BUNDLE_WITHOUT: no fix',
      code: 'FROM ruby:3.3-slim\nRUN bundle install\nCMD ["rails", "s"]\n',
      errors: [{ line: 2, fixes: [] }],
    },
    {
      name: 'composer',
      code: 'FROM php:8.3-fpm\nRUN composer install --optimize-autoloader\nCMD ["php-fpm"]\n',
      errors: [{ line: 2, fixes: [{ output: 'FROM php:8.3-fpm\nRUN composer install --no-dev --optimize-autoloader\nCMD ["php-fpm"]\n' }] }],
    },
    {
      name: 'install in a FROM ancestor of the shipped stage',
      code: 'FROM node:20-slim AS base\nRUN npm ci\nFROM base\nCMD ["node", "s.js"]\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'node_modules copied from a stage that installed dev dependencies',
      code: 'FROM node:20 AS build\nWORKDIR /app\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/index.js"]\n',
      errors: [{ line: 5, column: 19, fixes: [],
        message: "'/app/node_modules' is copied from stage 'build', whose 'npm ci' installed dev dependencies; install production dependencies only in that stage (or prune them after the build)." }],
    },
  ],
});
