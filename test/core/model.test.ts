import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { applyEdit, randomEdit } from '../../scripts/differential/edits';
import { rngFor } from '../../scripts/fuzz/inputs';
import type { StageModel } from '../../server/src/core/model/stages';
import type { StagecraftConfig } from '../../server/src/core/config';
import { splitShell } from '../../server/src/core/model/shell';
import { installOf } from '../../server/src/core/model/installs';
import { parseImageRef } from '../../server/src/core/model/image-ref';
import { imageFacts, runtimeVariant } from '../../server/src/core/model/images';

const model = (text: string, config = {}) => analyze(text, {}, config).model!;

describe('stage model', () => {
  const DF = [
    'ARG GO=1.22',
    'ARG IMAGE="golang:${GO}-bookworm"',
    'FROM ${IMAGE} AS Build',
    'ARG A B=2',
    'RUN go build -o /out/app .',
    'FROM alpine:3.20 AS assets',
    'FROM build AS test',
    'FROM scratch',
    'COPY --from=build /out/app /app',
    'COPY --from=1 /x /x',
    'RUN --mount=from=BUILD,target=/b true',
    'COPY --from=nginx:1 /etc/nginx /etc/nginx',
    'COPY --from=later /x /x',
    'FROM alpine AS later',
  ].join('\n');

  it('resolves bases through nested global ARGs and build args', () => {
    assert.equal(model(DF).stages[0].baseResolved, 'golang:1.22-bookworm');
    assert.equal(model(DF).stages[0].image?.tag, '1.22-bookworm');
    assert.equal(model(DF, { buildArgs: { GO: '1.23' } }).stages[0].baseResolved, 'golang:1.23-bookworm');
  });

  it('reads every name an ARG declares', () => {
    const m = model(DF);
    assert.deepEqual(m.decls.filter((d) => d.stage === 0).map((d) => [d.name, d.value ?? null]), [['A', null], ['B', '2']]);
    assert.deepEqual(m.globalArgs.map((d) => d.name), ['GO', 'IMAGE']);
  });

  it('resolves references as Docker does', () => {
    const refs = model(DF).refs.map((r) => `${r.kind}:${r.value}=${r.resolution}${r.target ?? ''}`);
    assert.deepEqual(refs, [
      'from:${IMAGE}=variable', 'from:alpine:3.20=image', 'from:build=stage0', 'from:scratch=image',
      'copy:build=stage0', 'copy:1=index1', 'mount:BUILD=stage0', 'copy:nginx:1=image', 'copy:later=forward4',
      'from:alpine=image',
    ]);
  });

  it('computes targets, reachability, the shipped stage and the stages in the image', () => {
    const m = model(DF);
    assert.deepEqual(m.targets, [4]);
    assert.deepEqual([...m.needed].sort(), [4]);
    const t = model(DF, { targets: ['3'] });
    assert.deepEqual([...t.needed].sort(), [0, 1, 3]);
    assert.deepEqual([...t.shipped], [3]);
    const test = model(DF, { targets: ['test'] });
    assert.deepEqual([...test.inImage].sort(), [0, 2], 'the test stage and its FROM parent are in the image');
  });

  it('splits shell commands with quotes, operators, env prefixes and continuations', () => {
    const cmds = splitShell('CGO_ENABLED=0 go build -o "/out/my app" . && echo \'a && b\' | tee x; \\\n sudo apt-get install -y gcc');
    assert.deepEqual(cmds.map((c) => c.words), [['go', 'build', '-o', '/out/my app', '.'], ['echo', 'a && b'], ['tee', 'x'], ['apt-get', 'install', '-y', 'gcc']]);
    assert.deepEqual(cmds[0].env, { CGO_ENABLED: '0' });
  });

  it('reads the commands of every branch of a shell conditional and of loop bodies as commands', () => {
    const text = 'if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  else echo "then" && exit 1; fi; while false; do make; done; ! test -f x';
    const cmds = splitShell(text);
    assert.deepEqual(cmds.map((c) => c.words), [
      ['[', '-f', 'yarn.lock', ']'], ['yarn', '--frozen-lockfile'], ['[', '-f', 'package-lock.json', ']'], ['npm', 'ci'],
      ['echo', 'then'], ['exit', '1'], ['false'], ['make'], ['test', '-f', 'x'],
    ]);
    assert.equal(text.slice(cmds[3].offset, cmds[3].offset + 6), 'npm ci', 'the offset is the first word after the reserved word');
  });

  it('drops comment lines inside a continued command and continues after an escape followed by blanks, as Docker does', () => {
    const cmds = splitShell('apt-get -y install \\\n# build dependencies\n    cmake g++ \\ \n    libtool && echo done\n# a comment\nls');
    assert.deepEqual(cmds.map((c) => c.words), [['apt-get', '-y', 'install', 'cmake', 'g++', 'libtool'], ['echo', 'done'], ['ls']]);
  });

  it('recognises installs per package manager', () => {
    const of = (s: string) => installOf(splitShell(s)[0]);
    assert.equal(of('npm --loglevel=warn ci')?.requiresLock, true);
    assert.equal(of('npm ci --omit=dev')?.production, true);
    assert.equal(of('npm install -g pnpm'), undefined);
    assert.equal(of('pip install -r requirements-dev.txt')?.production, false);
    assert.equal(of('pip install -r dependencies.txt')?.production, true);
    assert.equal(of('bundle --version'), undefined);
    assert.equal(of('poetry install --only main')?.production, true);
    assert.equal(of('apt-get install -y curl')?.system, true);
  });

  it('classifies base images', () => {
    assert.equal(imageFacts(parseImageRef('node:20')).sdk, true);
    assert.equal(imageFacts(parseImageRef('node:20-slim')).sdk, false);
    assert.equal(imageFacts(parseImageRef('node:20-alpine')).libc, 'musl');
    assert.equal(imageFacts(parseImageRef('gcr.io/distroless/static-debian12')).libc, 'none');
    assert.equal(runtimeVariant(parseImageRef('node:20')), 'node:20-slim');
    assert.equal(runtimeVariant(parseImageRef('maven:3.9-eclipse-temurin-21')), 'eclipse-temurin:21-jre');
    assert.equal(runtimeVariant(parseImageRef('mcr.microsoft.com/dotnet/sdk:8.0')), 'mcr.microsoft.com/dotnet/aspnet:8.0');
    assert.equal(runtimeVariant(parseImageRef('mcr.microsoft.com/devcontainers/ruby:3')), undefined);
    assert.equal(runtimeVariant(parseImageRef('golang:1.22-windowsservercore')), undefined);
  });

  it('never throws, whatever the input', () => {
    for (const t of ['', 'FROM', '\u0000\u0001', 'FROM a AS', 'COPY --from= x', 'ARG', 'FROM ${', 'RUN <<EOF']) {
      const a = analyze(t);
      assert.deepEqual(a.internalErrors, [], t);
    }
  });
});

describe('parser wrapper', () => {
  it('keeps dockerfile-ast answers stable whatever the order of calls', () => {
    const t = 'FROM node:22-bookworm AS builder\nRUN true\n';
    const from = analyze(t).model!.stages[0].from;
    from.getImageName();
    assert.equal(from.getImageTag(), '22-bookworm');
    assert.equal(from.getImageName(), 'node');
    assert.deepEqual(from.getArguments().map((a) => a.getValue()), ['node:22-bookworm', 'AS', 'builder']);
  });
});

/**
 * A model as plain data: parsed objects (instructions, flags) by class and range, sets as arrays,
 * the text, the parse and the lookup functions left out (the lookups are compared by their answers).
 */
function modelData(m: StageModel): unknown {
  const seen = new Map<object, string>();
  const plain = (v: unknown, at: string): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof Set) return { set: [...v].map((x, i) => plain(x, `${at}.${i}`)) };
    const parsed = v as { getRange?(): unknown; document?: unknown };
    if (typeof parsed.getRange === 'function' && 'document' in parsed) return `${v.constructor.name}@${JSON.stringify(parsed.getRange())}`;
    // the same object met twice is named where it was first met (the model shares its objects)
    const first = seen.get(v);
    if (first !== undefined) return { same: first };
    seen.set(v, at);
    if (Array.isArray(v)) return v.map((x, i) => plain(x, `${at}.${i}`));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x !== 'function') out[k] = plain(x, `${at}.${k}`);
    }
    return out;
  };
  const { dockerfile: _d, text: _t, lines: _l, ...rest } = m;
  const lines = Array.from({ length: m.lines.lineCount + 1 }, (_, line) => m.stageAtLine(line)?.index ?? -1);
  const names = m.stages.flatMap((s) => (s.name ? [s.name, s.name.toUpperCase(), String(s.index)] : [String(s.index)])).map((n) => m.stageByName(n)?.index ?? -1);
  return { model: plain(rest, 'model'), lines, names };
}

describe('stage model of an incremental analysis', function () {
  this.timeout(120_000);
  const corpus = path.resolve(__dirname, '../../../shared/corpus/real');
  const files = fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);

  /** Analyses each text from the one before (with the configuration given for it); each model must be the data of a fresh analysis' model. */
  function sequence(texts: string[], config: StagecraftConfig | StagecraftConfig[] = {}): Analysis {
    const configOf = (i: number) => (Array.isArray(config) ? config[i % config.length] : config);
    let previous = analyze(texts[0], {}, configOf(0), { incremental: true });
    texts.slice(1).forEach((text, i) => {
      previous = analyze(text, {}, configOf(i + 1), { previous, incremental: true });
      assert.deepStrictEqual(modelData(previous.model!), modelData(analyze(text, {}, configOf(i + 1)).model!), text);
    });
    return previous;
  }

  it('is the same data as a fresh analysis\' model after random edits', () => {
    let edits = 0;
    for (let f = 0; edits < 1500; f = (f + 13) % files.length) {
      const r = rngFor(11, f);
      let text = fs.readFileSync(path.join(corpus, files[f]), 'utf8');
      const texts = [text];
      for (let k = 0; k < 15; k++, edits++) texts.push((text = applyEdit(text, randomEdit(text, r))));
      sequence(texts, f % 3 === 0 ? { targets: ['build'], buildArgs: { BASE: 'alpine:3.20', VERSION: '2' } } : {});
    }
  });

  it('follows edits of stage names, bases, global ARGs and references that other stages read', () => {
    const base = 'ARG BASE=alpine:3.20\nFROM $BASE AS build\nRUN make\nFROM build AS test\nCOPY --from=build /a /a\nRUN --mount=from=build,target=/b true\nFROM scratch\nCOPY --from=1 /x /x\n';
    sequence([
      base,
      base.replace('AS build', 'AS built'),
      base.replace('AS build', 'AS BUILD'),
      base.replace('ARG BASE=alpine:3.20', 'ARG BASE=scratch'),
      base.replace('ARG BASE=alpine:3.20', 'ARG BASE=build'),
      base.replace('FROM scratch', 'FROM test'),
      base.replace('FROM build AS test\n', ''),
      base.replace('COPY --from=1', 'COPY --from=5'),
      base.replace('FROM scratch\n', 'FROM scratch\nFROM node:20 AS build\n'),
      base,
    ]);
    sequence([base, base.replace('AS test', 'AS t2'), base], { targets: ['test'] });
    // the same text with other targets and build args
    sequence([base, base, base, base.replace('RUN make', 'RUN make all'), base], [{}, { targets: ['test'] }, { targets: ['0', 'test'] }, { buildArgs: { BASE: 'build' } }, {}]);
    // the parent changes while the stage's own text, index and base stay
    const twice = 'FROM alpine:3.20 AS x\nRUN a\nFROM alpine:3.19 AS x\nRUN b\nFROM x\nRUN c\n';
    sequence([twice, twice.replace('3.19 AS x', '3.19 AS y'), twice]);
  });

  it('relies on dockerfile-ast finding no variable in an instruction whose text has no `$`', () => {
    const texts = files.slice(0, 300).map((f) => fs.readFileSync(path.join(corpus, f), 'utf8'));
    texts.push('FROM a\nLABEL x="y" z=w\nRUN <<EOF\necho $HOME\nEOF\nCOPY <<EOF /x\n${A}\nEOF\nONBUILD RUN echo $X\nENV A=\\$B\n');
    let without = 0;
    for (const text of texts) {
      for (const i of analyze(text).model!.dockerfile.getInstructions()) {
        if (i.getTextContent().includes('$')) continue;
        without++;
        assert.deepEqual(i.getVariables(), [], i.getTextContent());
      }
    }
    assert.ok(without > 1000);
  });

  it('keeps what it read of a stage whose instructions an edit left alone (the same objects)', () => {
    const text = 'FROM node:20 AS a\nRUN npm ci\nCOPY . .\nFROM node:20 AS b\nARG X=1\nRUN echo $X\nCOPY --from=a /app /app\n';
    const first = analyze(text, {}, {}, { incremental: true });
    const next = analyze(text.replace('npm ci', 'npm install'), {}, {}, { previous: first, incremental: true });
    const [a0, b0] = first.model!.stages;
    const [a1, b1] = next.model!.stages;
    assert.notEqual(a1.runs, a0.runs, 'the edited stage is read again');
    assert.equal(b1.runs, b0.runs, 'the other stage is kept');
    assert.equal(b1.instructions, b0.instructions);
    assert.deepStrictEqual(modelData(next.model!), modelData(analyze(text.replace('npm ci', 'npm install')).model!));
  });
});
