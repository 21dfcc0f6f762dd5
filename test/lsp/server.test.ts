import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, DefinitionRequest, DocumentHighlightRequest, DocumentSymbolRequest,
  FoldingRangeRequest, HoverRequest, PrepareRenameRequest, ReferencesRequest, RenameRequest, DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification, FileChangeType, CodeAction, DocumentSymbol, CompletionItem, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';
import { applyEdits } from '../../server/src/core/text';

const DOC = [
  'FROM golang:1.22 AS builder', //   0
  'WORKDIR /src', //                  1
  'RUN go build -o /out/app .', //    2
  '', //                              3
  'FROM alpine:3.20 AS assets', //    4
  'RUN mkdir /site', //               5
  '', //                              6
  'FROM builder AS test', //          7
  'RUN go test ./...', //             8
  '', //                              9
  'FROM alpine:3.20', //              10
  'COPY --from=builder /out/app /app', // 11
  'RUN --mount=from=builder,target=/b ls /b', // 12
  'COPY --from=buidler /x /x', //     13
  'COPY --from=', //                  14
  '',
].join('\n');

describe('language server over stdio', function () {
  let client: LspClient;
  let dir: string;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-lsp-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOC);
    uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    client = new LspClient();
    const init = await client.initialize(pathToFileURL(dir).toString());
    assert.equal(init.serverInfo?.name, 'stagecraft-language-server');
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for the opened version, with rule ids, docs links and tags', async () => {
    const p = await client.open(uri, DOC, 1);
    assert.equal(p.version, 1);
    const unknown = p.diagnostics.find((d) => d.code === 'stage/unknown-from');
    assert.ok(unknown, JSON.stringify(p.diagnostics));
    assert.equal(unknown.source, 'stagecraft');
    assert.equal(unknown.severity, 1);
    assert.deepEqual(unknown.range, { start: { line: 13, character: 12 }, end: { line: 13, character: 19 } });
    assert.match(unknown.codeDescription!.href, /docs\/rules\/stage\/unknown-from\.md$/);
    const unreachable = p.diagnostics.filter((d) => d.code === 'stage/unreachable');
    assert.deepEqual(unreachable.map((d) => d.range.start.line).sort(), [4, 7]);
    assert.ok(unreachable.every((d) => d.tags?.includes(1)), 'unreachable stages are tagged Unnecessary');
  });

  it('re-publishes on an incremental change, for that version', async () => {
    const p = await client.change(uri, 2, [{ range: { start: { line: 13, character: 12 }, end: { line: 13, character: 19 } }, text: 'builder' }]);
    assert.equal(p.version, 2);
    assert.equal(p.diagnostics.filter((d) => d.code === 'stage/unknown-from').length, 0);
    // and back
    const q = await client.change(uri, 3, [{ range: { start: { line: 13, character: 12 }, end: { line: 13, character: 19 } }, text: 'buidler' }]);
    assert.equal(q.diagnostics.filter((d) => d.code === 'stage/unknown-from').length, 1);
  });

  it('offers the rule fix, ignore actions and documentation as code actions', async () => {
    const p = await client.waitForDiagnostics(uri, 3);
    const d = p.diagnostics.find((x) => x.code === 'stage/unknown-from')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ["Rename to 'builder'", 'Ignore stage/unknown-from for this instruction', 'Ignore stage/unknown-from in this file', 'Show documentation for stage/unknown-from']);
    assert.equal(actions[0].isPreferred, true);
    const edits = actions[0].edit!.changes![uri];
    assert.equal(applyEdits(DOC, edits).text.split('\n')[13], 'COPY --from=builder /x /x');
    const ignore = actions[1].edit!.changes![uri];
    assert.equal(applyEdits(DOC, ignore).text.split('\n')[13], '# stagecraft-ignore stage/unknown-from');
    assert.equal(actions[3].command?.command, 'stagecraft.showRuleDocumentation');
  });

  it('offers the same quick fixes when the request names no diagnostic (an editor whose context lags behind the publication)', async () => {
    const p = await client.waitForDiagnostics(uri, 3);
    const d = p.diagnostics.find((x) => x.code === 'stage/unknown-from')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ["Rename to 'builder'", 'Ignore stage/unknown-from for this instruction', 'Ignore stage/unknown-from in this file', 'Show documentation for stage/unknown-from']);
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].diagnostics?.map((x) => [x.code, x.range]), [[d.code, d.range]]);
    // a range with no finding gets none
    const none = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
    assert.ok(!none.some((a) => /unknown-from/.test(a.title)), JSON.stringify(none.map((a) => a.title)));
  });

  it('an ignore comment suppresses the finding', async () => {
    const text = DOC.replace('COPY --from=buidler', '# stagecraft-ignore stage/unknown-from\nCOPY --from=buidler');
    const p = await client.change(uri, 4, [{ text }]);
    assert.equal(p.diagnostics.filter((d) => d.code === 'stage/unknown-from').length, 0);
    await client.change(uri, 5, [{ text: DOC }]);
  });

  it('source.fixAll.stagecraft applies every safe fix', async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.stagecraft'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.stagecraft');
    const fixed = applyEdits(DOC, actions[0].edit!.changes![uri]).text;
    assert.match(fixed, /COPY --from=builder \/x \/x/);
    assert.doesNotMatch(fixed, /buidler/);
  });

  it('renames a stage across FROM, --from and --mount=from in one workspace edit', async () => {
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 11, character: 15 } });
    assert.deepEqual(prep, { range: { start: { line: 11, character: 12 }, end: { line: 11, character: 19 } }, placeholder: 'builder' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line: 0, character: 22 }, newName: 'build' });
    const edits = edit!.changes![uri] as TextEdit[];
    assert.deepEqual(edits.map((e) => e.range.start.line).sort((a, b) => a - b), [0, 7, 11, 12]);
    const renamed = applyEdits(DOC, edits).text.split('\n');
    assert.equal(renamed[0], 'FROM golang:1.22 AS build');
    assert.equal(renamed[7], 'FROM build AS test');
    assert.equal(renamed[11], 'COPY --from=build /out/app /app');
    assert.equal(renamed[12], 'RUN --mount=from=build,target=/b ls /b');
    assert.equal(renamed[13], 'COPY --from=buidler /x /x', 'the typo is not a reference and stays');
  });

  it('rejects invalid stage names and clashes', async () => {
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line: 0, character: 22 }, newName: '9lives' }), /not a valid stage name/);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line: 0, character: 22 }, newName: 'Assets' }), /already called 'assets'/);
    await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } }));
  });

  it('completes exactly the earlier stages after --from=', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 14, character: 12 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label).sort(), ['assets', 'builder', 'test']);
    const inTest = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 7, character: 5 } })) as CompletionItem[];
    assert.deepEqual(inTest.map((i) => i.label).sort(), ['assets', 'builder']);
    const nowhere = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 5 } })) as CompletionItem[];
    assert.deepEqual(nowhere, []);
  });

  it('goes to definition, finds references and highlights', async () => {
    const def = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 12, character: 20 } });
    assert.deepEqual(def, { uri, range: { start: { line: 0, character: 20 }, end: { line: 0, character: 27 } } });
    const refs = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line: 0, character: 21 }, context: { includeDeclaration: false } });
    assert.deepEqual(refs!.map((r) => r.range.start.line).sort((a, b) => a - b), [7, 11, 12]);
    const hl = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: { line: 7, character: 7 } });
    assert.equal(hl!.length, 4);
  });

  it('hovers a stage reference with base, uses, feeds and status', async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 11, character: 14 } });
    const md = (h!.contents as { value: string }).value;
    assert.match(md, /Stage `builder`/);
    assert.match(md, /Base: image `golang:1.22`/);
    assert.match(md, /Feeds: `test`, stage 3/);
    assert.match(md, /a build stage: needed by the target, not shipped/);
    const h2 = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 2 } });
    assert.match((h2!.contents as { value: string }).value, /unreachable/);
  });

  it('lists stages with their instructions as symbols, and folds per stage', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['builder', 'assets', 'test', 'stage 3']);
    assert.deepEqual(symbols[0].children!.map((c) => c.name), ['WORKDIR', 'RUN']);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds!.map((f) => [f.startLine, f.endLine]), [[0, 2], [4, 5], [7, 8], [10, 14]]);
  });

  it('puts Build, Run and Shell lenses on every FROM', async () => {
    const all = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    // (the `N of M steps rebuild` lens is tested in test/lsp/explain-editor.test.ts)
    const lenses = all!.filter((l) => l.command!.command !== 'stagecraft.explainFileChange');
    assert.equal(lenses!.length, 12);
    assert.deepEqual(lenses!.slice(0, 3).map((l) => l.command!.title), ['▶ Build builder', 'Run', 'Shell']);
    assert.deepEqual(lenses![0].command!.arguments, [{ uri, target: 'builder', stageIndex: 0, line: 0, named: true }]);
    assert.equal(lenses![9].command!.title, '▶ Build 3');
    assert.deepEqual(lenses!.map((l) => l.range.start.line).filter((_, i) => i % 3 === 0), [0, 4, 7, 10]);
  });

  it('answers the stage graph request', async () => {
    const g = await client.connection.sendRequest('stagecraft/stageGraph', { textDocument: { uri } }) as { stages: { name?: string; unreachable: boolean; shipped: boolean }[]; edges: { from: number; to: number; kind: string }[] };
    assert.deepEqual(g.stages.map((s) => [s.name ?? null, s.shipped, s.unreachable]), [['builder', false, false], ['assets', false, true], ['test', false, true], [null, true, false]]);
    assert.deepEqual(g.edges.map((e) => `${e.from}-${e.kind}->${e.to}`).sort(), ['0-copy->3', '0-from->2', '0-mount->3']);
  });

  it('reads rule severities and targets from settings, per resource', async () => {
    client.settings = { rules: { 'stage/unreachable': 'off' }, targets: ['test', ''] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const p = await client.change(uri, 10, [{ text: DOC }]);
    assert.equal(p.diagnostics.filter((d) => d.code === 'stage/unreachable').length, 0);
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const q = await client.change(uri, 11, [{ text: DOC }]);
    assert.equal(q.diagnostics.filter((d) => d.code === 'stage/unreachable').length, 2);
  });

  it('reads .stagecraft.json next to the Dockerfile and re-analyses when it changes', async () => {
    const cfg = path.join(dir, '.stagecraft.json');
    fs.writeFileSync(cfg, JSON.stringify({ rules: { 'stage/unknown-from': 'warning' } }));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(cfg).toString(), type: FileChangeType.Created }] });
    const p = await client.change(uri, 12, [{ text: DOC }]);
    assert.equal(p.diagnostics.find((d) => d.code === 'stage/unknown-from')!.severity, 2);
    fs.rmSync(cfg);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(cfg).toString(), type: FileChangeType.Deleted }] });
    const q = await client.change(uri, 13, [{ text: DOC }]);
    assert.equal(q.diagnostics.find((d) => d.code === 'stage/unknown-from')!.severity, 1);
  });

  it('offers the builder/runner split as a refactor.rewrite on a single-stage Dockerfile', async () => {
    const single = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n';
    const u = 'file:///refactor/Dockerfile';
    await client.open(u, single, 1);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['refactor.rewrite'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(actions[0].kind, 'refactor.rewrite');
    const out = applyEdits(single, actions[0].edit!.changes![u]).text;
    assert.match(out, /^FROM node:20 AS builder$/m);
    assert.match(out, /^FROM node:20-slim/m);
    assert.match(out, /COPY --from=builder/);
    const multi = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['refactor.rewrite'] },
    })) as CodeAction[];
    assert.deepEqual(multi, [], 'not offered on a multi-stage Dockerfile');
    await client.close(u);
  });

  it('keeps serving after odd inputs', async () => {
    const odd = ['', '\u0000\u0001\u0002binary', 'FROM', 'FROM a AS\nCOPY --from= \nRUN <<EOF\nunterminated', '\uFEFFFROM alpine AS Ωmega\r\nCOPY --from=Ωmega / /\r', 'x'.repeat(100000), 'RUN \\\n'.repeat(5000)];
    for (let i = 0; i < odd.length; i++) {
      const u = `untitled:odd-${i}`;
      await client.open(u, odd[i], 1);
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } });
      await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: u } });
      await client.close(u);
    }
    const probe = 'file:///probe/Dockerfile';
    const p = await client.open(probe, 'FROM alpine AS a\nCOPY --from=b /x /y\nFROM alpine AS b\n', 1);
    assert.ok(p.diagnostics.some((d) => d.code === 'stage/forward-reference'));
    assert.equal(client.stderr.includes('Error'), false, client.stderr);
  });
});
