import * as path from 'node:path';
import { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Analysis, AnalysisPhase } from '../core/analyze';
import { BuildContextFacts, ContextView } from '../core/context';
import { mergeConfigs, StagecraftConfig } from '../core/config';
import { defaultSettings, StagecraftSettings } from '../protocol';
import { readBuildContext, readFullBuildContext } from '../host/build-context';
import { findConfig, LoadedConfig } from '../host/config-file';
import { URI } from './uri';

/**
 * Everything the handlers share: per-resource settings, configuration files
 * and build-context facts (cached, invalidated by file events), and the
 * analysis of each open document, computed once per document version.
 */
export class Workspace {
  /** Settings by scope (see `settingsScope`), and requests for them in flight. */
  private readonly settings = new Map<string, StagecraftSettings>();
  private readonly pendingSettings = new Map<string, Promise<StagecraftSettings>>();
  private readonly configs = new Map<string, LoadedConfig>();
  private readonly contexts = new Map<string, BuildContextFacts>();
  /** Full listings of build contexts, for `stagecraft/explain` (read on its first request, dropped on file events). */
  private readonly fullContexts = new Map<string, BuildContextFacts>();
  private readonly analyses = new Map<string, { version: number; analysis: Analysis }>();
  private readonly reportedProblems = new Set<string>();
  supportsConfiguration = false;
  workspaceFolders: string[] = [];

  constructor(private readonly connection: Connection) {}

  /**
   * Settings of a resource, fetched from the client once and cached until it says they changed.
   * Resource settings differ by workspace folder, not by file (VS Code has no per-file settings):
   * documents in one folder share one request; a document outside every folder asks for itself.
   */
  async settingsFor(uri: string): Promise<StagecraftSettings> {
    const scope = this.settingsScope(uri);
    const cached = this.settings.get(scope);
    if (cached) return cached;
    let pending = this.pendingSettings.get(scope);
    if (!pending) {
      pending = this.fetchSettings(uri).then((s) => {
        if (this.pendingSettings.get(scope) === pending) {
          this.pendingSettings.delete(scope);
          this.settings.set(scope, s);
        }
        return s;
      });
      this.pendingSettings.set(scope, pending);
    }
    return pending;
  }

  private async fetchSettings(uri: string): Promise<StagecraftSettings> {
    if (!this.supportsConfiguration) return defaultSettings;
    try {
      return mergeSettings(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'stagecraft' }));
    } catch {
      return defaultSettings;
    }
  }

  /** The workspace folder a document's settings come from (the innermost that holds it), or the document itself. */
  private settingsScope(uri: string): string {
    const file = URI.fsPath(uri);
    const folder = file ? this.workspaceFolders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0] : undefined;
    return folder ? `folder:${folder}` : uri;
  }

  /** The settings of a resource if they were fetched already. */
  knownSettings(uri: string): StagecraftSettings | undefined {
    return this.settings.get(this.settingsScope(uri));
  }

  cachedSettings(uri: string): StagecraftSettings {
    return this.knownSettings(uri) ?? defaultSettings;
  }

  settingsChanged(): void {
    this.settings.clear();
    this.pendingSettings.clear();
    this.analyses.clear();
  }

  /** A file that matters to analysis changed: forget configs and contexts. */
  filesChanged(): void {
    this.configs.clear();
    this.contexts.clear();
    this.fullContexts.clear();
    this.analyses.clear();
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    // settings of a document outside the workspace folders are its own
    this.settings.delete(uri);
  }

  /** The folder of the build context of a document (settings' build.context relative to its workspace folder, else its own folder). */
  contextDir(uri: string): string | undefined {
    const file = URI.fsPath(uri);
    if (!file) return undefined;
    const s = this.cachedSettings(uri);
    if (s.build.context) {
      const folder = this.workspaceFolders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
      return path.resolve(folder ?? path.dirname(file), s.build.context);
    }
    return path.dirname(file);
  }

  private fileConfig(uri: string): LoadedConfig {
    const file = URI.fsPath(uri);
    if (!file) return { config: {}, problems: [] };
    const dir = path.dirname(file);
    let c = this.configs.get(dir);
    if (!c) {
      const folder = this.workspaceFolders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
      // the folders passed through are kept as well: a folder's files all stop at the same workspace folder
      c = findConfig(dir, folder, this.configs);
      for (const p of c.problems) {
        if (!this.reportedProblems.has(p)) {
          this.reportedProblems.add(p);
          this.connection.window.showWarningMessage(`Stagecraft configuration: ${p}`);
        }
      }
    }
    return c;
  }

  contextFacts(uri: string): BuildContextFacts {
    const dir = this.contextDir(uri);
    if (!dir) return {};
    let facts = this.contexts.get(dir);
    if (!facts) {
      facts = readBuildContext(dir);
      this.contexts.set(dir, facts);
    }
    return facts;
  }

  /** Every file of a document's build context, for `stagecraft/explain` (see `readFullBuildContext`). */
  fullContextFacts(uri: string): BuildContextFacts {
    const dir = this.contextDir(uri);
    if (!dir) return {};
    let facts = this.fullContexts.get(dir);
    if (!facts) {
      facts = readFullBuildContext(dir);
      this.fullContexts.set(dir, facts);
    }
    return facts;
  }

  /** A view of `fullContextFacts`, the same object while those facts are (the hover's cache inputs are kept per view). */
  fullContextView(uri: string): ContextView {
    if (!this.contextDir(uri)) return Workspace.NO_CONTEXT;
    const facts = this.fullContextFacts(uri);
    let view = this.fullViews.get(facts);
    if (!view) {
      view = new ContextView(facts);
      this.fullViews.set(facts, view);
    }
    return view;
  }
  private static readonly NO_CONTEXT = new ContextView({});
  private readonly fullViews = new WeakMap<BuildContextFacts, ContextView>();

  /** The configuration in force: the file's, overridden by editor settings. */
  configFor(uri: string): StagecraftConfig {
    const s = this.cachedSettings(uri);
    const fromSettings: StagecraftConfig = {
      rules: s.rules as StagecraftConfig['rules'],
      targets: s.targets,
      buildArgs: s.build.args,
    };
    return mergeConfigs(this.fileConfig(uri).config, fromSettings);
  }

  /**
   * The analysis of a document's current version (computed at most once per version while it
   * is among the most recently used; shared by diagnostics and every request on that version).
   * Only the most recent analyses are kept, so memory does not grow with the open documents.
   */
  analysis(doc: TextDocument, mark?: (phase: AnalysisPhase | 'context') => void): Analysis {
    const hit = this.analyses.get(doc.uri);
    if (hit && hit.version === doc.version) {
      this.analyses.delete(doc.uri);
      this.analyses.set(doc.uri, hit); // most recently used last
      return hit.analysis;
    }
    const facts = this.contextFacts(doc.uri);
    const config = this.configFor(doc.uri);
    mark?.('context');
    // the previous version's analysis is replaced by this one: its parse of unchanged instructions is reused
    const analysis = analyze(doc.getText(), facts, config, { previous: hit?.analysis, incremental: true, mark });
    for (const e of analysis.internalErrors) this.connection.console.error(`${doc.uri}: ${e}`);
    this.analyses.delete(doc.uri);
    this.analyses.set(doc.uri, { version: doc.version, analysis });
    // least recently used first; the newest is always kept
    let text = 0;
    for (const a of this.analyses.values()) text += a.analysis.text.length;
    for (const [uri, a] of this.analyses) {
      if (this.analyses.size <= 1 || (this.analyses.size <= Workspace.KEPT_ANALYSES && text <= Workspace.KEPT_TEXT)) break;
      this.analyses.delete(uri);
      text -= a.analysis.text.length;
    }
    return analysis;
  }

  /** Analyses kept (the documents being worked on); the others are re-analysed on their next request. */
  static KEPT_ANALYSES = 16;
  /**
   * Characters of text whose analyses are kept at most: an analysis takes about 70 times its text
   * in memory (a 4 MB file about 300 MB), so a few huge files must not stay resident together.
   */
  static KEPT_TEXT = 2_000_000;
}

function mergeSettings(raw: unknown): StagecraftSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<StagecraftSettings> & Record<string, unknown>;
  const d = defaultSettings;
  const obj = <T extends object>(v: unknown, fallback: T): T => (v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : fallback);
  const build = obj<Partial<StagecraftSettings['build']>>(r.build, {});
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : d.enable,
    rules: obj(r.rules, d.rules),
    targets: Array.isArray(r.targets) ? r.targets.map(String) : d.targets,
    build: {
      context: typeof build.context === 'string' ? build.context : d.build.context,
      args: obj(build.args, d.build.args),
      extraArgs: Array.isArray(build.extraArgs) ? build.extraArgs.map(String) : d.build.extraArgs,
      tag: typeof build.tag === 'string' ? build.tag : d.build.tag,
    },
    docker: { path: typeof obj<{ path?: unknown }>(r.docker, {}).path === 'string' ? String(obj<{ path?: unknown }>(r.docker, {}).path) : d.docker.path },
    codeLens: { enable: obj<{ enable?: unknown }>(r.codeLens, {}).enable === false ? false : true },
  };
}
