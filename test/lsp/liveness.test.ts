/**
 * Liveness: after each odd input (opened, then edited), the real language server still
 * answers a probe — a new document's diagnostics and its symbols — and logs no internal error.
 */
import assert from 'node:assert/strict';
import {
  CancellationTokenSource, LSPErrorCodes, ResponseError,
  CodeActionRequest, CodeLensRequest, CompletionRequest, DocumentSymbol, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';

const STAGES = 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n';

const ODD: [string, string][] = [
  ['empty', ''],
  ['only newlines', '\n\n\r\n\r'],
  ['binary', Array.from({ length: 2048 }, (_, i) => String.fromCharCode((i * 73 + 11) % 256)).join('')],
  ['NUL bytes in an instruction', 'FROM alpine\u0000AS a\nRUN \u0000\u0001\u0002\n'],
  ['BOM', '\uFEFF' + STAGES],
  ['CRLF', STAGES.replace(/\n/g, '\r\n')],
  ['CR only', STAGES.replace(/\n/g, '\r')],
  ['escape=`', '# escape=`\nFROM alpine AS a\nRUN echo a `\n    b\nCOPY --from=a C:\\x C:\\y\n'],
  ['unterminated heredoc', 'FROM alpine AS a\nRUN <<EOF\necho hi\nCOPY <<X /x\n'],
  ['100,000-character line', `FROM alpine\nRUN echo ${'a'.repeat(100000)}\n`],
  ['10,000 continuation lines', `FROM alpine\nRUN echo a \\\n${'  b \\\n'.repeat(10000)}  c\n`],
  ['deeply nested variables', `ARG X=${'${a:-'.repeat(200)}x${'}'.repeat(200)}\nFROM alpine:$X AS s\nRUN echo $X\n`],
  ['unbalanced nested variables', `FROM alpine\nRUN echo ${'${a:-'.repeat(200)}\n`],
  ['Unicode stage names', 'FROM alpine AS ステージ\nFROM ステージ AS étape\nCOPY --from=étape /a /b\nCOPY --from=🙂 /a /b\n'],
  ['lone surrogates', 'FROM alpine AS a\ud800\nRUN echo \udfff\n'],
  ['only a keyword', 'FROM'],
  ['flags without values', 'FROM --platform= alpine AS a\nCOPY --from= --chown= /a /b\nRUN --mount= --mount=type=cache true\n'],
  ['broken JSON forms', 'FROM alpine\nRUN ["a",\nCMD [\nENTRYPOINT ["a", 1]\nSHELL []\n'],
  ['1,000 stages', Array.from({ length: 1000 }, (_, i) => `FROM ${i ? `s${i - 1}` : 'alpine'} AS s${i}\n`).join('')],
  ['a 300 kB file', `FROM alpine AS a\n${'RUN echo hello world && apk add --no-cache curl\n'.repeat(6000)}`],
];

describe('language server liveness after odd inputs', function () {
  this.timeout(120000);
  let client: LspClient;
  let probes = 0;

  before(async () => {
    client = new LspClient();
    await client.initialize(null);
  });
  after(async () => {
    await client.stop();
  });

  async function probe() {
    const uri = `untitled:probe-${++probes}`;
    const p = await client.open(uri, STAGES, 1);
    assert.ok(p.diagnostics.some((d) => d.code === 'stage/unknown-from'), `probe diagnostics: ${JSON.stringify(p.diagnostics)}`);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.kind), [2, 2], JSON.stringify(symbols));
    await client.close(uri);
  }

  for (const [name, text] of ODD) {
    it(`answers after: ${name}`, async () => {
      const uri = `untitled:odd-${name.replace(/\W+/g, '-')}`;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      const opened = await client.waitForDiagnostics(uri, 1, 60000);
      assert.equal(opened.version, 1);
      // every request on the odd document answers (any result, no error)
      const at = { line: 1, character: 3 };
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
      await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at });
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at });
      await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: at }, context: { diagnostics: opened.diagnostics } });
      // edits that make it odder: an insertion past the end of a line, a deletion of everything, odd text back
      const change = async (version: number, contentChanges: unknown[]) => {
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
        return client.waitForDiagnostics(uri, version, 60000);
      };
      await change(2, [{ range: { start: { line: 0, character: 500 }, end: { line: 0, character: 500 } }, text: '\\\n\u0000${' }]);
      await change(3, [{ range: { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } }, text: '' }]);
      await change(4, [{ text }]);
      await client.close(uri);
      await probe();
      assert.doesNotMatch(client.stderr, /Error|RangeError|TypeError/, client.stderr.slice(0, 2000));
    });
  }

  it('answers a probe while a large document is being typed into', async () => {
    const uri = 'untitled:typing';
    const big = STAGES + 'RUN echo hello world && apk add --no-cache curl\n'.repeat(2000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: big } });
    for (let v = 2; v < 30; v++) {
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }] });
    }
    await probe();
    const last = await client.waitForDiagnostics(uri, 29, 60000);
    assert.equal(last.version, 29);
    await client.close(uri);
  });

  it('answers requests cancelled while queued with RequestCancelled, without running them', async () => {
    const uri = 'untitled:cancel';
    const big = STAGES + 'RUN echo hello world && apk add --no-cache curl\n'.repeat(3000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: big } });
    await client.waitForDiagnostics(uri, 1, 60000);
    // a new version: the first request analyses it (busy); the ones queued behind it are cancelled
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }] });
    const first = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    const sources = Array.from({ length: 5 }, () => new CancellationTokenSource());
    const queued = sources.map((src) => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, src.token).then(() => 'answered', (e) => e));
    sources.forEach((src) => src.cancel());
    assert.ok(Array.isArray(await first));
    const outcomes = await Promise.all(queued);
    const cancelled = outcomes.filter((o) => o instanceof ResponseError && o.code === LSPErrorCodes.RequestCancelled);
    assert.ok(cancelled.length >= 1, `outcomes: ${outcomes.map(String).join(', ')}`);
    await client.waitForDiagnostics(uri, 2, 60000);
    await client.close(uri);
    await probe();
  });
});
