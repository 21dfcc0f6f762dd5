// A client-side CodeLens above the first FROM: which builder and platforms the Build lens uses
// (`buildx: multi · linux/amd64, linux/arm64`); clicking it offers the builders and platforms
// docker buildx lists. Shown only in a trusted workspace (finding out runs docker).
import * as vscode from 'vscode';
import { builderLensTitle, planBuild } from './buildx';
import type { BuildxService } from './buildx-service';
import { codeLensEnabled, readBuildSettings } from './settings';
import { StageGraphService } from './stage-graph-service';
import { dockerAllowed } from './trust';

export class BuilderLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly buildx: BuildxService, private readonly graphs: StageGraphService, private readonly command: string) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('stagecraft.build') || e.affectsConfiguration('stagecraft.docker.path') ||
          e.affectsConfiguration('stagecraft.codeLens')) this.changed.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!dockerAllowed() || !codeLensEnabled(document.uri) || document.uri.scheme !== 'file') return [];
    const settings = readBuildSettings(document.uri);
    const info = await this.buildx.probe(settings.dockerPath);
    if (!info) return [];
    const plan = planBuild(settings.builder, settings.platforms, info.available);
    const title = builderLensTitle(plan, info.available);
    if (!title) return [];
    const graph = await this.graphs.get(document);
    const first = graph?.stages[0];
    if (!first || first.range.start.line >= document.lineCount) return [];
    return [new vscode.CodeLens(document.lineAt(first.range.start.line).range, {
      title,
      command: this.command,
      tooltip: info.available
        ? `docker buildx ${info.version ?? ''}: choose the builder and platforms the Build lens uses`
        : `docker buildx is not available (${info.error ?? 'unknown'}): Build runs docker build`,
    })];
  }
}
