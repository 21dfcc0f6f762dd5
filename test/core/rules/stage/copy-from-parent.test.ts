import rule from '../../../../server/src/core/rules/stage/copy-from-parent';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'copy from a stage that is not the parent', code: 'FROM node:20 AS build\nRUN npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist /app/dist\n' },
    { name: 'copy from a grandparent is not flagged (only the direct parent)', code: 'FROM alpine AS a\nRUN touch /x\nFROM a AS b\nFROM b\nCOPY --from=a /x /x\n' },
    { name: 'copy to another place is a real copy', code: 'FROM alpine AS base\nRUN mkdir -p /src/out\nFROM base\nCOPY --from=base /src/out /srv\n' },
    { name: 'parent by variable is not known', code: 'ARG BASE=base\nFROM alpine AS base\nFROM ${BASE}\nCOPY --from=other /x /x\n' },
  ],
  invalid: [
    {
      name: 'same path',
      code: 'FROM node:20 AS deps\nWORKDIR /app\nRUN npm ci\nFROM deps AS dev\nCOPY --from=deps /app/node_modules /app/node_modules\nCMD ["npm", "start"]\n',
      errors: [{ line: 5, column: 13, endColumn: 17, message: "Stage 'dev' is built FROM 'deps', so '/app/node_modules' is already in place; this COPY --from duplicates it in a new layer.",
        fixes: [{ title: 'Remove the COPY --from instruction', safe: false, output: 'FROM node:20 AS deps\nWORKDIR /app\nRUN npm ci\nFROM deps AS dev\nCMD ["npm", "start"]\n' }] }],
      output: null,
    },
    {
      name: 'relative destination resolved against WORKDIR; directory destination; last line without newline',
      code: 'FROM alpine AS base\nWORKDIR /app\nRUN touch x\nFROM base\nCOPY --from=base /app/x ./',
      errors: [{ line: 5, fixes: [{ output: 'FROM alpine AS base\nWORKDIR /app\nRUN touch x\nFROM base' }] }],
    },
    {
      name: 'by index, CRLF',
      code: 'FROM alpine AS a\r\nRUN touch /x\r\nFROM a\r\nCOPY --from=0 /x /x\r\nRUN ls\r\n',
      errors: [{ line: 4, fixes: [{ output: 'FROM alpine AS a\r\nRUN touch /x\r\nFROM a\r\nRUN ls\r\n' }] }],
    },
    {
      name: 'root onto root',
      code: 'FROM alpine AS a\nFROM a\nCOPY --from=a / /\n',
      errors: [{ line: 3 }],
    },
  ],
});
