import rule from '../../../../server/src/core/rules/buildkit/InvalidDefaultArgInFrom';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'ARG TAG=latest\nFROM busybox:${TAG}\n',
    'ARG VARIANT\nFROM busybox:stable${VARIANT}\n',
    'ARG TAG\nFROM alpine:${TAG:-3.14}\n',
    { name: 'build args do not count: defaults are checked', code: 'ARG VERSION="latest"\nFROM busybox:${VERSION}\n', config: { buildArgs: { VERSION: 'x' } } },
    'ARG BASE=builder\nFROM alpine AS builder\nFROM ${BASE}\n',
    { name: 'quotes around the variable are removed by the lexer (corpus: jenkinsci/docker)', code: 'ARG ALPINE_TAG=3.24.1\nFROM alpine:"${ALPINE_TAG}" AS jre\n' },
    { name: 'quoted default with a quoted suffix', code: 'ARG LINE=trixie\nARG VARIANT="-slim"\nFROM debian:"${LINE}${VARIANT}"\n' },
  ],
  invalid: [
    { code: 'ARG TAG\nFROM busybox:${TAG}\n', errors: [{ line: 2, column: 6, message: 'Default value for ARG busybox:${TAG} results in empty or invalid base image name' }] },
    { code: 'ARG IMAGE\nFROM $IMAGE\n', config: { buildArgs: { IMAGE: 'busybox:latest' } }, errors: [{ line: 2, message: 'Default value for ARG $IMAGE results in empty or invalid base image name' }] },
    { code: 'ARG SFX="box:"\nFROM busy${SFX}\n', errors: [{ line: 2 }] },
    { name: 'quotes removed, still empty', code: 'ARG TAG\nFROM alpine:"${TAG}"\n', errors: [{ line: 2, message: 'Default value for ARG alpine:"${TAG}" results in empty or invalid base image name' }] },
  ],
});
