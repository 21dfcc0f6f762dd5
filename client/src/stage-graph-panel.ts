// The stage graph view: a webview that draws the active Dockerfile's stage DAG, follows edits
// (debounced), and reveals a stage's FROM line when its node is clicked.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { layoutStageGraph } from './graph-layout';
import { notify } from './notify';
import type { FromWebview, GraphModel, ToWebview } from './graph-model';
import { StageGraphService } from './stage-graph-service';
import type { BuildResults } from './build-results';
import { summaryTitle } from './build-progress';
import { nodeBuildState } from './graph-build';

const UPDATE_DELAY_MS = 250;

export class StageGraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private model: GraphModel | undefined;
  private lastRendered: { nodes: number; edges: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<{ nodes: number; edges: number }>();
  /** Fires when the webview reports it drew a graph. */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly graphs: StageGraphService,
    private readonly results?: BuildResults) {
    if (results) this.subscriptions.push(results.onDidChange(() => { if (this.panel) this.schedule(0); }));
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor?.document.languageId === 'dockerfile' && editor.document !== this.document) {
          this.document = editor.document;
          this.schedule(0);
        }
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
    this.panel?.dispose();
    this.rendered.dispose();
  }

  /** The model last sent to the view and what the view reported drawing (tests and integrations). */
  state(): { open: boolean; document?: string; model?: GraphModel; rendered?: { nodes: number; edges: number } } {
    return { open: !!this.panel, document: this.document?.uri.toString(), model: this.model, rendered: this.lastRendered };
  }

  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document.languageId === 'dockerfile'
      ? editor.document
      : this.document ?? vscode.workspace.textDocuments.find((d) => d.languageId === 'dockerfile');
    if (!document) {
      void notify('info', 'Stagecraft: open a Dockerfile to see its stage graph.');
      return;
    }
    this.document = document;
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      this.panel = vscode.window.createWebviewPanel('stagecraft.stageGraph', 'Stage Graph',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
        });
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.model = undefined;
        this.lastRendered = undefined;
      });
    }
    await this.update();
  }

  private schedule(delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    if (!panel || !document) return;
    panel.title = `Stage Graph: ${path.basename(document.uri.path)}`;
    const graph = await this.graphs.get(document);
    if (panel !== this.panel || document !== this.document) return;
    if (!graph) {
      this.model = undefined;
      void this.post({ type: 'empty', message: 'The language server has no stage graph for this document yet.' });
      return;
    }
    this.model = layoutStageGraph(graph, path.basename(document.uri.path));
    // the last build's result per stage: the webview colours the node (cached, rebuilt, failed)
    for (const node of this.model.nodes) {
      const r = this.results?.stage(document.uri, node.index);
      if (r) node.build = { state: nodeBuildState(r.summary), title: summaryTitle(r.summary) };
    }
    void this.post({ type: 'graph', model: this.model });
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel ? this.panel.webview.postMessage(message) : Promise.resolve(false);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m.type === 'ready') {
      if (this.model) void this.post({ type: 'graph', model: this.model });
      else void this.update();
    } else if (m.type === 'rendered') {
      this.lastRendered = { nodes: m.nodes, edges: m.edges };
      this.rendered.fire(this.lastRendered);
    } else if (m.type === 'reveal' && this.document && this.model) {
      const node = this.model.nodes.find((n) => n.index === m.index);
      if (!node) return;
      const line = Math.min(node.line, this.document.lineCount - 1);
      const range = this.document.lineAt(line).range;
      const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
      await vscode.window.showTextDocument(this.document, {
        viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
        selection: new vscode.Range(range.start, range.start),
      });
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'graph-webview.js'));
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource}`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Stage Graph</title>
<style nonce="${nonce}">
  body { padding: 0 12px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
  header { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; margin: 10px 0; }
  header h1 { font-size: 1.1em; margin: 0; font-weight: 600; }
  .legend { display: flex; gap: 14px; flex-wrap: wrap; opacity: .85; font-size: .92em; }
  .legend span { white-space: nowrap; }
  .legend svg { vertical-align: middle; }
  #message { opacity: .8; }
  svg.graph { display: block; }
  .node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1; rx: 6; }
  .node.in-image rect { fill: var(--vscode-diffEditor-insertedTextBackground, var(--vscode-editorWidget-background)); }
  .node.on-path rect { stroke: var(--vscode-charts-green, #3fb950); stroke-width: 2; }
  .node.shipped rect { stroke-width: 3; }
  .node.unreachable { opacity: .45; }
  .node.build-cached rect { fill: var(--vscode-charts-blue, #3794ff); fill-opacity: .18; }
  .node.build-rebuilt rect { fill: var(--vscode-charts-orange, #d18616); fill-opacity: .22; }
  .node.build-failed rect { fill: var(--vscode-charts-red, #f14c4c); fill-opacity: .25; }
  .node.unreachable rect { stroke-dasharray: 4 3; }
  .node { cursor: pointer; outline: none; }
  .node:hover rect, .node:focus rect { stroke: var(--vscode-focusBorder); stroke-width: 2; }
  .node .name { font-weight: 600; fill: var(--vscode-foreground); }
  .node .base { fill: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family); font-size: .9em; }
  .node .badge { fill: var(--vscode-descriptionForeground); font-size: .8em; font-weight: 600; }
  .node.shipped .badge { fill: var(--vscode-charts-green, #3fb950); }
  .edge { fill: none; stroke: var(--vscode-foreground); stroke-opacity: .6; stroke-width: 1.4; }
  .edge.copy { stroke-dasharray: 6 4; }
  .edge.mount { stroke-dasharray: 1.5 3.5; stroke-linecap: round; stroke-width: 2; }
  .edge.on-path { stroke: var(--vscode-charts-green, #3fb950); stroke-opacity: 1; stroke-width: 2.2; }
  .legend-unreachable { fill: none; stroke: var(--vscode-foreground); stroke-dasharray: 4 3; opacity: .45; }
  .arrow { fill: var(--vscode-foreground); fill-opacity: .6; }
  .arrow.on-path { fill: var(--vscode-charts-green, #3fb950); fill-opacity: 1; }
</style>
</head>
<body>
<header>
  <h1 id="title">Stage Graph</h1>
  <div class="legend" aria-label="Legend">
    <span><svg width="34" height="10"><line class="edge" x1="2" y1="5" x2="32" y2="5"/></svg> FROM</span>
    <span><svg width="34" height="10"><line class="edge copy" x1="2" y1="5" x2="32" y2="5"/></svg> COPY --from</span>
    <span><svg width="34" height="10"><line class="edge mount" x1="2" y1="5" x2="32" y2="5"/></svg> RUN --mount=from</span>
    <span><svg width="34" height="10"><line class="edge on-path" x1="2" y1="5" x2="32" y2="5"/></svg> shipped path</span>
    <span><svg width="34" height="12"><rect class="legend-unreachable" x="2" y="1" width="30" height="10" rx="2"/></svg> unreachable</span>
    <span class="node build-cached"><svg width="34" height="12"><rect x="2" y="1" width="30" height="10" rx="2"/></svg> last build cached</span>
    <span class="node build-rebuilt"><svg width="34" height="12"><rect x="2" y="1" width="30" height="10" rx="2"/></svg> rebuilt</span>
  </div>
</header>
<div id="message" role="status"></div>
<div id="graph"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}
