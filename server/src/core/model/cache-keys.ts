/**
 * What each instruction's BuildKit cache key depends on. Pure: build-context facts are passed in.
 *
 * How BuildKit keys the steps of a Dockerfile (checked against Docker 20.10's BuildKit in
 * test/docker/explain.test.ts; docs/explain.md lists what is predicted and the limits):
 * - every step's key holds its parent step's key (a chain per stage; `FROM <stage>` continues the
 *   chain of that stage);
 * - `RUN`: the command as written, and the environment: every `ENV` in effect and every `ARG`
 *   declared before it that has a value (a default, a build argument, a global default), whether
 *   the command reads it or not; ARG values reach stages based on the declaring stage; read-only
 *   `--mount=type=bind` sources by content (the build context's files, or another stage's files;
 *   `rw` binds too), a cache mount's `from=` stage by content; cache, secret and ssh mounts are
 *   not part of the key otherwise;
 * - `COPY`/`ADD` from the build context: the instruction after variable expansion and the content
 *   (and mode) of the files its sources match, after `.dockerignore`; from another stage or image:
 *   the content of the copied files, so a rebuilt source stage re-runs the copy only when they differ;
 * - `WORKDIR` is a step (it creates the folder), keyed by its expanded path;
 * - `ENV`, `ARG`, `LABEL`, `USER`, `EXPOSE`, `CMD`, … are image metadata: no step of their own,
 *   but ENV, USER, SHELL and ARG values are read by later steps;
 * - `FROM <image>`: the image's digest (pinned with `@sha256:` or resolved from the tag).
 */
import { Add, Arg, Copy, Env, Instruction, Run, Workdir } from 'dockerfile-ast';
import dockerignore from '@balena/dockerignore';
import type { ContextView } from '../context';
import type { RunInfo, Stage, StageModel } from './stages';
import { substitute } from './stages';
import { isVolatileArgName } from './cache-facts';
import { normalizeSource } from './cache-copies';

export type StepKind = 'from' | 'run' | 'copy' | 'workdir' | 'metadata';

/** A variable a step reads, with the value it has in this build (undefined: declared without a value). */
export interface VarInput {
  name: string;
  kind: 'arg' | 'env';
  value?: string;
  /** 0-based line of the declaration. */
  line: number;
  /** Stage that declared it. */
  stage: number;
  /** Names its value expands (`ENV V=$X`, `ARG B=$A`): it changes when they change. */
  via?: string[];
  /** The variables those names resolved to when it was declared. */
  sources?: VarInput[];
}

export interface CopyInputs {
  /** Sources after variable expansion, relative to the context root (`.` is the root). */
  sources: string[];
  /** `--exclude` patterns. */
  excludes: string[];
  parents: boolean;
  /** Context files the sources bring (after .dockerignore and --exclude), when the context is known. */
  files?: string[];
}

export interface MountInput {
  type: string;
  /** Stage index for `from=<stage>`, or the image/context name as written. */
  fromStage?: number;
  fromImage?: string;
  /** `source=` (bind mounts), relative to the context root or to the source stage's root. */
  source?: string;
  /** Secret or ssh id, or the cache id/target. */
  id?: string;
  /** Whether the mount's content is part of the cache key (read-only bind mounts are). */
  keyed: boolean;
}

export interface StepInputs {
  stage: number;
  instruction: Instruction;
  keyword: string;
  /** 1-based line. */
  line: number;
  /** The instruction as written, continuations joined. */
  text: string;
  kind: StepKind;
  /** The text after variable expansion (what BuildKit hashes for COPY/ADD/WORKDIR/metadata). */
  expanded: string;
  /** Variables that are part of the key: for RUN its whole environment, for other steps the ones the text references. */
  vars: VarInput[];
  /** COPY/ADD from the build context. */
  context?: CopyInputs;
  /** COPY --from=<stage>: the stage whose files are copied. */
  fromStage?: number;
  /** COPY --from=<image> or FROM <image>. */
  image?: { ref: string; digest?: string };
  mounts: MountInput[];
  /** Secret ids mounted (their content is never part of the key). */
  secrets: string[];
  /** Why the key cannot be predicted from the Dockerfile and the context facts (ADD from a URL or git …). */
  unknown?: string;
  /** Subtleties of the step that explain reports (e.g. `--link`). */
  notes: string[];
}

/** The line of an instruction joined over its continuations (escape + newline), heredoc bodies kept. */
export function joinedText(model: StageModel, instr: Instruction): string {
  const raw = model.lines.getText(instr.getRange());
  const esc = model.dockerfile.getEscapeCharacter?.() ?? '\\';
  const e = esc.replace(/[\\`]/g, '\\$&');
  const lines = raw.split(/\r?\n/);
  const out: string[] = [];
  let cur = '';
  let continuing = false;
  for (const line of lines) {
    if (continuing && /^\s*#/.test(line)) continue; // comment lines inside a continued instruction
    if (continuing && !line.trim()) continue;
    const piece = continuing ? line.trim() : line.replace(/\s+$/, '');
    const m = new RegExp(`${e}\\s*$`).exec(piece);
    if (m) {
      cur += (continuing && cur ? ' ' : '') + piece.slice(0, m.index).replace(/\s+$/, '');
      continuing = true;
      continue;
    }
    cur += (continuing && cur ? ' ' : '') + piece;
    out.push(cur);
    cur = '';
    continuing = false;
  }
  if (cur) out.push(cur);
  return out.join('\n').trim();
}

function unquote(v: string): string {
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Variable scope while walking a stage: name → what is in effect. */
export type Scope = Map<string, VarInput>;

function referencedNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

function flagValue(instr: Instruction, name: string): string | undefined {
  const f = (instr as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.();
  const flag = f?.find((x) => x.getName().toLowerCase() === name);
  return flag ? flag.getValue() ?? '' : undefined;
}

function flagValues(instr: Instruction, name: string): string[] {
  const f = (instr as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.();
  return (f ?? []).filter((x) => x.getName().toLowerCase() === name).map((x) => x.getValue() ?? '');
}

/** The source and destination words of a COPY/ADD (JSON or shell form), quotes removed. */
function copyWords(instr: Copy | Add): string[] {
  const json = instr.getJSONStrings();
  if (json.length) return json.map((a) => a.getJSONValue());
  return instr.getArguments().map((a) => unquote(a.getValue()));
}

function isUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^git@/.test(s);
}

/** Whether a source pattern brings the context path (a file, or a folder when it ends with `/`). */
export function sourceBringsPath(source: string, path: string): boolean {
  const src = normalizeSource(source);
  if (src === '.' || src === '*' || src === '**') return true;
  const p = path.replace(/\/+$/, '');
  if (!p) return true;
  // fast paths (a path matched by the pattern starts with its text before the first pattern character)
  const lit = src.slice(0, src.search(/[*?[\\]|$/));
  if (lit === src) return p === src || p.startsWith(src + '/') || (path.endsWith('/') && (src + '/').startsWith(p + '/'));
  if (!path.endsWith('/') && !p.startsWith(lit)) return false;
  const re = globRe(src);
  const parts = p.split('/');
  // the path itself, or a folder containing it, matches the source
  for (let i = parts.length; i >= 1; i--) if (re.test(parts.slice(0, i).join('/'))) return true;
  // a changed folder holds files the source names
  if (path.endsWith('/') && (src + '/').startsWith(p + '/')) return true;
  return false;
}

const GLOBS = new Map<string, RegExp>();
function globRe(glob: string): RegExp {
  let re = GLOBS.get(glob);
  if (re) return re;
  let s = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        s += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else s += '[^/]*';
    } else if (c === '?') s += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i) {
        s += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      } else s += '\\[';
    } else s += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  try {
    re = new RegExp(`^${s}$`);
  } catch {
    re = /^\b$/; // matches nothing, as an invalid pattern in Docker
  }
  GLOBS.set(glob, re);
  return re;
}

/** A matcher for `--exclude` patterns (dockerignore syntax); undefined when there are none. */
export function excludeMatcher(patterns: string[]): ((path: string) => boolean) | undefined {
  if (!patterns.length) return undefined;
  try {
    const m = dockerignore().add(patterns);
    return (p) => {
      try {
        return m.ignores(p.replace(/\/+$/, ''));
      } catch {
        return false;
      }
    };
  } catch {
    return undefined;
  }
}

/** Whether a copy from the context brings the path: matched by a source, not ignored, not excluded. */
export function copyBrings(c: CopyInputs, path: string, context: ContextView): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  if (!p.endsWith('/') && context.ignored(p)) return false;
  const ex = excludeMatcher(c.excludes);
  return c.sources.some((s) => {
    if (!sourceBringsPath(s, p)) return false;
    if (!ex || p.endsWith('/')) return true;
    // `--exclude` patterns match below the source folder (and, to be safe, from the context root)
    const src = normalizeSource(s);
    const below = src !== '.' && p.startsWith(src + '/') ? p.slice(src.length + 1) : p;
    return !ex(below) && !ex(p);
  });
}

function mountInputs(model: StageModel, stage: Stage, run: RunInfo, expand: (s: string) => string): { mounts: MountInput[]; secrets: string[] } {
  const mounts: MountInput[] = [];
  const secrets: string[] = [];
  for (const m of run.mounts) {
    const o = m.options;
    const type = (o.type || 'bind').toLowerCase();
    const from = o.from !== undefined ? expand(o.from) : undefined;
    const input: MountInput = { type, keyed: false };
    if (type === 'secret' || type === 'ssh') {
      input.id = o.id ?? (type === 'secret' ? (o.target ?? o.dst ?? o.destination ?? '').split('/').pop() : 'default');
      if (type === 'secret' && input.id) secrets.push(input.id);
    } else if (type === 'cache') {
      input.id = o.id ?? o.target ?? o.dst ?? o.destination;
    } else if (type === 'bind') {
      input.source = expand(o.source ?? o.src ?? '.');
      // read-only binds (the default) are keyed by content; `rw` writes are discarded but the content still keys
      input.keyed = true;
    } else if (type === 'tmpfs') {
      input.keyed = false;
    }
    if (from !== undefined && (type === 'bind' || type === 'cache')) {
      const target = resolveStage(model, stage, from);
      if (target !== undefined) input.fromStage = target;
      else input.fromImage = from;
      // a cache seeded from a stage is keyed by that stage's files, as a bind mount is
      input.keyed = true;
    }
    mounts.push(input);
  }
  return { mounts, secrets };
}

/** An earlier stage named (or numbered) `ref` as seen from `stage`. */
function resolveStage(model: StageModel, stage: Stage, ref: string): number | undefined {
  if (/^[0-9]+$/.test(ref)) {
    const i = Number(ref);
    return i < stage.index ? i : undefined;
  }
  const key = ref.toLowerCase();
  for (let i = stage.index - 1; i >= 0; i--) if (model.stages[i].key === key) return i;
  return undefined;
}

/**
 * The cache inputs of every instruction of every stage (FROM first, in document order), with the
 * model's build arguments. Never throws.
 */
export function cacheInputs(model: StageModel, context: ContextView): StepInputs[][] {
  return stageInputs(model, context).map((e) => e.steps);
}

/**
 * A stage's cache inputs, with what they were computed from. A stage's inputs read only the stage
 * itself, the variables its parent stage ends with, the global ARGs, the build arguments, the
 * stage names (`--from=<name>`) and the context view: they are kept per context view and Stage
 * object (the model keeps a Stage object while its instructions, its base and its place are the
 * same) and reused while the global ARGs, the build arguments, the stage names and the parent's
 * entry are the same.
 */
export interface StageInputs {
  steps: StepInputs[];
  /** The variables in effect at the stage's end: where stages built on it start. */
  scope: Scope;
  /** The global ARGs (name, default, line), build arguments and stage names they were computed with. */
  globals: string;
  /** The parent stage's entry they started from. */
  parent: StageInputs | undefined;
}

const kept = new WeakMap<ContextView, WeakMap<Stage, StageInputs>>();

/** Every stage's cache inputs (by index), computed for the stages whose inputs may have changed. Never throws. */
export function stageInputs(model: StageModel, context: ContextView): StageInputs[] {
  // (a Stage object is kept when another stage is renamed: the names are part of the key, for `--from` and the labels)
  const key = JSON.stringify([model.globalArgs.map((a) => [a.name, a.value ?? null, a.instruction.getRange().start.line]), model.buildArgs, model.stages.map((s) => s.name ?? null)]);
  let byStage = kept.get(context);
  if (!byStage) kept.set(context, (byStage = new WeakMap()));
  let globals: Map<string, string | undefined> | undefined;
  const out: StageInputs[] = [];
  for (const stage of model.stages) {
    const parent = stage.parent !== undefined ? out[stage.parent] : undefined;
    const hit = byStage.get(stage);
    if (hit && hit.globals === key && hit.parent === parent) {
      out.push(hit);
      continue;
    }
    globals ??= globalValues(model);
    const entry: StageInputs = { ...stepsOf(model, stage, parent?.scope, globals, context), globals: key, parent };
    byStage.set(stage, entry);
    out.push(entry);
  }
  return out;
}

/** The global ARGs' values in this build: a default may use globals declared before it. */
function globalValues(model: StageModel): Map<string, string | undefined> {
  const globals = new Map<string, string | undefined>();
  for (const a of model.globalArgs) {
    const given = has(model.buildArgs, a.name) ? model.buildArgs[a.name] : undefined;
    globals.set(a.name, given ?? (a.value === undefined ? globals.get(a.name) : substitute(unquote(a.value), (n) => globals.get(n))));
  }
  return globals;
}

function stepsOf(model: StageModel, stage: Stage, parentScope: Scope | undefined, globals: Map<string, string | undefined>, context: ContextView): { steps: StepInputs[]; scope: Scope } {
  const scope: Scope = parentScope ? new Map(parentScope) : new Map();
  const value = (n: string) => scope.get(n)?.value;
  const expand = (s: string) => substitute(s, value);
  const steps: StepInputs[] = [];
  const base = (instr: Instruction, kind: StepKind): StepInputs => ({
    stage: stage.index, instruction: instr, keyword: instr.getKeyword(), line: instr.getRange().start.line + 1,
    text: joinedText(model, instr), kind, expanded: '', vars: [], mounts: [], secrets: [], notes: [],
  });
  // FROM
  const from = base(stage.from, 'from');
  from.expanded = stage.from.getKeyword() + ' ' + stage.baseResolved;
  for (const n of referencedNames(stage.baseText)) {
    const g = model.globalArgs.filter((a) => a.name === n).pop();
    if (g) from.vars.push({ name: n, kind: 'arg', value: globals.get(n), line: g.instruction.getRange().start.line, stage: -1 });
  }
  if (stage.image) from.image = { ref: stage.baseResolved, digest: stage.image.digest };
  if (stage.baseText.includes('$') && stage.parent === undefined && !stage.image && !stage.scratch) from.unknown = 'the base image name comes from a variable without a value';
  steps.push(from);
  for (const instr of stage.instructions) {
    const keyword = instr.getKeyword();
    if (instr instanceof Arg) {
      const s = base(instr, 'metadata');
      for (const a of instr.getArguments()) {
        const word = a.getValue();
        const eq = word.indexOf('=');
        const name = eq < 0 ? word : word.slice(0, eq);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
        let v: string | undefined;
        if (has(model.buildArgs, name)) v = model.buildArgs[name];
        else if (eq >= 0) v = expand(unquote(word.slice(eq + 1)));
        else if (globals.has(name)) v = globals.get(name);
        else v = scope.get(name)?.value;
        const input: VarInput = { name, kind: 'arg', value: v, line: instr.getRange().start.line, stage: stage.index };
        if (eq >= 0 && !has(model.buildArgs, name)) {
          input.via = referencedNames(word.slice(eq + 1));
          input.sources = input.via.map((r) => scope.get(r)).filter((x): x is VarInput => !!x);
        }
        s.vars.push(input);
        // An ARG without any value is not in the environment (BuildKit adds only ARGs with values).
        if (v !== undefined) scope.set(name, input);
        else if (!scope.has(name)) scope.set(name, input);
      }
      s.expanded = expand(s.text);
      steps.push(s);
      continue;
    }
    if (instr instanceof Env) {
      const s = base(instr, 'metadata');
      const pending: VarInput[] = [];
      for (const p of instr.getProperties()) {
        const raw = p.getValue() ?? '';
        const refs = referencedNames(raw);
        for (const r of refs) if (scope.has(r)) s.vars.push(scope.get(r)!);
        // ENV values are expanded with the scope before this instruction
        pending.push({
          name: p.getName(), kind: 'env', value: expand(raw), line: instr.getRange().start.line, stage: stage.index, via: refs,
          sources: refs.map((r) => scope.get(r)).filter((x): x is VarInput => !!x),
        });
      }
      for (const p of pending) scope.set(p.name, p);
      s.expanded = expand(s.text);
      steps.push(s);
      continue;
    }
    if (instr instanceof Run) {
      const s = base(instr, 'run');
      const info = stage.runs.find((r) => r.instruction === instr);
      // the whole environment is in the key
      // (ARGs without a value are listed too: they join the environment once a build gives them one)
      for (const v of scope.values()) s.vars.push(v);
      // RUN flags (--mount, --network, --security) are expanded; the command is not (the shell expands it)
      s.expanded = s.text;
      if (info) {
        const m = mountInputs(model, stage, info, expand);
        s.mounts = m.mounts;
        s.secrets = m.secrets;
      }
      steps.push(s);
      continue;
    }
    if (instr instanceof Copy || instr instanceof Add) {
      const s = base(instr, 'copy');
      s.expanded = expand(s.text);
      for (const n of referencedNames(s.text)) if (scope.has(n)) s.vars.push(scope.get(n)!);
      const fromFlag = flagValue(instr, 'from');
      const heredoc = instr instanceof Copy ? instr.getHeredocs().length > 0 : /<<-?\s*['"]?[A-Za-z_]/.test(instr.getArgumentsContent() ?? '');
      if (flagValue(instr, 'link') !== undefined) s.notes.push('--link: the copy does not depend on the steps before it, the steps after it do');
      if (fromFlag !== undefined) {
        const ref = expand(fromFlag);
        const target = resolveStage(model, stage, ref);
        if (target !== undefined) s.fromStage = target;
        else if (ref && !ref.includes('$')) s.image = { ref, digest: /@(sha256:[0-9a-f]{64})/.exec(ref)?.[1] };
        else s.unknown = `--from=${fromFlag} names no stage or image this build can resolve`;
      } else if (!heredoc) {
        const words = copyWords(instr).map((w) => expand(w));
        const sources = words.slice(0, -1);
        const urls = sources.filter(isUrl);
        if (urls.length) {
          s.unknown = /^git@|\.git(#|$)|^git:/.test(urls[0]) || /^https?:\/\/[^/]+\/.+\.git\b/.test(urls[0])
            ? `ADD from git (${urls[0]}): BuildKit resolves the ref at build time; the step is reused only while it points to the same commit`
            : `ADD from a URL (${urls[0]}): BuildKit checks the URL on every build; the step is reused only when the download is unchanged`;
        }
        const local = sources.filter((x) => !isUrl(x));
        const c: CopyInputs = {
          sources: local.map((x) => normalizeSource(x)),
          excludes: flagValues(instr, 'exclude').map(expand),
          parents: flagValue(instr, 'parents') !== undefined && flagValue(instr, 'parents') !== 'false',
        };
        if (context.known) c.files = contextFilesOf(c, context);
        if (local.some((x) => x.includes('$') && expand(x) === x)) s.unknown = 'a source names a variable without a value';
        s.context = c;
        if (instr instanceof Add && local.some((x) => /\.(tar(\.(gz|bz2|xz|zst))?|tgz|tbz2?|txz)$/i.test(x))) s.notes.push('ADD unpacks local archives: the key is the archive file');
      }
      steps.push(s);
      continue;
    }
    if (instr instanceof Workdir) {
      const s = base(instr, 'workdir');
      s.expanded = expand(s.text);
      for (const n of referencedNames(s.text)) if (scope.has(n)) s.vars.push(scope.get(n)!);
      steps.push(s);
      continue;
    }
    // metadata: LABEL, USER, EXPOSE, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, STOPSIGNAL, VOLUME, ONBUILD, MAINTAINER
    const s = base(instr, 'metadata');
    s.expanded = /^(CMD|ENTRYPOINT|HEALTHCHECK|ONBUILD)$/.test(keyword) ? s.text : expand(s.text);
    if (!/^(CMD|ENTRYPOINT|HEALTHCHECK|ONBUILD)$/.test(keyword)) {
      for (const n of referencedNames(s.text)) if (scope.has(n)) s.vars.push(scope.get(n)!);
    }
    steps.push(s);
  }
  return { steps, scope };
}

/** The files a copy brings, per context view and copy (sources, excludes): the same on every keystroke. */
const copyFiles = new WeakMap<ContextView, Map<string, string[]>>();
function contextFilesOf(c: CopyInputs, context: ContextView): string[] {
  let byCopy = copyFiles.get(context);
  if (!byCopy) copyFiles.set(context, (byCopy = new Map()));
  const key = JSON.stringify([c.sources, c.excludes, c.parents]);
  let files = byCopy.get(key);
  if (!files) {
    if (byCopy.size >= 256) byCopy.clear(); // sources typed one character at a time
    files = context.list().filter((p) => !p.endsWith('/') && copyBrings(c, p, context)).sort();
    byCopy.set(key, files);
  }
  return files.slice();
}

/** Whether the instruction is one BuildKit runs as a step of its own (shown in its progress, cached or not). */
export function isBuildStep(s: StepInputs): boolean {
  return s.kind === 'run' || s.kind === 'copy' || s.kind === 'workdir' || (s.kind === 'from' && s.image !== undefined);
}

/** Whether an ARG name's value is assumed to change on every build (a date, a commit, a build number). */
export function isVolatileArg(name: string): boolean {
  return isVolatileArgName(name);
}

