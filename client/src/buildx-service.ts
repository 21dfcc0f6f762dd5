// Asks docker about buildx (only in a trusted workspace, with the configured docker path), keeps
// the answer per docker path for the session, and offers the builders and platforms it found:
// `Stagecraft: Choose Builder and Platforms` writes stagecraft.build.builder / .platforms, which
// the Build lens then uses (`docker buildx build --builder … --platform … --load`).
import * as vscode from 'vscode';
import { builderPlatforms, BuildxInfo, dockerRunner, normalizePlatforms, probeBuildx } from './buildx';
import { notify } from './notify';
import { readBuildSettings } from './settings';
import { dockerAllowed } from './trust';

export type ChooseBuilderResult =
  | { status: 'refused'; reason: 'untrusted' | 'no-buildx' }
  | { status: 'cancelled' }
  | { status: 'chosen'; builder: string; platforms: string[] };

/** What the pickers are given (a test can answer them without a person). */
export interface BuilderPickers {
  builder(items: { label: string; description?: string; detail?: string; name: string }[]): Promise<string | undefined>;
  platforms(items: { label: string; picked: boolean }[]): Promise<string[] | undefined>;
}

export class BuildxService implements vscode.Disposable {
  private readonly probes = new Map<string, Promise<BuildxInfo>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('stagecraft.docker.path')) this.probes.clear();
    }));
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  /** buildx as the given docker has it; undefined in an untrusted workspace (docker is not run there). */
  probe(dockerPath: string, refresh = false): Promise<BuildxInfo> | undefined {
    if (!dockerAllowed()) return undefined;
    let p = refresh ? undefined : this.probes.get(dockerPath);
    if (!p) {
      p = probeBuildx(dockerRunner(dockerPath)).then((info) => {
        this.log.info(info.available
          ? `buildx ${info.version ?? ''} (${dockerPath}): builders ${info.builders.map((b) => b.name).join(', ') || 'none listed'}${info.error ? ` (${info.error})` : ''}`
          : `no docker buildx (${dockerPath}): ${info.error ?? 'unavailable'}; builds use docker build`);
        return info;
      });
      this.probes.set(dockerPath, p);
    }
    return p;
  }

  async chooseBuilder(resource: vscode.Uri | undefined, pickers: BuilderPickers = quickPickers): Promise<ChooseBuilderResult> {
    const settings = readBuildSettings(resource);
    const probe = this.probe(settings.dockerPath, true);
    if (!probe) {
      void notify('warning', 'Stagecraft: listing buildx builders runs docker, which needs a trusted workspace.');
      return { status: 'refused', reason: 'untrusted' };
    }
    const info = await probe;
    if (!info.available) {
      void notify('info', `Stagecraft: docker buildx is not available (${settings.dockerPath}: ${info.error ?? 'unknown'}). The Build lens uses docker build.`);
      return { status: 'refused', reason: 'no-buildx' };
    }
    const items = [
      { label: '$(star) Current builder', description: 'no --builder', name: '' },
      ...info.builders.map((b) => ({
        label: b.name + (b.current ? ' *' : ''),
        description: [b.driver, ...b.nodes.map((n) => n.status).filter((s): s is string => !!s)].filter(Boolean).join(' · '),
        detail: b.error ? `error: ${b.error}` : builderPlatforms(b).join(', ') || undefined,
        name: b.name,
      })),
    ];
    const builder = await pickers.builder(items);
    if (builder === undefined) return { status: 'cancelled' };
    const chosen = info.builders.find((b) => b.name === builder);
    const offered = chosen ? builderPlatforms(chosen) : [...new Set(info.builders.flatMap(builderPlatforms))];
    const current = normalizePlatforms(settings.platforms).platforms;
    const platformItems = [...new Set([...current, ...offered])].map((p) => ({ label: p, picked: current.includes(p) }));
    const platforms = await pickers.platforms(platformItems);
    if (platforms === undefined) return { status: 'cancelled' };
    const config = vscode.workspace.getConfiguration('stagecraft', resource);
    // the folder's settings in a multi-root workspace, the workspace's otherwise, the user's without a folder
    const inFolder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
    const target = inFolder && vscode.workspace.workspaceFile ? vscode.ConfigurationTarget.WorkspaceFolder
      : vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('build.builder', builder === '' ? undefined : builder, target);
    await config.update('build.platforms', platforms.length === 0 ? undefined : platforms, target);
    this.log.info(`build: builder ${builder || '(current)'}, platforms ${platforms.join(',') || '(the builder\'s own)'}`);
    return { status: 'chosen', builder, platforms };
  }
}

const quickPickers: BuilderPickers = {
  async builder(items) {
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Builder for the Build lens (docker buildx build --builder)' });
    return pick?.name;
  },
  async platforms(items) {
    if (items.length === 0) return [];
    const picks = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      placeHolder: 'Platforms to build (--platform); none: the builder\'s own',
    });
    return picks?.map((p) => p.label);
  },
};
