// `stagecraft.overlap`: hides the diagnostics that another Dockerfile extension in this VS Code
// already shows (the table and the decision are in overlap.ts). Works in the language client's
// middleware, so the server and the CLI are unchanged; reacts to extensions being installed,
// removed, enabled or disabled, and to setting changes, without a restart.
import * as vscode from 'vscode';
import type { HandleDiagnosticsSignature, Middleware } from 'vscode-languageclient/node';
import { BuildxInfo, canRunBuildChecks } from './buildx';
import {
  Engine, ENGINE_EXTENSIONS, ENGINE_NAMES, enginesOf, filterOverlapping, hidingEngines, MICROSOFT_CHECK_SECTION,
  MicrosoftCheck, OverlapMode, OverlapState, parseMode,
} from './overlap';

export interface OverlapSnapshot {
  mode: OverlapMode;
  /** Extension ids of the other engines found installed and enabled. */
  extensions: string[];
  /** The engines counted as reporting (Docker DX only while `docker buildx build --call=check` can run). */
  engines: Engine[];
  /** Diagnostics hidden, per document URI. */
  hidden: Record<string, number>;
}

interface Published {
  uri: vscode.Uri;
  diagnostics: vscode.Diagnostic[];
  next: HandleDiagnosticsSignature;
}

export class Coexistence implements vscode.Disposable {
  private readonly published = new Map<string, Published>();
  private readonly hiddenCounts = new Map<string, number>();
  private extensions: string[] = [];
  private readonly changed = new vscode.EventEmitter<OverlapSnapshot>();
  /** Fires after the shown diagnostics were recomputed for a change of extensions or settings. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Docker DX lints by running `docker buildx build --call=check`: without a buildx that can, it reports nothing. */
  private dxCannotLint = false;

  /**
   * @param buildx asks docker (on PATH, as Docker DX runs it) about buildx; undefined where docker
   *   may not run (an untrusted workspace, where Docker DX is not enabled either).
   */
  constructor(private readonly log: vscode.LogOutputChannel, private readonly buildx?: () => Promise<BuildxInfo> | undefined) {
    this.extensions = installedEngineExtensions();
    this.logEngines();
    this.checkDockerDx();
    this.subscriptions.push(
      vscode.extensions.onDidChange(() => {
        const now = installedEngineExtensions();
        if (now.join() === this.extensions.join()) return;
        this.extensions = now;
        this.logEngines();
        this.checkDockerDx();
        this.republish();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.checkDockerDx()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('stagecraft.overlap') || e.affectsConfiguration(MICROSOFT_CHECK_SECTION)) this.republish();
      }),
    );
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }

  readonly middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => {
      const key = uri.toString();
      if (diagnostics.length === 0) this.published.delete(key);
      else this.published.set(key, { uri, diagnostics, next });
      next(uri, this.filter(uri, diagnostics));
    },
  };

  snapshot(): OverlapSnapshot {
    const mode = parseMode(vscode.workspace.getConfiguration('stagecraft').get('overlap'));
    return {
      mode,
      extensions: [...this.extensions],
      engines: [...this.engines()],
      hidden: Object.fromEntries(this.hiddenCounts),
    };
  }

  private state(uri: vscode.Uri): OverlapState {
    const checks = vscode.workspace.getConfiguration(MICROSOFT_CHECK_SECTION, uri);
    return {
      mode: parseMode(vscode.workspace.getConfiguration('stagecraft', uri).get('overlap')),
      engines: this.engines(),
      microsoftCheck: (check: MicrosoftCheck) => checks.get(check),
    };
  }

  private filter(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    const { shown, hidden } = filterOverlapping(diagnostics, this.state(uri));
    const count = Object.values(hidden).reduce((a, b) => a + (b ?? 0), 0);
    if (count > 0) this.hiddenCounts.set(uri.toString(), count);
    else this.hiddenCounts.delete(uri.toString());
    return shown;
  }

  /** Publishes every document's last diagnostics again through the current filter. */
  private republish(): void {
    for (const p of this.published.values()) p.next(p.uri, this.filter(p.uri, p.diagnostics));
    const snap = this.snapshot();
    this.log.info(`overlap: ${snap.mode}; hiding what ${[...hidingEngines({ mode: snap.mode, engines: new Set(snap.engines) })].map((e) => ENGINE_NAMES[e]).join(' and ') || 'no other engine'} reports`);
    this.changed.fire(snap);
  }

  private engines(): Set<Engine> {
    const engines = enginesOf(this.extensions);
    if (this.dxCannotLint) engines.delete('docker-dx');
    return engines;
  }

  private checkDockerDx(): void {
    if (!enginesOf(this.extensions).has('docker-dx')) return;
    void this.buildx?.()?.then((info) => {
      const cannot = !canRunBuildChecks(info);
      if (cannot === this.dxCannotLint) return;
      this.dxCannotLint = cannot;
      this.log.info(cannot
        ? `overlap: Docker DX is installed, but docker buildx ${info.version ?? ''} cannot run build checks (${info.error ?? 'needs buildx 0.15 or later'}): its BuildKit checks are reported here`
        : 'overlap: Docker DX can run build checks again');
      this.republish();
    }, () => undefined);
  }

  private logEngines(): void {
    if (this.extensions.length === 0) this.log.info('overlap: no other Dockerfile engine is installed');
    else this.log.info(`overlap: found ${this.extensions.join(', ')}`);
  }
}

/** The engine extensions VS Code lists (installed and enabled: a disabled extension is not listed). */
function installedEngineExtensions(): string[] {
  return Object.keys(ENGINE_EXTENSIONS).filter((id) => vscode.extensions.getExtension(id) !== undefined).sort();
}
