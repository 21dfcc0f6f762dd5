// Pure construction of the docker command lines: argument arrays, never shell strings.
// Knows nothing about VS Code so it can be checked with plain unit tests.
import * as path from 'path';
import { PROGRESS_FLAG } from './build-progress';

export interface TagVariables {
  stage: string;
  dockerfileBasename: string;
  workspaceFolderBasename: string;
}

/** Expands the tag template and turns the result into a valid `docker tag` reference. */
export function expandTag(template: string, vars: TagVariables): string {
  const expanded = template.replace(/\$\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? (vars as unknown as Record<string, string>)[name] : whole);
  return sanitizeTag(expanded);
}

/**
 * Makes a docker image reference out of arbitrary text: the repository part is lowercased and
 * reduced to `[a-z0-9]` components joined by `.`, `_`, `-` or `/`; the tag part keeps
 * `[A-Za-z0-9_.-]`, starts with a word character and is at most 128 characters. A first
 * component that docker reads as a registry host (it has a `.` or a `:port`, or is `localhost`,
 * and more components follow) keeps its dots and port: `registry.local:5000/app:dev`.
 */
export function sanitizeTag(reference: string): string {
  let repo = reference.trim();
  let tag = '';
  const colon = repo.lastIndexOf(':');
  if (colon > repo.lastIndexOf('/')) {
    tag = repo.slice(colon + 1);
    repo = repo.slice(0, colon);
  }
  const parts = repo.split('/');
  let host: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/i.test(parts[0])) {
    host = sanitizeHost(parts.shift()!);
  }
  const components = parts
    .map((c) => c.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/[._-]{2,}/g, '-').replace(/^[._-]+|[._-]+$/g, ''))
    .filter((c) => c !== '');
  const repoPath = components.length > 0 ? components.join('/') : 'stagecraft';
  const repository = host ? `${host}/${repoPath}` : repoPath;
  tag = tag.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128);
  return tag ? `${repository}:${tag}` : `${repository}:latest`;
}

/** A registry host: dot-separated `[a-z0-9-]` labels (no leading or trailing `-`), then an optional `:port`. */
function sanitizeHost(text: string): string | undefined {
  const [name, port] = text.toLowerCase().split(':', 2);
  const labels = name.split('.')
    .map((l) => l.replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, ''))
    .filter((l) => l !== '');
  if (labels.length === 0) return undefined;
  const digits = (port ?? '').replace(/[^0-9]/g, '');
  return digits ? `${labels.join('.')}:${digits}` : labels.join('.');
}

export interface BuildInputs {
  dockerfile: string;
  /** `--target` value; undefined builds the last stage (used for an unnamed final stage). */
  target: string | undefined;
  tag: string;
  /** Raw context setting: empty means the Dockerfile's folder; relative to the workspace folder. */
  contextSetting: string;
  workspaceFolder: string | undefined;
  buildArgs: Record<string, string>;
  extraArgs: string[];
  /** `docker buildx build … --load` instead of `docker build` (see buildx.ts's planBuild). */
  buildx?: boolean;
  /** buildx only: `--builder`; undefined uses the current builder. */
  builder?: string;
  /** `--platform`, comma-joined; empty: the builder's own platform. */
  platforms?: string[];
}

export function resolveContext(contextSetting: string, dockerfile: string, workspaceFolder: string | undefined): string {
  const c = contextSetting.trim();
  if (c === '') return path.dirname(dockerfile);
  if (path.isAbsolute(c)) return c;
  return path.resolve(workspaceFolder ?? path.dirname(dockerfile), c);
}

export function buildArgs(i: BuildInputs): string[] {
  const args = i.buildx ? ['buildx', 'build'] : ['build'];
  // `--flag=value`: a value starting with `-` cannot be read as another flag
  if (i.buildx && i.builder) args.push(`--builder=${i.builder}`);
  if (i.platforms && i.platforms.length > 0) args.push(`--platform=${i.platforms.join(',')}`);
  // the image goes into the engine's image store whatever the builder's driver (Run and Shell use it)
  if (i.buildx) args.push('--load');
  if (i.target !== undefined) args.push('--target', i.target);
  // BuildKit's line-per-event output: read after the build for what was cached (build-progress.ts);
  // before the extra args, so a user's own --progress wins
  args.push('-f', i.dockerfile, '-t', i.tag, PROGRESS_FLAG);
  for (const [k, v] of Object.entries(i.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  args.push(...i.extraArgs);
  args.push(resolveContext(i.contextSetting, i.dockerfile, i.workspaceFolder));
  return args;
}

// Run and Shell always pass `-it`: their tasks run in a VS Code terminal (a pseudo-terminal), so
// docker has a TTY for stdin, and the user can type into the container and stop it with Ctrl+C.

export function runArgs(tag: string, extra: string[]): string[] {
  return ['run', '--rm', '-it', ...extra, tag];
}

/** An interactive shell: bash when the image has it, sh otherwise (a fixed script, no file content). */
export function shellArgs(tag: string, extra: string[]): string[] {
  return ['run', '--rm', '-it', ...extra, '--entrypoint', '/bin/sh', tag,
    '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];
}

/**
 * A fixed script run by Node (`node -e`): starts the command with the given argument array, passes
 * its output through to the terminal and also writes it to the log file, and exits with the
 * command's exit code (127 when it could not be started). No shell, no text from any file.
 */
export const TEE_SCRIPT = [
  "const fs = require('fs'), cp = require('child_process');",
  'const [log, cmd, ...args] = process.argv.slice(1);',
  'const out = fs.createWriteStream(log);',
  'const env = { ...process.env }; delete env.ELECTRON_RUN_AS_NODE;',
  "const child = cp.spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env });",
  "child.stdout.on('data', (d) => { process.stdout.write(d); out.write(d); });",
  "child.stderr.on('data', (d) => { process.stderr.write(d); out.write(d); });",
  "process.on('SIGINT', () => undefined); process.on('SIGTERM', () => child.kill('SIGTERM'));",
  "child.on('error', (e) => { process.stderr.write('stagecraft: could not start ' + cmd + ': ' + e.message + '\\n'); out.end(() => process.exit(127)); });",
  "child.on('close', (code) => out.end(() => process.exit(code === null ? 1 : code)));",
].join('\n');

/** The Node command line that runs `command args` through TEE_SCRIPT, copying its output to `logFile`. */
export function teeArgs(logFile: string, command: string, args: string[]): string[] {
  return ['-e', TEE_SCRIPT, '--', logFile, command, ...args];
}

/** The docker command inside a teeArgs command line (undefined when it is not one). */
export function unwrapTee(args: readonly string[]): { logFile: string; command: string; args: string[] } | undefined {
  if (args[0] !== '-e' || args[1] !== TEE_SCRIPT || args[2] !== '--' || args.length < 5) return undefined;
  return { logFile: args[3], command: args[4], args: args.slice(5) };
}
