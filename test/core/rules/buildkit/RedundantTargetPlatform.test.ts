import rule from '../../../../server/src/core/rules/buildkit/RedundantTargetPlatform';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine AS builder\n', 'FROM --platform=$BUILDPLATFORM alpine\n', 'FROM --platform=linux/$TARGETARCH alpine\n', { name: 'check comment', code: '# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n' }],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine AS builder\nRUN apk add --no-cache git\n',
      errors: [{ line: 1, message: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior', fixes: [{ title: 'Remove the redundant `--platform` flag', safe: true }] }],
      output: 'FROM alpine AS builder\nRUN apk add --no-cache git\n',
    },
    { code: 'FROM --platform=${TARGETPLATFORM} scratch\n', errors: [{ line: 1, message: 'Setting platform to predefined ${TARGETPLATFORM} in FROM is redundant as this is the default behavior' }], output: 'FROM scratch\n' },
  ],
});
