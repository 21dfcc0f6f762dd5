import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parseState, reparse, ParseState } from '../../server/src/core/incremental-parse';
import { analyze } from '../../server/src/core/analyze';
import { lineStarts } from '../../server/src/core/text';
import { applyEdit, checkFile, contextFor, randomEdit, signature } from '../../scripts/differential/edits';
import { rngFor } from '../../scripts/fuzz/inputs';

const corpus = path.resolve(__dirname, '../../../shared/corpus/real');
const files = fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);

/** What a parse says: every instruction (keyword, ranges, arguments, variables), comment, directive and stage. */
function tree(d: ReturnType<typeof DockerfileParser.parse>): string {
  type Template = { getInstructions(): { getRange(): unknown }[]; getComments(): { getRange(): unknown }[] };
  const internals = d as unknown as { buildStages: Template[]; initialInstructions: Template };
  const items = (t: Template) => [t.getInstructions().map((i) => i.getRange()), t.getComments().map((c) => c.getRange())];
  return JSON.stringify({
    instructions: d.getInstructions().map((i) => [i.getKeyword(), i.getRange(), i.getInstructionRange(), i.getArgumentsContent(),
      i.getArguments().map((a) => [a.getValue(), a.getRange()]), i.getVariables().map((v) => [v.getName(), v.getNameRange(), v.isDefined(), v.isBuildVariable()])]),
    comments: d.getComments().map((c) => [c.getRange(), c.getContent()]),
    directives: d.getDirectives().map((x) => [x.getName(), x.getValue(), x.getRange()]),
    escape: d.getEscapeCharacter(),
    stages: internals.buildStages.map(items),
    initial: items(internals.initialInstructions),
  });
}

describe('incremental parse', () => {
  const base = 'FROM node:20 AS build\nWORKDIR /app\n# a comment\nRUN npm ci \\\n  # inside\n  && npm run build\n\nFROM build AS runner\nARG X=1\nRUN echo $X\n';

  it('gives the library\'s own tree for a fresh parse', () => {
    for (const f of files.slice(0, 120)) {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8');
      assert.equal(tree(parseState(text).dockerfile), tree(DockerfileParser.parse(text)), f);
    }
  });

  it('re-parses only the instruction an edit touched and keeps the others (same objects)', () => {
    const before = parseState(base);
    const oldInstructions = before.dockerfile.getInstructions();
    const text = base.replace('WORKDIR /app', 'WORKDIR /srv');
    const after = reparse(before, text);
    assert.equal(tree(after.dockerfile), tree(DockerfileParser.parse(text)));
    assert.equal(after.stats.full, false);
    assert.equal(after.stats.reparsedChunks, 1);
    const now = after.dockerfile.getInstructions();
    assert.equal(now[0], oldInstructions[0]);
    assert.notEqual(now[1], oldInstructions[1]);
    for (let i = 2; i < now.length; i++) assert.equal(now[i], oldInstructions[i]);
    // reused instructions resolve variables through the new tree
    assert.equal((now[now.length - 1] as unknown as { dockerfile: { current: unknown } }).dockerfile.current, after.dockerfile);
  });

  it('a reused instruction resolves its variables in the new tree', () => {
    const before = parseState(base);
    const run = before.dockerfile.getInstructions().at(-1)!;
    assert.equal(run.getVariables()[0].isDefined(), true);
    const text = base.replace('ARG X=1', 'ARG Y=1');
    const after = reparse(before, text);
    assert.equal(after.dockerfile.getInstructions().at(-1), run);
    assert.equal(run.getVariables()[0].isDefined(), false);
    assert.equal(tree(after.dockerfile), tree(DockerfileParser.parse(text)));
  });

  it('keeps the stages right when an edit adds or removes a FROM, or a comment, in place', () => {
    const text = 'ARG Z\nARG Y\nARG A=1\nARG B=2\n# one\nFROM a AS x\nRUN b\n# two\nCOPY c d\nFROM e\nRUN f\n# three\nARG G\n';
    let state: ParseState = parseState(text);
    for (const next of [
      text.replace('ARG A=1', 'FROM A=1'),
      text.replace('ARG B=2', 'FROM B=2'),
      text.replace('FROM a AS x', 'RUN a AS x'),
      text.replace('FROM e', 'USER e'),
      text.replace('# two', 'FROM t'),
      text.replace('RUN b', '#UN b'),
      text.replace('ARG G', 'FROMG').replace('RUN f', 'FROM f'),
      text.replace('# one', 'AR one'),
      text,
    ]) {
      for (const t of [next, text]) {
        state = reparse(state, t);
        assert.equal(state.stats.full, false);
        assert.equal(tree(state.dockerfile), tree(DockerfileParser.parse(t)), t);
        assert.deepEqual(state.lineStarts, lineStarts(t));
      }
    }
  });

  it('parses the tail again when the edit changes the line count', () => {
    const before = parseState(base);
    const text = base.replace('WORKDIR /app\n', 'WORKDIR /app\nUSER node\n');
    const after = reparse(before, text);
    assert.equal(tree(after.dockerfile), tree(DockerfileParser.parse(text)));
    assert.equal(after.stats.reusedChunks, 1);
  });

  it('follows an edit that turns the next lines into a continuation or a heredoc', () => {
    let state: ParseState = parseState(base);
    for (const text of [
      base.replace('WORKDIR /app', 'WORKDIR /app \\'),
      base.replace('RUN npm ci \\', 'RUN npm ci'),
      base.replace('RUN npm ci \\', 'RUN <<EOF'),
      base.replace('# a comment', 'RUN <<EOF'),
    ]) {
      state = reparse(state, text);
      assert.equal(tree(state.dockerfile), tree(DockerfileParser.parse(text)), text);
    }
  });

  it('takes a full parse when the escape directive changes', () => {
    const before = parseState(base);
    const text = '# escape=`\n' + base;
    const after = reparse(before, text);
    assert.equal(after.stats.full, true);
    assert.equal(tree(after.dockerfile), tree(DockerfileParser.parse(text)));
  });
});

describe('incremental parse: random edits over corpus files give the library\'s tree', () => {
  it('1,200 edits: the same tree, line starts and offsets as a fresh parse', function () {
    this.timeout(120_000);
    let edits = 0;
    for (let f = 1; edits < 1200; f = (f + 11) % files.length) {
      let text = fs.readFileSync(path.join(corpus, files[f]), 'utf8');
      if (text.length > 60_000) continue;
      const r = rngFor(20261204, f);
      let state: ParseState = parseState(text);
      for (let k = 0; k < 30; k++, edits++) {
        text = applyEdit(text, randomEdit(text, r));
        state = reparse(state, text);
        const label = `${files[f]} edit ${k}`;
        assert.equal(tree(state.dockerfile), tree(DockerfileParser.parse(text)), label);
        assert.deepEqual(state.lineStarts, lineStarts(text), label);
        assert.deepEqual(parseState(text).chunks, state.chunks, label);
      }
    }
  });
});

describe('incremental analysis is identical to a fresh analysis (differential slice)', function () {
  this.timeout(120_000);
  // the full run is `npx tsx scripts/differential.ts --edits 100000`; CI checks a slice
  const count = Number(process.env.DIFFERENTIAL_EDITS ?? 1500);
  const perFile = 25;
  it(`${count} random edits over corpus files: 0 divergences`, () => {
    let edits = 0;
    const divergences: string[] = [];
    for (let f = 0; edits < count; f = (f + 7) % files.length) { // odd files with a build context, even without
      const text = fs.readFileSync(path.join(corpus, files[f]), 'utf8');
      const r = checkFile(files[f], text, Math.min(perFile, count - edits), 20261203, f, contextFor(f));
      edits += r.edits;
      for (const d of r.divergences) divergences.push(`${d.file} edit ${d.edit} (${d.kind})`);
    }
    assert.deepEqual(divergences, []);
  });

  it('a validator problem that reaches past its instruction is not kept with it (EXPOSE with a bad protocol ends at the end of the text)', () => {
    // found by the differential run: the range of the EXPOSE problem followed the end of the document
    const before = '# escape=`\nFROM alpine:3.20\nEXPOSE 443/u\ndp\nCMD ["x"]\n';
    const after = before + ' `';
    const incremental = analyze(after, {}, {}, { previous: analyze(before, {}, {}, { incremental: true }) });
    assert.equal(signature(incremental), signature(analyze(after, {})));
  });

  it('with build-context facts and a configuration, edits in a multi-stage file', () => {
    const text = 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm install\nRUN npm run build\n\nFROM node:20-slim\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/index.js"]\n';
    const context = { files: ['package.json', 'package-lock.json', 'src/index.ts', '.env'], dockerignore: null };
    const r = checkFile('multi-stage', text, 400, 7, 0, context);
    assert.deepEqual(r.divergences.map((d) => d.kind), []);
    assert.ok(analyze(text, context).findings.length > 3, 'the file exercises the context rules');
  });
});
