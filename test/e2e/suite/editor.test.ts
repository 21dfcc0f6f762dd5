// The editor experience in a real VS Code: activation, diagnostics, quick fix, lenses, rename,
// status. Runs in a trusted workspace.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageCommandArgs } from '../../../server/src/protocol';
import {
  codeLenses, codeOf, EXTENSION_ID, openDockerfile, STAGE_COMMANDS, stagecraft, titlesByLine, waitFor, waitForDiagnostics,
} from './helpers';

describe('Stagecraft in the editor (in the real extension host)', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await openDockerfile('Dockerfile');
  });

  it('activates on a Dockerfile and starts the language server', async () => {
    const api = await stagecraft();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    assert.equal(api.client.isRunning(), true);
    console.log(`[stagecraft e2e] VS Code ${vscode.version}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, extension at ${ext.extensionPath}`);
    const expected = process.env.STAGECRAFT_E2E_EXTENSION_UNDER;
    if (expected) assert.ok(ext.extensionPath.startsWith(expected), `the extension is loaded from ${expected}, not ${ext.extensionPath}`);
  });

  it('reports stage/unknown-from with its rule id, source and documentation link', async () => {
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === 'stage/unknown-from'),
      'a stage/unknown-from diagnostic');
    const d = diagnostics.find((x) => codeOf(x) === 'stage/unknown-from')!;
    assert.equal(d.source, 'stagecraft');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(d.range), 'buidler');
    assert.equal(d.range.start.line, 5);
    assert.ok(typeof d.code === 'object' && /stage\/unknown-from/.test(d.code.target.toString()),
      `codeDescription.href names the rule page: ${JSON.stringify(d.code)}`);
  });

  it('shows ▶ Build / Run / Shell lenses on every FROM', async () => {
    const lenses = await codeLenses(document.uri);
    const stage = titlesByLine(lenses, (l) => STAGE_COMMANDS.includes(l.command?.command ?? ''));
    assert.deepEqual(stage, { 0: ['▶ Build builder', 'Run', 'Shell'], 4: ['▶ Build runner', 'Run', 'Shell'] });
    const build = lenses.find((l) => l.command?.command === 'stagecraft.buildStage' && l.range.start.line === 4)!;
    const args = build.command!.arguments?.[0] as StageCommandArgs;
    assert.deepEqual({ ...args, uri: vscode.Uri.parse(args.uri).fsPath },
      { uri: document.uri.fsPath, target: 'runner', stageIndex: 1, line: 4, named: true });
  });

  it('fixes the misspelt stage with the quick fix', async () => {
    const d = vscode.languages.getDiagnostics(document.uri).find((x) => codeOf(x) === 'stage/unknown-from')!;
    const quickFixes = () => vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const actions = await quickFixes();
    const fix = actions.find((a) => a.edit && a.isPreferred && /builder/.test(a.title));
    // This has failed with [] about once in 20 runs, not on demand: the evidence goes into the message
    // (what the server answers the same request directly, and a second try through VS Code).
    let evidence = '';
    if (!fix) {
      const api = await stagecraft();
      const range = { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } };
      const direct = await api.client.sendRequest('textDocument/codeAction', { textDocument: { uri: document.uri.toString() }, range, context: { diagnostics: [], only: ['quickfix'] } })
        .then((r) => JSON.stringify((r as { title: string }[] | null)?.map((a) => a.title)), (e: Error) => `error ${e.message}`);
      const again = (await quickFixes()).map((a) => a.title);
      evidence = `; the server's own answer: ${direct}; VS Code again: ${JSON.stringify(again)}; running: ${api.client.isRunning()}; version ${document.version}; diagnostics ${JSON.stringify(vscode.languages.getDiagnostics(document.uri).map((x) => [codeOf(x), x.range.start.line]))}`;
    }
    assert.ok(fix, `a preferred quick fix naming the stage among: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value, a.isPreferred, !!a.edit]))}${evidence}`);
    assert.equal(fix.isPreferred, true, 'the safe fix is preferred');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(document.lineAt(5).text, 'COPY --from=builder /out/marker /marker');
    await waitForDiagnostics(document.uri, (ds) => !ds.some((x) => codeOf(x) === 'stage/unknown-from'),
      'stage/unknown-from to go away after the fix');
  });

  it('renames a stage in FROM, COPY --from and RUN --mount=from', async () => {
    const doc = await openDockerfile('rename.Dockerfile');
    const at = new vscode.Position(0, doc.lineAt(0).text.indexOf('base'));
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, 'foundation');
    assert.ok(edit && edit.size > 0, 'the rename provider returns edits');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = doc.getText();
    assert.match(text, /^FROM busybox:latest AS foundation$/m);
    assert.match(text, /^FROM foundation AS build$/m);
    assert.match(text, /^COPY --from=foundation \/base\.txt \/copied\.txt$/m);
    assert.match(text, /^RUN --mount=from=foundation,target=\/b /m);
    assert.match(text, /^COPY --from=build \/copied\.txt/m, 'other stages are untouched');
    assert.doesNotMatch(text, /(AS|FROM|from=)\s*base\b/i, 'no reference to the old name is left');
  });

  it('shows stages and findings in the language status item', async () => {
    const api = await stagecraft();
    await vscode.window.showTextDocument(document);
    const snapshot = await waitFor(api.onDidChangeLanguageStatus, () => {
      const s = api.languageStatus();
      return /2 stages/.test(s.text) ? s : undefined;
    }, 10_000, 'the status item to count 2 stages');
    assert.match(snapshot.text, /2 stages · \d+ findings?/);
    assert.match(snapshot.detail ?? '', /running/);
  });

  it('opens a rule\'s documentation page from the shipped docs', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const page = vscode.Uri.joinPath(ext.extensionUri, 'docs/rules/stage/unknown-from.md');
    const shipped = await vscode.workspace.fs.stat(page).then(() => true, () => false);
    if (!shipped) {
      // without the pages the command opens the page online, which this offline run cannot follow
      console.log(`[stagecraft e2e] docs/rules/ is not part of ${ext.extensionPath}: rule page test not applicable`);
      this.skip();
    }
    const opened = waitFor(vscode.window.tabGroups.onDidChangeTabs, () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /unknown-from/.test(t.label)), 20_000,
      'a tab with the rule page');
    await vscode.commands.executeCommand('stagecraft.showRuleDocumentation', 'stage/unknown-from', 'https://example.invalid/unused');
    const tab = await opened;
    assert.match(tab.label, /unknown-from/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('restarts the language server and keeps serving', async () => {
    const api = await stagecraft();
    await vscode.commands.executeCommand('stagecraft.restartServer');
    assert.equal(api.client.isRunning(), true);
    const lenses = await codeLenses(document.uri);
    assert.ok(lenses.some((l) => l.command?.command === 'stagecraft.buildStage'), 'lenses after the restart');
    await vscode.commands.executeCommand('stagecraft.showOutput');
  });
});
