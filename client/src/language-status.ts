// The `{}` language status item for Dockerfiles: stages and findings of the active Dockerfile,
// the server's state, and a link to the output.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { StageGraphService } from './stage-graph-service';

export type ServerState = 'starting' | 'running' | 'stopped';

export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private serverState: ServerState = 'starting';
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the item's text or detail changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly graphs: StageGraphService) {
    this.item = vscode.languages.createLanguageStatusItem('stagecraft.status', { language: 'dockerfile' });
    this.item.name = 'Stagecraft';
    this.item.command = { title: 'Show Output', command: Commands.showOutput, tooltip: 'Show the Stagecraft output' };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(300);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(50);
      }),
    );
    this.schedule(0);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
    this.changed.dispose();
  }

  setServerState(state: State): void {
    this.serverState = state === State.Running ? 'running' : state === State.Starting ? 'starting' : 'stopped';
    this.schedule(0);
  }

  /** What the item shows now (for tests and the output). */
  snapshot(): { text: string; detail: string | undefined; severity: vscode.LanguageStatusSeverity; busy: boolean } {
    return { text: this.item.text, detail: this.item.detail, severity: this.item.severity, busy: this.item.busy };
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delayMs);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const server = `Language server: ${this.serverState}`;
    this.item.busy = this.serverState === 'starting';
    this.item.severity = this.serverState === 'stopped'
      ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'dockerfile') {
      this.item.text = 'Stagecraft';
      this.item.detail = server;
      this.changed.fire();
      return;
    }
    const findings = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'stagecraft').length;
    const graph = this.serverState === 'running' ? await this.graphs.get(document) : undefined;
    if (generation !== this.generation) return; // a newer update started meanwhile
    const stages = graph ? `${graph.stages.length} ${graph.stages.length === 1 ? 'stage' : 'stages'}` : undefined;
    const found = `${findings} ${findings === 1 ? 'finding' : 'findings'}`;
    this.item.text = stages ? `$(layers) ${stages} · ${found}` : `$(layers) ${found}`;
    this.item.detail = server;
    this.changed.fire();
  }
}
