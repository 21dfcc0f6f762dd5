import {
  Arg, Copy, Add, Dockerfile, Env, Flag, From, Instruction, Run,
} from 'dockerfile-ast';
import type { Range } from '../types';
import { LineIndex } from '../text';
import { ImageRef, parseImageRef } from './image-ref';
import { ShellCommand, splitShell } from './shell';
import { Ecosystem, commandEcosystem } from './ecosystems';
import { instructionVariables } from '../parse';

/** Docker's stage-name grammar (names are compared lowercased). */
export const STAGE_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;

export type RefKind = 'from' | 'copy' | 'mount';

/**
 * How a reference to a stage resolves, as Docker would treat it:
 * - `stage`: an earlier stage by name; `index`: an earlier stage by number;
 * - `forward`: a stage defined later; `self`: the stage it stands in;
 * - `image`: no stage has that name, Docker pulls an image; `variable`: contains `$`;
 * - `bad-index`: a number that names no stage.
 */
export type RefResolution = 'stage' | 'index' | 'forward' | 'self' | 'image' | 'variable' | 'bad-index';

export interface StageRef {
  kind: RefKind;
  /** The reference as written. */
  value: string;
  /** Range of the value only. */
  range: Range;
  /** Index of the stage the reference stands in. */
  user: number;
  instruction: Instruction;
  resolution: RefResolution;
  /** Resolved stage index for stage, index, forward and self. */
  target?: number;
}

export interface Edge {
  /** Stage providing the files or the base. */
  from: number;
  /** Stage using them. */
  to: number;
  kind: RefKind;
  ref: StageRef;
}

export interface MountSpec {
  type: string;
  options: Record<string, string>;
  flag: Flag;
}

export interface RunInfo {
  instruction: Run;
  /** The command text: flags removed, continuations joined, heredoc bodies included. */
  text: string;
  commands: ShellCommand[];
  mounts: MountSpec[];
  /** JSON (exec) form. */
  execForm: boolean;
}

export interface VarDecl {
  name: string;
  kind: 'arg' | 'env';
  /** Default / value as written, undefined when none. */
  value?: string;
  nameRange: Range;
  instruction: Instruction;
  /** -1 for a global ARG (before the first FROM). */
  stage: number;
}

export interface VarUse {
  name: string;
  range: Range;
  stage: number;
  instruction: Instruction;
}

export interface Stage {
  index: number;
  /** Name as written after AS. */
  name?: string;
  /** Lowercased name, the key Docker matches on. */
  key?: string;
  nameRange?: Range;
  from: From;
  fromRange: Range;
  /** From the FROM line to the end of the stage's last instruction. */
  range: Range;
  /** The base as written. */
  baseText: string;
  baseRange?: Range;
  /** The base with global ARGs substituted (defaults or build args). */
  baseResolved: string;
  /** Set when the base is an image (not a stage, not `scratch`). */
  image?: ImageRef;
  scratch: boolean;
  /** Parent stage when the base is an earlier stage. */
  parent?: number;
  platform?: { value: string; range: Range };
  /** Instructions after FROM, in order. */
  instructions: Instruction[];
  runs: RunInfo[];
  ecosystems: Set<Ecosystem>;
}

export interface ModelOptions {
  /** Target stage names or indexes; empty means the last stage. */
  targets?: string[];
  buildArgs?: Record<string, string>;
  /**
   * Keep what is read from each instruction on the instruction (for an incremental analysis, which
   * reuses instructions). One-shot callers leave it off: kept facts would only take memory.
   */
  keepFacts?: boolean;
}

export interface StageModel {
  dockerfile: Dockerfile;
  text: string;
  lines: LineIndex;
  stages: Stage[];
  refs: StageRef[];
  edges: Edge[];
  globalArgs: VarDecl[];
  decls: VarDecl[];
  uses: VarUse[];
  buildArgs: Record<string, string>;
  /** Stage indexes that are build targets. */
  targets: number[];
  /** Whether the targets were configured (false: the default, the last stage). */
  explicitTargets: boolean;
  /** Stages some target needs. */
  needed: Set<number>;
  /** The final stage of each target. */
  shipped: Set<number>;
  /** Stages whose filesystem is part of a shipped image: shipped stages and their FROM ancestors. */
  inImage: Set<number>;
  stageByName(name: string): Stage | undefined;
  stageAtLine(line: number): Stage | undefined;
}

function rangeOf(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** Substitutes `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}` with values from `vars`; unknown names become ''. */
export function substitute(text: string, vars: (name: string) => string | undefined): string {
  if (!text.includes('$')) return text;
  let depth = 0;
  const sub = (s: string): string =>
    s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, n1, op, word, n2) => {
      const name = n1 ?? n2;
      const v = vars(name);
      if (!op) return v ?? '';
      if (depth++ > 20) return '';
      const alt = sub(word ?? '');
      if (op === ':-') return v ? v : alt;
      if (op === '-') return v !== undefined ? v : alt;
      if (op === ':+') return v ? alt : '';
      if (op === '+') return v !== undefined ? alt : '';
      return v ?? '';
    });
  return sub(text);
}

function unquote(v: string): string {
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}

/**
 * The names an ARG or ENV declares. ARG takes one `NAME[=default]` word per name
 * (`ARG A B=2` declares two); ENV's key=value pairs and legacy `ENV key value`
 * form come from the parser's properties.
 */
function declarations(instr: Arg | Env, stage: number): VarDecl[] {
  if (instr instanceof Env) {
    return instr.getProperties().map((p) => ({
      name: p.getName(), kind: 'env' as const, value: p.getValue() ?? undefined, nameRange: rangeOf(p.getNameRange()), instruction: instr, stage,
    }));
  }
  const out: VarDecl[] = [];
  for (const a of instr.getArguments()) {
    const word = a.getValue();
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!name) continue;
    const r = a.getRange();
    out.push({
      name,
      kind: 'arg',
      value: eq < 0 ? undefined : word.slice(eq + 1),
      nameRange: { start: r.start, end: { line: r.start.line, character: r.start.character + name.length } },
      instruction: instr,
      stage,
    });
  }
  return out;
}

function flagOptions(flag: Flag): Record<string, string> {
  const options: Record<string, string> = {};
  const value = flag.getValue() ?? '';
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) options[part.trim().toLowerCase()] = '';
    else options[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return options;
}

function runInfo(run: Run, lines: LineIndex): RunInfo {
  const flags = run.getFlags();
  const mounts: MountSpec[] = [];
  for (const f of flags) {
    if (f.getName().toLowerCase() !== 'mount') continue;
    const options = flagOptions(f);
    mounts.push({ type: options.type || 'bind', options, flag: f });
  }
  const args = run.getArgumentsRange();
  let text = '';
  if (args) {
    const first = run.getArguments()[0];
    const start = first ? first.getRange().start : args.start;
    text = lines.getText({ start, end: run.getRange().end });
  }
  const execForm = /^\s*\[/.test(text);
  let commandText = text;
  if (execForm) {
    try {
      const arr = JSON.parse(text.replace(/\\\r?\n/g, ''));
      if (Array.isArray(arr)) commandText = arr.map((a) => (/[\s'"]/.test(String(a)) ? JSON.stringify(String(a)) : String(a))).join(' ');
    } catch {
      /* keep the raw text */
    }
  } else {
    // Heredoc operators stay as words; the bodies are newline-separated commands after them.
    commandText = text.replace(/<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*["']?/g, ' ');
    const names = new Set(run.getHeredocs().map((h) => h.getName()));
    if (names.size) {
      // drop the terminator lines so they do not read as commands
      commandText = commandText.split(/\r?\n/).filter((l) => !names.has(l.trim())).join('\n');
    }
  }
  return { instruction: run, text, commands: splitShell(commandText), mounts, execForm };
}

/**
 * What the model reads from one instruction on its own (its declarations, variable uses, shell
 * commands) depends only on its text and position, which never change: it is kept on the
 * instruction, so an incremental parse that reuses the instruction reuses these too. Callers get
 * fresh copies of the objects they may change (a declaration's stage).
 */
const DECLS = Symbol('stagecraft.decls');
const VARIABLES = Symbol('stagecraft.variables');
const RUN_INFO = Symbol('stagecraft.runInfo');
type Kept = { [DECLS]?: VarDecl[]; [VARIABLES]?: ReturnType<typeof instructionVariables>; [RUN_INFO]?: RunInfo[] };
function kept<K extends typeof DECLS | typeof VARIABLES | typeof RUN_INFO>(instr: Instruction, key: K, make: () => NonNullable<Kept[K]> | RunInfo): NonNullable<Kept[K]> {
  const holder = instr as Instruction & Kept;
  let v = holder[key] as NonNullable<Kept[K]> | undefined;
  if (!v) {
    const made = make();
    v = (key === RUN_INFO ? [made] : made) as NonNullable<Kept[K]>;
    (holder as unknown as Record<symbol, unknown>)[key] = v;
  }
  return (key === DECLS ? (v as VarDecl[]).map((d) => ({ ...d })) : v) as NonNullable<Kept[K]>;
}

export function buildModel(dockerfile: Dockerfile, text: string, options: ModelOptions = {}, lines = new LineIndex(text)): StageModel {
  const buildArgs = options.buildArgs ?? {};
  const keep = !!options.keepFacts;
  // (without kept facts each variable list is made for this model alone: its ranges serve the uses as they are)
  const stages: Stage[] = [];
  const decls: VarDecl[] = [];
  const uses: VarUse[] = [];
  const globalArgs: VarDecl[] = [];

  let current: Stage | undefined;
  for (const instr of dockerfile.getInstructions()) {
    const keyword = instr.getKeyword();
    if (keyword === 'FROM' && instr instanceof From) {
      const fromRange = rangeOf(instr.getRange());
      const name = instr.getBuildStage() ?? undefined;
      const nameRange = instr.getBuildStageRange();
      const args = instr.getArguments();
      const baseArg = args[0];
      const baseText = baseArg ? baseArg.getValue() : '';
      const platformFlag = instr.getFlags().find((f) => f.getName().toLowerCase() === 'platform');
      current = {
        index: stages.length,
        name,
        key: name?.toLowerCase(),
        nameRange: nameRange ? rangeOf(nameRange) : undefined,
        from: instr,
        fromRange,
        range: fromRange,
        baseText,
        baseRange: baseArg ? rangeOf(baseArg.getRange()) : undefined,
        baseResolved: baseText,
        scratch: false,
        platform: platformFlag && platformFlag.getValueRange()
          ? { value: platformFlag.getValue() ?? '', range: rangeOf(platformFlag.getValueRange()!) }
          : undefined,
        instructions: [],
        runs: [],
        ecosystems: new Set(),
      };
      stages.push(current);
      for (const v of (keep ? kept(instr, VARIABLES, () => instructionVariables(instr)) : instructionVariables(instr))) {
        uses.push({ name: v.name, range: keep ? rangeOf(v.range) : v.range, stage: current.index, instruction: instr });
      }
      continue;
    }
    const stageIndex = current ? current.index : -1;
    if (current) {
      current.instructions.push(instr);
      current.range = { start: current.fromRange.start, end: rangeOf(instr.getRange()).end };
    }
    if (instr instanceof Arg || instr instanceof Env) {
      for (const d of (keep ? kept(instr, DECLS, () => declarations(instr, -1)) : declarations(instr, -1))) {
        if (stageIndex !== -1) d.stage = stageIndex;
        decls.push(d);
        if (stageIndex < 0 && d.kind === 'arg') globalArgs.push(d);
      }
    }
    for (const v of (keep ? kept(instr, VARIABLES, () => instructionVariables(instr)) : instructionVariables(instr))) {
      uses.push({ name: v.name, range: keep ? rangeOf(v.range) : v.range, stage: stageIndex, instruction: instr });
    }
    if (current && instr instanceof Run) {
      const info = keep ? kept(instr, RUN_INFO, () => runInfo(instr, lines))[0] : runInfo(instr, lines);
      current.runs.push(info);
      for (const c of info.commands) {
        const e = commandEcosystem(c);
        if (e) current.ecosystems.add(e);
      }
    }
  }

  // Resolve bases against global ARGs.
  // Global ARG values in declaration order: a default may use globals declared before it.
  const globals = new Map<string, string | undefined>();
  for (const a of globalArgs) {
    const given = Object.prototype.hasOwnProperty.call(buildArgs, a.name) ? buildArgs[a.name] : undefined;
    globals.set(a.name, given ?? (a.value === undefined ? globals.get(a.name) : substitute(unquote(a.value), (n) => globals.get(n))));
  }
  const globalValue = (name: string): string | undefined =>
    Object.prototype.hasOwnProperty.call(buildArgs, name) ? buildArgs[name] : globals.get(name);
  const byKey = new Map<string, number[]>();
  stages.forEach((s) => {
    if (s.key) {
      const list = byKey.get(s.key) ?? [];
      list.push(s.index);
      byKey.set(s.key, list);
    }
  });
  const firstByKey = (key: string): number | undefined => byKey.get(key)?.[0];

  const refs: StageRef[] = [];
  const resolveName = (value: string, user: number, kind: RefKind): Pick<StageRef, 'resolution' | 'target'> => {
    if (value.includes('$')) return { resolution: 'variable' };
    const key = value.toLowerCase();
    if (kind !== 'from' && /^[0-9]+$/.test(value)) {
      const idx = Number(value);
      if (idx >= stages.length) return { resolution: 'bad-index' };
      if (idx < user) return { resolution: 'index', target: idx };
      return { resolution: idx === user ? 'self' : 'forward', target: idx };
    }
    const candidates = byKey.get(key);
    if (!candidates) return { resolution: 'image' };
    const earlier = candidates.filter((i) => i < user);
    if (earlier.length) return { resolution: 'stage', target: earlier[earlier.length - 1] };
    if (kind !== 'from' && candidates.includes(user)) return { resolution: 'self', target: user };
    const later = candidates.find((i) => i > user);
    if (later !== undefined) return { resolution: 'forward', target: later };
    return { resolution: 'image' };
  };

  for (const s of stages) {
    s.baseResolved = substitute(s.baseText, globalValue);
    if (s.baseRange && s.baseText) {
      const viaVariable = s.baseText.includes('$');
      const res = resolveName(viaVariable ? s.baseResolved : s.baseText, s.index, 'from');
      const ref: StageRef = {
        kind: 'from', value: s.baseText, range: s.baseRange, user: s.index, instruction: s.from,
        resolution: viaVariable && res.resolution !== 'stage' ? 'variable' : res.resolution, target: res.target,
      };
      refs.push(ref);
      if (res.resolution === 'stage') s.parent = res.target;
    }
    if (s.parent === undefined) {
      if (s.baseResolved.toLowerCase() === 'scratch') s.scratch = true;
      else if (s.baseResolved) s.image = parseImageRef(s.baseResolved);
    }
    for (const instr of s.instructions) {
      if (instr instanceof Copy || instr instanceof Add) {
        const flag = instr.getFlags().find((f) => f.getName().toLowerCase() === 'from');
        const vr = flag?.getValueRange();
        const value = flag?.getValue();
        if (flag && vr && value) {
          refs.push({ kind: 'copy', value, range: rangeOf(vr), user: s.index, instruction: instr, ...resolveName(value, s.index, 'copy') });
        }
      } else if (instr instanceof Run) {
        for (const f of instr.getFlags()) {
          if (f.getName().toLowerCase() !== 'mount') continue;
          const opt = f.getOptions().find((o) => o.getName().toLowerCase() === 'from');
          const vr = opt?.getValueRange();
          const value = opt?.getValue();
          if (opt && vr && value) {
            refs.push({ kind: 'mount', value, range: rangeOf(vr), user: s.index, instruction: instr, ...resolveName(value, s.index, 'mount') });
          }
        }
      }
    }
  }

  const edges: Edge[] = [];
  for (const r of refs) {
    if ((r.resolution === 'stage' || r.resolution === 'index') && r.target !== undefined) {
      edges.push({ from: r.target, to: r.user, kind: r.kind, ref: r });
    }
  }

  // Targets and reachability.
  const targets: number[] = [];
  for (const t of options.targets ?? []) {
    const idx = /^[0-9]+$/.test(t) ? Number(t) : firstByKey(t.toLowerCase());
    if (idx !== undefined && idx < stages.length && !targets.includes(idx)) targets.push(idx);
  }
  const explicitTargets = targets.length > 0;
  if (!targets.length && stages.length) targets.push(stages.length - 1);
  const incoming = new Map<number, number[]>();
  for (const e of edges) {
    const list = incoming.get(e.to) ?? [];
    list.push(e.from);
    incoming.set(e.to, list);
  }
  const needed = new Set<number>();
  const stack = [...targets];
  while (stack.length) {
    const i = stack.pop()!;
    if (needed.has(i)) continue;
    needed.add(i);
    for (const p of incoming.get(i) ?? []) stack.push(p);
  }
  const shipped = new Set(targets);
  const inImage = new Set<number>();
  for (const t of targets) {
    let i: number | undefined = t;
    while (i !== undefined && !inImage.has(i)) {
      inImage.add(i);
      i = stages[i].parent;
    }
  }

  return {
    dockerfile, text, lines, stages, refs, edges, globalArgs, decls, uses, buildArgs, targets, explicitTargets, needed, shipped, inImage,
    stageByName: (name) => {
      const i = firstByKey(name.toLowerCase());
      return i === undefined ? undefined : stages[i];
    },
    stageAtLine: (line) => {
      let found: Stage | undefined;
      for (const s of stages) if (s.fromRange.start.line <= line) found = s;
      return found;
    },
  };
}
