import rule from '../../../../server/src/core/rules/cache/cleanup-in-later-layer';
import { ruleTester } from '../../../helpers/rule-tester';

/** One row per kind of cleanup: the creating RUN, the later cleanup. */
const ROWS: [string, string, string, string][] = [
  ['apt lists', 'debian:12', 'apt-get update && apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*'],
  ['apt-get clean', 'debian:12', 'apt-get update && apt-get install -y curl', 'apt-get clean'],
  ['apk cache', 'alpine:3.20', 'apk add curl', 'rm -rf /var/cache/apk/*'],
  ['dnf', 'fedora:40', 'dnf install -y git', 'dnf clean all'],
  ['yum', 'centos:7', 'yum install -y git', 'yum clean all && rm -rf /var/cache/yum'],
  ['npm', 'node:20', 'npm ci --omit=dev', 'npm cache clean --force'],
  ['yarn', 'node:20', 'yarn install --frozen-lockfile', 'yarn cache clean'],
  ['pnpm', 'node:20', 'pnpm install --frozen-lockfile', 'pnpm store prune'],
  ['pip', 'python:3.12', 'pip install -r requirements.txt', 'pip cache purge'],
  ['poetry', 'python:3.12', 'poetry install --only main', 'rm -rf /root/.cache/pypoetry'],
  ['uv', 'python:3.12', 'uv sync --locked', 'uv cache clean'],
  ['go', 'golang:1.22', 'go mod download', 'go clean -modcache'],
  ['cargo', 'rust:1.79', 'cargo fetch --locked', 'rm -rf /usr/local/cargo/registry'],
  ['maven', 'maven:3.9', 'mvn -B dependency:go-offline', 'rm -rf /root/.m2'],
  ['gradle', 'gradle:8', 'gradle dependencies', 'rm -rf /root/.gradle'],
  ['bundler', 'ruby:3.3', 'bundle install', 'rm -rf /usr/local/bundle/cache'],
  ['composer', 'composer:2', 'composer install --no-dev', 'composer clear-cache'],
  ['dotnet', 'mcr.microsoft.com/dotnet/sdk:8.0', 'dotnet restore', 'dotnet nuget locals all --clear'],
  ['a download in /tmp', 'debian:12', 'curl -fsSLo /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz -C /opt', 'rm -rf /tmp/*'],
];

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    { name: 'builder stage, not in the image', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=build /bin/true /true\n' },
    { name: 'files from a COPY', code: 'FROM debian:12\nCOPY app.tgz /tmp/app.tgz\nRUN tar -xzf /tmp/app.tgz -C /opt\nRUN rm -rf /opt/docs\n' },
    { name: 'cleanup with other work', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get purge -y curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'a path only inside a longer path of an earlier RUN', code: 'FROM debian:12\nRUN echo ". ~/.local/share/swiftly/env.sh" >> ~/.bashrc\nRUN rm /swiftly\n' },
    { name: 'a path no earlier RUN names', code: 'FROM debian:12\nRUN fix-permissions "/home/${NB_USER}"\nRUN rm -rf "/home/${NB_USER}/.cache/rosetta"\n' },
    { name: 'the same cleanup twice: an earlier cleanup creates nothing', code: 'FROM debian:12\nRUN rm -rf "/home/${NB_USER}/.cache/rosetta"\nRUN mamba install -y x\nRUN rm -rf "/home/${NB_USER}/.cache/rosetta"\n' },
    { name: 'no earlier RUN of that manager', code: 'FROM node:20\nRUN npm cache clean --force\n' },
    { name: 'removing a system folder is not a cleanup of a RUN', code: 'FROM debian:12\nRUN apt-get update\nRUN rm -rf /usr/share/doc/*\n' },
  ],
  invalid: [
    ...ROWS.map(([name, image, create, clean]) => ({
      name,
      code: `FROM ${image}\nRUN ${create}\nRUN ${clean}\n`,
      errors: [{
        line: 3, column: 1,
        message: "This RUN only removes files that the RUN on line 2 created; they stay in that earlier layer, so the image is not any smaller; clean up at the end of the RUN that creates them.",
        fixes: [{ title: 'Move the cleanup into the RUN on line 2', safe: false, output: `FROM ${image}\nRUN ${create} && ${clean}\n` }],
      }],
      output: null,
    })),
    {
      name: 'the latest RUN of the manager, multi-line, in the parent of the shipped stage',
      code: 'FROM debian:12 AS base\nRUN apt-get update \\\n && apt-get install -y curl\nENV A=1\nRUN apt-get install -y git\nRUN apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["bash"]\n',
      errors: [{ line: 6, message: /the RUN on line 5 created/, fixes: [{ output: 'FROM debian:12 AS base\nRUN apt-get update \\\n && apt-get install -y curl\nENV A=1\nRUN apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["bash"]\n' }] }],
    },
    {
      name: 'creator ends with a comment line: reported without a fix',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'cleanups of two different RUNs: reported without a fix',
      code: 'FROM node:20\nRUN apt-get update && apt-get install -y git\nRUN npm ci\nRUN npm cache clean --force && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 4, message: /line 3/, fixes: [] }],
    },
  ],
});
