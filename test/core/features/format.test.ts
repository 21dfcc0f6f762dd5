import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { formatEdits, FORMAT_FIXES_RULES, FormatOptions } from '../../../server/src/core/features/format';
import { hoverAt } from '../../../server/src/core/features/hover';
import { completionsAt } from '../../../server/src/core/features/completion';
import { documentLinks } from '../../../server/src/core/features/links';
import { semanticTokens } from '../../../server/src/core/features/semantic-tokens';
import { applyEdits } from '../../../server/src/core/text';
import type { Range } from '../../../server/src/core/types';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/real');
const format = (text: string, options: FormatOptions = {}, range?: Range) => applyEdits(text, formatEdits(analyze(text).model!, options, range)).text;

describe('features/format', () => {
  it('writes keywords in the majority case, no indentation before them and one space after', () => {
    assert.equal(format('FROM alpine as base\n  run   echo hi\nCOPY\ta b\n'), 'FROM alpine AS base\nRUN echo hi\nCOPY a b\n');
    assert.equal(format('from alpine AS base\nrun echo\nCOPY a b\n'), 'from alpine as base\nrun echo\ncopy a b\n');
  });

  it('indents continuation lines one level and keeps nested indentation relative', () => {
    const input = 'FROM alpine\nRUN set -e; \\\n  if true; then \\\n    echo a; \\\n  fi\n';
    assert.equal(format(input), 'FROM alpine\nRUN set -e; \\\n    if true; then \\\n      echo a; \\\n    fi\n');
    assert.equal(format(input, { tabSize: 2 }), input);
    assert.equal(format('FROM alpine\nRUN a \\\n\tb\n', { insertSpaces: false }), 'FROM alpine\nRUN a \\\n\tb\n');
    assert.equal(format('FROM alpine\nRUN a \\\nb\n'), 'FROM alpine\nRUN a \\\n    b\n');
  });

  it('leaves alone what the build reads: heredocs, quoted continuations, glued words, legacy ENV values', () => {
    const heredoc = 'FROM alpine\nRUN <<EOF\n  echo  a\nEOF\nCOPY <<-CFG /etc/x\n\tkey\nCFG\n';
    assert.equal(format(heredoc), heredoc);
    const quoted = 'FROM alpine\nRUN echo "a \\\n  b" \\\n  && true\n';
    assert.equal(format(quoted), 'FROM alpine\nRUN echo "a \\\n  b" \\\n    && true\n');
    const glued = 'FROM alpine\nRUN echo ab\\\ncd\n';
    assert.equal(format(glued), glued);
    const legacy = 'FROM alpine\nENV MSG hello \\\n  world\n';
    assert.equal(format(legacy), legacy);
    const backtick = '# escape=`\nFROM alpine\nRUN a `\n  b\n';
    assert.equal(format(backtick), backtick);
  });

  it('range formatting touches only the instructions in the range', () => {
    assert.equal(format('FROM alpine\nRUN  a\nrun  b\n', {}, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } }), 'FROM alpine\nRUN  a\nRUN b\n');
  });

  it('over the 590 corpus files: formatting twice = once, the findings stay the same, and hover, completion, links and tokens answer inside the document', function () {
    // findings compared as rule id + message (positions may move), without the casing ones formatting resolves by design
    this.timeout(120000);
    const files = fs.readdirSync(CORPUS).filter((f) => f !== 'INDEX.tsv');
    assert.equal(files.length, 590);
    let changed = 0;
    const problems: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
      const a = analyze(text);
      const once = applyEdits(text, formatEdits(a.model!)).text;
      if (once !== text) changed++;
      const b = analyze(once); // one analysis per text: it gives both the findings and the next formatting
      if (applyEdits(once, formatEdits(b.model!)).text !== once) problems.push(`${f}: not idempotent`);
      const key = (x: typeof a) => x.findings.filter((d) => !FORMAT_FIXES_RULES.includes(d.rule)).map((d) => `${d.rule}: ${d.message}`).sort();
      const before = key(a);
      const after = key(b);
      if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(`${f}: findings changed: -${before.filter((x) => !after.includes(x))} +${after.filter((x) => !before.includes(x))}`);
      const resolved = b.findings.filter((x) => FORMAT_FIXES_RULES.includes(x.rule));
      if (resolved.length) problems.push(`${f}: casing findings left: ${resolved.map((x) => x.message)}`);
      // the other features on the same analysis: never a throw, every range inside the document
      const m = a.model!;
      const inside = (r: Range) => r.start.line >= 0 && r.end.line < m.lines.lineCount && r.start.character >= 0 && r.end.character <= m.lines.lineText(r.end.line).length;
      const ranges: Range[] = [...documentLinks(m).map((l) => l.range), ...semanticTokens(m).map((t) => ({ start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }))];
      for (let line = 0; line < m.lines.lineCount; line++) {
        const len = m.lines.lineText(line).length;
        const h = hoverAt(m, { line, character: len >> 1 });
        if (h) ranges.push(h.range);
        for (const c of completionsAt(m, { line, character: len })) ranges.push(c.range);
      }
      const outside = ranges.filter((r) => !inside(r));
      if (outside.length) problems.push(`${f}: ranges outside the document: ${JSON.stringify(outside.slice(0, 2))}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(changed > 100, `formatting changed ${changed} files`);
  });
});
