import rule from '../../../../server/src/core/rules/stage/sdk-runtime-base';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a build in the shipped image is stage/toolchain-in-final-stage\'s finding (golang)', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n' },
    { name: 'a build in the shipped image is stage/toolchain-in-final-stage\'s finding (maven, Spring Boot)', code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn package\nCMD ["java", "-jar", "target/app.jar"]\n' },
    { name: 'the split offered for a python stage without a build step is stage/toolchain-in-final-stage\'s finding', code: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n' },
    { name: 'native extensions compiled in the shipped Ruby stage are stage/toolchain-in-final-stage\'s finding', code: 'FROM ruby:3.3\nRUN apt-get update && apt-get install -y libpq-dev\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCMD ["rails", "server"]\n' },
    { name: 'slim node runtime', code: 'FROM node:20-slim\nCOPY . .\nCMD ["node", "index.js"]\n' },
    { name: 'SDK only in the builder', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'unresolvable variable base', code: 'ARG BASE\nFROM $BASE\nCMD ["x"]\n' },
    { name: 'builder not shipped under a configured target', code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-alpine AS prod\nCMD ["node", "server.js"]\n', config: { targets: ['prod'] } },
    { name: 'no CMD/ENTRYPOINT: a toolchain or CI image', code: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n' },
    { name: 'jre image', code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n' },
    { name: 'python alpine', code: 'FROM python:3.12-alpine\nCMD ["python"]\n' },
  ],
  invalid: [
    {
      name: 'node full image',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 6, endColumn: 13,
        message: "The shipped image is based on 'node:20', a full SDK/toolchain image (compilers, headers, package caches); base it on a runtime variant such as 'node:20-slim'.",
        fixes: [{ title: "Switch the base to 'node:20-slim'", safe: false, output: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n' }] }],
      output: null,
    },
    {
      name: 'python through a parent stage: reported on the root FROM',
      code: 'FROM python:3.12 AS base\nRUN pip install flask\nFROM base\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, fixes: [{ output: 'FROM python:3.12-slim AS base\nRUN pip install flask\nFROM base\nCMD ["python", "app.py"]\n' }] }],
    },
    {
      name: 'golang final stage that only copies a binary: fix',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM golang:1.22\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, fixes: [{ output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' }] }],
    },
    {
      name: 'maven final stage: eclipse-temurin jre',
      code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      errors: [{ line: 1, fixes: [{ title: "Switch the base to 'eclipse-temurin:21-jre'" }] }],
    },
    {
      name: 'golang final stage running go, not a build: no fix (distroless has no shell)',
      code: 'FROM golang:1.22\nCOPY . .\nRUN go vet ./...\nCMD ["/app"]\n',
      errors: [{ line: 1, message: /gcr\.io\/distroless\/static-debian12/, fixes: [] }],
    },
    {
      name: 'Ruby full image running bundle install: the slim base alone would not build the gems',
      code: 'FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec", "rails", "server"]\n',
      errors: [{ line: 1, message: "The shipped image is based on 'ruby:3.3', a full SDK/toolchain image (compilers, headers, package caches), and it compiles native code ('bundle install'), which a slim base cannot: compile in a builder stage on 'ruby:3.3' and copy the results into a stage based on 'ruby:3.3-slim'.", fixes: [] }],
      output: null,
    },
    {
      name: 'dotnet sdk',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY out/ /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n',
      errors: [{ line: 1, fixes: [{ output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n' }] }],
    },
    {
      name: 'base from a global ARG default: reported, no fix',
      code: 'ARG NODE=node:20\nFROM ${NODE}\nCMD ["node"]\n',
      errors: [{ line: 2, message: /'node:20'/, fixes: [] }],
    },
    {
      name: 'configured target',
      code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-alpine AS prod\nCMD ["node", "server.js"]\n',
      config: { targets: ['dev'] },
      errors: [{ line: 1 }],
    },
  ],
});
