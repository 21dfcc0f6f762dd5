// Pure parts of "Stagecraft: Compare With the Original" (compare-split.ts): recognising the edit
// that split a Dockerfile, choosing the source file to touch, and the summary line
// (`412 MB → 96 MB, rebuild after a source edit 48.0 s → 6.0 s`). No VS Code, unit-tested.

/** How many FROM instructions the text has (line starts; continuation lines and comments aside). */
export function countStages(text: string): number {
  return text.split(/\r?\n/).filter((l) => /^\s*FROM\s/i.test(l)).length;
}

/** An edit that took a one-stage Dockerfile to two or more stages: the refactor's result. */
export function looksLikeSplit(before: string, after: string): boolean {
  return countStages(before) === 1 && countStages(after) >= 2;
}

const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.go', '.py', '.java', '.kt', '.rs', '.cs', '.rb', '.php', '.c', '.cc', '.cpp'];
const SKIPPED_DIRS = /(^|\/)(node_modules|\.git|vendor|target|dist|build|__pycache__|\.venv)\//;

/**
 * The source file a developer would edit: the first (in path order) with a source extension
 * outside dependency and output folders; files listed relative to the context, `/`-separated.
 */
export function pickSourceFile(files: readonly string[]): string | undefined {
  const candidates = files.filter((f) => !SKIPPED_DIRS.test(f) && !f.endsWith('/')).sort();
  for (const ext of SOURCE_EXTENSIONS) {
    const hit = candidates.find((f) => f.endsWith(ext) && !/(^|\/)(package|tsconfig)[^/]*$/.test(f));
    if (hit) return hit;
  }
  return undefined;
}

export interface Measured {
  /** Bytes, as `docker image inspect --format {{.Size}}`. */
  size: number;
  /** The first build and the rebuild after the source edit, in seconds of wall time. */
  buildSeconds: number;
  rebuildSeconds: number;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

export function comparisonLine(original: Measured, split: Measured): string {
  return `${formatSize(original.size)} → ${formatSize(split.size)}, ` +
    `rebuild after a source edit ${original.rebuildSeconds.toFixed(1)} s → ${split.rebuildSeconds.toFixed(1)} s`;
}

/** Reads `docker image inspect --format {{.Size}}` output. */
export function parseSize(stdout: string): number | undefined {
  const n = Number(stdout.trim());
  return Number.isFinite(n) && n > 0 && /^\d+$/.test(stdout.trim()) ? n : undefined;
}
