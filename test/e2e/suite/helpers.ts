// Shared waits and look-ups for the in-host suites. Every wait is on an event, with a bound.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import * as vscode from 'vscode';
import type { StageCommandArgs } from '../../../server/src/protocol';
import type { StagecraftApi } from '../../../client/src/extension';
import type { StageActionResult } from '../../../client/src/stage-actions';
import { unwrapTee } from '../../../client/src/docker-args';

export const EXTENSION_ID = 'stagecraft.stagecraft';
export const STAGE_COMMANDS = ['stagecraft.buildStage', 'stagecraft.runStage', 'stagecraft.shellStage'];

export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function openDockerfile(...parts: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(...parts));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'dockerfile', `${parts.join('/')} is a Dockerfile to VS Code`);
  return document;
}

export async function stagecraft(): Promise<StagecraftApi> {
  const ext = vscode.extensions.getExtension<StagecraftApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  await withTimeout(api.ready(), 30_000, 'the language server to start');
  return api;
}

export function withTimeout<T>(p: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    Promise.resolve(p).finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]);
}

/** Resolves with the first value `check` returns (checked now, then after each event). */
export function waitFor<T, E>(event: vscode.Event<E>, check: () => T | undefined, ms: number, what: string): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  let sub: vscode.Disposable | undefined;
  return withTimeout(new Promise<T>((resolve) => {
    sub = event(() => {
      const v = check();
      if (v !== undefined) resolve(v);
    });
  }), ms, what).finally(() => sub?.dispose());
}

export const codeOf = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');

export function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string, ms = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(vscode.languages.onDidChangeDiagnostics, () => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'stagecraft');
    return predicate(ds) ? ds : undefined;
  }, ms, what);
}

export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** Lens titles grouped by line: `{ 0: ['▶ Build builder', 'Run', 'Shell'] }`. */
export function titlesByLine(lenses: vscode.CodeLens[], filter: (l: vscode.CodeLens) => boolean = () => true): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const l of lenses.filter(filter)) (out[l.range.start.line] ??= []).push(l.command?.title ?? '');
  return out;
}

export function stageLens(lenses: vscode.CodeLens[], command: string, target: string): { command: string; args: StageCommandArgs } {
  const lens = lenses.find((l) => l.command?.command === command && (l.command.arguments?.[0] as StageCommandArgs)?.target === target);
  assert.ok(lens?.command, `a ${command} lens for ${target}; lenses: ${JSON.stringify(lenses.map((l) => l.command))}`);
  return { command: lens.command.command, args: lens.command.arguments![0] as StageCommandArgs };
}

export function docker(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dockerPath = vscode.workspace.getConfiguration('stagecraft').get<string>('docker.path') ?? 'docker';
  return new Promise((resolve) => {
    execFile(dockerPath, args, { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function basename(uri: vscode.Uri): string {
  return path.basename(uri.fsPath);
}

export interface TaskEvent {
  kind: 'start' | 'process-start' | 'process-end';
  name: string;
  task: vscode.Task;
  exitCode?: number;
}

/** Records the task events in order until disposed. */
export function recordTasks(): { events: TaskEvent[]; started: (name: string) => vscode.Task | undefined; exitCode: (name: string) => number | undefined; dispose(): void } {
  const events: TaskEvent[] = [];
  const subs = [
    vscode.tasks.onDidStartTask((e) => events.push({ kind: 'start', name: e.execution.task.name, task: e.execution.task })),
    vscode.tasks.onDidStartTaskProcess((e) => events.push({ kind: 'process-start', name: e.execution.task.name, task: e.execution.task })),
    vscode.tasks.onDidEndTaskProcess((e) => events.push({ kind: 'process-end', name: e.execution.task.name, task: e.execution.task, exitCode: e.exitCode })),
  ];
  return {
    events,
    started: (name) => events.find((e) => e.kind === 'start' && e.name === name)?.task,
    exitCode: (name) => events.find((e) => e.kind === 'process-end' && e.name === name)?.exitCode,
    dispose: () => subs.forEach((s) => s.dispose()),
  };
}

/** Runs a stage command (Build, Run) to its end while recording the task events it causes. */
export async function runRecorded(command: string, args: StageCommandArgs, what: string): Promise<{ result: StageActionResult; tasks: ReturnType<typeof recordTasks> }> {
  const tasks = recordTasks();
  try {
    const result = await withTimeout(Promise.resolve(vscode.commands.executeCommand<StageActionResult>(command, args)), 170_000, what);
    return { result, tasks };
  } finally {
    tasks.dispose();
  }
}

/** The task's process execution (an argument array: no shell involved). */
export function processOf(task: vscode.Task | undefined, name: string): vscode.ProcessExecution {
  assert.ok(task, `a task named "${name}" started`);
  assert.ok(task.execution instanceof vscode.ProcessExecution, `"${name}" is a process execution (argument array, no shell)`);
  // a Build runs docker through the fixed tee script that copies its output to a log: the docker command inside
  const inner = unwrapTee((task.execution as vscode.ProcessExecution).args);
  return inner ? new vscode.ProcessExecution(inner.command, inner.args) : task.execution as vscode.ProcessExecution;
}
