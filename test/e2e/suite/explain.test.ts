// "Cache made visible" in the real editor: the cache-key hover, the `N of M steps rebuild` lens
// and "What rebuilds when this file changes?" with its highlights (read through the extension's API).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainCommandResult, RebuildHighlightState } from '../../../client/src/explain-highlights';
import { codeLenses, openDockerfile, stagecraft, waitFor, waitForDiagnostics, withTimeout, workspaceFile } from './helpers';

const hoverText = (hs: vscode.Hover[]) => hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('What rebuilds, in the editor (in the real extension host)', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await stagecraft();
    document = await openDockerfile('explain', 'Dockerfile');
    await waitForDiagnostics(document.uri, () => true, 'the first analysis of explain/Dockerfile');
  });

  it('hover on COPY lists its cache inputs after the instruction documentation', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(4, 1));
    const md = hoverText(hovers);
    assert.match(md, /\*\*COPY\*\*/);
    assert.match(md, /\*\*Cache key\*\*/);
    assert.match(md, /parent step: `RUN echo install > \/deps` \(line 4\)/);
    assert.match(md, /`src\/app\.js`/);
  });

  it('a lens on each stage says how many steps rebuild when sources change', async () => {
    const lenses = await codeLenses(document.uri);
    const explain = lenses.filter((l) => l.command?.command === 'stagecraft.explainFileChange');
    assert.deepEqual(explain.map((l) => [l.range.start.line, l.command!.title]), [
      [0, '2 of 6 steps rebuild when sources change'],
      [7, '0 of 2 steps rebuild when sources change'],
    ]);
  });

  it('the lens command highlights what rebuilds when any source file changes', async () => {
    const api = await stagecraft();
    const lens = (await codeLenses(document.uri)).find((l) => l.command?.command === 'stagecraft.explainFileChange' && l.range.start.line === 0)!;
    const result = await withTimeout(Promise.resolve(vscode.commands.executeCommand<ExplainCommandResult>(lens.command!.command, ...lens.command!.arguments!)), 30_000, 'the lens command');
    assert.equal(result.error, undefined);
    const state = api.rebuildHighlights()!;
    assert.match(state.summary, /^a source file changes: 2 of 6 steps rebuild/);
    assert.deepEqual(state.highlights.filter((h) => h.kind === 'rebuilt').map((h) => h.startLine), [4, 5]);
  });

  it('"What rebuilds when this file changes?" on src/app.js highlights the COPY and what follows', async () => {
    const api = await stagecraft();
    const seen: string[] = [];
    const sub = api.onDidNotify((n) => seen.push(n.message));
    const result = await withTimeout(Promise.resolve(vscode.commands.executeCommand<ExplainCommandResult>('stagecraft.explainFileChange', workspaceFile('explain', 'src', 'app.js'))), 30_000, 'the command');
    sub.dispose();
    assert.equal(result.error, undefined);
    assert.ok(result.dockerfiles.includes(document.uri.toString()), JSON.stringify(result));
    const state = api.rebuildHighlights() as RebuildHighlightState;
    assert.equal(state.uri, document.uri.toString());
    assert.equal(state.changed, 'src/app.js');
    const kind = (line: number) => state.highlights.find((h) => h.startLine === line)?.kind;
    assert.equal(kind(2), 'reused', 'COPY package.json');
    assert.equal(kind(3), 'reused', 'the install');
    assert.equal(kind(4), 'rebuilt');
    assert.match(state.highlights.find((h) => h.startLine === 4)!.after, /^rebuilds: src\/app\.js changed/);
    assert.equal(kind(5), 'rebuilt');
    assert.equal(kind(8), 'depends', 'COPY --from=build');
    assert.ok(seen.some((m) => /^Stagecraft: src\/app\.js changed: 2 of 8 steps rebuild/.test(m)), JSON.stringify(seen));
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === state.uri), 'the Dockerfile is shown');
  });

  it('the highlights go away on an edit, and on Clear Rebuild Highlights', async () => {
    const api = await stagecraft();
    await vscode.commands.executeCommand('stagecraft.explainFileChange', workspaceFile('explain', 'package.json'));
    assert.equal(api.rebuildHighlights()?.highlights.find((h) => h.startLine === 3)?.kind, 'rebuilt', 'the install rebuilds when package.json changes');
    await vscode.commands.executeCommand('stagecraft.clearRebuildHighlights');
    assert.equal(api.rebuildHighlights(), undefined);
    await vscode.commands.executeCommand('stagecraft.explainFileChange', workspaceFile('explain', 'src'));
    assert.ok(api.rebuildHighlights(), 'a folder is explained too');
    const cleared = waitFor(api.onDidChangeRebuildHighlights, () => (api.rebuildHighlights() === undefined ? true : undefined), 10_000, 'the highlights to clear on an edit');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await cleared;
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(document.lineCount - 2, 0, document.lineCount - 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await document.save();
  });
});
