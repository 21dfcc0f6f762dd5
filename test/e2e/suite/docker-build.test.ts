// Build on a real Docker engine through the lens command: a task that builds exactly that stage.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageActionResult } from '../../../client/src/stage-actions';
import type { Notification } from '../../../client/src/notify';
import type { BuildReport } from '../../../client/src/build-results';
import type { CompareResult } from '../../../client/src/compare-split';
import { codeLenses, codeOf, docker, openDockerfile, processOf, runRecorded, stagecraft, stageLens, waitFor, waitForDiagnostics, withTimeout, workspaceFile } from './helpers';

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
    // Node runs docker through the fixed tee script, which copies the output to a log for the build results
    assert.equal((task.execution as vscode.ProcessExecution).process, process.execPath);
    const exec = processOf(task, 'Build builder');
    assert.equal(exec.process, '/usr/bin/docker');
    assert.ok(exec.args.includes('--progress=plain'), 'BuildKit\'s plain progress, read after the build');
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
    // the age counts from Stagecraft's build, which ended moments ago
    assert.match(info.command!.title, /^builder · [\d.]+ (B|kB|MB|GB) · just now$/);
    assert.equal(info.range.start.line, 1, 'on the builder FROM line');
  });

  it('after a Build, the lens counts the cached steps and the hover gives each step\'s result; a source edit rebuilds from the COPY on', async () => {
    const api = await stagecraft();
    const document = await openDockerfile('cache', 'Dockerfile');
    const message = await vscode.workspace.openTextDocument(workspaceFile('cache', 'message.txt'));
    const saveMessage = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(message.uri, new vscode.Range(new vscode.Position(0, 0), message.positionAt(message.getText().length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit), 'message.txt edited');
      assert.ok(await message.save(), 'message.txt saved');
    };
    const build = async (what: string) => {
      const reports: BuildReport[] = [];
      const sub = api.onDidReportBuild((r) => reports.push(r));
      try {
        await vscode.window.showTextDocument(document);
        const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.buildStage', 'builder');
        const { result } = await runRecorded(command, args, what);
        assert.equal(result.status, 'succeeded', JSON.stringify(result));
        return await waitFor(api.onDidReportBuild, () => reports[0], 30_000, `the results of ${what}`);
      } finally {
        sub.dispose();
      }
    };
    const hoverAt = async (line: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 2)) ?? [];
      const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
      const ours = texts.find((t) => t.startsWith('**Last build**'));
      assert.ok(ours, `a build-result hover on line ${line + 1}: ${JSON.stringify(texts)}`);
      return ours.replace(/\\/g, '');
    };
    const resultLens = async () => {
      const lenses = await codeLenses(document.uri);
      const lens = lenses.find((l) => /^\d+ steps? · \d+ cached · /.test(l.command?.title ?? ''));
      assert.ok(lens, `a build-result lens; titles: ${lenses.map((l) => l.command?.title).join(' | ')}`);
      assert.equal(lens.range.start.line, 2, 'on the builder FROM line');
      return lens.command!.title;
    };

    // a fresh message: the engine's cache from an earlier run cannot serve its COPY
    await saveMessage(`first ${Date.now()}\n`);
    const first = await build('the first build');
    assert.deepEqual(first.stages.map((r) => [r.stageIndex, r.summary.steps]), [[0, 3]], 'the builder\'s three steps after FROM');
    assert.equal(first.compared, false, 'the first build of the session has nothing to compare with');
    assert.match(await resultLens(), /^3 steps · [01] cached · \d+\.\d s$/);
    assert.match(await hoverAt(4), /^\*\*Last build\*\* \(step 3\/4\): rebuilt in \d+\.\d s$/, 'the COPY of the new message ran');
    assert.match(await hoverAt(5), /rebuilt in \d+\.\d s$/);

    // a source edit: the steady RUN comes from cache, the COPY of the edited file and the RUN after it rebuild
    await saveMessage(`second ${Date.now()}\n`);
    const second = await build('the build after a source edit');
    const steps = second.stages[0].steps.filter((s) => s.step.index > 1).map((s) => `${s.startLine === undefined ? '?' : s.startLine + 1} ${s.step.outcome}`);
    assert.deepEqual(steps, ['4 cached', '5 built', '6 built'], 'per step after FROM, by line');
    assert.equal(await resultLens(), `3 steps · 1 cached · ${second.stages[0].summary.seconds.toFixed(1)} s`);
    assert.equal(await hoverAt(3), '**Last build** (step 2/4): cached\n\npredicted: cached');
    assert.match(await hoverAt(4), /^\*\*Last build\*\* \(step 3\/4\): rebuilt in \d+\.\d s\n\npredicted: rebuilt$/);
    // the prediction for the file saved since the first build agreed with what BuildKit did
    assert.equal(second.compared, true);
    assert.deepEqual(second.changed, [message.uri.toString()]);
    assert.deepEqual(second.disagreements, []);

    // the stage graph colours the builder by the result: it rebuilt (the runner was not built)
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('stagecraft.showStageGraph');
    const node = await waitFor(api.onDidRenderStageGraph, () => {
      const view = api.stageGraphView();
      return view.document === document.uri.toString() && view.rendered ? view.model?.nodes.find((n) => n.index === 0)?.build : undefined;
    }, 30_000, 'the stage graph with the build result');
    assert.deepEqual(node, { state: 'rebuilt', title: `3 steps · 1 cached · ${second.stages[0].summary.seconds.toFixed(1)} s` });
    assert.equal(api.stageGraphView().model?.nodes.find((n) => n.index === 1)?.build, undefined, 'the runner was not part of the build');
  });

  it('Compare With the Original: after the split, builds both in a copy of the context, touches a source, rebuilds, and reports sizes and rebuild times', async function () {
    this.timeout(600_000);
    const api = await stagecraft();
    const document = await openDockerfile('split', 'Dockerfile');
    const before = document.getText();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri,
      new vscode.Range(0, 0, 0, 0)) ?? [];
    const split = actions.find((a) => a.title === 'Split into builder and runner stages');
    assert.ok(split?.edit, `the split refactor is offered; actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(split.edit), 'the split applied');
    assert.ok(/ AS runner/i.test(document.getText()) || document.getText().split(/^FROM /m).length > 2, 'two stages now');
    const source = workspaceFile('split', 'build.js');
    const sourceBefore = (await vscode.workspace.fs.readFile(source)).toString();
    const notes: Notification[] = [];
    const sub = api.onDidNotify((n) => notes.push(n));
    let result: CompareResult;
    try {
      result = await withTimeout(Promise.resolve(vscode.commands.executeCommand<CompareResult>('stagecraft.compareSplit')), 560_000, 'the comparison');
    } finally {
      sub.dispose();
    }
    assert.equal(result.status, 'compared', JSON.stringify(result));
    if (result.status !== 'compared') return;
    console.log(`      compare: ${result.message} (first builds ${result.original.buildSeconds.toFixed(1)} s → ${result.split.buildSeconds.toFixed(1)} s)`);
    assert.ok(result.split.size < result.original.size, `the runner is smaller: ${result.message}`);
    for (const m of [result.original, result.split]) {
      assert.ok(Number.isFinite(m.buildSeconds) && m.buildSeconds > 0 && Number.isFinite(m.rebuildSeconds) && m.rebuildSeconds > 0, JSON.stringify(m));
    }
    assert.equal(result.touched, 'build.js', 'a source file of the copy was touched');
    assert.match(result.message, /^[\d.]+ (MB|kB|GB) → [\d.]+ (MB|kB|GB), rebuild after a source edit \d+\.\d s → \d+\.\d s$/);
    assert.deepEqual(notes, [{ severity: 'info', message: `Stagecraft: ${result.message}`, items: ['Show Output'] }]);
    assert.equal((await vscode.workspace.fs.readFile(source)).toString(), sourceBefore, 'the user\'s source file is untouched');
    const left = await docker(['image', 'ls', '--format', '{{.Repository}}', 'stagecraft-compare/*']);
    assert.equal(left.stdout.trim(), '', 'the comparison images are removed');
    // back to the original text, unsaved edits dropped
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.replace(new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length)), before));
    await document.save();
  });

  it('a failing build shows its error in the terminal and a notification; the extension keeps working', async () => {
    const api = await stagecraft();
    const document = await openDockerfile('app', 'broken.Dockerfile');
    const { command, args } = stageLens(await codeLenses(document.uri), 'stagecraft.buildStage', 'fails');
    const notes: Notification[] = [];
    const noteSub = api.onDidNotify((n) => notes.push(n));
    let run: Awaited<ReturnType<typeof runRecorded>>;
    try {
      run = await runRecorded(command, args, 'the build command');
    } finally {
      noteSub.dispose();
    }
    const { result, tasks } = run;
    const exitCode = tasks.exitCode('Build fails');
    assert.ok(exitCode !== undefined && exitCode !== 0, `docker build failed (exit code ${exitCode})`);
    assert.deepEqual(result, { status: 'failed', step: 'build', exitCode, tag: 'stagecraft-e2e/stagecraft-ws-broken.dockerfile:fails' });
    // docker's output went to the task's terminal, which is shown
    const task = tasks.started('Build fails');
    assert.equal(task?.presentationOptions.reveal, vscode.TaskRevealKind.Always, 'the terminal with docker\'s output is revealed');
    assert.ok(vscode.window.terminals.some((t) => /Build fails/.test(t.name)),
      `a terminal shows the build (terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')})`);
    // and an error notification says what failed, pointing at the terminal
    assert.deepEqual(notes, [{
      severity: 'error',
      message: `Stagecraft: building stage "fails" failed: exit code ${exitCode}; docker's output is in the terminal.`,
      items: ['Show Output'],
    }]);
    assert.equal(tasks.started('Run fails'), undefined, 'nothing runs after a failed build');

    // the extension keeps working: an edit still gets its diagnostics, and they go away again
    const editor = await vscode.window.showTextDocument(document);
    const original = document.getText();
    const end = document.positionAt(original.length);
    await editor.edit((b) => b.insert(end, '\nCOPY --from=fials /a /b\n'));
    const ds = await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'stage/unknown-from'), 'a diagnostic for the edit after the failed build');
    assert.equal(document.getText(ds.find((x) => codeOf(x) === 'stage/unknown-from')!.range), 'fials');
    await editor.edit((b) => b.replace(new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length)), original));
    assert.equal(document.getText(), original);
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'stage/unknown-from'), 'the diagnostic to go after undoing the edit');
    await document.save();
    assert.ok((await codeLenses(document.uri)).some((l) => l.command?.command === 'stagecraft.buildStage'), 'the lenses are still there');
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
