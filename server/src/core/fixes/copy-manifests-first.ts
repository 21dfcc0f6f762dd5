import { escapeRegExp } from '../text';
/**
 * "Copy manifests first": finds a broad build-context copy (`COPY . .`, `ADD . /app`,
 * `COPY src/ ./` holding the manifest) that comes before a dependency install in the
 * same stage, and builds the edit that copies the manifests and lock files first,
 * runs the install, then copies the rest. Pure; never throws.
 */
import { Add, Arg, Copy, Env, Instruction, Run, Workdir } from 'dockerfile-ast';
import type { ContextView } from '../context';
import type { Fix, TextEdit } from '../types';
import type { Ecosystem } from '../model/ecosystems';
import type { RunInfo, Stage, StageModel } from '../model/stages';
import { InstallCommand, MANIFESTS, installOf } from '../model/installs';
import { ShellCommand, hasFlag, positionals, programName, splitShell } from '../model/shell';
import { imageFacts } from '../model/images';
import {
  argumentWords, argumentsText, flagValueOf, flagsText, fullLinesRange, endsWithBreak, indentOf,
  instructionText, isJsonForm, joinPath, normalizePath,
} from './instruction-text';

/** The working directory of an image when its Dockerfile sets none (as the official images set it). */
export function defaultWorkdir(stage: Stage): string {
  const family = imageFacts(stage.image).family;
  if (family === 'golang') return '/go';
  return '/';
}

/** The WORKDIR before each instruction of a stage (absolute where it can be known), and at the stage's end. */
export interface StageWorkdirs {
  at: Map<Instruction, string>;
  final: string;
}
const workdirsByModel = new WeakMap<StageModel, StageWorkdirs[]>();

/** The WORKDIRs of one stage, worked out once per model for it and its FROM ancestors only. */
export function stageWorkdirs(model: StageModel, index: number): StageWorkdirs {
  let all = workdirsByModel.get(model);
  if (!all) workdirsByModel.set(model, (all = []));
  if (all[index]) return all[index];
  // the chain down from the nearest ancestor already worked out (a parent is always an earlier stage)
  const chain: number[] = [];
  for (let i: number | undefined = index; i !== undefined && !all[i]; ) {
    chain.push(i);
    const p: number | undefined = model.stages[i].parent;
    i = p !== undefined && p < i ? p : undefined;
  }
  for (let k = chain.length - 1; k >= 0; k--) {
    const s = model.stages[chain[k]];
    let wd = s.parent !== undefined ? (s.parent < s.index ? all[s.parent].final : '/') : defaultWorkdir(s);
    const at = new Map<Instruction, string>();
    at.set(s.from, wd);
    for (const i of s.instructions) {
      at.set(i, wd);
      if (i instanceof Workdir) {
        const v = i.getArguments().map((a) => a.getValue()).join(' ');
        if (v) wd = joinPath(wd, v);
      }
    }
    all[s.index] = { at, final: wd };
  }
  return all[index];
}

/** The WORKDIR before each instruction and at the end of each stage, for every stage. */
export function workdirs(model: StageModel): { at: Map<Instruction, string>; final: string[] } {
  const at = new Map<Instruction, string>();
  const final: string[] = [];
  for (const s of model.stages) {
    const w = stageWorkdirs(model, s.index);
    for (const [i, wd] of w.at) at.set(i, wd);
    final.push(w.final);
  }
  return { at, final };
}

/** A source copied from the build context and where it lands. */
interface ContextCopy {
  instr: Copy | Add;
  sources: string[];
  dest: string;
  workdir: string;
}

function contextCopy(model: StageModel, instr: Instruction, workdir: string): ContextCopy | undefined {
  if (!(instr instanceof Copy || instr instanceof Add)) return undefined;
  if (flagValueOf(instr, 'from') !== undefined) return undefined;
  const { words } = argumentWords(model, instr);
  if (words.length < 2) return undefined;
  const sources = words.slice(0, -1);
  if (sources.some((s) => s.startsWith('<<'))) return undefined;
  return { instr, sources, dest: words[words.length - 1], workdir };
}

/** Sources of a copy that bring the whole context, or a folder holding the ecosystem's manifest: the folder prefix ('' for the root). */
function broadPrefix(c: ContextCopy, eco: Ecosystem, context: ContextView): string | undefined {
  for (const src of c.sources) {
    if (/^[a-z]+:\/\//i.test(src) || src.startsWith('git@')) continue;
    const n = normalizePath(src);
    if (n === '.' || n === '*' || src === './*') return '';
    if (!context.known || n.startsWith('..') || n.startsWith('/')) continue;
    const names = [...(MANIFESTS[eco]?.manifests ?? [])];
    if (names.some((m) => matchIn(context, `${n}/`, m).length)) return `${n}/`;
  }
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

/** Context files directly in folder `prefix` whose name matches `name` (which may hold `*`). */
function matchIn(context: ContextView, prefix: string, name: string): string[] {
  if (!name.includes('*')) return context.has(prefix + name) && !context.ignored(prefix + name) ? [prefix + name] : [];
  const re = globToRegExp(name);
  return context.list()
    .filter((p) => p.startsWith(prefix) && !p.endsWith('/') && !p.slice(prefix.length).includes('/') && re.test(p.slice(prefix.length)))
    .filter((p) => !context.ignored(p))
    .sort();
}

/** The lock file an install cannot do without, when the build context is not known. */
const REQUIRED_LOCK: Partial<Record<Ecosystem, string>> = {
  npm: 'package-lock.json', yarn: 'yarn.lock', pnpm: 'pnpm-lock.yaml', bun: 'bun.lockb', poetry: 'poetry.lock', uv: 'uv.lock',
  pipenv: 'Pipfile.lock', go: 'go.sum', cargo: 'Cargo.lock', bundler: 'Gemfile.lock', composer: 'composer.lock',
  dotnet: 'packages.lock.json', gradle: 'gradle.lockfile',
};

/** The manifest named when the build context is not known (globs where the name varies). */
const PRIMARY_MANIFEST: Partial<Record<Ecosystem, string>> = {
  gradle: 'build.gradle*', dotnet: '*.csproj',
};

function requirementFiles(cmd: ShellCommand): string[] {
  const w = cmd.words;
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    if (w[i] === '-r' || w[i] === '--requirement' || w[i] === '-c' || w[i] === '--constraint') {
      if (w[i + 1]) out.push(w[i + 1]);
    } else if (w[i].startsWith('--requirement=')) out.push(w[i].slice('--requirement='.length));
    else if (/^-r\S/.test(w[i])) out.push(w[i].slice(2));
  }
  return out;
}

/**
 * The manifests and lock files to copy before an install, as context paths.
 * `known` is false when the build context is not known and the list is the manifest plus the lock the install requires.
 */
export function manifestFiles(install: InstallCommand, prefix: string, context: ContextView): { files: string[]; known: boolean } {
  const eco = install.ecosystem;
  const table = MANIFESTS[eco];
  if (!table) return { files: [], known: context.known };
  const reqs = eco === 'pip' || eco === 'uv' ? requirementFiles(install.command).map((r) => normalizePath(r)) : [];
  if (context.known) {
    const files: string[] = [];
    const add = (p: string) => { if (!files.includes(p)) files.push(p); };
    if (eco === 'pip' || (eco === 'uv' && reqs.length)) {
      for (const r of reqs) if (context.has(prefix + r) && !context.ignored(prefix + r)) add(prefix + r);
      if (!reqs.length || reqs.every((r) => !r.includes('/'))) for (const m of matchIn(context, prefix, 'requirements*.txt')) if (reqs.length) add(m);
      if (!reqs.length) return { files: [], known: true };
    } else {
      for (const name of table.manifests) for (const m of matchIn(context, prefix, name)) add(m);
      if (!files.length) return { files: [], known: true };
      for (const name of table.locks) for (const m of matchIn(context, prefix, name)) add(m);
    }
    return { files, known: true };
  }
  if (eco === 'pip' || (eco === 'uv' && reqs.length)) return { files: reqs.map((r) => prefix + r), known: false };
  const files = [prefix + (PRIMARY_MANIFEST[eco] ?? table.manifests[0])];
  const lock = REQUIRED_LOCK[eco];
  if (install.requiresLock && lock) files.push(prefix + lock);
  return { files, known: false };
}

/** An install that builds the project from its sources (`pip install .`, `pip install -e .`): it needs the sources, not only manifests. */
function installsFromSource(inst: InstallCommand): boolean {
  if (inst.ecosystem !== 'pip' && inst.ecosystem !== 'uv') return false;
  const w = inst.command.words;
  return w.some((x, i) => x === '.' || x.startsWith('./') || ((x === '-e' || x === '--editable') && w[i + 1] !== undefined && !w[i + 1].startsWith('-')))
    || w.some((x) => /^(-e|--editable=)\.?\//.test(x));
}

/** The dependency installs a command line holds (project dependencies from manifests, not OS packages or named packages). */
export function projectInstall(cmd: ShellCommand): InstallCommand | undefined {
  const inst = installOf(cmd);
  if (!inst || inst.system || inst.explicitPackages || installsFromSource(inst)) return undefined;
  if (inst.ecosystem === 'bundler' && programName(cmd) === 'gem') return undefined;
  return inst;
}

/** A build command that downloads the project's dependencies itself when they are not there yet, and the step that downloads only them. */
export interface FetchingBuild {
  ecosystem: Ecosystem;
  command: ShellCommand;
  /** The ecosystem's dependency-only step, in the build's own terms (`./mvnw -B dependency:go-offline`, `go mod download` …). */
  step: string;
  /** Files the step needs besides the manifests: the build tool's wrapper (`mvnw` + `.mvn/`, `gradlew` + `gradle/`). */
  wrapper: string[];
}

/**
 * `mvn package|verify|install`, `gradle build|assemble`, `cargo build`, `go build`, `dotnet publish|build`:
 * builds that fetch every dependency when none were fetched before (offline and vendored builds excepted).
 */
export function fetchingBuildOf(cmd: ShellCommand): FetchingBuild | undefined {
  const prog = programName(cmd);
  const w = cmd.words;
  const word0 = w[0] ?? prog;
  const args = w.slice(1);
  const keep = (...flags: string[]) => args.filter((x) => flags.includes(x));
  if (prog === 'mvn' || prog === 'mvnw') {
    if (!args.some((x) => /^(package|verify|install)$/.test(x)) || hasFlag(cmd, '-o', '--offline')) return undefined;
    return { ecosystem: 'maven', command: cmd, step: [word0, ...keep('-B', '--batch-mode', '-q', '--quiet'), 'dependency:go-offline'].join(' '), wrapper: prog === 'mvnw' ? ['mvnw', '.mvn/'] : [] };
  }
  if (prog === 'gradle' || prog === 'gradlew') {
    if (!args.some((x) => /^(:?[\w-]+:)*(build|assemble|bootJar|installDist|shadowJar)$/.test(x)) || hasFlag(cmd, '--offline')) return undefined;
    return { ecosystem: 'gradle', command: cmd, step: [word0, 'dependencies', ...keep('--no-daemon', '-q', '--quiet')].join(' '), wrapper: prog === 'gradlew' ? ['gradlew', 'gradle/'] : [] };
  }
  const sub = args.find((x) => !x.startsWith('-'));
  if (prog === 'cargo') {
    if (sub !== 'build' || hasFlag(cmd, '--offline', '--frozen')) return undefined;
    return { ecosystem: 'cargo', command: cmd, step: `mkdir -p src && touch src/main.rs && cargo fetch${hasFlag(cmd, '--locked') ? ' --locked' : ''} && rm src/main.rs`, wrapper: [] };
  }
  if (prog === 'go') {
    if (sub !== 'build' || args.some((x) => /^-mod=vendor$/.test(x)) || /-mod=vendor/.test(cmd.env.GOFLAGS ?? '')) return undefined;
    return { ecosystem: 'go', command: cmd, step: 'go mod download', wrapper: [] };
  }
  if (prog === 'dotnet') {
    if ((sub !== 'publish' && sub !== 'build') || hasFlag(cmd, '--no-restore')) return undefined;
    const project = args.find((x) => /\.(csproj|fsproj|vbproj|sln)$/.test(x));
    return { ecosystem: 'dotnet', command: cmd, step: `dotnet restore${project ? ' ' + project : ''}`, wrapper: [] };
  }
  return undefined;
}

/** Commands that only prepare an install (they need no project source): package managers, `corepack`, `mkdir`, cache cleanup. */
function isPrepCommand(cmd: ShellCommand): boolean {
  const prog = programName(cmd);
  const inst = installOf(cmd);
  if (inst) return !installsFromSource(inst);
  const sub = cmd.words[1] ?? '';
  if (['corepack', 'mkdir', 'true'].includes(prog)) return true;
  if (['npm', 'yarn', 'pnpm'].includes(prog) && ['config', 'set'].includes(sub)) return true;
  if (['apt-get', 'apt'].includes(prog) && ['update', 'clean', 'autoremove'].includes(sub)) return true;
  if (prog === 'apk' && sub === 'update') return true;
  if (prog === 'dnf' && sub === 'clean') return true;
  if (prog === 'rm') return positionals(cmd).every((p) => /^\/(var\/lib\/apt|var\/cache|tmp|root\/\.cache)\b/.test(p));
  return false;
}

/** Splits a RUN's shell text at top-level `&&`; undefined when it uses other operators at top level (`;`, `||`, `|`, newlines, heredocs). */
export function splitAndAnd(text: string): string[] | undefined {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      cur += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' && c === '"' ? 2 : 1;
      cur += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '(' || c === '{') depth++;
    if (c === ')' || c === '}') depth--;
    if (depth === 0) {
      if (text.startsWith('&&', i)) {
        parts.push(cur);
        cur = '';
        i += 2;
        continue;
      }
      if (c === ';' || c === '|' || c === '&' || c === '\n' || text.startsWith('<<', i) || c === '#') return undefined;
    }
    cur += c;
    i++;
  }
  parts.push(cur);
  const trimmed = parts.map((p) => p.replace(/^(?:\s|\\\r?\n)+/, '').replace(/(?:\s|\\\r?\n|\\)+$/, ''));
  return trimmed.some((p) => !p) ? undefined : trimmed;
}

/** Adds a flag to the install in a single-command piece of shell text, before any redirection. */
function withFlag(piece: string, flag: string): string {
  return `${piece} ${flag}`;
}

export interface CopyAllBeforeInstall {
  stage: number;
  copy: Copy | Add;
  run: RunInfo;
  install: InstallCommand;
  /** The files the fix copies first (context paths) and whether the build context told which exist. */
  files: string[];
  contextKnown: boolean;
  /** Set when the command after the copy is a build that fetches the dependencies itself. */
  build?: FetchingBuild;
  fix?: Fix;
}

/** Every broad context copy that comes before a dependency install in the same stage (one per copy). */
export function findCopyAllBeforeInstall(model: StageModel, context: ContextView, only?: Stage): CopyAllBeforeInstall[] {
  const out: CopyAllBeforeInstall[] = [];
  for (const stage of only ? [only] : model.stages) {
    const wd = stageWorkdirs(model, stage.index);
    const installed = new Set<Ecosystem>();
    const broad: { copy: ContextCopy; before: Set<Ecosystem>; reported: boolean }[] = [];
    for (const instr of stage.instructions) {
      const cc = contextCopy(model, instr, wd.at.get(instr) ?? '/');
      if (cc) {
        broad.push({ copy: cc, before: new Set(installed), reported: false });
        continue;
      }
      if (!(instr instanceof Run)) continue;
      const run = stage.runs.find((r) => r.instruction === instr);
      if (!run) continue;
      let found = false;
      for (const cmd of run.commands) {
        const fetching = projectInstall(cmd) ? undefined : fetchingBuildOf(cmd);
        const inst = projectInstall(cmd) ?? (fetching && { ecosystem: fetching.ecosystem, command: cmd, requiresLock: fetching.ecosystem === 'go' || fetching.ecosystem === 'cargo', readsLock: fetching.ecosystem === 'go' || fetching.ecosystem === 'cargo', explicitPackages: false, system: false });
        if (!inst) continue;
        if (!found) {
          for (const b of broad) {
            if (b.reported || b.before.has(inst.ecosystem)) continue;
            const prefix = broadPrefix(b.copy, inst.ecosystem, context);
            if (prefix === undefined) continue;
            const { files, known } = manifestFiles(inst, prefix, context);
            // a build fetches dependencies only with a manifest (and not from a vendor folder)
            if (fetching && known && (!files.length || (fetching.ecosystem === 'go' && context.has(`${prefix}vendor/`)))) continue;
            b.reported = true;
            found = true;
            const item: CopyAllBeforeInstall = { stage: stage.index, copy: b.copy.instr, run, install: inst, files, contextKnown: known };
            if (fetching) {
              item.build = fetching;
              item.fix = buildFetchFix(model, b.copy, run, fetching, files, known, context, prefix, wd.at.get(run.instruction) ?? '/');
            } else item.fix = buildFix(model, stage, b.copy, run, inst, files, known, wd.at, prefix);
            out.push(item);
            break;
          }
        }
      }
      for (const cmd of run.commands) {
        const inst = projectInstall(cmd) ?? fetchingBuildOf(cmd);
        if (inst) installed.add(inst.ecosystem);
      }
    }
  }
  return out;
}

function pathWords(files: string[], dest: string): string {
  if ([...files, dest].some((f) => /\s/.test(f))) return `[${[...files, dest].map((f) => JSON.stringify(f)).join(', ')}]`;
  return [...files, dest].join(' ');
}

function globCovers(source: string, file: string): boolean {
  const base = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? '';
  return globToRegExp(base(source)).test(base(file));
}

function buildFix(
  model: StageModel, stage: Stage, b: ContextCopy, run: RunInfo, install: InstallCommand,
  files: string[], known: boolean, at: Map<Instruction, string>, prefix: string,
): Fix | undefined {
  if (!files.length) return undefined;
  const instrs = stage.instructions;
  const bi = instrs.indexOf(b.instr);
  const ii = instrs.indexOf(run.instruction);
  if (bi < 0 || ii <= bi) return undefined;
  const between = instrs.slice(bi + 1, ii);
  const bText = instructionText(model, b.instr);
  // What lies between the copy and the install must not need the copied files, nor change what the copy means.
  for (const m of between) {
    const k = m.getKeyword();
    if (m instanceof Env || m instanceof Arg) {
      const names = m.getProperties().map((p) => p.getName());
      if (names.some((n) => new RegExp(`\\$\\{?${escapeRegExp(n)}\\b`).test(bText))) return undefined;
      continue;
    }
    if (['WORKDIR', 'USER', 'LABEL', 'EXPOSE'].includes(k)) continue;
    if (m instanceof Run) {
      const info = stage.runs.find((r) => r.instruction === m);
      if (info && !info.execForm && info.commands.length && info.commands.every(isPrepCommand) && !m.getHeredocs().length) continue;
    }
    return undefined;
  }
  // The install RUN: the part that prepares and installs moves up; the rest (a build) stays after the copy.
  const runText = argumentsText(model, run.instruction);
  const flags = flagsText(run.instruction);
  const runPrefix = `RUN ${flags.length ? flags.join(' ') + ' ' : ''}`;
  let moved: string;
  let rest: string | undefined;
  const addFlag = install.ecosystem === 'poetry' && !hasFlag(install.command, '--no-root', '--only-root') ? '--no-root'
    : install.ecosystem === 'uv' && install.command.words[1] === 'sync' && !hasFlag(install.command, '--no-install-project') ? '--no-install-project'
      : undefined;
  const pieces = run.execForm || run.instruction.getHeredocs().length ? undefined : splitAndAnd(runText);
  if (!pieces) {
    if (!run.commands.every(isPrepCommand) || addFlag || install.ecosystem === 'cargo') {
      if (run.execForm && run.commands.every(isPrepCommand) && !addFlag && install.ecosystem !== 'cargo') moved = instructionText(model, run.instruction);
      else return undefined;
    } else moved = instructionText(model, run.instruction);
  } else {
    const prep = pieces.map((p) => { const cmds = splitShell(p); return cmds.length > 0 && cmds.every(isPrepCommand); });
    let n = 0;
    while (n < pieces.length && prep[n]) n++;
    const installAt = pieces.findIndex((p) => splitShell(p).some((c) => c.offset >= 0 && projectInstall(c)?.ecosystem === install.ecosystem));
    if (installAt < 0 || installAt >= n) return undefined;
    const head = pieces.slice(0, n).map((p, idx) => {
      if (idx !== installAt) return p;
      if (addFlag) return splitShell(p).length === 1 ? withFlag(p, addFlag) : undefined;
      if (install.ecosystem === 'cargo') return `mkdir -p src && touch src/main.rs && ${p} && rm src/main.rs`;
      return p;
    });
    if (head.some((h) => h === undefined)) return undefined;
    moved = runPrefix + head.join(' && ');
    if (addFlag) rest = instructionText(model, run.instruction);
    else if (n < pieces.length) rest = runPrefix + pieces.slice(n).join(' && ');
    else if (install.ecosystem === 'cargo') rest = undefined;
    else moved = instructionText(model, run.instruction);
  }
  // Where the copy lands, seen from the install's working directory.
  const wdB = at.get(b.instr) ?? '/';
  const wdI = at.get(run.instruction) ?? '/';
  const destAbs = joinPath(wdB, b.dest);
  const dest = destAbs === wdI ? './' : `${destAbs.replace(/\/+$/, '')}/`;
  let movedCopy = bText;
  if (wdB !== wdI && !b.dest.startsWith('/')) {
    const args = b.instr.getArguments();
    const last = args[args.length - 1];
    if (!last || isJsonForm(argumentsText(model, b.instr))) return undefined;
    movedCopy = model.lines.getText({ start: b.instr.getRange().start, end: last.getRange().start }) + destAbs
      + model.lines.getText({ start: last.getRange().end, end: b.instr.getRange().end });
  }
  // Files the stage already copies on their own before the install need no new copy.
  const narrow: string[] = [];
  for (const x of instrs.slice(0, ii)) {
    if (x === b.instr) continue;
    const cc = contextCopy(model, x, at.get(x) ?? '/');
    if (cc && !cc.sources.some((s) => ['.', '*'].includes(normalizePath(s)))) narrow.push(...cc.sources);
  }
  const missing = files.filter((f) => !narrow.some((s) => globCovers(s, f)));
  const copyFlags = flagsText(b.instr).filter((f) => /^--(chown|chmod|link)\b/i.test(f));
  const eol = model.lines.eol;
  const indent = indentOf(model, run.instruction);
  const lines: string[] = [];
  if (missing.length) {
    // One COPY per folder, so that `requirements/prod.txt` lands in `requirements/` as the install expects.
    const groups = new Map<string, string[]>();
    for (const f of files) {
      const rel = f.slice(prefix.length);
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
      groups.set(dir, [...(groups.get(dir) ?? []), f]);
    }
    for (const [dir, group] of groups) {
      lines.push(`COPY ${copyFlags.length ? copyFlags.join(' ') + ' ' : ''}${pathWords(group, dir ? (dest === './' ? `./${dir}` : dest + dir) : dest)}`);
    }
  }
  lines.push(moved, movedCopy);
  if (rest) lines.push(rest);
  const edits: TextEdit[] = [
    { range: fullLinesRange(model, b.instr), newText: '' },
    { range: fullLinesRange(model, run.instruction), newText: lines.map((l) => indent + l.replace(/^\s+/, '')).join(eol) + (endsWithBreak(model, run.instruction) ? eol : '') },
  ];
  const shown = files.map((f) => f.split('/').pop()).join(' ');
  const copyShown = bText.split(/\r?\n/)[0].trim();
  const title = missing.length
    ? `Copy ${shown} first and install before '${copyShown}'` + (known ? '' : ' (build context not known: manifest and required lock file assumed)')
    : `Install before '${copyShown}'`;
  return { title, safe: false, edits };
}

/** Other build files of a multi-module project under `prefix` (a dependency-only step would need them all): no fix then. */
function multiModule(context: ContextView, prefix: string, eco: Ecosystem, files: string[]): boolean {
  if (!context.known) return false;
  const names: Partial<Record<Ecosystem, RegExp>> = {
    maven: /(^|\/)pom\.xml$/, gradle: /(^|\/)build\.gradle(\.kts)?$/, cargo: /(^|\/)Cargo\.toml$/, dotnet: /\.(csproj|fsproj|vbproj)$/,
  };
  const re = names[eco];
  if (!re) return false;
  const all = context.list().filter((p) => p.startsWith(prefix) && re.test(p) && !context.ignored(p));
  if (eco === 'dotnet') return all.length !== 1;
  return all.some((p) => !files.includes(p));
}

/**
 * The fix for a build that fetches its own dependencies: copy the manifests (and the build tool's
 * wrapper) before the broad copy and run the ecosystem's dependency-only step there; the copy and the
 * build stay as they are.
 */
function buildFetchFix(
  model: StageModel, b: ContextCopy, run: RunInfo, fetching: FetchingBuild, files: string[], known: boolean, context: ContextView, prefix: string,
  runWorkdir: string,
): Fix | undefined {
  if (!files.length || multiModule(context, prefix, fetching.ecosystem, files)) return undefined;
  if (isJsonForm(argumentsText(model, b.instr)) && /\s/.test(b.dest)) return undefined;
  let step = fetching.step;
  if (fetching.ecosystem === 'dotnet' && !/ \S+\.(csproj|fsproj|vbproj|sln)$/.test(step) && known) step = `dotnet restore ${files[0].slice(prefix.length)}`;
  const wrapper = fetching.wrapper;
  // the build runs a wrapper the build context does not hold: something else is going on
  if (known && wrapper.some((w) => !context.has(prefix + w))) return undefined;
  // The broad copy's destination: the step runs where the manifests land.
  const wd = b.workdir;
  const destAbs = joinPath(wd, b.dest);
  const here = destAbs.replace(/\/+$/, '') === wd.replace(/\/+$/, '') || b.dest === '.' || b.dest === './';
  const dest = here ? './' : `${destAbs.replace(/\/+$/, '')}/`;
  // the build must run where the manifests land (a build in a sub-folder may be another module)
  if (runWorkdir.replace(/\/+$/, '') !== destAbs.replace(/\/+$/, '') || run.commands.some((c) => programName(c) === 'cd')) return undefined;
  const copyFlags = flagsText(b.instr).filter((f) => /^--(chown|chmod|link)\b/i.test(f));
  const cacheFlags = flagsText(run.instruction).filter((f) => /^--mount=.*type=cache/i.test(f));
  const flagText = copyFlags.length ? copyFlags.join(' ') + ' ' : '';
  const lines: string[] = [];
  const groups = new Map<string, string[]>();
  for (const f of [...files, ...wrapper.filter((w) => !w.endsWith('/')).map((w) => prefix + w)]) {
    const rel = f.slice(prefix.length);
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
    groups.set(dir, [...(groups.get(dir) ?? []), f]);
  }
  for (const [dir, group] of groups) lines.push(`COPY ${flagText}${pathWords(group, dir ? (dest === './' ? `./${dir}` : dest + dir) : dest)}`);
  for (const w of wrapper.filter((x) => x.endsWith('/'))) lines.push(`COPY ${flagText}${prefix + w} ${dest === './' ? './' + w : dest + w}`);
  lines.push(`RUN ${cacheFlags.length ? cacheFlags.join(' ') + ' ' : ''}${here ? '' : `cd ${destAbs.replace(/\/+$/, '')} && `}${step}`);
  const indent = indentOf(model, b.instr);
  const eol = model.lines.eol;
  const start = { line: b.instr.getRange().start.line, character: 0 };
  const edits: TextEdit[] = [{ range: { start, end: start }, newText: lines.map((l) => indent + l).join(eol) + eol }];
  const shown = [...files, ...wrapper.map((w) => prefix + w)].map((f) => f.replace(/\/$/, '').split('/').pop() + (f.endsWith('/') ? '/' : '')).join(' ');
  const copyShown = instructionText(model, b.instr).split(/\r?\n/)[0].trim();
  return {
    title: `Copy ${shown} first and run '${step}' before '${copyShown}'` + (known ? '' : ' (build context not known: manifest and required lock file assumed)'),
    safe: false,
    edits,
  };
}
