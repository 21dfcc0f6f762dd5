import rule from '../../../../server/src/core/rules/stage/apt-install-recommends';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    { name: 'the flag before the subcommand', code: 'FROM debian:12\nRUN apt-get --no-install-recommends -y install curl\n' },
    { name: 'apt option APT::Install-Recommends=false', code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n' },
    { name: 'apt configured to leave recommends out earlier in the image', code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/00-no-recommends\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'a builder stage may install what it likes', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y build-essential\nRUN make\nFROM debian:12-slim\nCOPY --from=build /out /out\n' },
    { name: 'not an install', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y curl\n' },
    { name: 'a simulation installs nothing (corpus: postgres asks whether a package exists)', code: 'FROM debian:12\nRUN if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then apt-get install -y --no-install-recommends postgresql-18-jit; fi\n' },
    { name: 'a download only installs nothing', code: 'FROM debian:12\nRUN apt-get install --download-only -y curl && apt-get install -qqd -y git\n' },
    { name: 'the flag after the packages, with an escape followed by a blank (corpus: example-voting-app)', code: 'FROM node:8.9-slim\nRUN apt-get update -qq && apt-get install -qy \\ \n    ca-certificates \\\n    curl \\\n    --no-install-recommends\n' },
    { name: 'a comment line inside the package list', code: 'FROM debian:12\nRUN apt-get -y install \\\n# build tools\n    --no-install-recommends cmake\n' },
    { name: 'apk and dnf have no recommends', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
    { name: 'a stage not in the shipped image under a configured target', code: 'FROM debian:12 AS debug\nRUN apt-get install -y gdb\nFROM debian:12 AS app\nCMD ["app"]\n', config: { targets: ['app'] } },
  ],
  invalid: [
    {
      name: 'apt-get install without the flag (message, fix)',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl ca-certificates\n',
      errors: [{
        line: 2, column: 23,
        message: "'apt-get install -y curl ca-certificates' also installs the packages these recommend (apt's default), which grow the shipped image and are rarely needed; add '--no-install-recommends'.",
        fixes: [{ title: 'Add --no-install-recommends', safe: false, output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates\n' }],
      }],
      output: null,
    },
    {
      name: 'apt install, continued over lines',
      code: 'FROM ubuntu:24.04\nRUN apt update \\\n && apt install -y \\\n      python3 \\\n && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, column: 5, fixes: [{ output: 'FROM ubuntu:24.04\nRUN apt update \\\n && apt install --no-install-recommends -y \\\n      python3 \\\n && rm -rf /var/lib/apt/lists/*\n' }] }],
    },
    {
      name: 'in a FROM ancestor of the shipped stage',
      code: 'FROM debian:12 AS base\nRUN apt-get install -y curl\nFROM base\nCMD ["curl"]\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'every install of a RUN, each in a branch',
      code: 'FROM debian:12\nRUN if [ -n "$DEV" ]; then apt-get install -y gdb; else apt-get install -y curl; fi\n',
      errors: [{ line: 2, column: 28 }, { line: 2, column: 57 }],
    },
    {
      name: 'option for recommends set to true does not count',
      code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=true install -y curl\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'exec form: reported without a fix',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ line: 2, fixes: [] }],
    },
    {
      name: 'ONBUILD RUN in the shipped stage: reported without a fix',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, fixes: [] }],
    },
    {
      name: 'suppressed by its hadolint code',
      code: 'FROM debian:12\n# hadolint ignore=DL3015\nRUN apt-get install -y curl\nRUN apt-get install -y git\n',
      errors: [{ line: 4 }],
    },
  ],
});
