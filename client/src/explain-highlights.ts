// "Stagecraft: What rebuilds when this file changes?": asks the server's `stagecraft/explain` for
// the Dockerfile(s) whose build context holds the file, highlights the steps in the editor
// (rebuilt, depends, unknown; reused steps dimmed), and shows the summary. The highlights go
// away when the document changes or on "Clear Rebuild Highlights". The stage lens
// `N of M steps rebuild when sources change` runs the same command for "any source file".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExplainLensArgs, ExplainParams, ExplainRequest, ExplainResult } from '../../server/src/protocol';
import { changedLabel, dockerfilesFor, Highlight, highlightsOf, summaryOf } from './explain-plan';
import { notify } from './notify';

export const CLEAR_REBUILD_HIGHLIGHTS_COMMAND = 'stagecraft.clearRebuildHighlights';

/** What is highlighted (the extension's API exposes it to tests). */
export interface RebuildHighlightState {
  uri: string;
  /** What changed, as the summary names it. */
  changed: string;
  summary: string;
  highlights: Highlight[];
}

/** What the command returns to `executeCommand` callers. */
export interface ExplainCommandResult {
  /** The Dockerfiles explained (one highlighted), empty when none holds the file. */
  dockerfiles: string[];
  summary?: string;
  error?: string;
}

const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}';

export class ExplainHighlights implements vscode.Disposable {
  private readonly rebuilt = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: 'rgba(255, 140, 0, 0.16)',
    overviewRulerColor: 'rgba(255, 140, 0, 0.8)',
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    after: { color: new vscode.ThemeColor('editorWarning.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  private readonly depends = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: 'rgba(100, 149, 237, 0.13)',
    after: { color: new vscode.ThemeColor('editorInfo.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  private readonly unknown = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  private readonly reused = vscode.window.createTextEditorDecorationType({ opacity: '0.55' });
  private current: RebuildHighlightState | undefined;
  private readonly changed = new vscode.EventEmitter<RebuildHighlightState | undefined>();
  /** Fires when highlights are shown or cleared. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: () => LanguageClient | undefined, private readonly output: vscode.LogOutputChannel) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.current && e.document.uri.toString() === this.current.uri && e.contentChanges.length) this.clear();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.current && d.uri.toString() === this.current.uri) this.clear();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
    ];
  }

  state(): RebuildHighlightState | undefined {
    return this.current;
  }

  clear(): void {
    if (!this.current) return;
    this.current = undefined;
    this.render();
    this.changed.fire(undefined);
  }

  /** The command: a file or folder URI (explorer, palette: the active editor's file), or a stage lens's arguments. */
  async run(arg?: unknown): Promise<ExplainCommandResult> {
    const client = this.client();
    if (!client) return this.fail('the language server is not running');
    try {
      if (isLensArgs(arg)) return await this.explainStage(client, arg);
      const uri = arg instanceof vscode.Uri ? arg : await this.pickFile();
      if (!uri) return { dockerfiles: [] };
      return await this.explainFile(client, uri);
    } catch (e) {
      return this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  private async pickFile(): Promise<vscode.Uri | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active && active.uri.scheme === 'file' && active.languageId !== 'dockerfile') return active.uri;
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: false, openLabel: 'What rebuilds?' });
    return picked?.[0];
  }

  private async explainStage(client: LanguageClient, args: ExplainLensArgs): Promise<ExplainCommandResult> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const result = await this.request(client, { textDocument: { uri: args.uri }, target: args.target });
    if (!result) return this.fail(`no stage to explain in ${path.basename(document.uri.fsPath)}`);
    const what = changedLabel(undefined, result.contextDir);
    await this.show(document, result, what);
    return { dockerfiles: [args.uri], summary: this.current?.summary };
  }

  private async explainFile(client: LanguageClient, uri: vscode.Uri): Promise<ExplainCommandResult> {
    const file = uri.fsPath;
    let folder = false;
    try {
      folder = (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
    } catch {
      // a file that was deleted: explained as a file
    }
    const changed = folder ? uri.toString().replace(/\/?$/, '/') : uri.toString();
    // the open Dockerfiles first; when none holds the file, the workspace's
    const open = vscode.workspace.textDocuments.filter((d) => d.languageId === 'dockerfile' && d.uri.scheme === 'file');
    let answers = await this.answers(client, open, changed, file);
    if (!answers.length) {
      const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 50);
      const near = found.filter((f) => !open.some((d) => d.uri.toString() === f.toString()) && file.startsWith(path.dirname(f.fsPath)));
      const docs = await Promise.all(near.slice(0, 10).map((f) => vscode.workspace.openTextDocument(f)));
      answers = await this.answers(client, docs.filter((d) => d.languageId === 'dockerfile'), changed, file);
    }
    if (!answers.length) {
      const message = `Stagecraft: no open or workspace Dockerfile has ${path.basename(file)} in its build context.`;
      this.output.info(message);
      void notify('info', message);
      return { dockerfiles: [] };
    }
    let chosen = answers[0];
    if (answers.length > 1 && answers[0].file !== vscode.window.activeTextEditor?.document.uri.fsPath) {
      const pick = await vscode.window.showQuickPick(answers.map((a) => ({ label: vscode.workspace.asRelativePath(a.document.uri), answer: a })), { placeHolder: `Which Dockerfile's steps to highlight for ${path.basename(file)}?` });
      if (!pick) return { dockerfiles: answers.map((a) => a.document.uri.toString()) };
      chosen = pick.answer;
    }
    for (const a of answers) if (a !== chosen) this.output.info(`${vscode.workspace.asRelativePath(a.document.uri)}: ${summaryOf(a.result, changedLabel([file], a.contextDir))}`);
    await this.show(chosen.document, chosen.result, changedLabel([file], chosen.contextDir));
    return { dockerfiles: answers.map((a) => a.document.uri.toString()), summary: this.current?.summary };
  }

  private async answers(client: LanguageClient, docs: vscode.TextDocument[], changed: string, file: string) {
    const out: { document: vscode.TextDocument; result: ExplainResult; file: string; contextDir: string }[] = [];
    for (const document of docs) {
      const result = await this.request(client, { textDocument: { uri: document.uri.toString() }, changed: [changed] });
      if (result?.contextDir) out.push({ document, result, file: document.uri.fsPath, contextDir: result.contextDir });
    }
    return dockerfilesFor(file, out, vscode.window.activeTextEditor?.document.uri.fsPath);
  }

  private async request(client: LanguageClient, params: ExplainParams): Promise<ExplainResult | null> {
    return client.sendRequest<ExplainResult | null>(ExplainRequest, params);
  }

  private async show(document: vscode.TextDocument, result: ExplainResult, what: string): Promise<void> {
    const summary = summaryOf(result, what);
    this.current = { uri: document.uri.toString(), changed: what, summary, highlights: highlightsOf(result) };
    if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === this.current!.uri)) {
      await vscode.window.showTextDocument(document, { preserveFocus: true, preview: false });
    }
    this.render();
    this.output.info(`${vscode.workspace.asRelativePath(document.uri)}: ${summary}`);
    for (const s of result.steps) if (s.buildStep) this.output.info(`  line ${s.line} ${s.status}${s.cause ? `: ${s.cause}` : ''}  ${s.instruction.split('\n')[0]}`);
    this.changed.fire(this.current);
    void notify('info', `Stagecraft: ${summary}`, 'Clear Highlights').then((pick) => { if (pick) this.clear(); });
  }

  private render(): void {
    const state = this.current;
    for (const editor of vscode.window.visibleTextEditors) {
      const mine = state && editor.document.uri.toString() === state.uri;
      const of = (kind: Highlight['kind']): vscode.DecorationOptions[] => (mine ? state!.highlights.filter((h) => h.kind === kind) : []).map((h) => ({
        range: new vscode.Range(h.startLine, 0, h.endLine, h.endCharacter),
        hoverMessage: h.after || undefined,
        renderOptions: h.after ? { after: { contentText: h.after } } : undefined,
      }));
      editor.setDecorations(this.rebuilt, of('rebuilt'));
      editor.setDecorations(this.depends, of('depends'));
      editor.setDecorations(this.unknown, of('unknown'));
      editor.setDecorations(this.reused, of('reused'));
    }
  }

  private fail(error: string): ExplainCommandResult {
    this.output.error(`what rebuilds: ${error}`);
    void notify('error', `Stagecraft: could not tell what rebuilds: ${error}`);
    return { dockerfiles: [], error };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const d of [this.rebuilt, this.depends, this.unknown, this.reused]) d.dispose();
    this.changed.dispose();
  }
}

function isLensArgs(arg: unknown): arg is ExplainLensArgs {
  return !!arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && typeof (arg as ExplainLensArgs).uri === 'string' && typeof (arg as ExplainLensArgs).target === 'string';
}
