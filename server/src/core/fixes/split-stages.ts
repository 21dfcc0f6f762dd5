import { escapeRegExp } from '../text';
/**
 * "Split into builder and runner stages": rewrites the final stage of a Dockerfile
 * that builds software into a builder (the original base and build steps, manifests
 * copied first) and a runner on the runtime variant of the base that gets production
 * dependencies and the build outputs only, with WORKDIR, ENV, EXPOSE, USER,
 * CMD/ENTRYPOINT carried over, running as a non-root user.
 *
 * Deterministic and ecosystem-aware: Node (npm, yarn, pnpm), Go, Python (pip with a
 * virtualenv; poetry), Java (Maven, Gradle), .NET, Rust. Where an output path cannot
 * be known, the result says so in a `# TODO(stagecraft): …` comment. Pure.
 */
import { Arg, Cmd, Entrypoint, Env, Instruction, User } from 'dockerfile-ast';
import { BuildContextFacts, ContextView } from '../context';
import type { Fix, TextEdit } from '../types';
import { parse } from '../parse';
import { applyEdits } from '../text';
import { buildModel, RunInfo, Stage, StageModel, substitute } from '../model/stages';
import { imageFacts, runtimeVariant } from '../model/images';
import { isNodeManager } from '../model/installs';
import { ShellCommand, flagValue, hasFlag, programName } from '../model/shell';
import { freshStageName } from './stage-names';
import { buildSteps, BuildStep, isBuildPackage } from './build-steps';
import { findCopyAllBeforeInstall, manifestFiles, projectInstall, workdirs } from './copy-manifests-first';
import {
  argumentWords, argumentsText, flagValueOf, instructionText, joinPath, jsonForm, shellQuote,
} from './instruction-text';

export type SplitKind = 'node' | 'go' | 'pip' | 'poetry' | 'maven' | 'gradle' | 'dotnet' | 'rust';

export interface SplitResult {
  fix: Fix;
  kind: SplitKind;
  /** What the user must check (also written as `# TODO(stagecraft): …` comments in the result). */
  todos: string[];
  /** The whole Dockerfile after the split. */
  text: string;
}

export const SPLIT_TITLE = 'Split into builder and runner stages';
const TODO = '# TODO(stagecraft):';
const VENV = '/opt/venv';

/**
 * The split as a `refactor.rewrite` fix for the final stage of a Dockerfile, or undefined
 * when the stage builds nothing the refactor knows how to separate.
 */
export function splitStagesRefactor(model: StageModel, context: BuildContextFacts | ContextView = {}): Fix | undefined {
  return splitStages(model, context)?.fix;
}

function kindOf(stage: Stage, steps: BuildStep[]): SplitKind | undefined {
  const kinds = new Set(steps.map((s) => s.kind));
  for (const k of ['go', 'rust', 'maven', 'gradle', 'dotnet', 'node'] as const) if (kinds.has(k)) return k;
  const family = imageFacts(stage.image).family;
  if (family === 'python') {
    if (stage.ecosystems.has('poetry')) return 'poetry';
    if (stage.ecosystems.has('pip')) return 'pip';
  }
  return undefined;
}

const FAMILIES: Record<SplitKind, string[]> = {
  node: ['node'], go: ['golang'], pip: ['python'], poetry: ['python'], maven: ['maven', 'openjdk', 'eclipse-temurin', 'amazoncorretto'],
  gradle: ['gradle', 'openjdk', 'eclipse-temurin', 'amazoncorretto'], dotnet: ['dotnet-sdk'], rust: ['rust'],
};

/** The runner's base, from the builder's base as written (keeping a `${VERSION}` in the tag where the variant only appends `-slim`). */
function runnerBase(stage: Stage, kind: SplitKind): string | undefined {
  const ref = stage.image;
  if (!ref) return undefined;
  const family = imageFacts(ref).family;
  if (!FAMILIES[kind].includes(family)) return undefined;
  const alpine = /alpine/.test(ref.tag ?? '');
  if (alpine && (kind === 'node' || kind === 'pip' || kind === 'poetry')) return stage.baseText;
  if (alpine && kind === 'rust') return 'alpine:3.20';
  const variant = runtimeVariant(ref);
  if (!variant) return undefined;
  if (stage.baseText.includes('$') && variant === `${stage.baseResolved.replace(/@.*$/, '')}-slim`) return `${stage.baseText.replace(/@.*$/, '')}-slim`;
  return variant;
}

function wordsOf(model: StageModel, instr: Instruction | undefined): { words: string[]; json: boolean; simple: boolean } | undefined {
  return instr ? argumentWords(model, instr) : undefined;
}

function lastOf<T>(items: Instruction[], ctor: new (...a: never[]) => T): T | undefined {
  let found: T | undefined;
  for (const i of items) if (i instanceof ctor) found = i as T;
  return found;
}

/** The path a program argument names, resolved against the working directory; undefined for options, URLs and bare names. */
function pathArg(word: string, wd: string): string | undefined {
  if (!word || word.startsWith('-') || /^[a-z]+:\/\//i.test(word) || word.includes('$')) return undefined;
  if (!word.includes('/')) return undefined;
  return joinPath(wd, word);
}

function under(path: string, dir: string): string | undefined {
  const d = dir === '/' ? '/' : `${dir}/`;
  return path.startsWith(d) ? path.slice(d.length) : undefined;
}

/** `./dist` for a path inside the working directory, else the absolute path. */
function destFor(abs: string, wd: string): string {
  const rel = under(abs, wd);
  return rel ? `./${rel}` : abs;
}

/** The production form of a Node install command. */
function productionInstall(cmd: ShellCommand): string {
  const prog = programName(cmd);
  const words = cmd.words.filter((w) => !/^--(include=dev|production=false|also=dev|dev)$/.test(w));
  const out = words.map(shellQuote);
  if (prog === 'npm' || words[1] === 'npm') {
    if (!out.some((w) => w === '--omit=dev')) out.push('--omit=dev');
  } else if (prog === 'yarn' || words[1] === 'yarn') {
    if (out.includes('--immutable')) return 'yarn workspaces focus --all --production';
    if (!out.includes('--production')) out.push('--production');
  } else if (prog === 'pnpm' || words[1] === 'pnpm') {
    if (!out.includes('--prod')) out.push('--prod');
  } else if (prog === 'bun' && !out.includes('--production')) out.push('--production');
  return out.join(' ');
}

/** A RUN that only sets up a package manager (`corepack enable`, `npm install -g pnpm`). */
function isManagerSetup(run: RunInfo): boolean {
  return run.commands.length > 0 && run.commands.every((c) => {
    const p = programName(c);
    if (p === 'corepack') return true;
    if (p === 'npm' && ['install', 'i'].includes(c.words[1] ?? '') && hasFlag(c, '-g', '--global')) {
      return c.words.slice(2).filter((w) => !w.startsWith('-')).every((w) => /^(pnpm|yarn|bun)(@.*)?$/.test(w));
    }
    return false;
  });
}

/** A RUN that only creates users and groups. */
function isUserSetup(run: RunInfo): boolean {
  return run.commands.length > 0 && run.commands.every((c) => ['useradd', 'adduser', 'groupadd', 'addgroup'].includes(programName(c)));
}

/** Users the runner base is known to have. */
function knownUsers(base: string): string[] {
  if (/distroless/.test(base)) return ['nonroot', '65532'];
  if (/^(docker\.io\/)?(library\/)?node[:@]/.test(base) || /^node$/.test(base)) return ['node', '1000'];
  const dotnet = /dotnet\/(aspnet|runtime)(?::(\d+))?/.exec(base);
  if (dotnet && Number(dotnet[2] ?? '8') >= 8) return ['app'];
  return [];
}

/** `$VIRTUAL_ENV`-style words resolved with the values the stage (or a global ARG) declares; unknown names stay as written. */
function resolveStageVars(m: StageModel, stage: Stage, word: string): string {
  if (!word.includes('$')) return word;
  const value = (name: string) => {
    const d = [...m.decls].reverse().find((x) => x.name === name && (x.stage === stage.index || x.stage === -1) && x.value !== undefined);
    return d?.value;
  };
  const out = substitute(word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (all, name: string) => (value(name) !== undefined ? all : `\u0000${name}\u0000`)), value);
  return out.replace(/\u0000([A-Za-z_][A-Za-z0-9_]*)\u0000/g, '$$$1');
}

/** A RUN that only lays out the file system (`mkdir`, `touch`, `chown`, `chmod`, `ln`): the program may need that at run time. */
function isFileSetup(run: RunInfo): boolean {
  return run.commands.length > 0 && run.commands.every((c) => ['mkdir', 'touch', 'chown', 'chmod', 'ln'].includes(programName(c)));
}

/** Instructions that only describe the image to run: the runner has them, the builder needs none. */
const RUNTIME_ONLY = new Set(['EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'LABEL', 'MAINTAINER', 'VOLUME']);
/** Instructions that change nothing when no RUN follows them. */
const SETTINGS = new Set(['ENV', 'ARG', 'WORKDIR', 'SHELL', 'ONBUILD']);

/**
 * What the builder does not need: runtime-only instructions, the user the runner runs as (`USER`,
 * and the `RUN useradd …` unless a kept `--chown` names the user), and settings and copies after its
 * last RUN: nothing in the builder uses them, the runner makes those copies.
 */
function builderRemovals(stage: Stage): Set<Instruction> {
  const out = new Set<Instruction>();
  const instrs = stage.instructions;
  for (const i of instrs) if (RUNTIME_ONLY.has(i.getKeyword()) || i instanceof User) out.add(i);
  const chowns = instrs.filter((i) => !out.has(i)).map((i) => flagValueOf(i, 'chown')).filter((x): x is string => !!x);
  for (const r of stage.runs) {
    if (!isUserSetup(r)) continue;
    const created = r.commands.map((c) => positionalsOf(c).pop()).filter((x): x is string => !!x);
    if (!chowns.some((c) => created.some((u) => c.split(':').includes(u)))) out.add(r.instruction);
  }
  let last = -1;
  instrs.forEach((i, k) => {
    if (i.getKeyword() === 'RUN' && !out.has(i)) last = k;
  });
  for (let k = last + 1; k < instrs.length; k++) {
    const i = instrs[k];
    const kw = i.getKeyword();
    if (SETTINGS.has(kw)) out.add(i);
    else if (kw === 'COPY' || kw === 'ADD') out.add(i);
  }
  return out;
}

function positionalsOf(c: ShellCommand): string[] {
  return c.words.slice(1).filter((w) => !w.startsWith('-'));
}

/** The edit that deletes an instruction's lines, with the comment lines right above it. */
function removalEdit(m: StageModel, i: Instruction, floor: number): TextEdit {
  const r = i.getRange();
  let start = r.start.line;
  while (start - 1 > floor && /^\s*#/.test(m.lines.lineText(start - 1))) start--;
  const endLine = r.end.line + 1;
  const end = endLine < m.lines.lineCount ? { line: endLine, character: 0 } : m.lines.positionAt(m.text.length);
  return { range: { start: { line: start, character: 0 }, end }, newText: '' };
}

/** A cache mount of apt's lists or archives makes `rm -rf /var/lib/apt/lists/*` in the same RUN defeat it. */
function aptCacheMounted(run: RunInfo): boolean {
  return run.mounts.some((x) => x.type === 'cache' && /^\/var\/(lib|cache)\/apt(\/|$)/.test(x.options.target ?? x.options.dst ?? x.options.destination ?? ''));
}
const APT_LISTS_CLEANUP = /[ \t]*(\\\r?\n[ \t]*)?(&&|;)[ \t]*rm[ \t]+-(rf|fr|r|Rf|fR)[ \t]+\/var\/lib\/apt\/lists(\/\*?)?(?=[ \t]*($|\r?\n|&&|;|\\))/g;

interface SystemPackages {
  manager: 'apt' | 'apk';
  /** Runtime packages as written (versions kept), in order. */
  runtime: string[];
  /** Header packages (`-dev`, `-devel`) the build installed: their libraries may be needed at run time. */
  headers: string[];
  /** Cache mounts of the package manager, as written. */
  mounts: string[];
}

/** The OS packages the stage installs and keeps, split into what runs and what only builds. */
function systemPackages(stage: Stage): SystemPackages[] {
  const found = new Map<'apt' | 'apk', SystemPackages>();
  // packages (or apk virtual groups) removed again anywhere in the stage are not in the image
  const removed = new Set<string>();
  for (const run of stage.runs) {
    for (const c of run.commands) {
      const p = programName(c);
      const sub = c.words[1] ?? '';
      if (((p === 'apt-get' || p === 'apt') && (sub === 'purge' || sub === 'remove')) || (p === 'apk' && sub === 'del')) {
        for (const w of positionalsOf(c).slice(1)) removed.add(w);
      }
    }
  }
  for (const run of stage.runs) {
    for (const c of run.commands) {
      const p = programName(c);
      const sub = c.words[1] ?? '';
      const manager = (p === 'apt-get' || p === 'apt') && sub === 'install' ? 'apt' : p === 'apk' && sub === 'add' ? 'apk' : undefined;
      if (!manager) continue;
      const virtual = manager === 'apk' ? flagValue(c, '--virtual') ?? flagValue(c, '-t') : undefined;
      if (virtual && removed.has(virtual)) continue;
      const words = c.words.slice(2);
      const pkgs: string[] = [];
      for (let k = 0; k < words.length; k++) {
        const w = words[k];
        if (w.startsWith('-')) {
          if (/^(-o|-t|--virtual|--repository|-X|--target-release)$/.test(w)) k++;
          continue;
        }
        if (w === virtual || w.includes('$')) continue;
        pkgs.push(w);
      }
      const entry = found.get(manager) ?? { manager, runtime: [], headers: [], mounts: [] };
      for (const pkg of pkgs) {
        const name = pkg.replace(/[=<>~].*$/, '');
        if (removed.has(name)) continue;
        if (/-(dev|devel)$/.test(name)) { if (!entry.headers.includes(name)) entry.headers.push(name); }
        else if (!isBuildPackage(name) && !entry.runtime.includes(pkg)) entry.runtime.push(pkg);
      }
      for (const x of run.mounts) {
        const target = x.options.target ?? x.options.dst ?? x.options.destination ?? '';
        const own = manager === 'apt' ? /^\/var\/(lib|cache)\/apt(\/|$)/ : /^\/(var\/cache\/apk|etc\/apk\/cache)(\/|$)/;
        const flag = x.flag.toString();
        if (x.type === 'cache' && own.test(target) && !entry.mounts.includes(flag)) entry.mounts.push(flag);
      }
      found.set(manager, entry);
    }
  }
  return [...found.values()];
}

export function splitStages(model: StageModel, contextIn: BuildContextFacts | ContextView = {}): SplitResult | undefined {
  const context = contextIn instanceof ContextView ? contextIn : new ContextView(contextIn);
  const original = model.stages[model.stages.length - 1];
  if (!original || !original.image || original.parent !== undefined || !model.shipped.has(original.index)) return undefined;
  if (original.image.hasVariables && !original.baseResolved) return undefined;

  // 1. Manifests first in the stage that becomes the builder.
  let m = model;
  for (let pass = 0; pass < 8; pass++) {
    const last = m.stages.length - 1;
    const found = findCopyAllBeforeInstall(m, context).find((x) => x.stage === last && x.fix);
    if (!found) break;
    const next = applyEdits(m.text, found.fix!.edits).text;
    const parsed = parse(next);
    if (!parsed) return undefined;
    m = buildModel(parsed, next, { buildArgs: model.buildArgs });
  }
  const stage = m.stages[m.stages.length - 1];
  const steps = buildSteps(stage);
  const kind = kindOf(stage, steps);
  if (!kind) return undefined;
  const base = runnerBase(stage, kind);
  if (!base) return undefined;

  const eol = model.lines.eol;
  const wds = workdirs(m);
  const wd = wds.final[stage.index];
  const wdAt = (i: Instruction) => wds.at.get(i) ?? wd;
  /** A COPY/ADD as the runner writes it: a relative destination made absolute where the runner's WORKDIR differs. */
  const carriedCopy = (c: Instruction): string => {
    const w = argumentWords(m, c);
    const dest = w.words[w.words.length - 1];
    const cwd = wdAt(c);
    if (cwd !== wd && !dest.startsWith('/') && !w.json) {
      const args = c.getArguments();
      const lastArg = args[args.length - 1];
      return m.lines.getText({ start: c.getRange().start, end: lastArg.getRange().start }) + joinPath(cwd, dest) + (dest.endsWith('/') ? '/' : '');
    }
    return instructionText(m, c);
  };
  const instrs = stage.instructions;
  const builderName = freshStageName(m, 'builder');
  const todos: string[] = [];
  const todo = (lines: string[], text: string) => {
    todos.push(text);
    lines.push(`${TODO} ${text}`);
  };

  // 2. The builder: the original stage, named, with what the split needs set up after FROM.
  const builderEdits: TextEdit[] = [];
  if (stage.nameRange) builderEdits.push({ range: stage.nameRange, newText: builderName });
  else if (stage.baseRange) {
    const fromFlagsEnd = stage.baseRange.end;
    builderEdits.push({ range: { start: fromFlagsEnd, end: fromFlagsEnd }, newText: ` AS ${builderName}` });
  }
  const afterFrom: string[] = [];
  const runs = stage.runs;
  const envNames = new Set(m.decls.filter((d) => d.stage === stage.index).map((d) => d.name));
  let venv: string | undefined;
  if (kind === 'go') {
    const cgoSet = envNames.has('CGO_ENABLED') || steps.some((s) => s.kind === 'go' && 'CGO_ENABLED' in s.command.env);
    if (!cgoSet) afterFrom.push('ENV CGO_ENABLED=0');
  } else if (kind === 'pip') {
    for (const r of runs) {
      for (const c of r.commands) {
        const p = programName(c);
        let dir: string | undefined;
        if (/^python[0-9.]*$/.test(p) && c.words[1] === '-m' && (c.words[2] === 'venv' || c.words[2] === 'virtualenv')) dir = c.words.slice(3).find((w) => !w.startsWith('-'));
        else if (p === 'virtualenv') dir = c.words.slice(1).find((w) => !w.startsWith('-'));
        if (dir && !venv) venv = joinPath(wdAt(r.instruction), resolveStageVars(m, stage, dir));
      }
    }
    if (venv?.includes('$')) return undefined; // a virtualenv path the split cannot resolve: no guessing
    if (!venv) {
      venv = VENV;
      afterFrom.push(`RUN python -m venv ${VENV}`, `ENV PATH="${VENV}/bin:$PATH"`);
    }
  } else if (kind === 'poetry') {
    afterFrom.push('ENV POETRY_VIRTUALENVS_IN_PROJECT=true');
    for (const r of runs) {
      const poetryInstall = r.commands.find((c) => projectInstall(c)?.ecosystem === 'poetry');
      if (!poetryInstall) continue;
      if (!venv) venv = joinPath(wdAt(r.instruction), '.venv');
      const inst = projectInstall(poetryInstall)!;
      if (inst.production) continue;
      const text = argumentsText(m, r.instruction);
      const at = text.indexOf('poetry install');
      if (at < 0) continue;
      const start = m.lines.offsetAt(r.instruction.getArguments()[0].getRange().start) + at + 'poetry install'.length;
      const pos = m.lines.positionAt(start);
      builderEdits.push({ range: { start: pos, end: pos }, newText: ' --only main' });
    }
  }
  const removedFromBuilder = [...builderRemovals(stage)];
  for (const i of removedFromBuilder) builderEdits.push(removalEdit(m, i, stage.fromRange.end.line));
  for (const r of runs) {
    if (!aptCacheMounted(r)) continue;
    const start = m.lines.offsetAt(r.instruction.getRange().start);
    const text = m.lines.getText(r.instruction.getRange());
    for (const x of text.matchAll(APT_LISTS_CLEANUP)) {
      builderEdits.push({ range: { start: m.lines.positionAt(start + x.index!), end: m.lines.positionAt(start + x.index! + x[0].length) }, newText: '' });
    }
  }
  if (afterFrom.length) {
    const line = stage.fromRange.end.line + 1;
    builderEdits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: afterFrom.map((l) => l + eol).join('') });
  }

  // 3. The runner.
  const runner: string[] = [];
  const platform = flagValueOf(stage.from, 'platform');
  runner.push(`FROM ${platform !== undefined ? `--platform=${platform} ` : ''}${base}${stage.name ? ` AS ${stage.name}` : ''}`);
  const carriedText: string[] = [];
  const envs = instrs.filter((i) => i instanceof Env).map((i) => instructionText(m, i));
  const labels = instrs.filter((i) => i.getKeyword() === 'LABEL').map((i) => instructionText(m, i));
  const tail = instrs.filter((i) => ['EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK'].includes(i.getKeyword())).map((i) => instructionText(m, i));
  const cmd = lastOf(instrs, Cmd);
  const entry = lastOf(instrs, Entrypoint);
  const distroless = /distroless/.test(base);

  // CMD / ENTRYPOINT, adapted: exec form on a base without a shell; `poetry run x` → `x`.
  const startLines: string[] = [];
  const programWords: string[] = [];
  const allStartWords: string[] = [];
  for (const instr of [entry, cmd]) {
    if (!instr) continue;
    const kw = instr.getKeyword();
    let w = wordsOf(m, instr)!;
    let text = instructionText(m, instr);
    if (kind === 'poetry' && w.words[0] === 'poetry' && w.words[1] === 'run') {
      const words = w.words.slice(2);
      w = { ...w, words };
      text = `${kw} ${w.json ? jsonForm(words) : words.map(shellQuote).join(' ')}`;
    }
    if (distroless && !w.json) {
      if (w.simple) text = `${kw} ${jsonForm(w.words)}`;
      else todo(startLines, `${kw} uses the shell form, and ${base} has no shell: rewrite it in the JSON (exec) form.`);
    }
    startLines.push(text);
    if (!programWords.length || instr === entry) programWords.push(...w.words);
    allStartWords.push(...w.words);
  }
  carriedText.push(...envs, ...labels, ...tail, ...startLines);
  // ARGs the carried instructions use.
  const args = instrs.filter((i) => i instanceof Arg).filter((i) =>
    (i as Arg).getProperties().some((p) => carriedText.some((t) => new RegExp(`\\$\\{?${escapeRegExp(p.getName())}\\b`).test(t)) || wd.includes(`$${p.getName()}`) || wd.includes(`\${${p.getName()}`)));
  runner.push(...args.map((i) => instructionText(m, i)), ...envs, ...labels);
  // The OS packages the program runs with (what only builds stays in the builder).
  for (const sp of systemPackages(stage)) {
    if (sp.headers.length) {
      todo(runner, `the build installed ${sp.headers.join(', ')}: if what it built loads ${sp.headers.length > 1 ? 'their libraries' : 'its library'} at run time, install the runtime package here (the library without -dev, e.g. libpq5 for libpq-dev).`);
    }
    if (!sp.runtime.length) continue;
    const pkgs = sp.runtime.map(shellQuote).join(' ');
    const mounts = sp.mounts.length ? sp.mounts.join(' ') + ' ' : '';
    if (distroless) todo(runner, `the original installs ${pkgs}, and ${base} has no package manager: copy what the program needs from the builder, or use another runtime base.`);
    else if (sp.manager === 'apk' && !/alpine/.test(base)) todo(runner, `the original installs ${pkgs} with apk, and ${base} is not Alpine: install the Debian packages the program needs.`);
    else if (sp.manager === 'apk') runner.push(`RUN ${mounts}apk add ${mounts ? '' : '--no-cache '}${pkgs}`);
    else if (/alpine/.test(base)) todo(runner, `the original installs ${pkgs} with apt-get, and ${base} is Alpine: install the Alpine packages the program needs.`);
    else runner.push(`RUN ${mounts}apt-get update && apt-get install -y --no-install-recommends ${pkgs}${mounts ? '' : ' && rm -rf /var/lib/apt/lists/*'}`);
  }
  const hasWorkdir = instrs.some((i) => i.getKeyword() === 'WORKDIR');
  if (hasWorkdir || wd !== '/') runner.push(`WORKDIR ${wd}`);

  // The user: the original non-root one where the runner can have it, else the base's own or a new system user.
  const userInstr = lastOf(instrs, User);
  const userName = userInstr ? (wordsOf(m, userInstr)?.words[0] ?? '') : '';
  const userOnly = userName.split(':')[0];
  const rootUser = !userOnly || userOnly === 'root' || userOnly === '0';
  let userLine: string;
  const known = knownUsers(base);
  if (distroless) userLine = 'USER nonroot';
  else if (!rootUser && (known.includes(userOnly) || /^\d+$/.test(userOnly))) userLine = instructionText(m, userInstr!);
  else if (!rootUser && runs.some((r) => isUserSetup(r) && r.text.includes(userOnly))) {
    for (const r of runs) if (isUserSetup(r)) runner.push(instructionText(m, r.instruction));
    userLine = instructionText(m, userInstr!);
  } else if (known.length) userLine = `USER ${known[0]}`;
  else {
    const alpine = /alpine/.test(base);
    runner.push(alpine ? 'RUN addgroup -S app && adduser -S -G app -H app' : 'RUN useradd --system --user-group --no-create-home app');
    userLine = 'USER app';
  }

  // Folders, files and permissions the original lays out: where they go among the runner's copies
  // cannot be known (a `chmod` needs its file, a `mkdir` without -p fails on a WORKDIR), so it says so.
  const fileSetup = runs.filter(isFileSetup);
  if (fileSetup.length) {
    const what = [...new Set(fileSetup.flatMap((r) => r.commands.map(programName)))].join(', ');
    todo(runner, `the original lays out files with RUN (${what}) that the runner does not repeat: add what the program needs${distroless ? ` (${base} has no shell: make them in the builder and copy them)` : ''}.`);
  }

  // What the runner gets from the builder.
  const body: string[] = [];
  const copyOut = (from: string, to: string) => body.push(`COPY --from=${builderName} ${from} ${to}`);
  const programPath = (words = programWords): string | undefined => {
    for (const w of words) {
      const p = pathArg(w, wd);
      if (p) return p;
    }
    return undefined;
  };
  const lastStep = (k: SplitKind) => [...steps].reverse().find((s) => s.kind === k);

  if (kind === 'node') {
    const installRun = runs.find((r) => r.commands.some((c) => { const i = projectInstall(c); return i && isNodeManager(i.ecosystem); }));
    const installCmd = installRun?.commands.find((c) => { const i = projectInstall(c); return i && isNodeManager(i.ecosystem); });
    for (const r of runs) {
      if (installRun && r === installRun) break;
      if (isManagerSetup(r)) body.push(instructionText(m, r.instruction));
    }
    if (installRun && installCmd) {
      const inst = projectInstall(installCmd)!;
      const iwd = wdAt(installRun.instruction);
      // The manifests as the builder copies them (after "copy manifests first" there is such a copy).
      const idx = instrs.indexOf(installRun.instruction);
      let manifestCopy: string | undefined;
      for (let k = idx - 1; k >= 0; k--) {
        const c = instrs[k];
        if (c.getKeyword() !== 'COPY' || flagValueOf(c, 'from') !== undefined) continue;
        const w = argumentWords(m, c).words;
        const sources = w.slice(0, -1);
        if (sources.length && sources.every((s) => /(^|\/)(package[^/]*\.json|npm-shrinkwrap\.json|yarn\.lock|\.yarnrc\.yml|pnpm-lock\.yaml|pnpm-workspace\.yaml|bun\.lockb?|\.npmrc)$/.test(s))) {
          const dest = joinPath(wdAt(c), w[w.length - 1]);
          manifestCopy = `COPY ${sources.join(' ')} ${dest === iwd ? './' : dest + '/'}`;
          break;
        }
      }
      if (!manifestCopy) {
        const { files, known: ctxKnown } = manifestFiles(inst, '', context);
        if (!ctxKnown) todo(body, `the build context is not known: check that these are the manifest and lock files to copy.`);
        manifestCopy = `COPY ${files.join(' ')} ./`;
      }
      if (iwd !== wd) body.push(`WORKDIR ${iwd}`);
      body.push(manifestCopy);
      const mounts = installRun.mounts.filter((x) => x.type === 'cache').map((x) => x.flag.toString());
      body.push(`RUN ${mounts.length ? mounts.join(' ') + ' ' : ''}${productionInstall(installCmd)}`);
      if (iwd !== wd) body.push(`WORKDIR ${wd}`);
    }
    // the script node runs: ENTRYPOINT and CMD words, not an init or a tool of the OS (`/sbin/tini`)
    const prog = programPath(allStartWords.filter((w) => !/^\/(s?bin|usr|lib|etc|opt\/[^/]+\/bin)\//.test(w)));
    let out: string | undefined;
    if (prog) {
      const rel = under(prog, wd);
      if (rel === undefined) out = prog.replace(/\/[^/]*$/, '') || undefined;
      else if (rel.includes('/')) out = `${wd === '/' ? '' : wd}/${rel.split('/')[0]}`;
    }
    if (!out || out === wd) {
      out = joinPath(wd, 'dist');
      todo(body, `the build's output folder is not known: 'dist' is assumed; copy what \`${lastStep('node')?.label}\` writes.`);
    }
    copyOut(out, destFor(out, wd));
  } else if (kind === 'go') {
    let bin: string | undefined;
    const step = [...steps].reverse().find((s) => s.kind === 'go' && s.command.words[1] === 'build' && flagValue(s.command, '-o'));
    if (step) {
      const o = flagValue(step.command, '-o')!;
      if (!o.endsWith('/') && !o.includes('$')) bin = joinPath(wdAt(step.run.instruction), o);
    }
    if (!bin) {
      const p = programPath();
      const first = programWords[0];
      if (p) bin = p;
      else if (first && !first.includes('/') && steps.some((s) => s.kind === 'go' && s.command.words[1] === 'install')) bin = `/go/bin/${first}`;
    }
    if (!bin) {
      bin = joinPath(wd, 'app');
      todo(body, `the binary's path is not known: add \`-o ${bin}\` to \`go build\` or copy the binary it writes.`);
    }
    copyOut(bin, destFor(bin, wd));
  } else if (kind === 'pip' || kind === 'poetry') {
    if (!venv) return undefined;
    copyOut(venv, venv);
    const onPath = new RegExp(`\\bPATH=["']?${escapeRegExp(venv)}/bin(:|["'\\s]|$)`);
    if (!envs.some((t) => onPath.test(resolveStageVars(m, stage, t)))) body.push(`ENV PATH="${venv}/bin:$PATH"`);
    // The program: the context files the original stage copies, except manifests.
    for (const c of instrs) {
      if ((c.getKeyword() !== 'COPY' && c.getKeyword() !== 'ADD') || flagValueOf(c, 'from') !== undefined) continue;
      const w = argumentWords(m, c);
      const sources = w.words.slice(0, -1);
      if (sources.length && sources.every((s) => /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|poetry\.lock|setup\.cfg|constraints[^/]*\.txt)$/.test(s))) continue;
      body.push(carriedCopy(c));
    }
  } else if (kind === 'maven' || kind === 'gradle') {
    const jar = programWords.map((w) => (w.endsWith('.jar') ? pathArg(w.includes('/') ? w : `./${w}`, wd) : undefined)).find(Boolean);
    if (jar && !jar.includes('*')) copyOut(jar, destFor(jar, wd));
    else {
      const step = lastStep(kind);
      const swd = step ? wdAt(step.run.instruction) : wd;
      const dir = joinPath(swd, kind === 'maven' ? 'target' : 'build/libs');
      todo(body, `the jar's name is not known: copy the one jar \`${step?.label}\` writes to ${dir}/ and run it with \`java -jar\`.`);
      copyOut(`${dir}/*.jar`, `${destFor(dir, wd)}/`);
    }
  } else if (kind === 'dotnet') {
    const step = [...steps].reverse().find((s) => s.kind === 'dotnet' && s.command.words[1] === 'publish');
    const o = step ? flagValue(step.command, '-o') ?? flagValue(step.command, '--output') : undefined;
    let dir: string;
    if (step && o && !o.includes('$')) dir = joinPath(wdAt(step.run.instruction), o);
    else {
      dir = joinPath(wd, 'publish');
      todo(body, `the publish folder is not known: add \`-o ${dir}\` to \`dotnet publish\`.`);
    }
    copyOut(dir, destFor(dir, wd));
  } else if (kind === 'rust') {
    let bin: string | undefined;
    const p = programPath();
    const first = programWords[0];
    if (p) bin = p;
    else if (first && !first.includes('/') && steps.some((s) => s.kind === 'rust' && s.command.words[1] === 'install')) {
      copyOut(`/usr/local/cargo/bin/${first}`, `/usr/local/bin/${first}`);
    } else {
      const step = lastStep('rust');
      const swd = step ? wdAt(step.run.instruction) : wd;
      const name = step ? flagValue(step.command, '--bin') : undefined;
      const profile = step && hasFlag(step.command, '--release', '-r') ? 'release' : 'debug';
      if (name) bin = joinPath(swd, `target/${profile}/${name}`);
      else {
        bin = joinPath(swd, `target/${profile}/app`);
        todo(body, `the binary's name is not known: 'app' is assumed; use the name of the package's binary.`);
      }
    }
    if (bin) copyOut(bin, destFor(bin, wd));
  }

  // Files the original copies after its last build step are for running, not building: the runner gets them.
  // (Python's program copies from the context are carried above, with the others.)
  const python = kind === 'pip' || kind === 'poetry';
  for (const c of removedFromBuilder) {
    if (c.getKeyword() !== 'COPY' && c.getKeyword() !== 'ADD') continue;
    if (!python || flagValueOf(c, 'from') !== undefined) body.push(carriedCopy(c));
  }
  runner.push(...body, ...tail, userLine, ...startLines);

  // 4. One edit: the final stage becomes builder + runner.
  const builderText = applyEdits(m.text, builderEdits).text.replace(/\s+$/, '');
  const text = `${builderText}${eol}${eol}${runner.join(eol)}${eol}`;
  const from = model.lines.offsetAt(original.fromRange.start);
  const edit: TextEdit = {
    range: { start: original.fromRange.start, end: model.lines.positionAt(model.text.length) },
    newText: text.slice(from),
  };
  return { fix: { title: SPLIT_TITLE, safe: false, edits: [edit] }, kind, todos, text };
}
