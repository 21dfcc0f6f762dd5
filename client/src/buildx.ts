// docker buildx, as the Build lens uses it: is it there (`docker buildx version`), which builders
// and platforms it offers (`docker buildx ls --format json`, or the table of older versions), and
// whether a build goes through `docker buildx build` or plain `docker build`. No VS Code import:
// unit-tested in test/client/buildx.test.ts (the runner with a stand-in docker executable too).
import { execFile } from 'child_process';

export interface BuildxNode {
  name: string;
  endpoint?: string;
  status?: string;
  /** As `os/arch[/variant]`, without buildx's `*` (preferred) mark. */
  platforms: string[];
}

export interface BuildxBuilder {
  name: string;
  driver?: string;
  /** Only known from the table form (its `*`); undefined from JSON. */
  current?: boolean;
  nodes: BuildxNode[];
  error?: string;
}

export interface BuildxInfo {
  available: boolean;
  version?: string;
  builders: BuildxBuilder[];
  /** Why buildx is unavailable, or why the builders could not be listed. */
  error?: string;
}

export type DockerRunner = (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** Runs docker with an argument array (no shell), bounded in time; never rejects. */
export function dockerRunner(dockerPath: string, timeoutMs = 15_000): DockerRunner {
  return (args) => new Promise((resolve) => {
    execFile(dockerPath, args, { timeout: timeoutMs, env: process.env, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: err && !stderr ? String(err.message) : String(stderr) });
    });
  });
}

/** `github.com/docker/buildx v0.17.1 257815a` → `v0.17.1` (or the whole first line). */
export function parseBuildxVersion(stdout: string): string | undefined {
  const line = stdout.split(/\r?\n/).find((l) => l.trim() !== '');
  if (!line) return undefined;
  return /\bv?\d+\.\d+[\w.+-]*/.exec(line)?.[0] ?? line.trim();
}

/** Finds out whether buildx is there and lists its builders. */
export async function probeBuildx(run: DockerRunner): Promise<BuildxInfo> {
  const version = await run(['buildx', 'version']);
  if (version.code !== 0) {
    return { available: false, builders: [], error: firstLine(version.stderr) || firstLine(version.stdout) || `docker buildx version exited with ${version.code}` };
  }
  const info: BuildxInfo = { available: true, version: parseBuildxVersion(version.stdout), builders: [] };
  const json = await run(['buildx', 'ls', '--format', 'json']);
  if (json.code === 0) {
    const builders = parseBuildxLsJson(json.stdout);
    if (builders) return { ...info, builders };
  }
  const table = await run(['buildx', 'ls']); // buildx before 0.13 has no --format
  if (table.code === 0) return { ...info, builders: parseBuildxLsTable(table.stdout) };
  return { ...info, error: firstLine(table.stderr) || `docker buildx ls exited with ${table.code}` };
}

function firstLine(s: string): string {
  return s.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/** One JSON object per builder and line (buildx 0.13+). Undefined when no line is a builder. */
export function parseBuildxLsJson(stdout: string): BuildxBuilder[] | undefined {
  const out: BuildxBuilder[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trim().startsWith('{')) continue;
    let v: unknown;
    try { v = JSON.parse(line); } catch { continue; }
    const b = v as { Name?: unknown; Driver?: unknown; Nodes?: unknown; Err?: unknown };
    if (!b || typeof b !== 'object' || typeof b.Name !== 'string' || b.Name === '') continue;
    const nodes: BuildxNode[] = [];
    for (const n of Array.isArray(b.Nodes) ? b.Nodes : []) {
      const node = n as { Name?: unknown; Endpoint?: unknown; Status?: unknown; Platforms?: unknown };
      if (!node || typeof node !== 'object' || typeof node.Name !== 'string') continue;
      nodes.push({
        name: node.Name,
        endpoint: typeof node.Endpoint === 'string' ? node.Endpoint : undefined,
        status: typeof node.Status === 'string' && node.Status !== '' ? node.Status : undefined,
        platforms: platformList(Array.isArray(node.Platforms) ? node.Platforms.filter((p): p is string => typeof p === 'string') : []),
      });
    }
    out.push({
      name: b.Name,
      driver: typeof b.Driver === 'string' && b.Driver !== '' ? b.Driver : undefined,
      nodes,
      error: typeof b.Err === 'string' && b.Err !== '' ? b.Err : undefined,
    });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The table of `docker buildx ls`: builder rows, then their node rows (indented; `\_ ` before each
 * cell since 0.13). Cells are cut at the header's column starts, so empty cells keep their place.
 * The current builder has a `*` after its name (`default*`, or `default *` before 0.13).
 */
export function parseBuildxLsTable(stdout: string): BuildxBuilder[] {
  const lines = stdout.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => /^NAME\/NODE\s/.test(l));
  if (headerAt < 0) return [];
  const header = lines[headerAt];
  const starts = ['NAME/NODE', 'DRIVER/ENDPOINT', 'STATUS', 'BUILDKIT', 'PLATFORMS'].map((h) => header.indexOf(h));
  if (starts.some((s) => s < 0)) return [];
  const cell = (line: string, i: number) => line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined)
    .trim().replace(/^\\_\s*/, '').trim();
  const out: BuildxBuilder[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      const builder = out[out.length - 1];
      if (!builder) continue;
      const name = cell(line, 0);
      if (name === '') continue;
      builder.nodes.push({
        name,
        endpoint: cell(line, 1) || undefined,
        status: cell(line, 2) || undefined,
        platforms: platformList(cell(line, 4).split(',')),
      });
      continue;
    }
    const first = cell(line, 0);
    const current = /\s*\*$/.test(first);
    const name = first.replace(/\s*\*$/, '');
    if (name === '') continue;
    const driver = cell(line, 1);
    const status = cell(line, 2);
    out.push({ name, driver: driver || undefined, current, nodes: [], error: status === 'error' ? 'error' : undefined });
  }
  return out;
}

/** `linux/amd64*`, `linux/amd64 (+3)`, `…` → `linux/amd64`; deduplicated, in order. */
function platformList(items: string[]): string[] {
  const out: string[] = [];
  for (const raw of items) {
    const p = raw.trim().replace(/\s*\(\+\d+\)$/, '').replace(/\*$/, '').replace(/…$/, '').trim();
    if (p !== '' && PLATFORM.test(p) && !out.includes(p)) out.push(p);
  }
  return out;
}

/** `os/arch[/variant]`, as `--platform` takes it. */
const PLATFORM = /^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)?$/i;

/** Every platform a builder's nodes can build, in order, without duplicates. */
export function builderPlatforms(b: BuildxBuilder): string[] {
  return platformList(b.nodes.flatMap((n) => n.platforms));
}

/** The `stagecraft.build.platforms` setting cleaned: entries split at commas, trimmed; the invalid ones apart. */
export function normalizePlatforms(setting: readonly string[]): { platforms: string[]; invalid: string[] } {
  const platforms: string[] = [];
  const invalid: string[] = [];
  for (const entry of setting) {
    for (const part of String(entry).split(',')) {
      const p = part.trim();
      if (p === '') continue;
      if (!PLATFORM.test(p)) { if (!invalid.includes(p)) invalid.push(p); continue; }
      if (!platforms.includes(p)) platforms.push(p);
    }
  }
  return { platforms, invalid };
}

export interface BuildPlan {
  /** `docker buildx build` (true) or `docker build`. */
  buildx: boolean;
  builder?: string;
  platforms: string[];
  /** Something set that this build cannot honour (said to the user, the build still runs). */
  warnings: string[];
}

/**
 * How a Build runs: through buildx when a builder or platforms are set and buildx is there;
 * otherwise `docker build` as before (which takes `--platform` too, but not `--builder`).
 */
export function planBuild(builderSetting: string, platformsSetting: readonly string[], buildxAvailable: boolean): BuildPlan {
  const builder = builderSetting.trim();
  const { platforms, invalid } = normalizePlatforms(platformsSetting);
  const warnings = invalid.map((p) => `"${p}" in stagecraft.build.platforms is not a platform (os/arch[/variant]); it is left out`);
  if (builder === '' && platforms.length === 0) return { buildx: false, platforms: [], warnings };
  if (!buildxAvailable) {
    if (builder !== '') warnings.push(`stagecraft.build.builder is "${builder}" but docker buildx is not available: building with docker build on the engine's own builder`);
    return { buildx: false, platforms, warnings };
  }
  return { buildx: true, builder: builder || undefined, platforms, warnings };
}

/**
 * Whether `docker buildx build --call=check` can run — what Docker DX lints with (build checks came
 * with buildx 0.15). A version that cannot be read counts as recent.
 */
export function canRunBuildChecks(info: BuildxInfo): boolean {
  if (!info.available) return false;
  const m = /(\d+)\.(\d+)/.exec(info.version ?? '');
  if (!m) return true;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 0 || minor >= 15;
}

/**
 * The lens above the first FROM: what the Build lens will run. Undefined (no lens) when buildx
 * is absent and nothing is set: then Build is plain `docker build`, as it always was.
 */
export function builderLensTitle(plan: BuildPlan, buildxAvailable: boolean): string | undefined {
  const platforms = plan.platforms.length > 0 ? plan.platforms.join(', ') : undefined;
  if (plan.buildx) return `$(server-environment) buildx: ${plan.builder ?? 'current builder'}${platforms ? ` · ${platforms}` : ''}`;
  if (buildxAvailable) return '$(server-environment) buildx: choose builder and platforms';
  if (platforms || plan.warnings.length > 0) return `$(server-environment) docker build${platforms ? ` · ${platforms}` : ''} (no buildx)`;
  return undefined;
}
