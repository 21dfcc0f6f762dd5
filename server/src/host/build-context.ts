import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildContextFacts, ContextView } from '../core/context';

/** Folders listed by name only: their contents never matter to the rules and can be huge. */
const OPAQUE = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'target', 'dist', 'build', 'vendor', '.gradle', '.next', 'bin', 'obj']);

export interface ReadContextOptions {
  /** Folder depth to list (1 = the context's top level). */
  depth?: number;
  /** Entries at most. */
  limit?: number;
  /** List inside every folder but `.git`, `node_modules` included (default: such folders are listed by name only). */
  full?: boolean;
  /** Folders (context paths without the trailing `/`) listed by name only, e.g. the ones `.dockerignore` leaves out. */
  skipDir?: (relPath: string) => boolean;
}

/**
 * Reads the build-context facts the core needs: the files and folders near the
 * context root (manifests, lock files, secrets, build outputs) and `.dockerignore`.
 * Never throws; an unreadable context yields unknown facts.
 */
export function readBuildContext(contextDir: string, options: ReadContextOptions = {}): BuildContextFacts {
  const depth = options.depth ?? (options.full ? Infinity : 3);
  const limit = options.limit ?? 5000;
  const files: string[] = [];
  const walk = (dir: string, rel: string, level: number) => {
    if (files.length >= limit) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (files.length >= limit) return;
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        files.push(`${relPath}/`);
        if ((options.full ? e.name !== '.git' : !OPAQUE.has(e.name)) && level < depth && !options.skipDir?.(relPath)) walk(path.join(dir, e.name), relPath, level + 1);
      } else {
        files.push(relPath);
      }
    }
  };
  try {
    if (!fs.statSync(contextDir).isDirectory()) return {};
  } catch {
    return {};
  }
  walk(contextDir, '', 1);
  let dockerignore: string | null = null;
  try {
    dockerignore = fs.readFileSync(path.join(contextDir, '.dockerignore'), 'utf8');
  } catch {
    dockerignore = null;
  }
  return { files, dockerignore };
}

/**
 * Every file of a build context (up to 200,000), for `explain`: which COPY brings a changed file.
 * Folders `.dockerignore` leaves out are listed by name only, unless a `!` pattern may bring files
 * back from them.
 */
export function readFullBuildContext(contextDir: string): BuildContextFacts {
  let ignore: ContextView | undefined;
  try {
    const text = fs.readFileSync(path.join(contextDir, '.dockerignore'), 'utf8');
    if (!/^\s*!/m.test(text)) ignore = new ContextView({ files: [], dockerignore: text });
  } catch {
    ignore = undefined;
  }
  return readBuildContext(contextDir, { full: true, limit: 200_000, skipDir: ignore ? (p) => ignore!.ignored(p) : undefined });
}

/** Base names whose change should re-analyse open Dockerfiles. */
export function isContextFact(fileName: string): boolean {
  const base = path.basename(fileName);
  return base === '.dockerignore' || base === '.stagecraft.json' || base === 'package.json' ||
    /(^|\.)lock$|lock\.(json|yaml|ya?ml)$|^(go\.(mod|sum)|Cargo\.toml|pom\.xml|Gemfile|Pipfile|pyproject\.toml|composer\.json|requirements.*\.txt|.*\.csproj|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|\.env)$/.test(base);
}
