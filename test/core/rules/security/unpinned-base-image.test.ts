import rule from '../../../../server/src/core/rules/security/unpinned-base-image';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\n',
    'FROM scratch\nCOPY app /app\n',
    'FROM golang:1.22 AS build\nFROM build\nRUN true\n',
    'FROM golang:1.22 AS build\nFROM BUILD AS test\n',
    { name: 'digest pins the image', code: 'FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'latest with a digest is pinned', code: 'FROM alpine:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'variable-only base', code: 'ARG BASE=node:20\nFROM $BASE\n' },
    { name: 'braced variable-only base', code: 'ARG BASE\nFROM ${BASE:-node:20}\n' },
    { name: 'variable tag', code: 'ARG V=20\nFROM node:${V}\n' },
    { name: 'variable in the name may carry the tag', code: 'ARG S=:20\nFROM node$S\n' },
    { name: 'registry with a port and a tag', code: 'FROM localhost:5000/app:1.2\n' },
    { name: 'a template placeholder is not an image name', code: 'FROM REPLACE-ME\nFROM %{from_ref}\n' },
    { name: 'near miss: a tag that only contains the letters of latest is a version', code: 'FROM example/app:1.2-latestfix\nFROM example/app:v2-greatest\n' },
    { name: 'near miss: a variable tag ending in -latest may be pinned by the build argument', code: 'ARG V=1.2\nFROM example/app:${V}-latest\n' },
    { name: 'registry with a path, pinned', code: 'FROM ghcr.io/acme/tool:1.4.2\n' },
    { name: 'variable resolving to a stage', code: 'ARG B=build\nFROM alpine:3.20 AS build\nFROM $B\n' },
  ],
  invalid: [
    {
      name: 'no tag', code: 'FROM ubuntu\nRUN true\n',
      errors: [{ line: 1, column: 6, endColumn: 12, message: "Base image 'ubuntu' has no tag, so it means 'ubuntu:latest', which changes whenever the image is republished; pin a version tag (or a digest).", fixes: [] }],
      output: null,
    },
    {
      name: 'latest', code: 'FROM node:latest AS build\n',
      errors: [{ line: 1, column: 6, message: "Base image 'node' uses the 'latest' tag, which changes whenever the image is republished; pin a version tag (or a digest)." }],
    },
    { name: 'LATEST in capitals', code: 'FROM node:LATEST\n', errors: [{ line: 1, message: /'latest' tag/ }] },
    { name: 'registry with a port, no tag', code: 'FROM localhost:5000/app\n', errors: [{ line: 1, message: /'localhost:5000\/app' has no tag/ }] },
    { name: 'with --platform, in a builder stage', code: 'FROM --platform=$BUILDPLATFORM golang AS build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n', errors: [{ line: 1, column: 32 }] },
    { name: 'variable registry, no tag', code: 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/python\n', errors: [{ line: 2 }] },
    { name: 'no tag on ghcr.io', code: 'FROM ghcr.io/acme/tool\n', errors: [{ line: 1, message: /'ghcr.io\/acme\/tool' has no tag/ }] },
    { name: 'no tag on a registry with a port and no dots', code: 'FROM registry:5000/team/app\n', errors: [{ line: 1, message: /'registry:5000\/team\/app' has no tag/ }] },
    {
      name: 'latest in disguise: a tag that starts with latest-',
      code: 'FROM ghcr.io/rust-lang/rust:latest-rust-1\n',
      errors: [{ line: 1, column: 6, message: "Base image 'ghcr.io/rust-lang/rust' uses the tag 'latest-rust-1', which follows the latest release like 'latest' does and changes whenever the image is republished; pin a version tag (or a digest).", fixes: [] }],
      output: null,
    },
    { name: 'latest in disguise: a tag that ends in -latest', code: 'FROM example/app:22-latest AS build\nFROM example/app:stable_LATEST\n', errors: [{ line: 1, message: /tag '22-latest'/ }, { line: 2, message: /tag 'stable_LATEST'/ }] },
    { name: 'each stage', code: 'FROM alpine AS a\nFROM debian:latest\n', errors: [{ line: 1 }, { line: 2 }] },
  ],
});
