/**
 * Helpers for tests that drive a real Docker engine (started by scripts/docker/engine.sh).
 *
 * Everything runs Debian's 20.10 client (/usr/bin/docker) through child_process with argument
 * arrays (no shell), against the engine named by DOCKER_HOST. Builds and runs always use
 * --network=none. Nothing here sleeps; every call has a bounded timeout.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The Docker client: Debian's 20.10 build (a newer client on PATH may insist on buildx). */
export const DOCKER = process.env.STAGECRAFT_DOCKER_CLI || '/usr/bin/docker';

/** Default time limit of one docker command. */
export const DEFAULT_TIMEOUT_MS = 240_000;

export interface DockerResult {
  /** Exit code (a process killed by a signal or the timeout counts as -1). */
  code: number;
  stdout: string;
  stderr: string;
  /** The argument array, for messages. */
  args: string[];
}

export interface DockerOptions {
  cwd?: string;
  /** Extra environment (merged over process.env), e.g. { DOCKER_BUILDKIT: '0' }. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Resolve with a non-zero code instead of rejecting. */
  allowFailure?: boolean;
}

export class DockerError extends Error {
  constructor(readonly result: DockerResult) {
    super(
      `docker ${result.args.join(' ')} exited with ${result.code}\n` +
        `--- stderr (tail) ---\n${tail(result.stderr, 40)}\n--- stdout (tail) ---\n${tail(result.stdout, 20)}`,
    );
    this.name = 'DockerError';
  }
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Fails (throws) with a clear message unless a Docker engine is configured and answering.
 * Tests call this in before(): a missing engine is a failure, never a skip.
 */
export async function requireEngine(): Promise<string> {
  if (!process.env.DOCKER_HOST) {
    throw new Error(
      'DOCKER_HOST is not set. Run the Docker layer with `bash test/docker/run.sh`, or start an engine with ' +
        '`bash scripts/docker/engine.sh start <statedir>` and load <statedir>/env.',
    );
  }
  const r = await docker(['version', '--format', '{{.Server.Version}}'], { allowFailure: true, timeoutMs: 30_000 });
  if (r.code !== 0 || !r.stdout.trim()) {
    throw new Error(`No Docker engine answers at ${process.env.DOCKER_HOST}:\n${r.stderr}`);
  }
  return r.stdout.trim();
}

/** Runs `docker <args>`; rejects with a DockerError on a non-zero exit unless allowFailure. */
export function docker(args: string[], opts: DockerOptions = {}): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      DOCKER,
      args,
      {
        cwd: opts.cwd,
        env: { ...process.env, ...opts.env },
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const c = (error as NodeJS.ErrnoException & { code?: unknown }).code;
          code = typeof c === 'number' ? c : -1;
          if (typeof c === 'string') stderr = `${stderr}\n${error.message}`; // e.g. ENOENT: no client
        }
        const result: DockerResult = { code, stdout, stderr, args };
        if (code !== 0 && !opts.allowFailure) reject(new DockerError(result));
        else resolve(result);
      },
    );
  });
}

/** A fresh, lowercase image tag for a test, e.g. stagecraft-test/engine:1234-9f2c01-builder. */
export function uniqueTag(name: string, suffix = ''): string {
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  return `stagecraft-test/${name.toLowerCase()}:${id}${suffix ? `-${suffix.toLowerCase()}` : ''}`;
}

// ------------------------------------------------------------------------------------------------
// Builds

export interface BuildOptions {
  /** The build context folder. */
  context: string;
  /** The Dockerfile (default: <context>/Dockerfile). */
  file?: string;
  target?: string;
  tag: string;
  /** true: BuildKit (DOCKER_BUILDKIT=1, --progress=plain); false: the legacy builder. Default true. */
  buildkit?: boolean;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  extraArgs?: string[];
  timeoutMs?: number;
  allowFailure?: boolean;
}

export interface BuildResult extends DockerResult {
  /** BuildKit steps parsed from the plain progress output (empty for the legacy builder). */
  steps: BuildStep[];
  /** The whole progress/log output (BuildKit writes it to stderr, the legacy builder to stdout). */
  log: string;
}

/** The `docker build` argument array for these options. */
export function buildArgs(o: BuildOptions): string[] {
  const args = ['build', '--network=none'];
  if (o.buildkit !== false) args.push('--progress=plain');
  if (o.file) args.push('-f', o.file);
  if (o.target) args.push('--target', o.target);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  if (o.noCache) args.push('--no-cache');
  args.push(...(o.extraArgs ?? []));
  args.push('-t', o.tag, o.context);
  return args;
}

/** Runs `docker build` (BuildKit unless buildkit: false) and parses its plain progress output. */
export async function build(o: BuildOptions): Promise<BuildResult> {
  const r = await docker(buildArgs(o), {
    env: { DOCKER_BUILDKIT: o.buildkit === false ? '0' : '1' },
    timeoutMs: o.timeoutMs,
    allowFailure: o.allowFailure,
  });
  const log = o.buildkit === false ? r.stdout + r.stderr : r.stderr + r.stdout;
  return { ...r, log, steps: o.buildkit === false ? [] : parsePlainProgress(r.stderr) };
}

// ------------------------------------------------------------------------------------------------
// BuildKit --progress=plain output

export interface BuildStep {
  /** The vertex number, as in "#7". */
  id: number;
  /** The whole step name, e.g. "[build 4/6] RUN npm ci" or "exporting to image". */
  name: string;
  /** The bracketed part, e.g. "build 4/6" or "internal"; undefined when there is none. */
  label?: string;
  /**
   * The stage name from the label, e.g. "build". Undefined for "internal" and other steps
   * without one, and for every step of a single-stage Dockerfile (BuildKit labels those "2/2").
   */
  stage?: string;
  /** The instruction after the label, e.g. "RUN npm ci". */
  instruction: string;
  cached: boolean;
  done: boolean;
  error?: string;
  /** Seconds from "#N DONE 1.2s". */
  seconds?: number;
  /** Lines the step printed ("#N 0.363 text" without the prefix and time). */
  output: string[];
}

const HEADER = /^#(\d+) (\[([^\]]+)\] )?(.*)$/;

/**
 * Parses BuildKit's --progress=plain output into steps. Lines of a step may be interleaved with
 * other steps' lines; they are grouped by vertex number.
 */
export function parsePlainProgress(text: string): BuildStep[] {
  const steps = new Map<number, BuildStep>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const m = HEADER.exec(line);
    if (!m) continue;
    const id = Number(m[1]);
    const rest = line.slice(m[1].length + 2);
    const step = steps.get(id);
    if (!step) {
      const label = m[3];
      const first = label?.split(/\s+/)[0];
      steps.set(id, {
        id,
        name: rest,
        label,
        stage: label && first !== 'internal' && /\s\d+\/\d+$/.test(label) ? label.replace(/\s+\d+\/\d+$/, '') : undefined,
        instruction: m[4],
        cached: false,
        done: false,
        output: [],
      });
      continue;
    }
    let s: RegExpExecArray | null;
    if (rest === 'CACHED') step.cached = true;
    else if ((s = /^DONE(?: ([\d.]+)s)?$/.exec(rest))) {
      step.done = true;
      if (s[1]) step.seconds = Number(s[1]);
    } else if (rest.startsWith('ERROR')) step.error = rest.replace(/^ERROR:?\s*/, '');
    else if ((s = /^[\d.]+ (.*)$/.exec(rest))) step.output.push(s[1]);
    else if (/^sha256:[0-9a-f]{64}$/.test(rest)) continue;
    else if (rest === step.name) continue; // the header repeated when the step resumes
    else step.output.push(rest);
  }
  return [...steps.values()].sort((a, b) => a.id - b.id);
}

/** Steps whose instruction matches (e.g. /RUN npm ci/), optionally only in one stage. */
export function findSteps(steps: BuildStep[], instruction: RegExp | string, stage?: string): BuildStep[] {
  const re = typeof instruction === 'string' ? new RegExp(escapeRegExp(instruction)) : instruction;
  return steps.filter((s) => re.test(s.instruction) && (stage === undefined || s.stage === stage));
}

/** The one step matching; throws (listing the steps) when there is not exactly one. */
export function step(steps: BuildStep[], instruction: RegExp | string, stage?: string): BuildStep {
  const found = findSteps(steps, instruction, stage);
  if (found.length !== 1) {
    throw new Error(
      `expected exactly one step matching ${String(instruction)}${stage ? ` in stage ${stage}` : ''}, found ` +
        `${found.length}; steps:\n${steps.map((s) => `  #${s.id} ${s.name}${s.cached ? ' (CACHED)' : ''}`).join('\n')}`,
    );
  }
  return found[0];
}

/** Names of the steps BuildKit reported as CACHED. */
export function cachedSteps(steps: BuildStep[]): string[] {
  return steps.filter((s) => s.cached).map((s) => s.name);
}

/** Names of the Dockerfile stages that had at least one step in this build. */
export function stagesBuilt(steps: BuildStep[]): string[] {
  return [...new Set(steps.map((s) => s.stage).filter((s): s is string => !!s))];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ------------------------------------------------------------------------------------------------
// Images and containers

/** Runs a command in a throw-away container: docker run --rm --network=none <image> <cmd...>. */
export function runInImage(
  image: string,
  cmd: string[] = [],
  opts: DockerOptions & { user?: string; entrypoint?: string; workdir?: string } = {},
): Promise<DockerResult> {
  const args = ['run', '--rm', '--network=none'];
  if (opts.user) args.push('--user', opts.user);
  if (opts.entrypoint !== undefined) args.push('--entrypoint', opts.entrypoint);
  if (opts.workdir) args.push('--workdir', opts.workdir);
  args.push(image, ...cmd);
  return docker(args, opts);
}

export async function imageExists(image: string): Promise<boolean> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', image], { allowFailure: true, timeoutMs: 30_000 });
  return r.code === 0;
}

/** The image's size in bytes, as `docker image inspect` reports it (all layers). */
export async function imageSize(image: string): Promise<number> {
  const r = await docker(['image', 'inspect', '--format', '{{.Size}}', image], { timeoutMs: 30_000 });
  const n = Number(r.stdout.trim());
  if (!Number.isFinite(n) || n <= 0) throw new Error(`unexpected size for ${image}: ${r.stdout}`);
  return n;
}

export interface ImageConfig {
  Id: string;
  Config: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    User?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
  };
  RootFS: { Layers?: string[] };
  Size: number;
}

/** The parsed `docker image inspect` of one image. */
export async function inspectImage(image: string): Promise<ImageConfig> {
  const r = await docker(['image', 'inspect', image], { timeoutMs: 30_000 });
  const parsed = JSON.parse(r.stdout) as ImageConfig[];
  if (parsed.length !== 1) throw new Error(`docker image inspect ${image} returned ${parsed.length} entries`);
  return parsed[0];
}

/** Removes images (tags); missing ones are ignored. */
export async function removeImages(images: Iterable<string>): Promise<void> {
  const list = [...new Set(images)];
  if (list.length === 0) return;
  const r = await docker(['rmi', '--force', ...list], { allowFailure: true, timeoutMs: 60_000 });
  const unexpected = r.stderr
    .split('\n')
    .filter((l) => l.trim() && !/No such image/i.test(l));
  if (r.code !== 0 && unexpected.length > 0) throw new DockerError(r);
}

export interface ImageEntry {
  /** Absolute path, e.g. "/etc/passwd"; directories without a trailing slash. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Target of a symlink or hard link. */
  link?: string;
}

/**
 * Every path in an image's root filesystem, read with `docker create` + `docker export` (works
 * for images without a shell, such as distroless ones). Entries of /proc, /sys, /dev and the
 * files Docker adds to every container (/.dockerenv, /etc/hostname, /etc/hosts,
 * /etc/resolv.conf) are left out unless includeRuntime is set.
 */
export async function listImageFiles(image: string, opts: { includeRuntime?: boolean } = {}): Promise<ImageEntry[]> {
  const entries = await withContainer(image, (id) => readTarStream(['export', id]));
  if (opts.includeRuntime) return entries;
  const runtime = new Set(['/.dockerenv', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/mtab']);
  return entries.filter(
    (e) => !runtime.has(e.path) && !/^\/(proc|sys|dev)(\/|$)/.test(e.path),
  );
}

/** Paths only (sorted), see listImageFiles. */
export async function listImagePaths(image: string): Promise<string[]> {
  return (await listImageFiles(image)).map((e) => e.path).sort();
}

/** The contents of one regular file of an image (no shell needed: docker create + docker cp). */
export async function readImageFile(image: string, path: string): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  await withContainer(image, (id) => readTarStream(['cp', `${id}:${path}`, '-'], files));
  const base = path.split('/').filter(Boolean).pop() ?? '';
  const hit = files.get(`/${base}`);
  if (!hit) throw new Error(`${path} is not a regular file in ${image} (got: ${[...files.keys()].join(', ')})`);
  return hit;
}

/** Creates a stopped container of <image>, passes its id to fn, removes it afterwards. */
async function withContainer<T>(image: string, fn: (id: string) => Promise<T>): Promise<T> {
  // A command is given so that images without CMD/ENTRYPOINT (e.g. distroless) can be created;
  // the container is never started.
  const created = await docker(['create', '--network=none', '--entrypoint', '/stagecraft-never-run', image], {
    timeoutMs: 60_000,
  });
  const id = created.stdout.trim();
  try {
    return await fn(id);
  } finally {
    await docker(['rm', '--force', id], { allowFailure: true, timeoutMs: 60_000 });
  }
}

/**
 * Runs `docker <args>` whose stdout is a tar stream and lists its entries without buffering the
 * whole archive. Regular files' contents are kept only when `contents` is given.
 */
function readTarStream(args: string[], contents?: Map<string, Buffer>): Promise<ImageEntry[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(DOCKER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), DEFAULT_TIMEOUT_MS);
    const parser = new TarParser(contents);
    let stderr = '';
    let failed: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (e) {
        failed = e as Error;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failed) reject(failed);
      else if (code !== 0) reject(new DockerError({ code: code ?? -1, stdout: '', stderr, args }));
      else resolve(parser.entries);
    });
  });
}

/** A streaming reader of ustar / GNU / pax tar archives (what Docker produces). */
class TarParser {
  readonly entries: ImageEntry[] = [];
  private buf: Buffer = Buffer.alloc(0);
  private pending?: {
    kind: 'data' | 'gnu-long-name' | 'gnu-long-link' | 'pax';
    size: number;
    padded: number;
    got: number;
    keep: boolean;
    chunks: Buffer[];
    entry?: ImageEntry;
  };
  private longName?: string;
  private longLink?: string;
  private pax: Record<string, string> = {};
  private ended = false;

  constructor(private readonly contents?: Map<string, Buffer>) {}

  private expect(kind: 'data' | 'gnu-long-name' | 'gnu-long-link' | 'pax', size: number, entry?: ImageEntry): void {
    const keep = kind !== 'data' || (!!this.contents && entry?.type === 'file');
    this.pending = { kind, size, padded: Math.ceil(size / 512) * 512, got: 0, keep, chunks: [], entry };
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (!this.ended) {
      const p = this.pending;
      if (p) {
        const take = Math.min(p.padded - p.got, this.buf.length);
        if (p.keep && take > 0) p.chunks.push(this.buf.subarray(0, take));
        this.buf = this.buf.subarray(take);
        p.got += take;
        if (p.got < p.padded) return;
        this.pending = undefined;
        if (!p.keep) continue;
        const data = Buffer.concat(p.chunks).subarray(0, p.size);
        if (p.kind === 'gnu-long-name') this.longName = cString(data);
        else if (p.kind === 'gnu-long-link') this.longLink = cString(data);
        else if (p.kind === 'pax') this.pax = { ...this.pax, ...parsePax(data) };
        else if (p.entry) this.contents?.set(p.entry.path, Buffer.from(data));
        continue;
      }
      if (this.buf.length < 512) return;
      const h = this.buf.subarray(0, 512);
      this.buf = this.buf.subarray(512);
      if (h.every((b) => b === 0)) {
        this.ended = true; // end of archive
        return;
      }
      const type = String.fromCharCode(h[156] || 48);
      const size = octal(h.subarray(124, 136));
      if (type === 'L') this.expect('gnu-long-name', size);
      else if (type === 'K') this.expect('gnu-long-link', size);
      else if (type === 'x') this.expect('pax', size);
      else if (type === 'g') this.expect('data', size);
      else this.header(h, type, size);
    }
  }

  private header(h: Buffer, type: string, size: number): void {
    const magic = h.subarray(257, 263).toString('latin1');
    const prefix = magic === 'ustar\0' ? cString(h.subarray(345, 500)) : '';
    const short = cString(h.subarray(0, 100));
    const raw = this.pax.path ?? this.longName ?? (prefix ? `${prefix}/${short}` : short);
    const rawLink = this.pax.linkpath ?? this.longLink ?? cString(h.subarray(157, 257));
    const path = '/' + raw.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
    const kind: ImageEntry['type'] =
      type === '0' || type === '7' ? 'file' : type === '5' ? 'dir' : type === '2' ? 'symlink' : type === '1' ? 'hardlink' : 'other';
    const entry: ImageEntry = {
      path,
      type: kind,
      size: this.pax.size !== undefined ? Number(this.pax.size) : size,
      mode: octal(h.subarray(100, 108)) & 0o7777,
      uid: this.pax.uid !== undefined ? Number(this.pax.uid) : octal(h.subarray(108, 116)),
      gid: this.pax.gid !== undefined ? Number(this.pax.gid) : octal(h.subarray(116, 124)),
    };
    if (kind === 'symlink') entry.link = rawLink;
    if (kind === 'hardlink') entry.link = '/' + rawLink.replace(/^(\.\/|\/)+/, '');
    this.longName = this.longLink = undefined;
    this.pax = {};
    if (path !== '/') this.entries.push(entry);
    const dataSize = kind === 'file' ? entry.size : kind === 'other' ? size : 0;
    if (dataSize > 0) this.expect('data', dataSize, entry);
  }
}

function cString(b: Buffer): string {
  const z = b.indexOf(0);
  return b.subarray(0, z === -1 ? b.length : z).toString('utf8');
}

function octal(b: Buffer): number {
  if (b[0] & 0x80) {
    // GNU base-256 encoding for large numbers.
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i];
    return n;
  }
  const s = cString(b).trim();
  return s ? parseInt(s, 8) : 0;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp === -1) break;
    const len = Number(data.subarray(i, sp).toString('latin1'));
    if (!len) break;
    const record = data.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}
