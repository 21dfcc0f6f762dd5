// Pure construction of the docker command lines: argument arrays, never shell strings.
// Knows nothing about VS Code so it can be checked with plain unit tests.
import * as path from 'path';

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
 * `[A-Za-z0-9_.-]`, starts with a word character and is at most 128 characters.
 */
export function sanitizeTag(reference: string): string {
  let repo = reference.trim();
  let tag = '';
  const colon = repo.lastIndexOf(':');
  if (colon > repo.lastIndexOf('/')) {
    tag = repo.slice(colon + 1);
    repo = repo.slice(0, colon);
  }
  const components = repo
    .toLowerCase()
    .split('/')
    .map((c) => c.replace(/[^a-z0-9._-]+/g, '-').replace(/[._-]{2,}/g, '-').replace(/^[._-]+|[._-]+$/g, ''))
    .filter((c) => c !== '');
  const repository = components.length > 0 ? components.join('/') : 'stagecraft';
  tag = tag.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128);
  return tag ? `${repository}:${tag}` : `${repository}:latest`;
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
}

export function resolveContext(contextSetting: string, dockerfile: string, workspaceFolder: string | undefined): string {
  const c = contextSetting.trim();
  if (c === '') return path.dirname(dockerfile);
  if (path.isAbsolute(c)) return c;
  return path.resolve(workspaceFolder ?? path.dirname(dockerfile), c);
}

export function buildArgs(i: BuildInputs): string[] {
  const args = ['build'];
  if (i.target !== undefined) args.push('--target', i.target);
  args.push('-f', i.dockerfile, '-t', i.tag);
  for (const [k, v] of Object.entries(i.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  args.push(...i.extraArgs);
  args.push(resolveContext(i.contextSetting, i.dockerfile, i.workspaceFolder));
  return args;
}

export function runArgs(tag: string, extra: string[]): string[] {
  return ['run', '--rm', '-it', ...extra, tag];
}

/** An interactive shell: bash when the image has it, sh otherwise (a fixed script, no file content). */
export function shellArgs(tag: string, extra: string[]): string[] {
  return ['run', '--rm', '-it', ...extra, '--entrypoint', '/bin/sh', tag,
    '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];
}
