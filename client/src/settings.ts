// Reads the extension's settings for one resource. Never cached: every caller asks again, so a
// change in settings.json or a folder-specific value is honoured on the next action.
import * as vscode from 'vscode';

export interface BuildSettings {
  dockerPath: string;
  /** Raw `stagecraft.build.context`: empty means the Dockerfile's folder. */
  context: string;
  args: Record<string, string>;
  extraArgs: string[];
  tagTemplate: string;
  /** Extra arguments for `docker run` (Run and Shell), e.g. `--network=none`. */
  runArgs: string[];
  /** `stagecraft.build.builder`: a buildx builder; empty: the current one. */
  builder: string;
  /** `stagecraft.build.platforms`: `--platform` values; empty: the builder's own. */
  platforms: string[];
}

export function readBuildSettings(resource: vscode.Uri | undefined): BuildSettings {
  const c = vscode.workspace.getConfiguration('stagecraft', resource);
  return {
    dockerPath: nonEmpty(c.get<string>('docker.path'), 'docker'),
    context: c.get<string>('build.context', '') ?? '',
    args: stringRecord(c.get<Record<string, unknown>>('build.args')),
    extraArgs: stringArray(c.get<unknown[]>('build.extraArgs')),
    tagTemplate: nonEmpty(c.get<string>('build.tag'), '${dockerfileBasename}:${stage}'),
    runArgs: stringArray(c.get<unknown[]>('run.extraArgs')),
    builder: (c.get<string>('build.builder', '') ?? '').toString().trim(),
    platforms: stringArray(c.get<unknown[]>('build.platforms')),
  };
}

export function codeLensEnabled(resource: vscode.Uri | undefined): boolean {
  return vscode.workspace.getConfiguration('stagecraft', resource).get<boolean>('codeLens.enable', true) !== false;
}

function nonEmpty(v: string | undefined, fallback: string): string {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) {
      if (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
    }
  }
  return out;
}
