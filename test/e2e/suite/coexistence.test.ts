// stagecraft.overlap in the real extension host, with a stand-in extension loaded under Microsoft's
// id (ms-azuretools.vscode-containers; no marketplace is reachable here, and no registry has the
// real VSIX). Setting changes take effect without a restart.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, stagecraft, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

const STAND_IN = process.env.STAGECRAFT_E2E_STANDIN ?? 'ms-azuretools.vscode-containers';

// Microsoft's engine reports: MAINTAINER (its deprecatedMaintainer check), the unknown instruction
// (a validator error). Stagecraft only: the unpinned base image; the JSON-form check is BuildKit's
// (Docker DX reports it, Microsoft's engine does not).
const TEXT = [
  'FROM busybox:latest',
  'MAINTAINER someone@example.com',
  'FORM busybox',
  'USER nobody',
  'CMD echo hi',
  '',
].join('\n');

const MICROSOFT_REPORTS = ['buildkit/MaintainerDeprecated', 'syntax/unknown-instruction'];
const STAGECRAFT_ONLY = ['security/unpinned-base-image', 'buildkit/JSONArgsRecommended'];

describe('stagecraft.overlap next to Microsoft\'s Dockerfile extension (in the real extension host)', () => {
  let uri: vscode.Uri;
  const has = (ds: vscode.Diagnostic[], id: string) => ds.some((d) => codeOf(d) === id);
  const config = () => vscode.workspace.getConfiguration('stagecraft');

  before(async () => {
    await stagecraft();
    uri = workspaceFile('overlap.Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TEXT));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await config().update('overlap', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('docker.languageserver.diagnostics')
      .update('deprecatedMaintainer', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('sees the extension under Microsoft\'s id as Microsoft\'s engine', async () => {
    const ext = vscode.extensions.getExtension(STAND_IN);
    assert.ok(ext, `${STAND_IN} is installed`);
    const api = await stagecraft();
    const snap = api.overlap();
    assert.deepEqual(snap.extensions, [STAND_IN]);
    assert.deepEqual(snap.engines, ['microsoft']);
    assert.equal(snap.mode, 'auto', 'auto is the default');
  });

  it('auto: what Microsoft\'s engine reports is not reported twice; Stagecraft\'s own findings stay', async () => {
    const ds = await waitForDiagnostics(uri, (d) => STAGECRAFT_ONLY.every((id) => has(d, id)), 'Stagecraft\'s own findings');
    for (const id of MICROSOFT_REPORTS) assert.ok(!has(ds, id), `${id} hidden; shown: ${ds.map(codeOf).join(', ')}`);
    const api = await stagecraft();
    assert.equal(api.overlap().hidden[uri.toString()], MICROSOFT_REPORTS.length);
  });

  it('show: the hidden findings come back without a restart', async () => {
    await config().update('overlap', 'show', vscode.ConfigurationTarget.Workspace);
    const ds = await waitForDiagnostics(uri, (d) => MICROSOFT_REPORTS.every((id) => has(d, id)), 'the overlapping findings to come back');
    for (const id of STAGECRAFT_ONLY) assert.ok(has(ds, id), `${id} still shown`);
    const api = await stagecraft();
    assert.equal(api.overlap().hidden[uri.toString()], undefined);
  });

  it('back to auto: they go again', async () => {
    const api = await stagecraft();
    const changed = waitFor(api.onDidChangeOverlap, () => (api.overlap().mode === 'auto' ? true : undefined), 20_000, 'the overlap mode to be auto');
    await config().update('overlap', 'auto', vscode.ConfigurationTarget.Workspace);
    await changed;
    await waitForDiagnostics(uri, (d) => MICROSOFT_REPORTS.every((id) => !has(d, id)) && STAGECRAFT_ONLY.every((id) => has(d, id)),
      'the overlapping findings to go again');
  });

  it('a Microsoft check turned off (ignore) is reported by Stagecraft again', async () => {
    await vscode.workspace.getConfiguration('docker.languageserver.diagnostics')
      .update('deprecatedMaintainer', 'ignore', vscode.ConfigurationTarget.Workspace);
    const ds = await waitForDiagnostics(uri, (d) => has(d, 'buildkit/MaintainerDeprecated'), 'MaintainerDeprecated to come back');
    assert.ok(!has(ds, 'syntax/unknown-instruction'), 'the validator error is still Microsoft\'s to report');
  });

  it('hide: hidden whatever is installed', async () => {
    await config().update('overlap', 'hide', vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('docker.languageserver.diagnostics')
      .update('deprecatedMaintainer', undefined, vscode.ConfigurationTarget.Workspace);
    // hide covers Docker DX's checks too: the JSON-form one goes as well
    const ds = await waitForDiagnostics(uri, (d) => !has(d, 'buildkit/JSONArgsRecommended') && !has(d, 'buildkit/MaintainerDeprecated'),
      'Docker DX\'s checks to be hidden too');
    assert.ok(has(ds, 'security/unpinned-base-image'));
  });
});
