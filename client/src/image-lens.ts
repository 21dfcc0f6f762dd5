// A client-side CodeLens after the server's Build/Run/Shell lenses: the size and age of the image
// this extension last built for that stage (`builder · 182 MB · 2 min ago`). The age counts from
// Stagecraft's last build of the stage, not from the image's creation (see image-info.ts).
import * as vscode from 'vscode';
import { BuiltImages, stageKey } from './built-images';
import { lensTitle, lensTooltip } from './image-info';
import { codeLensEnabled } from './settings';
import { StageGraphService } from './stage-graph-service';
import { dockerAllowed } from './trust';

export class ImageLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly images: BuiltImages, private readonly graphs: StageGraphService) {
    this.subscriptions.push(images.onDidChange(() => this.changed.fire()));
    this.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()));
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!dockerAllowed() || !codeLensEnabled(document.uri)) return [];
    const images = this.images.forDocument(document.uri);
    if (Object.keys(images).length === 0) return [];
    const graph = await this.graphs.get(document);
    if (!graph) return [];
    this.keepAgesFresh();
    const now = Date.now();
    const lenses: vscode.CodeLens[] = [];
    for (const stage of graph.stages) {
      const image = images[stageKey(stage.name, stage.index)];
      if (!image || image.size === undefined) continue;
      const line = stage.range.start.line;
      if (line >= document.lineCount) continue;
      const label = stage.name ?? `stage ${stage.index}`;
      lenses.push(new vscode.CodeLens(document.lineAt(line).range, {
        title: lensTitle(label, { ...image, size: image.size }, now),
        tooltip: lensTooltip(image, now),
        command: '',
      }));
    }
    return lenses;
  }

  /** Ages are relative: re-render once a minute while any is shown (no docker call involved). */
  private keepAgesFresh(): void {
    if (!this.ticker) {
      this.ticker = setInterval(() => this.changed.fire(), 60_000);
      this.ticker.unref?.();
    }
  }
}
