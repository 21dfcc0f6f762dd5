import * as fs from 'node:fs';
import * as path from 'node:path';
import { readConfig, StagecraftConfig } from '../core/config';

export interface LoadedConfig {
  config: StagecraftConfig;
  /** The file it came from, if any. */
  file?: string;
  problems: string[];
}

/**
 * Finds the configuration of a Dockerfile: `.stagecraft.json` (or the `stagecraft`
 * key of `package.json`) in its folder, then each parent up to the repository
 * root (a folder holding `.git`) or `stopAt`. The nearest wins. Never throws.
 */
export function findConfig(dockerfileDir: string, stopAt?: string, found?: ConfigCache): LoadedConfig {
  let dir = path.resolve(dockerfileDir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  const visited: string[] = [];
  let result: LoadedConfig = { config: {}, problems: [] };
  for (let i = 0; i < 50; i++) {
    const known = found?.get(dir);
    if (known) {
      result = known;
      break;
    }
    visited.push(dir);
    const own = configIn(dir);
    if (own) {
      result = own;
      break;
    }
    if (dir === stop || exists(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (found) for (const d of visited) found.set(d, result);
  return result;
}

/**
 * What searches from each folder found (`findConfig`'s third argument): the folders a search
 * passed through answer the same for later searches, so sibling Dockerfiles do not look for the
 * same files again. Valid for one `stopAt` per folder and while no configuration file changes:
 * its owner makes a new one (the CLI per run, the server on a change of a watched file).
 */
export type ConfigCache = Map<string, LoadedConfig>;

export function loadConfigFile(file: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { config: {}, file, problems: [`${file}: ${(e as Error).message}`] };
  }
  const { config, problems } = readConfig(path.basename(file) === 'package.json' ? (raw as Record<string, unknown>).stagecraft : raw);
  return { config, file, problems: problems.map((p) => `${file}: ${p}`) };
}

function configIn(dir: string): LoadedConfig | undefined {
  const own = path.join(dir, '.stagecraft.json');
  if (exists(own)) return loadConfigFile(own);
  const pkg = path.join(dir, 'package.json');
  if (exists(pkg)) {
    try {
      const raw = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      if (raw && typeof raw === 'object' && 'stagecraft' in raw) return loadConfigFile(pkg);
    } catch {
      /* a broken package.json is not our config */
    }
  }
  return undefined;
}

/** Whether the path exists (without an exception per missing file: this runs for each parent folder of each Dockerfile). */
function exists(p: string): boolean {
  return fs.existsSync(p);
}
