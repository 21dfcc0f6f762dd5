// Stagecraft's VS Code extension: starts the language server and adds what only an editor
// client can do (Docker tasks, trust handling, the status item, the stage graph view).
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { BuiltImages } from './built-images';
import { BuilderLensProvider } from './buildx-lens';
import { BuildReport, BuildResults } from './build-results';
import { BuildxService, ChooseBuilderResult } from './buildx-service';
import { Coexistence, OverlapSnapshot } from './coexistence';
import { COMPARE_SPLIT_COMMAND, CompareResult, SplitComparison } from './compare-split';
import { ImageLensProvider } from './image-lens';
import { CLEAR_REBUILD_HIGHLIGHTS_COMMAND, ExplainHighlights, RebuildHighlightState } from './explain-highlights';
import { createLanguageClient, DOCUMENT_SELECTOR } from './language-client';
import { LanguageStatus } from './language-status';
import { Notification, notify, onDidNotify } from './notify';
import { showRuleDocumentation } from './rule-docs';
import { readBuildSettings } from './settings';
import { StageAction, StageActionResult, StageActions } from './stage-actions';
import { StageGraphPanel } from './stage-graph-panel';
import { StageGraphService } from './stage-graph-service';
import { trustMiddleware } from './trust-lenses';

/** What `activate` returns: a small API for integration tests and other extensions. */
export interface StagecraftApi {
  readonly client: LanguageClient;
  /** Resolves once the language server answered `initialize`. */
  ready(): Promise<void>;
  languageStatus(): ReturnType<LanguageStatus['snapshot']>;
  readonly onDidChangeLanguageStatus: vscode.Event<void>;
  stageGraphView(): ReturnType<StageGraphPanel['state']>;
  readonly onDidRenderStageGraph: vscode.Event<{ nodes: number; edges: number }>;
  /** Fires for every notification Stagecraft shows (error, warning or information message). */
  readonly onDidNotify: vscode.Event<Notification>;
  /** `stagecraft.overlap`: the other Dockerfile engines found and how many diagnostics are hidden. */
  overlap(): OverlapSnapshot;
  readonly onDidChangeOverlap: vscode.Event<OverlapSnapshot>;
  /** Fires after a Build's BuildKit output was read: per stage cached/rebuilt, and the prediction compared. */
  readonly onDidReportBuild: vscode.Event<BuildReport>;
  /** What `stagecraft.explainFileChange` highlighted (undefined once cleared). */
  rebuildHighlights(): RebuildHighlightState | undefined;
  readonly onDidChangeRebuildHighlights: vscode.Event<RebuildHighlightState | undefined>;
}

let client: LanguageClient | undefined;

/** Client-only command (the server puts no lens for it): pick the buildx builder and platforms. */
export const CHOOSE_BUILDER_COMMAND = 'stagecraft.chooseBuilder';

export async function activate(context: vscode.ExtensionContext): Promise<StagecraftApi> {
  const output = vscode.window.createOutputChannel('Stagecraft', { log: true });
  context.subscriptions.push(output);

  const graphs = new StageGraphService(() => client);
  const status = new LanguageStatus(graphs);
  const images = new BuiltImages(context.workspaceState, (uri) => readBuildSettings(uri).dockerPath, output);
  const buildx = new BuildxService(output);
  const buildResults = new BuildResults(graphs, () => client, output);
  const actions = new StageActions(images, graphs, output, buildx, buildResults);
  const graphView = new StageGraphPanel(context.extensionUri, graphs, buildResults);
  const comparison = new SplitComparison(output);
  const imageLenses = new ImageLensProvider(images, graphs);
  const builderLenses = new BuilderLensProvider(buildx, graphs, CHOOSE_BUILDER_COMMAND);
  context.subscriptions.push(status, images, buildx, graphView, imageLenses, builderLenses,
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, imageLenses),
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, builderLenses),
    buildResults, vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, buildResults),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, buildResults));

  const coexistence = new Coexistence(output, () => buildx.probe('docker'));
  context.subscriptions.push(coexistence);
  const languageClient = createLanguageClient(context, output, { ...trustMiddleware, ...coexistence.middleware });
  client = languageClient;
  context.subscriptions.push(languageClient.onDidChangeState((e) => {
    status.setServerState(e.newState);
    if (e.newState === State.Running) graphs.clear();
  }));
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => graphs.forget(d.uri)));

  const highlights = new ExplainHighlights(() => client, output);
  context.subscriptions.push(highlights,
    vscode.commands.registerCommand(Commands.explainFileChange, (arg: unknown) => highlights.run(arg)),
    vscode.commands.registerCommand(CLEAR_REBUILD_HIGHLIGHTS_COMMAND, () => highlights.clear()));

  const stageCommand = (action: StageAction) => (args: unknown): Promise<StageActionResult> => actions.execute(action, args);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.buildStage, stageCommand('build')),
    vscode.commands.registerCommand(Commands.runStage, stageCommand('run')),
    vscode.commands.registerCommand(Commands.shellStage, stageCommand('shell')),
    vscode.commands.registerCommand(Commands.showStageGraph, () => graphView.show()),
    comparison, vscode.commands.registerCommand(COMPARE_SPLIT_COMMAND, (arg: unknown): Promise<CompareResult> => comparison.compare(arg)),
    vscode.commands.registerCommand(CHOOSE_BUILDER_COMMAND, (): Promise<ChooseBuilderResult> =>
      buildx.chooseBuilder(vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri)),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.showRuleDoc, (arg: unknown) => showRuleDocumentation(context, arg)),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      output.info('restarting the language server');
      graphs.clear();
      await languageClient.restart();
    }),
    // once trusted, the server's lenses are rendered again without the "unavailable" rewrite
    vscode.workspace.onDidGrantWorkspaceTrust(() => refreshServerLenses(languageClient)),
  );

  status.setServerState(State.Starting);
  const started = languageClient.start().then(
    () => output.info(`language server started (${context.asAbsolutePath('dist/server.js')})`),
    (err: unknown) => {
      output.error(`the language server did not start: ${err instanceof Error ? err.message : String(err)}`);
      status.setServerState(State.Stopped);
      void notify('error', 'Stagecraft: the language server did not start. See the output for details.', 'Show Output')
        .then((pick) => { if (pick) output.show(true); });
      throw err;
    });
  started.catch(() => undefined);

  return {
    client: languageClient,
    ready: () => started,
    languageStatus: () => status.snapshot(),
    onDidChangeLanguageStatus: status.onDidChange,
    stageGraphView: () => graphView.state(),
    onDidRenderStageGraph: graphView.onDidRender,
    onDidNotify,
    overlap: () => coexistence.snapshot(),
    onDidChangeOverlap: coexistence.onDidChange,
    onDidReportBuild: actions.onDidReport,
    rebuildHighlights: () => highlights.state(),
    onDidChangeRebuildHighlights: highlights.onDidChange,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

function refreshServerLenses(languageClient: LanguageClient): void {
  const feature = languageClient.getFeature('textDocument/codeLens');
  for (const document of vscode.workspace.textDocuments) {
    if (document.languageId !== 'dockerfile') continue;
    for (const provider of feature?.getProvider(document) ? [feature.getProvider(document)!] : []) provider.onDidChangeCodeLensEmitter.fire();
  }
}
