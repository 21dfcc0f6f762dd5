import rule from '../../../../server/src/core/rules/cache/apt-update-alone';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n',
    { name: 'update with no install after it', code: 'FROM debian:12\nRUN apt-get update\nCMD ["bash"]\n' },
    { name: 'the install refreshes again itself', code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'apk add --no-cache needs no refresh', code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl\n' },
    { name: 'install in another stage', code: 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'different managers', code: 'FROM fedora:40\nRUN dnf makecache\nRUN pip install flask\n' },
    { name: 'dnf refresh and install together', code: 'FROM fedora:40\nRUN dnf makecache && dnf install -y git\n' },
  ],
  invalid: [
    {
      name: 'apt-get update alone',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{
        line: 2, column: 5, endColumn: 19,
        message: "'apt-get update' runs in a different RUN from the install it feeds (line 3): its cached layer keeps an old package index, so changing the install later can fail or fetch outdated packages; refresh and install in one RUN.",
        fixes: [{ title: "Merge 'apt-get update' into the RUN that installs the packages", safe: true, output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' }],
      }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'apt update with flags, install with an env prefix after set -eux',
      code: 'FROM ubuntu:24.04\nRUN apt-get -qq update\nENV TZ=UTC\nRUN set -eux; \\\n    DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata\n',
      errors: [{ line: 2 }],
      output: 'FROM ubuntu:24.04\nENV TZ=UTC\nRUN set -eux; \\\n    apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata\n',
    },
    {
      name: 'apk',
      code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl\n',
      errors: [{ line: 2, message: /^'apk update' runs/, fixes: [{ title: "Merge 'apk update' into the RUN that adds the packages" }] }],
      output: 'FROM alpine:3.20\nRUN apk add curl\n'.replace('apk add', 'apk update && apk add'),
    },
    {
      name: 'dnf makecache',
      code: 'FROM fedora:40\nRUN dnf makecache\nRUN dnf install -y git\n',
      errors: [{ line: 2 }],
      output: 'FROM fedora:40\nRUN dnf makecache && dnf install -y git\n',
    },
    {
      name: 'yum makecache',
      code: 'FROM centos:7\nRUN yum makecache\nRUN yum -y install git\n',
      errors: [{ line: 2 }],
      output: 'FROM centos:7\nRUN yum makecache && yum -y install git\n',
    },
    {
      name: 'update next to other work: reported, not merged',
      code: 'FROM debian:12\nRUN apt-get update && useradd app\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, fixes: [] }],
      output: null,
    },
    {
      name: 'install fed through a pipe: reported, not merged',
      code: 'FROM debian:12\nRUN apt-get update\nCOPY packages.txt /\nRUN cat /packages.txt | xargs apt-get install -y\n',
      errors: [{ line: 2, fixes: [] }],
      output: null,
    },
    {
      name: 'update with a cache mount: reported, not merged',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, fixes: [] }],
    },
    {
      name: 'last line without a final newline',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM debian:12\r\nRUN apt-get update\r\nRUN apt-get install -y curl\r\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\r\nRUN apt-get update && apt-get install -y curl\r\n',
    },
  ],
});
