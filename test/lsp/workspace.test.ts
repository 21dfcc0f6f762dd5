/**
 * The analyses the server keeps: one per document version, shared by every request, least
 * recently used dropped first, bounded by count and by the size of their texts.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver';
import { Workspace } from '../../server/src/lsp/workspace';

const connection = {
  console: { error() {} },
  window: { showWarningMessage() {} },
} as unknown as Connection;

const doc = (name: string, size: number, version = 1) => {
  let text = `FROM alpine:3.20 AS ${name}\n`;
  while (text.length < size) text += 'RUN echo building the part that takes a while\n';
  return TextDocument.create(`untitled:${name}`, 'dockerfile', version, text);
};

describe('workspace: kept analyses', () => {
  const saved = { count: Workspace.KEPT_ANALYSES, text: Workspace.KEPT_TEXT };
  afterEach(() => {
    Workspace.KEPT_ANALYSES = saved.count;
    Workspace.KEPT_TEXT = saved.text;
  });

  it('computes an analysis once per version and shares it', () => {
    const ws = new Workspace(connection);
    const a = doc('a', 200);
    const first = ws.analysis(a);
    assert.equal(ws.analysis(a), first);
    const a2 = TextDocument.update(a, [{ text: '# edited\n' }], 2);
    const second = ws.analysis(a2);
    assert.notEqual(second, first);
    assert.match(second.text, /^# edited/);
  });

  it('drops the least recently used beyond the count', () => {
    Workspace.KEPT_ANALYSES = 3;
    const ws = new Workspace(connection);
    const docs = ['a', 'b', 'c', 'd'].map((n) => doc(n, 200));
    const kept = docs.map((d) => ws.analysis(d));
    assert.notEqual(ws.analysis(docs[0]), kept[0], 'a was the least recently used: analysed again');
    assert.equal(ws.analysis(docs[3]), kept[3]);
    assert.equal(ws.analysis(docs[2]), kept[2]);
  });

  it('drops analyses while their texts are over the size budget, but always keeps the newest', () => {
    Workspace.KEPT_TEXT = 5000;
    const ws = new Workspace(connection);
    const big = [doc('a', 2000), doc('b', 2000), doc('c', 2000)];
    const first = big.map((d) => ws.analysis(d));
    assert.equal(ws.analysis(big[2]), first[2]);
    assert.equal(ws.analysis(big[1]), first[1]);
    assert.notEqual(ws.analysis(big[0]), first[0], '6,000 characters are over the budget: the oldest went');
    const huge = doc('huge', 8000);
    const h = ws.analysis(huge);
    assert.equal(ws.analysis(huge), h, 'the newest stays even alone over the budget');
  });
});
