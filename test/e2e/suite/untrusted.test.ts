// Restricted mode: analysis runs, but no build action ever starts docker.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageActionResult } from '../../../client/src/stage-actions';
import { codeLenses, codeOf, openDockerfile, STAGE_COMMANDS, stagecraft, titlesByLine, waitForDiagnostics } from './helpers';

describe('Stagecraft in an untrusted workspace (in the real extension host)', () => {
  let document: vscode.TextDocument;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness opened the folder in restricted mode');
    document = await openDockerfile('Dockerfile');
    await stagecraft();
  });

  it('still analyses the Dockerfile', async () => {
    await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === 'stage/unknown-from'), 'diagnostics in restricted mode');
  });

  it('replaces Build / Run / Shell with a lens that says why', async () => {
    const lenses = await codeLenses(document.uri);
    assert.equal(lenses.filter((l) => STAGE_COMMANDS.includes(l.command?.command ?? '')).length, 0, 'no Docker action is offered');
    const titles = titlesByLine(lenses, (l) => /unavailable/.test(l.command?.title ?? ''));
    assert.deepEqual(titles, {
      0: ['Build unavailable: workspace not trusted'],
      4: ['Build unavailable: workspace not trusted'],
    });
  });

  for (const command of STAGE_COMMANDS) {
    it(`${command} refuses and starts no task`, async () => {
      const started: string[] = [];
      const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task.name));
      try {
        const result = await vscode.commands.executeCommand<StageActionResult>(command,
          { uri: document.uri.toString(), target: 'builder', stageIndex: 0, line: 0, named: true });
        assert.deepEqual(result, { status: 'refused', reason: 'untrusted' });
      } finally {
        sub.dispose();
      }
      assert.deepEqual(started, []);
    });
  }
});
