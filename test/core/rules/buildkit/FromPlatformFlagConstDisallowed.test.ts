import rule from '../../../../server/src/core/rules/buildkit/FromPlatformFlagConstDisallowed';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine AS base\n',
    'FROM --platform=${BUILDPLATFORM} alpine AS base\n',
    { name: 'per-platform stages', code: 'FROM --platform=linux/amd64 alpine AS build_amd64\nFROM --platform=linux/arm64 alpine AS build_arm64\nFROM build_${TARGETARCH} AS build\n' },
    'FROM --platform=linux/amd64 scratch AS linux\n',
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 alpine AS base\n', errors: [{ line: 1, column: 17, message: 'FROM --platform flag should not use constant value "linux/amd64"' }] },
    { code: 'FROM --platform=linux/arm64/v8 scratch\n', errors: [{ line: 1, message: 'FROM --platform flag should not use constant value "linux/arm64/v8"' }] },
  ],
});
