// Tokenizes every real-world Dockerfile of the shared corpus with the TextMate grammar and checks
// the result against dockerfile-ast's parse of the same file: the grammar must stay in step with the
// parser on every line (no region that runs away, none that ends early), and be fast.
//
// GRAMMAR_TEST_SHELL=<path to a shell .tmLanguage.json> runs the corpus with that grammar embedded in
// RUN heredocs (for example VS Code's extensions/shellscript grammar); by default none is.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { IGrammar } from 'vscode-textmate';
import { Copy, DockerfileParser, From, Instruction, JSONInstruction, Run } from 'dockerfile-ast';
import { hasScope, loadGrammar, scopesAt, splitLines, tokenizeLines, TokenizedLine, tokensIn } from './textmate';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/real');
const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
/** Per-line budget handed to vscode-textmate; a line that needs more is reported as stopped early. */
const LINE_TIME_LIMIT_MS = 500;
/** A whole file must tokenize within this (the largest corpus file takes a few milliseconds). */
const FILE_TIME_LIMIT_MS = 1000;
/** The deepest rule stack the grammar builds is about 8 (backtick mode, two heredocs, a string). */
const MAX_DEPTH = 12;

const STAGE = 'entity.name.type.stage.dockerfile';
const KEYWORD = 'keyword.other.instruction.dockerfile';

interface Checked {
  file: string;
  problems: string[];
  ms: number;
  stages: number;
}

function rangeLines(i: Instruction): [number, number] {
  const r = i.getRange();
  return [r.start.line, r.end.line];
}

/** Checks one file; returns a list of human-readable problems (empty when the file is fine). */
function checkFile(grammar: IGrammar, file: string): Checked {
  const text = fs.readFileSync(file, 'utf8');
  const lines = splitLines(text);
  const started = performance.now();
  const tokenized = tokenizeLines(grammar, lines, LINE_TIME_LIMIT_MS);
  const ms = performance.now() - started;
  const problems: string[] = [];
  const at = (line: number, character: number): string[] => scopesAt(tokenized[line], character);
  const where = (line: number, character: number) => `${line + 1}:${character + 1}`;
  const expect = (ok: boolean, message: () => string) => {
    if (!ok) problems.push(message());
  };

  if (ms > FILE_TIME_LIMIT_MS) problems.push(`took ${ms.toFixed(0)} ms`);
  tokenized.forEach((l, n) => {
    expect(!l.stoppedEarly, () => `line ${n + 1} stopped early (over ${LINE_TIME_LIMIT_MS} ms)`);
    expect(l.depth <= MAX_DEPTH, () => `line ${n + 1}: rule stack depth ${l.depth}`);
    const covered = l.tokens.every((t, i) => t.start === (i === 0 ? 0 : l.tokens[i - 1].end)) && (l.tokens.at(-1)?.end ?? 0) >= l.text.length;
    expect(covered, () => `line ${n + 1}: tokens do not cover the line`);
  });

  const dockerfile = DockerfileParser.parse(text);
  const inInstruction = new Set<number>();
  let stages = 0;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (!KEYWORDS.has(keyword)) continue;
    const [first, last] = rangeLines(instruction);
    for (let n = first; n <= last; n++) inInstruction.add(n);

    const k = instruction.getInstructionRange().start;
    expect(at(k.line, k.character).includes(KEYWORD), () => `${where(k.line, k.character)}: ${keyword} is not a keyword: ${at(k.line, k.character).join(' ')}`);

    // Every token inside the instruction's range belongs to the instruction's region. One known
    // disagreement: a line ending in an escaped escape character (`C:\\dir\\`) ends the instruction
    // for BuildKit (and the grammar) but not for dockerfile-ast; stop comparing there.
    const range = instruction.getRange();
    const escape = dockerfile.getEscapeCharacter();
    for (let n = first; n <= last; n++) {
      if (n > first && tokenized[n - 1].text.trimEnd().endsWith(escape + escape)) break;
      const from = n === first ? range.start.character : 0;
      const to = n === last ? range.end.character : tokenized[n].text.length;
      for (const t of tokensIn(tokenized[n], from, Math.max(to, from + 1))) {
        expect(hasScope(t.scopes, 'meta.instruction'), () => `${where(n, t.start)}: ${JSON.stringify(t.text)} is outside its ${keyword}: ${t.scopes.join(' ')}`);
      }
    }

    if (instruction instanceof From) {
      const stage = instruction.getBuildStageRange();
      if (stage) {
        stages++;
        expect(at(stage.start.line, stage.start.character).includes(STAGE), () => `${where(stage.start.line, stage.start.character)}: stage name ${instruction.getBuildStage()} has ${at(stage.start.line, stage.start.character).join(' ')}`);
      }
    }
    if (instruction instanceof Copy) {
      const value = instruction.getFromFlag()?.getValueRange();
      if (value && value.end.character > value.start.character && tokenized[value.start.line].text[value.start.character] !== '$') {
        expect(at(value.start.line, value.start.character).includes(STAGE), () => `${where(value.start.line, value.start.character)}: --from value has ${at(value.start.line, value.start.character).join(' ')}`);
      }
    }
    if (instruction instanceof JSONInstruction) {
      for (const flag of instruction.getFlags()) {
        const from = flag.getName() === 'mount' ? flag.getOption('from')?.getValueRange() : null;
        if (from && from.end.character > from.start.character && tokenized[from.start.line].text[from.start.character] !== '$') {
          expect(at(from.start.line, from.start.character).includes(STAGE), () => `${where(from.start.line, from.start.character)}: --mount from= value has ${at(from.start.line, from.start.character).join(' ')}`);
        }
      }
    }
    if (instruction instanceof Run || instruction instanceof Copy) {
      const body = instruction instanceof Run ? 'meta.embedded.block.shell' : 'string.unquoted.heredoc.dockerfile';
      for (const heredoc of instruction.getHeredocs()) {
        const content = heredoc.getContentRange();
        if (content) {
          for (let n = content.start.line; n <= content.end.line; n++) {
            const scopes = at(n, 0);
            expect(scopes.includes(body), () => `${where(n, 0)}: heredoc ${heredoc.getName()} body line lacks ${body}: ${scopes.join(' ')}`);
          }
        }
        const end = heredoc.getDelimiterRange();
        if (end) {
          const column = tokenized[end.start.line].text.indexOf(heredoc.getName());
          const scopes = at(end.start.line, Math.max(column, 0));
          expect(scopes.includes('keyword.control.heredoc-token.dockerfile'), () => `${where(end.start.line, column)}: heredoc terminator ${heredoc.getName()} has ${scopes.join(' ')}`);
        }
      }
    }
  }

  // Lines the parser puts outside every instruction (comments, blank lines, directives) are outside
  // every instruction region of the grammar too: no region ran on past its instruction.
  tokenized.forEach((l: TokenizedLine, n) => {
    if (inInstruction.has(n)) return;
    for (const t of l.tokens) {
      expect(!hasScope(t.scopes, 'meta.instruction'), () => `${where(n, t.start)}: ${JSON.stringify(t.text)} is inside an instruction region the parser has ended: ${t.scopes.join(' ')}`);
    }
  });
  for (const comment of dockerfile.getComments()) {
    const c = comment.getRange().start;
    if (inInstruction.has(c.line)) continue;
    expect(at(c.line, c.character).includes('comment.line.number-sign.dockerfile'), () => `${where(c.line, c.character)}: comment has ${at(c.line, c.character).join(' ')}`);
  }
  for (const directive of dockerfile.getDirectives()) {
    // The parser also reports lines such as `# vim: filetype=dockerfile`; BuildKit only knows these.
    if (!['syntax', 'escape', 'check'].includes(directive.getName().toLowerCase())) continue;
    const d = directive.getRange().start;
    expect(hasScope(at(d.line, d.character), 'meta.directive'), () => `${where(d.line, d.character)}: directive has ${at(d.line, d.character).join(' ')}`);
  }
  return { file, problems, ms, stages };
}

describe('grammar on the real-world corpus', function () {
  this.timeout(120_000);
  let grammar: IGrammar;
  let files: string[];

  before(async () => {
    grammar = await loadGrammar({ shell: process.env.GRAMMAR_TEST_SHELL });
    files = fs
      .readdirSync(CORPUS)
      .filter((f) => f !== 'INDEX.tsv')
      .map((f) => path.join(CORPUS, f));
    // vscode-textmate compiles each rule's regexes the first time the rule is entered; do that before
    // the clock starts, so the per-file bound measures tokenizing.
    for (const f of files.slice(0, 50)) tokenizeLines(grammar, splitLines(fs.readFileSync(f, 'utf8')));
  });

  it('finds the corpus', () => {
    assert.ok(files.length >= 590, `expected the 590 Dockerfiles in ${CORPUS}, found ${files.length}`);
  });

  it('tokenizes every file in step with the parser, within the time bounds', () => {
    const started = performance.now();
    const results = files.map((f) => checkFile(grammar, f));
    const total = performance.now() - started;
    const failing = results.filter((r) => r.problems.length > 0);
    const report = failing
      .slice(0, 20)
      .map((r) => `${path.basename(r.file)}\n    ${r.problems.slice(0, 8).join('\n    ')}`)
      .join('\n');
    assert.strictEqual(failing.length, 0, `${failing.length} of ${results.length} files:\n${report}`);
    // The checks above must have seen real work: the corpus is multi-stage.
    const stages = results.reduce((n, r) => n + r.stages, 0);
    assert.ok(stages > 300, `only ${stages} named stages checked`);
    const slowest = results.reduce((a, b) => (a.ms > b.ms ? a : b));
    console.log(`      ${results.length} files, ${stages} named stages, tokenized and checked in ${total.toFixed(0)} ms (slowest file ${slowest.ms.toFixed(1)} ms)`);
  });
});

describe('grammar on pathological lines', function () {
  this.timeout(60_000);
  const repeat = (s: string, n: number) => s.repeat(n);
  // About 10,000 characters each: the longest line VS Code tokenizes is 20,000 by default.
  const LINES: Record<string, string> = {
    'many heredoc markers (RUN)': `RUN ${repeat('<<A ', 2500)}`,
    'many heredoc markers (COPY)': `COPY ${repeat('<<A x ', 1700)}`,
    'nested ${': `ENV A=${repeat('${', 5000)}`,
    dollars: `ENV A=${repeat('$', 10000)}`,
    backslashes: `RUN ${repeat('\\', 10001)}`,
    quotes: `RUN ${repeat('"', 10001)}`,
    'image colons': `FROM ${repeat('a:', 5000)}b`,
    'image colons and slashes': `FROM ${repeat(':/', 5000)}`,
    'image at signs': `FROM ${repeat('a@', 5000)}`,
    flags: `RUN ${repeat('--a=--b ', 1250)}`,
    'mount fields': `RUN --mount=${repeat('a=b,', 2500)}`,
    'json escapes': `CMD [${repeat('"a\\u12", ', 1100)}`,
    'label keys': `LABEL ${repeat('"a\\"=', 2000)}`,
    mixed: `RUN ${repeat('a"b\'c$d{e}f<<g --h=i\\ ', 450)}x`,
  };
  /** Lines that end what the long line opened: the terminators of its heredocs. */
  const CLOSERS: Record<string, string[]> = {
    'many heredoc markers (RUN)': ['A', 'A'],
    'many heredoc markers (COPY)': ['A', 'A'],
  };
  /** Far above the tens of milliseconds these take; an exponential regex would blow through it. */
  const LINE_LIMIT_MS = 2000;
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });
  for (const [name, line] of Object.entries(LINES)) {
    it(`${name}: bounded time, and the next line starts at the top level`, () => {
      const started = performance.now();
      const lines = tokenizeLines(grammar, [line, ...(CLOSERS[name] ?? []), 'USER app'], LINE_LIMIT_MS);
      const ms = performance.now() - started;
      assert.ok(!lines[0].stoppedEarly && ms < LINE_LIMIT_MS, `${ms.toFixed(0)} ms`);
      const next = lines[lines.length - 1];
      assert.deepStrictEqual(next.tokens[0].scopes, ['source.dockerfile', 'meta.instruction.user.dockerfile', KEYWORD]);
    });
  }
});

describe('grammar: targeted checks', function () {
  this.timeout(20_000);
  let plain: IGrammar;
  let withShell: IGrammar;
  before(async () => {
    plain = await loadGrammar();
    withShell = await loadGrammar({ shell: true });
  });
  const tokenize = (g: IGrammar, text: string) => tokenizeLines(g, splitLines(text));

  it('the checked-in JSON is what syntaxes/build-grammar.mjs generates', () => {
    const script = path.resolve(__dirname, '../../syntaxes/build-grammar.mjs');
    execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });
  });

  it('ends a RUN heredoc at its terminator and tokenizes the next instruction as a keyword', () => {
    const lines = tokenize(plain, 'RUN <<EOF\napt-get update\nFROM x\nEOF\nFROM base AS next\n');
    // FROM inside the body is script text, not an instruction.
    assert.ok(!scopesAt(lines[2], 0).includes(KEYWORD));
    assert.ok(scopesAt(lines[2], 0).includes('meta.embedded.block.shell'));
    assert.ok(scopesAt(lines[3], 0).includes('keyword.control.heredoc-token.dockerfile'));
    assert.deepStrictEqual(scopesAt(lines[4], 0), ['source.dockerfile', 'meta.instruction.from.dockerfile', KEYWORD]);
    assert.ok(scopesAt(lines[4], 14).includes(STAGE));
    assert.strictEqual(lines[4].depth, 1);
  });

  it('embeds source.shell in RUN heredoc bodies when the shell grammar is present', () => {
    const lines = tokenize(withShell, 'RUN <<EOF\necho hi\nEOF\n');
    assert.deepStrictEqual(scopesAt(lines[1], 0), [
      'source.dockerfile',
      'meta.instruction.run.dockerfile',
      'meta.heredoc.dockerfile',
      'meta.embedded.block.shell',
      'source.shell',
      'keyword.stub.shell',
    ]);
  });

  it('ends the heredoc even when the embedded grammar left a string open', () => {
    const lines = tokenize(withShell, 'RUN <<EOF\necho "unterminated\nEOF\nUSER app\n');
    assert.ok(scopesAt(lines[1], 6).includes('string.quoted.double.stub.shell'));
    assert.ok(scopesAt(lines[2], 0).includes('keyword.control.heredoc-token.dockerfile'));
    assert.ok(scopesAt(lines[3], 0).includes(KEYWORD));
    assert.strictEqual(lines[3].depth, 1);
  });

  it('without a shell grammar, a heredoc body is plain embedded text and still ends', () => {
    const lines = tokenize(plain, 'RUN <<EOF\necho "x\nEOF\nUSER app\n');
    assert.deepStrictEqual(scopesAt(lines[1], 0), [
      'source.dockerfile',
      'meta.instruction.run.dockerfile',
      'meta.heredoc.dockerfile',
      'meta.embedded.block.shell',
      'source.shell',
    ]);
    assert.ok(scopesAt(lines[3], 0).includes(KEYWORD));
  });

  it('handles two heredocs on one line in order', () => {
    const lines = tokenize(withShell, 'RUN <<A cat > a && <<B cat > b\nB\nA\necho two\nB\nEXPOSE 80\n');
    assert.ok(scopesAt(lines[1], 0).includes('source.shell'), 'B inside the first body is text');
    assert.ok(scopesAt(lines[2], 0).includes('keyword.control.heredoc-token.dockerfile'), 'A ends the first body');
    assert.ok(scopesAt(lines[3], 0).includes('keyword.stub.shell'), 'second body is shell');
    assert.ok(scopesAt(lines[4], 0).includes('keyword.control.heredoc-token.dockerfile'), 'B ends the second body');
    assert.ok(scopesAt(lines[5], 0).includes(KEYWORD), 'next instruction');
    assert.strictEqual(lines[5].depth, 1);
  });

  it('keeps an instruction open across continuations, comment lines and blank lines', () => {
    const lines = tokenize(plain, 'RUN apt-get update \\\n# note\n\n    && apt-get install -y curl\nUSER app\n');
    assert.ok(scopesAt(lines[0], 19).includes('constant.character.escape.line-continuation.dockerfile'), 'continuation');
    assert.ok(scopesAt(lines[1], 0).includes('comment.line.number-sign.dockerfile'), 'comment line');
    assert.ok(hasScope(scopesAt(lines[2], 0), 'meta.instruction.run'), 'blank line');
    assert.deepStrictEqual(scopesAt(lines[3], 4), ['source.dockerfile', 'meta.instruction.run.dockerfile', 'keyword.operator.logical.dockerfile']);
    assert.ok(scopesAt(lines[4], 0).includes(KEYWORD), 'next instruction');
  });

  it('uses the backtick as the escape character after `# escape=`', () => {
    const lines = tokenize(plain, '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN dir C:\\ `\n    && echo done\nUSER app\n');
    assert.ok(scopesAt(lines[0], 2).includes('keyword.other.directive.dockerfile'), 'directive');
    assert.ok(scopesAt(lines[1], lines[1].text.lastIndexOf('win')).includes(STAGE), 'stage name');
    assert.ok(!scopesAt(lines[2], 10).includes('constant.character.escape.line-continuation.dockerfile'), 'backslash is literal');
    assert.ok(scopesAt(lines[2], 12).includes('constant.character.escape.line-continuation.dockerfile'), 'backtick continues');
    assert.ok(scopesAt(lines[3], 4).includes('keyword.operator.logical.dockerfile'), 'continued line');
    assert.ok(scopesAt(lines[4], 0).includes(KEYWORD), 'next instruction');
  });

  it('recognises flags only before the command', () => {
    const lines = tokenize(plain, 'RUN --network=none apt-get install --no-install-recommends curl\n');
    assert.ok(scopesAt(lines[0], 4).includes('entity.other.attribute-name.flag.dockerfile'));
    assert.ok(!scopesAt(lines[0], 36).includes('entity.other.attribute-name.flag.dockerfile'));
  });
});
