// Run and Shell on a real Docker engine through the lens commands: each builds the stage, then
// starts `docker run --rm -it` in a task terminal (a pseudo-terminal, so `-it` has its TTY).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageActionResult } from '../../../client/src/stage-actions';
import { codeLenses, openDockerfile, processOf, recordTasks, runRecorded, stageLens, waitFor, withTimeout } from './helpers';

const TAG = (stage: string) => `stagecraft-e2e/stagecraft-ws-run.dockerfile:${stage}`;

describe('Run and Shell a stage with Docker (in the real extension host)', function () {
  this.timeout(180_000);

  before(function () {
    assert.ok(process.env.DOCKER_HOST, 'DOCKER_HOST is set for the extension host (the harness starts an engine)');
  });

  it('the Run lens builds the stage, then runs its command with docker run --rm -it', async () => {
    const document = await openDockerfile('app', 'run.Dockerfile');
    const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.runStage', 'hello');
    const { result, tasks } = await runRecorded(command, args, 'the run command');
    assert.deepEqual(result, { status: 'succeeded', tag: TAG('hello'), exitCode: 0 });

    const order = tasks.events.map((e) => `${e.kind} ${e.name}${e.exitCode === undefined ? '' : ` ${e.exitCode}`}`);
    assert.deepEqual(order.filter((e) => /^(start|process-end) /.test(e)),
      ['start Build hello', 'process-end Build hello 0', 'start Run hello', 'process-end Run hello 0'],
      `docker build, then docker run: ${JSON.stringify(order)}`);

    const build = processOf(tasks.started('Build hello'), 'Build hello');
    assert.equal(build.process, '/usr/bin/docker');
    assert.deepEqual(build.args.slice(0, 3), ['build', '--target', 'hello']);
    const run = processOf(tasks.started('Run hello'), 'Run hello');
    assert.equal(run.process, '/usr/bin/docker');
    // `--network=none` comes from stagecraft.run.extraArgs in the workspace settings
    assert.deepEqual(run.args, ['run', '--rm', '-it', '--network=none', TAG('hello')]);
  });

  it('Run reports the container\'s own exit code', async () => {
    const document = await openDockerfile('app', 'run.Dockerfile');
    const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.runStage', 'exits');
    const { result, tasks } = await runRecorded(command, args, 'the run command');
    assert.equal(tasks.exitCode('Build exits'), 0);
    assert.equal(tasks.exitCode('Run exits'), 7, 'the CMD `exit 7` ran in the container');
    assert.deepEqual(result, { status: 'failed', step: 'run', exitCode: 7, tag: TAG('exits') });
  });

  it('the Shell lens opens an interactive shell in the built image', async () => {
    const document = await openDockerfile('app', 'run.Dockerfile');
    const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.shellStage', 'hello');
    const tasks = recordTasks();
    const shellProcess = waitFor(vscode.tasks.onDidStartTaskProcess, () =>
      tasks.events.find((e) => e.kind === 'process-start' && e.name === 'Shell in hello'), 150_000, 'the shell task to start');
    const running = Promise.resolve(vscode.commands.executeCommand<StageActionResult>(command, args));
    let result: StageActionResult;
    try {
      await shellProcess;
      const terminal = await waitFor(vscode.window.onDidOpenTerminal,
        () => vscode.window.terminals.find((t) => t.name.includes('Shell in hello')), 20_000,
        `the shell task's terminal (terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')})`);
      // typed into the container's shell: exits 0 only inside the built image (it has /stagecraft-stage)
      terminal.sendText('echo stagecraft-shell-ok; test -f /stagecraft-stage && exit 0; exit 9');
      result = await withTimeout(running, 60_000, 'the shell to exit');
    } finally {
      tasks.dispose();
    }
    assert.equal(tasks.exitCode('Build hello'), 0);
    assert.equal(tasks.exitCode('Shell in hello'), 0, 'the shell ran the typed line in the image and exited 0');
    assert.deepEqual(result, { status: 'succeeded', tag: TAG('hello'), exitCode: 0 });
    const shell = processOf(tasks.started('Shell in hello'), 'Shell in hello');
    assert.deepEqual(shell.args.slice(0, 7), ['run', '--rm', '-it', '--network=none', '--entrypoint', '/bin/sh', TAG('hello')]);
  });
});
