import assert from 'node:assert/strict';
import rule from '../../../../server/src/core/rules/cache/context-not-ignored';
import { ruleTester } from '../../../helpers/rule-tester';
import { analyze } from '../../../../server/src/core/analyze';

const NODE = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n';

ruleTester(rule, {
  valid: [
    { name: 'context unknown', code: NODE },
    { name: '.dockerignore unknown', code: NODE, context: { files: ['node_modules/'] } },
    { name: 'everything excluded', code: NODE, context: { files: ['node_modules/', '.git/', 'dist/', '.env'], dockerignore: 'node_modules\n.git\ndist\n.env\n' } },
    { name: 'excluded by a wildcard', code: NODE, context: { files: ['node_modules/', '.git/'], dockerignore: '**/node_modules\n.git\n' } },
    { name: 'an existing .dockerignore is only asked to exclude what exists', code: NODE, context: { files: ['package.json', 'src/'], dockerignore: '.git\n' } },
    { name: 'nothing to exclude', code: NODE, context: { files: ['package.json', 'src/'], dockerignore: '' } },
    { name: 'no broad copy', code: 'FROM node:20\nCOPY package.json ./\nCOPY src ./src\n', context: { files: ['node_modules/'], dockerignore: null } },
    { name: 'node_modules is what the image runs (no install)', code: 'FROM node:20\nCOPY . .\nCMD ["node", "index.js"]\n', context: { files: ['node_modules/'], dockerignore: '' } },
    { name: 'prebuilt dist copied by name', code: 'FROM nginx:1.27\nCOPY . /src\nCOPY dist /usr/share/nginx/html\nRUN make -C /src check\n', context: { files: ['dist/'], dockerignore: '' } },
    { name: 'the build runs git', code: 'FROM golang:1.22\nCOPY . .\nRUN go build -ldflags "-X main.v=$(git describe)" -o /app\n', context: { files: ['.git/'], dockerignore: '' } },
    { name: 'copy from a stage is not a context copy', code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a . .\n', context: { files: ['.git/'], dockerignore: null } },
  ],
  invalid: [
    {
      name: 'no .dockerignore (node)',
      code: NODE,
      context: { files: ['package.json', 'node_modules/', '.git/', 'dist/'], dockerignore: null },
      errors: [{
        line: 3, column: 6, endColumn: 7,
        message: "COPY '.' sends the whole build context and there is no .dockerignore: it sends '.git', 'node_modules', 'dist'; add one so that only what the build needs is sent and copied.",
        fixes: [{ title: "Create .dockerignore excluding '.git', 'node_modules', 'dist'", safe: true }],
      }],
    },
    {
      name: '.dockerignore misses some (python)',
      code: 'FROM python:3.12\nADD . /app\nRUN pip install -r /app/requirements.txt\n',
      context: { files: ['requirements.txt', '.venv/', 'pkg/__pycache__/', '.git/'], dockerignore: '.git' },
      errors: [{ line: 2, message: "ADD '.' sends the whole build context, and .dockerignore does not exclude '.venv', '**/__pycache__'; add them to it.", fixes: [{ title: "Add '.venv', '**/__pycache__' to .dockerignore", safe: true }] }],
    },
    {
      name: 'target/ of a Rust build',
      code: 'FROM rust:1.79\nCOPY . .\nRUN cargo build --release\n',
      context: { files: ['Cargo.toml', 'target/'], dockerignore: '.git\n' },
      errors: [{ line: 2, message: /does not exclude 'target'; add it to it\.$/ }],
    },
    {
      name: '.env only: an unsafe fix',
      code: 'FROM node:20\nCOPY . .\n',
      context: { files: ['.env', 'index.js'], dockerignore: 'node_modules\n' },
      errors: [{ line: 2, fixes: [{ title: "Add '.env' to .dockerignore", safe: false }] }],
      output: null,
    },
    {
      name: 'no .dockerignore and nothing found: create one for .git',
      code: 'FROM alpine:3.20\nCOPY . /srv\n',
      context: { files: ['index.html'], dockerignore: null },
      errors: [{ line: 2, message: "COPY '.' sends the whole build context and there is no .dockerignore; add one so that only what the build needs is sent and copied.", fixes: [{ title: "Create .dockerignore excluding '.git'", safe: true }] }],
    },
    {
      name: 'a created file excludes node_modules for a Node install even when the host has none yet',
      code: NODE,
      context: { files: ['package.json', 'package-lock.json', 'src/', '.git/'], dockerignore: null },
      errors: [{ line: 3, message: /there is no \.dockerignore: it sends '\.git'; add one/, fixes: [{ title: "Create .dockerignore excluding '.git', 'node_modules'", safe: true }] }],
    },
    {
      name: 'python: __pycache__ and .venv, made by running the project on the host',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n',
      context: { files: ['requirements.txt', 'app/'], dockerignore: null },
      errors: [{ line: 3, fixes: [{ title: "Create .dockerignore excluding '.git', '**/__pycache__', '.venv'", safe: true }] }],
    },
    {
      name: 'rust: target',
      code: 'FROM rust:1.79\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n',
      context: { files: ['Cargo.toml', 'Cargo.lock', 'src/'], dockerignore: null },
      errors: [{ line: 3, fixes: [{ title: "Create .dockerignore excluding '.git', 'target'", safe: true }] }],
    },
    {
      name: '.NET: bin and obj at any depth',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /out\n',
      context: { files: ['App.csproj', 'Program.cs'], dockerignore: null },
      errors: [{ line: 3, fixes: [{ title: "Create .dockerignore excluding '.git', '**/bin', '**/obj'", safe: true }] }],
    },
    {
      name: 'gradle: build and .gradle; maven: target',
      code: 'FROM gradle:8-jdk21\nCOPY . /src\nRUN cd /src && gradle build\nFROM maven:3.9-eclipse-temurin-21\nCOPY pom.xml .\nRUN mvn package\n',
      context: { files: ['build.gradle', 'pom.xml'], dockerignore: null },
      errors: [{ line: 2, fixes: [{ title: "Create .dockerignore excluding '.git', 'target', 'build', '.gradle'", safe: true }] }],
    },
    {
      name: 'composer: vendor, which composer install makes in the image',
      code: 'FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n',
      context: { files: ['composer.json', 'composer.lock'], dockerignore: null },
      errors: [{ line: 3, fixes: [{ title: "Create .dockerignore excluding '.git', 'vendor'", safe: true }] }],
    },
    {
      name: 'what a COPY names is not excluded (a prebuilt bin/ copied on purpose)',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . /src\nCOPY bin/Release/net8.0/publish /app\nRUN dotnet test /src\n',
      context: { files: ['App.csproj'], dockerignore: null },
      errors: [{ line: 2, fixes: [{ title: "Create .dockerignore excluding '.git', '**/obj'", safe: true }] }],
    },
    {
      name: 'no install of the manifest: node_modules may be what runs, so it stays',
      code: 'FROM node:20-slim\nCOPY . /app\nCMD ["node", "/app/index.js"]\n',
      context: { files: ['index.js', 'node_modules/'], dockerignore: null },
      errors: [{ line: 2, fixes: [{ title: "Create .dockerignore excluding '.git'", safe: true }] }],
    },
    {
      name: 'the build reads git metadata: .git stays, the rest is excluded',
      code: 'FROM python:3.12\nCOPY . /src\nRUN pip install /src  # setuptools-scm\n',
      context: { files: ['pyproject.toml', '.git/'], dockerignore: null },
      errors: [{ line: 2, fixes: [{ title: "Create .dockerignore excluding '**/__pycache__', '.venv'", safe: true }] }],
    },
    {
      name: 'only the first broad copy is reported',
      code: 'FROM node:20 AS a\nCOPY . .\nRUN npm ci\nFROM node:20\nCOPY ./ /app\n',
      context: { files: ['node_modules/'], dockerignore: null },
      errors: [{ line: 2 }],
    },
  ],
});

describe('cache/context-not-ignored file edits', () => {
  it('creates .dockerignore, or appends after a final newline', () => {
    const created = analyze(NODE, { files: ['node_modules/', '.env'], dockerignore: null }).findings.find((f) => f.rule === rule.id)!;
    assert.deepEqual(created.fixes.map((f) => f.fileEdits), [
      [{ path: '.dockerignore', kind: 'create', text: '.git\nnode_modules\n' }],
      [{ path: '.dockerignore', kind: 'create', text: '.git\nnode_modules\n.env\n' }],
    ]);
    const appended = analyze(NODE, { files: ['node_modules/'], dockerignore: '.git' }).findings.find((f) => f.rule === rule.id)!;
    assert.deepEqual(appended.fixes[0].fileEdits, [{ path: '.dockerignore', kind: 'append', text: '\nnode_modules\n' }]);
  });
});
