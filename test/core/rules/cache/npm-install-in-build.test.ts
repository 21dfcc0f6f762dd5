import rule from '../../../../server/src/core/rules/cache/npm-install-in-build';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
    { name: 'no lock copied', code: 'FROM node:20\nCOPY package.json ./\nRUN npm install\n' },
    { name: 'glob, context unknown', code: 'FROM node:20\nCOPY package*.json ./\nRUN npm install\n' },
    { name: 'glob, context has no lock', code: 'FROM node:20\nCOPY package*.json ./\nRUN npm install\n', context: { files: ['package.json'], dockerignore: null } },
    { name: 'broad copy, lock excluded by .dockerignore', code: 'FROM node:20\nCOPY . .\nRUN npm install\n', context: { files: ['package.json', 'package-lock.json'], dockerignore: 'package-lock.json\n' } },
    { name: 'installing named packages', code: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install express\n' },
    { name: 'global install', code: 'FROM node:20\nCOPY package-lock.json ./\nRUN npm install -g pnpm\n' },
    { name: 'lock disabled', code: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install --no-package-lock\n' },
    { name: 'lock copied after the install', code: 'FROM node:20\nCOPY package.json ./\nRUN npm install\nCOPY package-lock.json ./\n' },
    { name: 'yarn lock, yarn install', code: 'FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install\n' },
    { name: 'lock copied from another stage', code: 'FROM node:20 AS a\nFROM node:20\nCOPY --from=a /app/package-lock.json ./\nRUN npm install\n' },
  ],
  invalid: [
    {
      name: 'lock copied by name',
      code: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install\n',
      errors: [{
        line: 3, column: 5, endColumn: 16,
        message: "'npm install' can resolve other versions than 'package-lock.json' records and rewrite it; use 'npm ci', which installs exactly the locked tree and is faster.",
        fixes: [{ title: "Use 'npm ci'", safe: false, output: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\n' }],
      }],
      output: null,
    },
    {
      name: 'npm i with flags, shrinkwrap',
      code: 'FROM node:20\nCOPY package.json npm-shrinkwrap.json ./\nRUN npm i --loglevel=warn --omit=dev && npm cache clean --force\n',
      errors: [{ line: 3, message: /^'npm i' can resolve other versions than 'npm-shrinkwrap.json'/, fixes: [{ output: 'FROM node:20\nCOPY package.json npm-shrinkwrap.json ./\nRUN npm ci --loglevel=warn --omit=dev && npm cache clean --force\n' }] }],
    },
    {
      name: 'glob with the lock in the context',
      code: 'FROM node:20\nCOPY package*.json ./\nRUN npm install\n',
      context: { files: ['package.json', 'package-lock.json'], dockerignore: null },
      errors: [{ line: 3 }],
    },
    {
      name: 'broad copy with the lock in the context',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install && npm run build\n',
      context: { files: ['package.json', 'package-lock.json', 'src/'], dockerignore: null },
      errors: [{ line: 4, endColumn: 16, fixes: [{ output: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n' }] }],
    },
    {
      name: 'lock bind-mounted into the RUN',
      code: 'FROM node:20\nRUN --mount=type=bind,source=package.json,target=package.json \\\n    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n    npm install\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'copied in the parent stage',
      code: 'FROM node:20 AS base\nCOPY package.json package-lock.json ./\nFROM base AS deps\nRUN npm install\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'exec form: reported without a fix',
      code: 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN ["npm", "install"]\n',
      errors: [{ line: 3, fixes: [] }],
    },
  ],
});
