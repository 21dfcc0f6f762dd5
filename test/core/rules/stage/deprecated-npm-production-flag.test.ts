import rule from '../../../../server/src/core/rules/stage/deprecated-npm-production-flag';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-slim\nRUN npm ci --omit=dev\n',
    'FROM node:20-slim\nRUN npm install --omit dev\n',
    { name: '--production=false means the opposite: left alone', code: 'FROM node:20\nRUN npm ci --production=false\n' },
    { name: 'yarn --production is not deprecated', code: 'FROM node:20\nRUN yarn install --production\n' },
    { name: 'pnpm --prod is not deprecated', code: 'FROM node:20\nRUN pnpm install --prod\n' },
    { name: 'npm run with a production flag is a script argument', code: 'FROM node:20\nRUN npm run build --production\n' },
  ],
  invalid: [
    {
      name: 'npm ci --only=production',
      code: 'FROM node:20-slim\nRUN npm ci --only=production\n',
      errors: [{ line: 2, column: 12, endColumn: 29, message: "'--only=production' is deprecated in 'npm ci' (npm prints a warning and may drop it); use '--omit=dev'.",
        fixes: [{ title: "Replace '--only=production' with '--omit=dev'", safe: true, output: 'FROM node:20-slim\nRUN npm ci --omit=dev\n' }] }],
      output: 'FROM node:20-slim\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'npm install --production in a builder stage too (deprecation is not stage-aware)',
      code: 'FROM node:20 AS deps\nRUN npm install --production && npm cache clean --force\nFROM node:20-slim\nCOPY --from=deps /node_modules /node_modules\n',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM node:20 AS deps\nRUN npm install --omit=dev && npm cache clean --force\nFROM node:20-slim\nCOPY --from=deps /node_modules /node_modules\n',
    },
    {
      name: '--only prod as two words, continued line',
      code: 'FROM node:20-slim\nRUN npm ci \\\n    --only prod\n',
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: 'FROM node:20-slim\nRUN npm ci \\\n    --omit=dev\n',
    },
    {
      name: 'npm prune --production, CRLF',
      code: 'FROM node:20-slim\r\nRUN npm prune --production\r\n',
      errors: [{ line: 2 }],
      output: 'FROM node:20-slim\r\nRUN npm prune --omit=dev\r\n',
    },
    {
      name: 'exec form: reported, no fix',
      code: 'FROM node:20-slim\nRUN ["npm", "ci", "--only=production"]\n',
      errors: [{ line: 2, column: 1, fixes: [] }],
      output: null,
    },
  ],
});
