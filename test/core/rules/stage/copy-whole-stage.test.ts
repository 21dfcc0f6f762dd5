import rule from '../../../../server/src/core/rules/stage/copy-whole-stage';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'build output only', code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist /app/dist\n' },
    { name: 'root of a different path', code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'root of a scratch artifact stage', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch AS artifacts\nCOPY --from=build /out/app /app\nFROM alpine\nCOPY --from=artifacts / /\n' },
    { name: 'a stage that is only an image alias', code: 'FROM tonistiigi/xx AS xx\nFROM golang:1.22\nCOPY --from=xx / /\nCMD ["x"]\n' },
    { name: 'flattening onto scratch', code: 'FROM debian:bookworm AS merge\nRUN apt-get update\nFROM scratch\nCOPY --from=merge / /\n' },
    { name: 'flattening onto the same base', code: 'FROM debian:bookworm AS merge\nRUN apt-get update\nFROM debian:bookworm\nCOPY --from=merge / /\n' },
    { name: 'interpreted app: workdir without a build step', code: 'FROM python:3.12 AS builder\nWORKDIR /app\nCOPY . .\nRUN uv sync --no-dev\nFROM python:3.12-slim\nCOPY --from=builder /app /app\n' },
    { name: 'builder stage copying a whole stage (not in the image)', code: 'FROM node:20 AS a\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM node:20 AS b\nCOPY --from=a / /\nFROM node:20-slim\nCMD ["node"]\n' },
  ],
  invalid: [
    {
      name: 'whole root (hadolint DL3067)',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM alpine:3.19\nCOPY --from=build / /\n',
      errors: [{ line: 6, column: 19, endColumn: 20, fixes: [],
        message: "This copies the whole filesystem of stage 'build' into the shipped image (its OS, toolchain, sources and caches); copy only what the program needs (e.g. '/out/app')." }],
    },
    {
      name: 'work directory after npm run build',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app .\nCMD ["node", "dist/index.js"]\n',
      errors: [{ line: 7, message: "This copies stage 'build''s whole work directory '/app' into the shipped image, with the sources and dev dependencies in it; copy only what the program needs (e.g. '/app/dist/ (or /app/build/)')." }],
    },
    {
      name: 'work directory after mvn package, trailing slash',
      code: 'FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /workspace\nCOPY . .\nRUN mvn -B package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /workspace/ /app\n',
      errors: [{ line: 6, message: /'\/workspace\/target\/\*\.jar'/ }],
    },
    {
      name: 'work directory after dotnet publish',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /src/publish\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /src /app\n',
      errors: [{ line: 6, message: /'\/src\/publish'/ }],
    },
    {
      name: 'root with "."',
      code: 'FROM node:20 AS build\nCOPY . /app\nRUN cd /app && npm ci\nFROM node:20-slim\nCOPY --from=build . /\n',
      errors: [{ line: 5, message: /whole filesystem of stage 'build'/ }],
    },
  ],
});
