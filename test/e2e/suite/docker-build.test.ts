// Build on a real Docker engine through the lens command: a task that builds exactly that stage.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageActionResult } from '../../../client/src/stage-actions';
import { codeLenses, docker, openDockerfile, stageLens, withTimeout } from './helpers';

describe('Build a stage with Docker (in the real extension host)', function () {
  this.timeout(180_000);

  before(function () {
    assert.ok(process.env.DOCKER_HOST, 'DOCKER_HOST is set for the extension host (the harness starts an engine)');
  });

  it('the Build lens runs a task that builds exactly that stage', async () => {
    const document = await openDockerfile('app', 'Dockerfile');
    const lenses = await codeLenses(document.uri);
    const { command, args } = stageLens(lenses, 'stagecraft.buildStage', 'builder');

    const started: vscode.Task[] = [];
    const startSub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task));
    const ended = waitForTaskEnd('Build builder', 150_000);
    let result: StageActionResult;
    try {
      result = await withTimeout(Promise.resolve(vscode.commands.executeCommand<StageActionResult>(command, args)), 170_000, 'the build command');
    } finally {
      startSub.dispose();
    }
    const exitCode = await ended;
    assert.equal(exitCode, 0, 'docker build exits with 0');
    assert.equal(result.status, 'succeeded', JSON.stringify(result));
    const tag = result.status === 'succeeded' ? result.tag : '';
    assert.equal(tag, 'stagecraft-e2e/stagecraft-ws-dockerfile:builder', 'the tag template is expanded and sanitised');

    const task = started.find((t) => t.name === 'Build builder');
    assert.ok(task, 'a task named "Build builder" started');
    assert.ok(task.execution instanceof vscode.ProcessExecution, 'a process execution (argument array, no shell)');
    const exec = task.execution as vscode.ProcessExecution;
    assert.equal(exec.process, '/usr/bin/docker');
    assert.deepEqual(exec.args.slice(0, 3), ['build', '--target', 'builder']);
    assert.ok(exec.args.includes('--network=none'), 'extra args from the settings');
    assert.equal(exec.args[exec.args.length - 1], vscode.Uri.joinPath(document.uri, '..').fsPath, 'context: the Dockerfile folder');

    const inspect = await docker(['image', 'inspect', '--format', '{{.Id}}', tag]);
    assert.equal(inspect.code, 0, `the image ${tag} exists: ${inspect.stderr}`);
    const marker = await docker(['run', '--rm', '--network=none', tag, 'cat', '/out/marker']);
    assert.equal(marker.stdout.trim(), 'built by builder', `builder content: ${marker.stderr}`);
    const runnerOnly = await docker(['run', '--rm', '--network=none', tag, 'test', '-e', '/runner-only']);
    assert.notEqual(runnerOnly.code, 0, 'the image is the builder stage, not the runner');
  });

  it('shows the built image size and age in the lens', async () => {
    const document = await openDockerfile('app', 'Dockerfile');
    const lenses = await codeLenses(document.uri);
    const info = lenses.find((l) => /^builder · /.test(l.command?.title ?? ''));
    assert.ok(info, `an image lens; titles: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    assert.match(info.command!.title, /^builder · [\d.]+ (B|kB|MB|GB) · (just now|\d+ min ago)$/);
    assert.equal(info.range.start.line, 1, 'on the builder FROM line');
  });

  it('a failing build reports its exit code and nothing else breaks', async () => {
    const document = await openDockerfile('app', 'broken.Dockerfile');
    const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.buildStage', 'fails');
    const ended = waitForTaskEnd('Build fails', 150_000);
    const result = await vscode.commands.executeCommand<StageActionResult>(command, args);
    assert.notEqual(await ended, 0);
    assert.equal(result.status, 'failed');
    assert.equal(result.status === 'failed' && result.step, 'build');
  });

  it('refuses an unnamed stage that is not the last one, without starting docker', async () => {
    const document = await openDockerfile('app', 'broken.Dockerfile');
    const started: string[] = [];
    const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task.name));
    try {
      const result = await vscode.commands.executeCommand<StageActionResult>('stagecraft.buildStage',
        { uri: document.uri.toString(), target: '0', stageIndex: 0, line: 0, named: false });
      assert.deepEqual(result, { status: 'refused', reason: 'unnamed-stage' });
    } finally {
      sub.dispose();
    }
    assert.deepEqual(started, []);
  });
});

function waitForTaskEnd(name: string, ms: number): Promise<number | undefined> {
  let sub: vscode.Disposable | undefined;
  return withTimeout(new Promise<number | undefined>((resolve) => {
    sub = vscode.tasks.onDidEndTaskProcess((e) => { if (e.execution.task.name === name) resolve(e.exitCode); });
  }), ms, `the task "${name}" to end`).finally(() => sub?.dispose());
}
