import rule from '../../../../server/src/core/rules/stage/libc-mismatch';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'node_modules between two alpine stages', code: 'FROM node:20-alpine AS deps\nRUN npm ci\nFROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\n' },
    { name: 'node_modules between debian stages', code: 'FROM node:20 AS deps\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\n' },
    { name: 'built JS only', code: 'FROM node:20 AS build\nRUN npm run build\nFROM node:20-alpine\nCOPY --from=build /app/dist ./dist\n' },
    { name: 'unknown libc', code: 'FROM myorg/builder AS deps\nRUN npm ci\nFROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\n' },
    { name: 'rust built for a musl target', code: 'FROM rust:1.79 AS build\nWORKDIR /src\nRUN cargo build --release --target x86_64-unknown-linux-musl\nFROM alpine\nCOPY --from=build /src/target/x86_64-unknown-linux-musl/release/app /app\n' },
    { name: 'copy into an unreachable stage', code: 'FROM node:20 AS deps\nRUN npm ci\nFROM node:20-alpine AS old\nCOPY --from=deps /app/node_modules ./node_modules\nFROM node:20-slim\nCMD ["node"]\n' },
  ],
  invalid: [
    {
      name: 'node_modules glibc → musl',
      code: 'FROM node:20 AS deps\nWORKDIR /app\nRUN npm ci --omit=dev\nFROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\n',
      errors: [{ line: 5, column: 18, endColumn: 35, fixes: [],
        message: "'/app/node_modules' is copied from stage 'deps' (glibc) into stage '1' (musl): native code built against glibc does not load on musl. Build it on a base with the same C library." }],
    },
    {
      name: 'virtualenv musl → glibc',
      code: 'FROM python:3.12-alpine AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n',
      errors: [{ line: 4, message: /\(musl\) into stage '1' \(glibc\)/ }],
    },
    {
      name: 'site-packages',
      code: 'FROM python:3.12 AS build\nRUN pip install --target /deps flask\nFROM alpine:3.19\nCOPY --from=build /usr/local/lib/python3.12/site-packages /usr/lib/python3.12/site-packages\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'C binary built with gcc',
      code: 'FROM gcc:13 AS build\nWORKDIR /src\nRUN gcc -O2 -o hello hello.c\nFROM alpine:3.19\nCOPY --from=build /src/hello /usr/local/bin/hello\n',
      errors: [{ line: 5 }],
    },
    {
      name: 'cargo release binary, through a parent stage',
      code: 'FROM rust:1.79 AS base\nWORKDIR /src\nFROM base AS build\nRUN cargo build --release\nFROM alpine\nCOPY --from=build /src/target/release/app /app\n',
      errors: [{ line: 6 }],
    },
  ],
});
