// Build / Run / Shell of one stage, run as VS Code tasks (ProcessExecution with an argument array).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { StageCommandArgs } from '../../server/src/protocol';
import { BuiltImages, stageKey } from './built-images';
import { planBuild } from './buildx';
import type { BuildxService } from './buildx-service';
import type { BuildReport, BuildResults } from './build-results';
import { buildArgs, expandTag, runArgs, shellArgs, teeArgs } from './docker-args';
import { readBuildSettings } from './settings';
import { StageGraphService } from './stage-graph-service';
import { notify } from './notify';
import { dockerAllowed, UNTRUSTED_MESSAGE } from './trust';

export type StageAction = 'build' | 'run' | 'shell';

/** What a stage command did; returned to callers of `executeCommand` (tests, other extensions). */
export type StageActionResult =
  | { status: 'refused'; reason: 'untrusted' | 'invalid-arguments' | 'not-a-file' | 'unnamed-stage' | 'unknown-stage' }
  | { status: 'failed'; step: 'build' | 'run'; exitCode: number | undefined; tag: string }
  | { status: 'succeeded'; tag: string; exitCode: number };

export const TASK_TYPE = 'stagecraft';
let nextTaskId = 1;

export class StageActions {
  constructor(
    private readonly images: BuiltImages,
    private readonly graphs: StageGraphService,
    private readonly log: vscode.LogOutputChannel,
    private readonly buildx?: BuildxService,
    private readonly results?: BuildResults,
  ) {}

  private readonly reported = new vscode.EventEmitter<BuildReport>();
  /** Fires when a build's BuildKit output has been read (tests, the stage graph). */
  readonly onDidReport = this.reported.event;

  async execute(action: StageAction, raw: unknown): Promise<StageActionResult> {
    if (!dockerAllowed()) {
      this.log.warn(`${action} refused: the workspace is not trusted`);
      void notify('warning', UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((pick) => {
        if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return { status: 'refused', reason: 'untrusted' };
    }
    const args = await this.argsFrom(raw);
    if (!args) {
      void notify('error', 'Stagecraft: open a Dockerfile and use the Build, Run or Shell lens above a FROM line.');
      return { status: 'refused', reason: 'invalid-arguments' };
    }
    const uri = vscode.Uri.parse(args.uri);
    if (uri.scheme !== 'file') {
      void notify('warning', 'Stagecraft: save the Dockerfile to disk first; docker builds files, not editor buffers.');
      return { status: 'refused', reason: 'not-a-file' };
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save(); // docker reads the file from disk

    let target: string | undefined = args.target;
    if (!args.named) {
      const graph = await this.graphs.get(document);
      const isLast = graph ? args.stageIndex === graph.stages.length - 1 : false;
      if (!isLast) {
        void notify('warning',
          `Stagecraft: stage ${args.stageIndex} (line ${args.line + 1}) has no name, and docker build --target needs one. ` +
            'Name it with `AS <name>` on its FROM line.');
        return { status: 'refused', reason: 'unnamed-stage' };
      }
      target = undefined; // the last stage is what docker builds without --target
    }

    const dockerfile = uri.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const settings = readBuildSettings(uri);
    const stageLabel = target ?? `stage-${args.stageIndex}`;
    const tag = expandTag(settings.tagTemplate, {
      stage: stageLabel,
      dockerfileBasename: path.basename(dockerfile),
      workspaceFolderBasename: folder?.name ?? path.basename(path.dirname(dockerfile)),
    });
    // buildx is asked only when a builder or platforms are set; otherwise `docker build` as always
    const wantsBuildx = settings.builder !== '' || settings.platforms.length > 0;
    const buildxInfo = wantsBuildx ? await this.buildx?.probe(settings.dockerPath) : undefined;
    const plan = planBuild(settings.builder, settings.platforms, buildxInfo?.available ?? false);
    for (const w of plan.warnings) {
      this.log.warn(w);
      void notify('warning', `Stagecraft: ${w}.`);
    }
    const build = buildArgs({
      dockerfile,
      target,
      tag,
      contextSetting: settings.context,
      workspaceFolder: folder?.uri.fsPath,
      buildArgs: settings.args,
      extraArgs: settings.extraArgs,
      buildx: plan.buildx,
      builder: plan.builder,
      platforms: plan.platforms,
    });
    this.log.info(`build: ${settings.dockerPath} ${JSON.stringify(build)}`);
    // the build's output is also copied to a log file, read afterwards for what BuildKit cached
    const logDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'stagecraft-build-'));
    const logFile = path.join(logDir, 'build.log');
    const startedAt = Date.now();
    let built: number | undefined;
    let output = '';
    try {
      built = await this.runTask(`Build ${stageLabel}`, 'build', settings.dockerPath, build, path.dirname(dockerfile), folder, logFile);
      output = await fs.promises.readFile(logFile, 'utf8').catch(() => '');
      if (built === 127 && output === '') built = undefined; // the tee could not start docker
    } finally {
      void fs.promises.rm(logDir, { recursive: true, force: true });
    }
    if (this.results) {
      try {
        this.reported.fire(await this.results.record(document, target, output, startedAt));
      } catch (err) {
        this.log.warn(`the build's output could not be read: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (built !== 0) {
      this.log.error(`docker build of ${stageLabel} ended with exit code ${built ?? 'unknown'}`);
      const detail = built === undefined
        ? `docker could not be started (${settings.dockerPath}); check the stagecraft.docker.path setting.`
        : `exit code ${built}; docker's output is in the terminal.`;
      void notify('error', `Stagecraft: building stage "${stageLabel}" failed: ${detail}`, 'Show Output')
        .then((pick) => { if (pick) this.log.show(true); });
      return { status: 'failed', step: 'build', exitCode: built, tag };
    }
    await this.images.recordBuild(uri, stageKey(args.named ? args.target : undefined, args.stageIndex), tag);
    if (action === 'build') return { status: 'succeeded', tag, exitCode: 0 };

    const run = action === 'run' ? runArgs(tag, settings.runArgs) : shellArgs(tag, settings.runArgs);
    this.log.info(`${action}: ${settings.dockerPath} ${JSON.stringify(run)}`);
    const title = action === 'run' ? `Run ${stageLabel}` : `Shell in ${stageLabel}`;
    const ran = await this.runTask(title, action, settings.dockerPath, run, path.dirname(dockerfile), folder);
    return ran === 0 ? { status: 'succeeded', tag, exitCode: 0 } : { status: 'failed', step: 'run', exitCode: ran, tag };
  }

  /** Starts the task and resolves with its process exit code (undefined when no process ran). */
  private async runTask(name: string, action: StageAction, command: string, args: string[], cwd: string,
    folder: vscode.WorkspaceFolder | undefined, logFile?: string): Promise<number | undefined> {
    const id = `${process.pid}-${nextTaskId++}`;
    const env: Record<string, string> = {};
    if (process.env.DOCKER_BUILDKIT === undefined) env.DOCKER_BUILDKIT = '1'; // RUN --mount and friends need BuildKit
    const task = new vscode.Task(
      { type: TASK_TYPE, action, id },
      folder ?? vscode.TaskScope.Workspace,
      name,
      'stagecraft',
      // no env replaced: DOCKER_HOST / DOCKER_CONTEXT pass through. With a log file, Node runs the
      // command through a fixed tee script (docker-args.ts) that also copies its output there.
      logFile
        ? new vscode.ProcessExecution(process.execPath, teeArgs(logFile, command, args), { cwd, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } })
        : new vscode.ProcessExecution(command, args, { cwd, env }),
      [],
    );
    task.presentationOptions = {
      reveal: vscode.TaskRevealKind.Always,
      panel: action === 'build' ? vscode.TaskPanelKind.Shared : vscode.TaskPanelKind.New,
      focus: action !== 'build',
      clear: action === 'build',
      showReuseMessage: false,
    };
    const isOurs = (e: vscode.TaskExecution) => e.task.definition.type === TASK_TYPE && e.task.definition.id === id;
    return new Promise<number | undefined>((resolve, reject) => {
      let exitCode: number | undefined;
      const subs = [
        vscode.tasks.onDidEndTaskProcess((e) => { if (isOurs(e.execution)) exitCode = e.exitCode; }),
        vscode.tasks.onDidEndTask((e) => {
          if (!isOurs(e.execution)) return;
          subs.forEach((s) => s.dispose());
          resolve(exitCode);
        }),
      ];
      vscode.tasks.executeTask(task).then(undefined, (err) => {
        subs.forEach((s) => s.dispose());
        reject(err);
      });
    });
  }

  /** Accepts the server's StageCommandArgs; from the command palette, asks for a stage. */
  private async argsFrom(raw: unknown): Promise<StageCommandArgs | undefined> {
    if (isStageArgs(raw)) return raw;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'dockerfile') return undefined;
    const graph = await this.graphs.get(editor.document);
    if (!graph || graph.stages.length === 0) return undefined;
    const picks = graph.stages.map((s) => ({
      label: s.name ?? `stage ${s.index}`,
      description: `FROM ${s.base}`,
      detail: s.shipped ? 'shipped' : s.unreachable ? 'unreachable' : undefined,
      stage: s,
    }));
    const cursorLine = editor.selection.active.line;
    const current = picks.filter((p) => p.stage.range.start.line <= cursorLine).pop();
    const ordered = current ? [current, ...picks.filter((p) => p !== current)] : picks;
    const pick = await vscode.window.showQuickPick(ordered, { placeHolder: 'Stage to use' });
    if (!pick) return undefined;
    return {
      uri: editor.document.uri.toString(),
      target: pick.stage.name ?? String(pick.stage.index),
      stageIndex: pick.stage.index,
      line: pick.stage.range.start.line,
      named: pick.stage.name !== undefined,
    };
  }
}

function isStageArgs(v: unknown): v is StageCommandArgs {
  const a = v as StageCommandArgs | undefined;
  return !!a && typeof a === 'object' && typeof a.uri === 'string' && typeof a.target === 'string' &&
    typeof a.stageIndex === 'number' && typeof a.named === 'boolean' && typeof a.line === 'number';
}
