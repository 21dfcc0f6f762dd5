// The stage graph view: opens for the active Dockerfile, draws its stages, follows edits.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openDockerfile, stagecraft, waitFor } from './helpers';

describe('Stage graph view (in the real extension host)', () => {
  it('draws the stage DAG of the active Dockerfile and follows edits', async () => {
    const api = await stagecraft();
    const document = await openDockerfile('rename.Dockerfile');
    const firstRender = waitFor(api.onDidRenderStageGraph, () => {
      const s = api.stageGraphView();
      return s.rendered && s.model?.nodes.length === 4 ? s : undefined;
    }, 30_000, 'the webview to draw four stages');
    await vscode.commands.executeCommand('stagecraft.showStageGraph');
    const state = await firstRender;
    assert.equal(state.rendered!.nodes, 4);
    const model = state.model!;
    // the first stage is `base`, or `foundation` once the rename test ran
    assert.deepEqual(model.nodes.map((n) => n.name).slice(1), ['build', 'test', 'runtime']);
    const kinds = model.edges.map((e) => `${e.from}->${e.to}:${e.kind}`).sort();
    assert.ok(kinds.includes('0->1:from'), `edges: ${kinds}`);
    assert.ok(kinds.includes('0->1:copy'), `edges: ${kinds}`);
    assert.ok(kinds.includes('0->1:mount'), `edges: ${kinds}`);
    assert.ok(kinds.includes('1->2:from'), `edges: ${kinds}`);
    assert.ok(kinds.includes('1->3:copy'), `edges: ${kinds}`);
    const byName = (name: string) => model.nodes.find((n) => n.name === name)!;
    assert.equal(byName('runtime').shipped, true);
    assert.equal(byName('test').unreachable, true, 'no target needs the test stage');
    assert.deepEqual(model.nodes.filter((n) => n.onShippedPath).map((n) => n.name).slice(1), ['build', 'runtime']);
    for (const n of model.nodes) assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y) && n.width > 0, 'laid out');

    // live update: a new, unused stage appears (dimmed as unreachable) after an edit
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const updated = waitFor(api.onDidRenderStageGraph, () => {
      const s = api.stageGraphView();
      return s.model?.nodes.length === 5 && s.rendered?.nodes === 5 ? s : undefined;
    }, 30_000, 'the graph to show the new stage');
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), '\nFROM busybox:latest AS scratchpad\nRUN true\n'));
    const after = await updated;
    const added = after.model!.nodes.find((n) => n.name === 'scratchpad');
    assert.ok(added, 'the new stage is drawn');
    // the new last stage is now the default target; the former one is unreachable
    assert.equal(added.shipped, true);
    assert.equal(after.model!.nodes.find((n) => n.name === 'runtime')!.unreachable, true);
  });
});
