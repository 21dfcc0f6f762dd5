// stagecraft.build.builder / .platforms on this machine's real engine, whose docker has no buildx
// plugin (Debian 12 packages none): the builder lens says so, choosing a builder is refused with a
// message, and Build falls back to `docker build --platform=…` with a warning for the builder.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Notification } from '../../../client/src/notify';
import { codeLenses, docker, openDockerfile, processOf, runRecorded, stagecraft, stageLens } from './helpers';

const HOST_PLATFORM = process.arch === 'arm64' ? 'linux/arm64' : 'linux/amd64';

describe('Build with builder and platform settings, no buildx (in the real extension host)', function () {
  this.timeout(180_000);
  const config = () => vscode.workspace.getConfiguration('stagecraft');

  before(async () => {
    await config().update('build.builder', 'multi', vscode.ConfigurationTarget.Workspace);
    await config().update('build.platforms', [HOST_PLATFORM], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('build.builder', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('build.platforms', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('the lens above the first FROM says Build runs docker build for that platform', async () => {
    const document = await openDockerfile('app', 'Dockerfile');
    const lenses = await codeLenses(document.uri);
    const lens = lenses.find((l) => l.command?.command === 'stagecraft.chooseBuilder');
    assert.ok(lens, `a builder lens among ${lenses.map((l) => l.command?.title).join(' | ')}`);
    assert.equal(lens.command!.title, `$(server-environment) docker build · ${HOST_PLATFORM} (no buildx)`);
    assert.equal(lens.range.start.line, 1, 'above the first FROM (line 2 of app/Dockerfile)');
  });

  it('choosing a builder is refused with the reason, without a picker', async () => {
    const api = await stagecraft();
    const notes: Notification[] = [];
    const sub = api.onDidNotify((n) => notes.push(n));
    try {
      const result = await vscode.commands.executeCommand('stagecraft.chooseBuilder');
      assert.deepEqual(result, { status: 'refused', reason: 'no-buildx' });
    } finally {
      sub.dispose();
    }
    assert.ok(notes.some((n) => /docker buildx is not available/.test(n.message)), JSON.stringify(notes));
  });

  it('Build: docker build --platform=… on the real engine, and a warning that the builder is not used', async () => {
    const api = await stagecraft();
    const notes: Notification[] = [];
    const sub = api.onDidNotify((n) => notes.push(n));
    const document = await openDockerfile('app', 'Dockerfile');
    const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.buildStage', 'builder');
    let outcome: Awaited<ReturnType<typeof runRecorded>>;
    try {
      outcome = await runRecorded(command, args, 'the build with a platform');
    } finally {
      sub.dispose();
    }
    assert.equal(outcome.result.status, 'succeeded', JSON.stringify(outcome.result));
    const exec = processOf(outcome.tasks.started('Build builder'), 'Build builder');
    assert.deepEqual(exec.args.slice(0, 4), ['build', `--platform=${HOST_PLATFORM}`, '--target', 'builder']);
    assert.ok(!exec.args.some((a) => a.startsWith('--builder')), 'plain docker build takes no --builder');
    assert.ok(notes.some((n) => n.severity === 'warning' && /stagecraft\.build\.builder is "multi" but docker buildx is not available/.test(n.message)),
      JSON.stringify(notes));
    const tag = outcome.result.status === 'succeeded' ? outcome.result.tag : '';
    const arch = await docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', tag]);
    assert.equal(arch.stdout.trim(), HOST_PLATFORM, arch.stderr);
  });
});
