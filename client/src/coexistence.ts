// `stagecraft.overlap`: hides the diagnostics that another Dockerfile extension in this VS Code
// already shows (the table, the decision and the filter are in overlap.ts). Works in the language
// client's middleware, so the server and the CLI are unchanged; reacts to extensions being
// installed, removed, enabled or disabled, and to setting changes, without a restart.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { BuildxInfo, canRunBuildChecks } from './buildx';
import {
  Engine, ENGINE_EXTENSIONS, ENGINE_NAMES, enginesOf, hidingEngines, MICROSOFT_CHECK_SECTION, MicrosoftCheck,
  OverlapFilter, OverlapMode, parseMode,
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

export class Coexistence implements vscode.Disposable {
  private readonly filter = new OverlapFilter<vscode.Uri, vscode.Diagnostic>({
    installedEngineExtensions: () => Object.keys(ENGINE_EXTENSIONS).filter((id) => vscode.extensions.getExtension(id) !== undefined),
    settingsFor: (uri) => {
      const checks = vscode.workspace.getConfiguration(MICROSOFT_CHECK_SECTION, uri);
      return {
        mode: parseMode(vscode.workspace.getConfiguration('stagecraft', uri).get('overlap')),
        microsoftCheck: (check: MicrosoftCheck) => checks.get(check),
      };
    },
    key: (uri) => uri.toString(),
  });
  private readonly changed = new vscode.EventEmitter<OverlapSnapshot>();
  /** Fires after the shown diagnostics were recomputed for a change of extensions or settings. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  /**
   * @param buildx asks docker (on PATH, as Docker DX runs it) about buildx; undefined where docker
   *   may not run (an untrusted workspace, where Docker DX is not enabled either).
   */
  constructor(private readonly log: vscode.LogOutputChannel, private readonly buildx?: () => Promise<BuildxInfo> | undefined) {
    this.logExtensions();
    this.checkDockerDx();
    this.subscriptions.push(
      vscode.extensions.onDidChange(() => {
        if (!this.filter.extensionsChanged()) return;
        this.logExtensions();
        this.checkDockerDx();
        this.announce();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('stagecraft.overlap') && !e.affectsConfiguration(MICROSOFT_CHECK_SECTION)) return;
        this.filter.republish();
        this.announce();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.checkDockerDx()),
    );
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }

  readonly middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => this.filter.handle(uri, diagnostics, next),
  };

  snapshot(): OverlapSnapshot {
    return {
      mode: parseMode(vscode.workspace.getConfiguration('stagecraft').get('overlap')),
      extensions: this.filter.extensions,
      engines: [...this.filter.engines()],
      hidden: this.filter.hidden(),
    };
  }

  private announce(): void {
    const snap = this.snapshot();
    const hiding = [...hidingEngines({ mode: snap.mode, engines: new Set(snap.engines) })].map((e) => ENGINE_NAMES[e]);
    this.log.info(`overlap: ${snap.mode}; hiding what ${hiding.join(' and ') || 'no other engine'} reports`);
    this.changed.fire(snap);
  }

  /** Docker DX lints with `docker buildx build --call=check`: without a buildx that can, it reports nothing. */
  private checkDockerDx(): void {
    if (!enginesOf(this.filter.extensions).has('docker-dx')) return;
    void this.buildx?.()?.then((info) => {
      const can = canRunBuildChecks(info);
      if (!this.filter.setDockerDxCanLint(can)) return;
      this.log.info(can
        ? 'overlap: Docker DX can run build checks'
        : `overlap: Docker DX is installed, but docker buildx ${info.version ?? ''} cannot run build checks (${info.error ?? 'needs buildx 0.15 or later'}): its BuildKit checks are reported here`);
      this.announce();
    }, () => undefined);
  }

  private logExtensions(): void {
    const found = this.filter.extensions;
    this.log.info(found.length === 0 ? 'overlap: no other Dockerfile engine is installed' : `overlap: found ${found.join(', ')}`);
  }
}
