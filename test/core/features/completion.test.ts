import assert from 'node:assert/strict';
import { completionsAt } from '../../../server/src/core/features/completion';
import { INSTRUCTIONS } from '../../../server/src/core/features/docs-catalog';
import { rules } from '../../../server/src/core/rules/registry';
import { atCursor } from './helpers';

const complete = (marked: string) => {
  const { model, pos } = atCursor(marked);
  return completionsAt(model, pos);
};
const labels = (marked: string) => complete(marked).map((c) => c.label);

describe('features/completion', () => {
  it('offers every instruction as a snippet at the start of a line, in the file\'s case', () => {
    const items = complete('FROM alpine\nR|\n');
    assert.deepEqual(items.map((i) => i.label).sort(), Object.keys(INSTRUCTIONS).sort());
    const from = items.find((i) => i.label === 'FROM')!;
    assert.equal(from.snippet, true);
    assert.equal(from.newText, 'FROM ${1:image}:${2:tag} AS ${3:name}');
    assert.deepEqual(from.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    assert.ok(labels('from alpine\nrun x\nr|\n').includes('run'));
    assert.equal(labels('FROM alpine\nRUN a \\\n  b|\n').length, 0, 'not on a continuation line');
    assert.ok(!labels('FROM alpine\nONBUILD R|\n').includes('FROM'), 'ONBUILD takes no FROM');
    assert.deepEqual(labels('FROM alpine\nWORK|DIR /src\n'), [], 'not in the middle of a word');
    assert.equal(complete('FROM alpine\nW| /src\n').find((c) => c.label === 'WORKDIR')!.newText, 'WORKDIR', 'no snippet before existing arguments');
  });

  it('offers the flags of the instruction, not those already given', () => {
    assert.deepEqual(labels('FROM alpine AS a\nRUN --| true\n'), ['--mount', '--network', '--security']);
    assert.deepEqual(labels('FROM alpine AS a\nCOPY --link --| a b\n'), ['--from', '--chown', '--chmod', '--exclude', '--parents']);
    assert.deepEqual(labels('FROM --| alpine\n'), ['--platform']);
    assert.ok(labels('FROM alpine AS a\nRUN --mount=type=cache,target=/x --| true\n').includes('--mount'), '--mount repeats');
    assert.deepEqual(labels('FROM alpine AS a\nRUN echo --| \n'), [], 'not after the command starts');
    const mount = complete('FROM alpine\nRUN --m| true\n').find((c) => c.label === '--mount')!;
    assert.equal(mount.newText, '--mount=');
    assert.equal(mount.retrigger, true);
  });

  it('offers --mount types, keys per type, and the cache directory of the command on the line', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=| true\n'), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
    const apt = complete('FROM debian\nRUN --mount=type=cache,target=| apt-get update && apt-get install -y curl\n');
    assert.deepEqual(apt.slice(0, 2).map((c) => c.label), ['/var/cache/apt', '/var/lib/apt']);
    assert.equal(apt[0].preselect, true);
    assert.equal(complete('FROM node\nRUN --mount=type=cache,target=| npm ci\n')[0].label, '/root/.npm');
    assert.equal(complete('FROM python\nRUN --mount=type=cache,target=| pip install -r requirements.txt\n')[0].label, '/root/.cache/pip');
    const sharing = complete('FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=| apt-get update\n');
    assert.deepEqual(sharing.map((c) => c.label), ['shared', 'private', 'locked']);
    assert.equal(sharing.find((c) => c.preselect)?.label, 'locked');
    assert.equal(complete('FROM node\nRUN --mount=type=cache,target=/root/.npm,sharing=| npm ci\n').find((c) => c.preselect)?.label, 'shared');
    const templates = labels('FROM debian\nRUN --mount=| apt-get update\n');
    assert.ok(templates.includes('type=cache,target=/var/cache/apt,sharing=locked'), templates.join());
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=secret,| true\n'), ['id=', 'target=', 'env=', 'required=', 'mode=', 'uid=', 'gid=']);
    assert.ok(!labels('FROM alpine\nRUN --mount=type=cache,target=/x,| true\n').includes('target='), 'given keys are not offered again');
    assert.deepEqual(labels('FROM alpine AS b\nFROM alpine\nRUN --mount=from=| true\n'), ['b']);
  });

  it('keeps completing stage names after --from= and in FROM', () => {
    const items = complete('FROM alpine AS one\nFROM alpine AS two\nFROM alpine\nCOPY --from=| /a /b\n');
    assert.deepEqual(items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label), ['two', 'one'], 'nearest first');
    assert.deepEqual(labels('FROM alpine AS one\nFROM |\n'), ['one']);
  });

  it('offers --platform values with the automatic platform args', () => {
    const items = complete('FROM --platform=| alpine\n');
    assert.deepEqual(items.slice(0, 2).map((i) => i.label), ['$BUILDPLATFORM', '$TARGETPLATFORM']);
    assert.ok(items.some((i) => i.label === 'linux/arm64'));
    assert.deepEqual(labels('FROM alpine\nRUN --network=| true\n'), ['default', 'none', 'host']);
  });

  it('offers the variables in scope after $ and ${', () => {
    assert.deepEqual(labels('ARG G=1\nFROM alpine:$|\n').slice(0, 2), ['G', 'TARGETPLATFORM']);
    const items = complete('ARG G=1\nFROM alpine AS a\nARG X=2\nENV Y=3\nRUN echo ${|\nENV Z=4\n');
    assert.deepEqual(items.map((i) => i.label), ['X', 'Y'], 'declared before the line, not the global G (not redeclared), not Z');
    assert.equal(items[0].newText, 'X}');
    assert.equal(items[0].detail, '2');
    assert.equal(complete('FROM alpine AS a\nENV Y=3\nRUN echo ${Y|}\n')[0].newText, 'Y', 'no second brace');
    assert.deepEqual(labels('FROM alpine AS a\nENV P=1\nFROM a\nRUN echo $|\n'), ['P'], 'ENV inherited through FROM a');
  });

  it('completes # syntax= and # check= directives at the top, and rule ids in suppression comments', () => {
    assert.deepEqual(labels('# |\nFROM alpine\n'), ['syntax=', 'check=', 'escape=', 'stagecraft-ignore', 'stagecraft-ignore-file']);
    assert.deepEqual(labels('FROM alpine\n# |\nRUN x\n'), ['stagecraft-ignore', 'stagecraft-ignore-file'], 'directives only at the top');
    assert.deepEqual(labels('# syntax=|\nFROM alpine\n'), ['docker/dockerfile:1', 'docker/dockerfile:1-labs']);
    assert.deepEqual(labels('# check=|\nFROM alpine\n'), ['skip=', 'error=true', 'experimental=']);
    const skip = labels('# check=skip=JSONArgsRecommended,|\nFROM alpine\n');
    assert.ok(skip.includes('StageNameCasing') && skip.includes('all'));
    const ids = labels('FROM alpine\n# stagecraft-ignore stage/unreachable,|\nRUN x\n');
    assert.deepEqual(ids, [...rules.keys()]);
    assert.equal(complete('FROM alpine\n# stagecraft-ignore-file cache/ap|\n')[0].range.start.character, 25);
  });
});
