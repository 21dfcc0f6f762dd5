import rule from '../../../../server/src/core/rules/buildkit/FromAsCasing';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:latest AS deb-builder\n',
    'from debian:latest as deb-builder\n',
    { name: 'mixed-case FROM is left to ConsistentInstructionCasing', code: 'From debian AS b\nFROM scratch\n' },
    'FROM debian\n',
  ],
  invalid: [
    {
      code: 'FROM debian:latest as builder\n',
      errors: [{ line: 1, column: 20, message: "'as' and 'FROM' keywords' casing do not match", fixes: [{ title: "Write 'AS' to match 'FROM'", safe: true }] }],
      output: 'FROM debian:latest AS builder\n',
    },
    {
      code: 'from scratch AS base\nfrom scratch as base2\n',
      errors: [{ line: 1, message: "'AS' and 'from' keywords' casing do not match" }],
      output: 'from scratch as base\nfrom scratch as base2\n',
    },
    { name: 'mixed-case AS', code: 'FROM alpine As b\n', errors: [{ line: 1, message: "'As' and 'FROM' keywords' casing do not match" }], output: 'FROM alpine AS b\n' },
  ],
});
