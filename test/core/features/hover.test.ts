import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/core/features/hover';
import { INSTRUCTIONS, MOUNT_TYPES, REFERENCE } from '../../../server/src/core/features/docs-catalog';
import { atCursor } from './helpers';

const hover = (marked: string, buildArgs: Record<string, string> = {}) => {
  const { model, pos } = atCursor(marked, buildArgs);
  return hoverAt(model, pos);
};

describe('features/hover', () => {
  it('documents every instruction keyword with its reference link', () => {
    for (const k of Object.keys(INSTRUCTIONS)) {
      const body = k === 'FROM' ? 'alpine' : k === 'ONBUILD' ? 'RUN x' : 'x';
      const text = k === 'FROM' ? `F|ROM ${body}\n` : `FROM alpine\n${k[0]}|${k.slice(1)} ${body}\n`;
      const h = hover(text);
      assert.ok(h, k);
      assert.ok(h.markdown.includes(`**${k}**`), `${k}: ${h.markdown}`);
      assert.ok(h.markdown.includes(REFERENCE + INSTRUCTIONS[k].anchor), k);
    }
  });

  it('documents every flag of every instruction', () => {
    const lines: Record<string, string> = { FROM: 'FROM --%s=x alpine', RUN: 'RUN --%s=x true', COPY: 'COPY --%s=x a b', ADD: 'ADD --%s=x a b', HEALTHCHECK: 'HEALTHCHECK --%s=1s CMD true' };
    for (const [k, doc] of Object.entries(INSTRUCTIONS)) {
      for (const flag of Object.keys(doc.flags)) {
        const line = lines[k].replace('%s', flag);
        const text = k === 'FROM' ? `${line.replace('--', '-|-')}\n` : `FROM alpine AS x\n${line.replace('--', '-|-')}\n`;
        const h = hover(text);
        assert.ok(h?.markdown.includes(`**${k} --${flag}**`), `${k} --${flag}: ${h?.markdown}`);
        assert.ok(h!.markdown.includes(REFERENCE), flag);
      }
    }
  });

  it('documents each --mount key for its mount type, and the type itself', () => {
    for (const [type, t] of Object.entries(MOUNT_TYPES)) {
      for (const key of Object.keys(t.keys)) {
        const h = hover(`FROM alpine\nRUN --mount=type=${type},${key[0]}|${key.slice(1)}=v true\n`);
        assert.ok(h?.markdown.includes(`--mount=type=${type} ${key}`), `${type}.${key}: ${h?.markdown}`);
        assert.ok(h!.markdown.includes(REFERENCE + t.keys[key].anchor));
      }
      const h = hover(`FROM alpine\nRUN --mount=type=${type[0]}|${type.slice(1)},target=/x true\n`);
      assert.ok(h?.markdown.includes(`**--mount=type=${type}**`), type);
    }
    const wrong = hover('FROM alpine\nRUN --mount=type=tmpfs,sh|aring=locked true\n');
    assert.match(wrong!.markdown, /`sharing` is not a key of `type=tmpfs` mounts/);
  });

  it('documents heredocs in RUN and COPY', () => {
    assert.match(hover('FROM alpine\nRUN <<E|OF\necho hi\nEOF\n')!.markdown, /RUN heredoc `<<EOF`[\s\S]*#here-documents/);
    assert.match(hover('FROM alpine\nCOPY <<-"C|FG" /etc/x\na\nCFG\n')!.markdown, /COPY heredoc `<<-"CFG"`/);
  });

  it('gives a variable its value at that point and says which ARG/ENV set it', () => {
    const text = [
      'ARG BASE=node:20', 'ARG VERSION', 'FROM ${BASE} AS build', 'ARG BASE', 'ARG MODE=dev', 'ENV APP=/app',
      'RUN echo $APP $MODE $BASE $NOPE', 'ENV MODE=prod', 'RUN echo $MODE', 'FROM build', 'RUN echo $APP $MODE', '',
    ].join('\n');
    const at = (line: number, name: string, args: Record<string, string> = {}) => {
      const lines = text.split('\n');
      const character = lines[line].indexOf(name) + 1;
      return hover(lines.map((l, i) => (i === line ? l.slice(0, character) + '|' + l.slice(character) : l)).join('\n'), args)!.markdown;
    };
    assert.match(at(2, 'BASE'), /\*\*`BASE`\*\* = `node:20`[\s\S]*global `ARG` \(line 1\)/);
    assert.match(at(2, 'BASE', { BASE: 'node:22' }), /= `node:22`[\s\S]*Build argument/);
    assert.match(at(6, 'APP'), /= `\/app`[\s\S]*`ENV` in stage `build` \(line 6\)/);
    assert.match(at(6, 'MODE'), /= `dev`[\s\S]*Default of `ARG` in stage `build` \(line 5\)/);
    assert.match(at(6, 'BASE'), /= `node:20`[\s\S]*global `ARG`/); // ARG BASE in the stage takes the global default
    assert.match(at(6, 'NOPE'), /Not defined at this point/);
    assert.match(at(8, 'MODE'), /= `prod`[\s\S]*`ENV` in stage `build` \(line 8\)/); // ENV wins over ARG
    assert.match(at(10, 'APP'), /= `\/app`[\s\S]*stage `build`/); // inherited through FROM build
    assert.match(at(10, 'MODE'), /= `prod`/);
    assert.match(hover('ARG G=1\nFROM alpine\nRUN echo $|G\n')!.markdown, /Not defined in this stage: the global `ARG G` is visible inside a stage only after `ARG G` there/);
  });

  it('names automatic platform args as BuildKit sets them', () => {
    assert.match(hover('FROM --platform=$BUILD|PLATFORM alpine\n')!.markdown, /Set automatically by BuildKit: platform of the node doing the build/);
  });

  it('keeps the stage hover on FROM and adds the base chain and what the image inherits', () => {
    const text = [
      'FROM node:20 AS base', 'USER node', 'WORKDIR /app', 'FROM base AS build', 'RUN npm ci', 'FROM build AS final',
      'ENTRYPOINT ["node", "server.js"]', 'F|ROM alpine AS other', '',
    ].join('\n');
    const { model } = atCursor(text);
    const h = hoverAt(model, { line: 5, character: 2 })!;
    assert.match(h.markdown, /\*\*Stage `final`\*\* \(#2\)/);
    assert.match(h.markdown, /- Base: stage `build`/);
    assert.match(h.markdown, /- Uses: `build`/);
    assert.match(h.markdown, /- Status: unreachable/);
    assert.match(h.markdown, /- Chain: `final` ← `build` ← `base` ← image `node:20`/);
    assert.match(h.markdown, /- USER `node` \(`base`, line 2\)/);
    assert.match(h.markdown, /- WORKDIR `\/app` \(`base`, line 3\)/);
    assert.match(h.markdown, /- ENTRYPOINT `\["node", "server.js"\]` \(this stage, line 7\)/);
    assert.match(h.markdown, /- CMD: not set/);
    assert.match(h.markdown, /\*\*FROM\*\*[\s\S]*#from/, 'the keyword adds FROM\'s doc');
    const shipped = hoverAt(model, { line: 7, character: 8 })!;
    assert.match(shipped.markdown, /The shipped image gets, from this Dockerfile:[\s\S]*- USER: not set \(the base image's, root unless it sets one\)/);
    // a stage reference still shows the stage
    const ref = hoverAt(model, { line: 3, character: 6 })!;
    assert.match(ref.markdown, /\*\*Stage `base`\*\*/);
    assert.deepEqual(ref.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } });
  });

  it('documents parser directives and answers nothing on plain text', () => {
    assert.match(hover('# syn|tax=docker/dockerfile:1\nFROM alpine\n')!.markdown, /\*\*# syntax=\*\*/);
    assert.equal(hover('FROM alpine\nRUN echo he|llo\n'), undefined);
  });
});
