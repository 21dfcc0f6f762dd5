import assert from 'node:assert/strict';
import { documentLinks } from '../../../server/src/core/features/links';
import { encodeSemanticTokens, semanticTokens } from '../../../server/src/core/features/semantic-tokens';
import { modelOf } from './helpers';

describe('features/links', () => {
  it('links base images to Docker Hub, GHCR, MCR and Quay pages', () => {
    const text = [
      'ARG BASE=python:3.12', 'FROM node:20 AS a', 'FROM bitnami/redis:7 AS b', 'FROM ghcr.io/owner/tool:1 AS c',
      'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS d', 'FROM quay.io/prometheus/node-exporter AS e', 'FROM ${BASE} AS f',
      'FROM registry.example.com/x/y AS g', 'FROM a AS h', 'FROM scratch', 'COPY --from=alpine:3.20 /a /b', 'COPY --from=a /a /b', '',
    ].join('\n');
    const links = documentLinks(modelOf(text));
    assert.deepEqual(links.map((l) => [l.range.start.line, l.target]), [
      [1, 'https://hub.docker.com/_/node'],
      [2, 'https://hub.docker.com/r/bitnami/redis'],
      [3, 'https://ghcr.io/owner/tool'],
      [4, 'https://mcr.microsoft.com/artifact/mar/dotnet/sdk'],
      [5, 'https://quay.io/repository/prometheus/node-exporter'],
      [6, 'https://hub.docker.com/_/python'],
      [10, 'https://hub.docker.com/_/alpine'],
    ]);
    assert.deepEqual(links[0].range, { start: { line: 1, character: 5 }, end: { line: 1, character: 12 } });
    assert.equal(links[0].tooltip, 'Open node:20 on Docker Hub');
  });
});

describe('features/semantic-tokens', () => {
  it('marks stage names and variables at their declaration and every reference', () => {
    const text = ['ARG V=1', 'FROM alpine:$V AS build', 'ENV APP=/a', 'RUN echo $APP', 'FROM build', 'COPY --from=build $APP /b', 'FROM --platform=$BUILDPLATFORM alpine', ''].join('\n');
    const tokens = semanticTokens(modelOf(text)).map((t) => [t.line, t.character, t.length, t.type, t.modifiers.join('+')]);
    assert.deepEqual(tokens, [
      [0, 4, 1, 'parameter', 'declaration'],
      [1, 13, 1, 'parameter', ''],
      [1, 18, 5, 'namespace', 'declaration'],
      [2, 4, 3, 'variable', 'declaration'],
      [3, 10, 3, 'variable', ''],
      [4, 5, 5, 'namespace', ''],
      [5, 12, 5, 'namespace', ''],
      [5, 19, 3, 'variable', ''],
      [6, 17, 13, 'parameter', 'defaultLibrary'],
    ]);
  });

  it('encodes relative positions as LSP does', () => {
    const data = encodeSemanticTokens([
      { line: 1, character: 5, length: 3, type: 'namespace', modifiers: ['declaration'] },
      { line: 1, character: 10, length: 2, type: 'variable', modifiers: [] },
      { line: 3, character: 2, length: 4, type: 'parameter', modifiers: ['declaration', 'defaultLibrary'] },
    ]);
    assert.deepEqual(data, [1, 5, 3, 0, 1, 0, 5, 2, 1, 0, 2, 2, 4, 2, 3]);
  });
});
