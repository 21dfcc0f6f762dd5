import {
  Arg, Copy, Add, Dockerfile, Env, Flag, From, Instruction, Run,
} from 'dockerfile-ast';
import type { Range } from '../types';
import { LineIndex } from '../text';
import { ImageRef, parseImageRef } from './image-ref';
import { ShellCommand, splitShell } from './shell';
import { Ecosystem, commandEcosystem } from './ecosystems';
import { instructionVariables, VariableRef } from '../parse';

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
   * Keep what is read from each instruction on the instruction, and from each stage on its FROM (for
   * an incremental analysis, which reuses instructions). One-shot callers leave it off: kept facts
   * would only take memory.
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
 * dockerfile-ast's classes, read once: the bundle reads an imported name through a getter on each
 * use, and the model tests every instruction's class.
 */
const FromClass: typeof From = From;
const ArgClass: typeof Arg = Arg;
const EnvClass: typeof Env = Env;
const RunClass: typeof Run = Run;
const CopyClass: typeof Copy = Copy;
const AddClass: typeof Add = Add;

/** Whether the instruction is a FROM, which starts a stage. */
function startsStage(instr: Instruction): instr is From {
  return instr instanceof FromClass && instr.getKeyword() === 'FROM';
}

/** A `--from` of a COPY/ADD or a `from=` of a RUN mount, before it is resolved against the stages. */
interface RawRef {
  kind: 'copy' | 'mount';
  value: string;
  /** The value lowercased (the key a stage name is matched on), whether it is a number, whether it holds a `$`. */
  key: string;
  numeric: boolean;
  variable: boolean;
  range: Range;
  instruction: Instruction;
}

function rawRef(kind: RawRef['kind'], value: string, range: Range, instruction: Instruction): RawRef {
  return { kind, value, key: value.toLowerCase(), numeric: /^[0-9]+$/.test(value), variable: value.includes('$'), range, instruction };
}

/**
 * What the model reads from one instruction on its own: its declarations (with stage -1), variable
 * uses, shell commands and the ecosystems they use, and its `--from`/mount references. It depends
 * only on the instruction's text and position, which never change: for an incremental analysis it is
 * kept on the instruction, so an incremental parse that reuses the instruction reuses it too.
 */
interface InstructionRead {
  decls: VarDecl[];
  variables: VariableRef[];
  run?: RunInfo;
  ecosystems: Ecosystem[];
  rawRefs: RawRef[];
}
const INSTRUCTION_READ = Symbol('stagecraft.instructionRead');

function readInstruction(instr: Instruction, lines: LineIndex): InstructionRead {
  const read: InstructionRead = {
    decls: instr instanceof ArgClass || instr instanceof EnvClass ? declarations(instr, -1) : [],
    // every variable use starts with a `$` in the instruction's text
    variables: instr.getTextContent().includes('$') ? instructionVariables(instr) : [],
    ecosystems: [],
    rawRefs: [],
  };
  if (instr instanceof RunClass) {
    const info = runInfo(instr, lines);
    read.run = info;
    for (const c of info.commands) {
      const e = commandEcosystem(c);
      if (e) read.ecosystems.push(e);
    }
    for (const f of instr.getFlags()) {
      if (f.getName().toLowerCase() !== 'mount') continue;
      const opt = f.getOptions().find((o) => o.getName().toLowerCase() === 'from');
      const vr = opt?.getValueRange();
      const value = opt?.getValue();
      if (opt && vr && value) read.rawRefs.push(rawRef('mount', value, rangeOf(vr), instr));
    }
  } else if (instr instanceof CopyClass || instr instanceof AddClass) {
    const flag = instr.getFlags().find((f) => f.getName().toLowerCase() === 'from');
    const vr = flag?.getValueRange();
    const value = flag?.getValue();
    if (flag && vr && value) read.rawRefs.push(rawRef('copy', value, rangeOf(vr), instr));
  }
  return read;
}

/** The instruction's read: kept on it when `keep`. */
function instructionRead(instr: Instruction, lines: LineIndex, keep: boolean): InstructionRead {
  if (!keep) return readInstruction(instr, lines);
  const holder = instr as Instruction & { [INSTRUCTION_READ]?: InstructionRead };
  return holder[INSTRUCTION_READ] ?? (holder[INSTRUCTION_READ] = readInstruction(instr, lines));
}

/**
 * Adds the instruction's declarations and uses (stage -1; a stage read sets its own). With kept reads
 * they are new objects (the kept read's stay as read); without, the read was made for this model
 * alone and its objects and ranges serve as they are.
 */
function addDeclsAndUses(instr: Instruction, read: InstructionRead, keep: boolean, decls: VarDecl[], uses: VarUse[]): void {
  for (const d of read.decls) decls.push(keep ? { ...d } : d);
  for (const v of read.variables) uses.push({ name: v.name, range: keep ? rangeOf(v.range) : v.range, stage: -1, instruction: instr });
}

/**
 * What the model reads from one stage on its own: its FROM line and the instructions up to the next
 * FROM (`members`), whose text and positions never change. Kept on the FROM (for an incremental
 * analysis) with the members it was read from, it is used again while the FROM is followed by the
 * same instruction objects. The declarations and uses carry the stage's index: they are made again
 * for another index (`at`).
 */
interface StageRead {
  from: From;
  members: Instruction[];
  name?: string;
  key?: string;
  nameRange?: Range;
  fromRange: Range;
  range: Range;
  baseText: string;
  /** The base lowercased, and whether it holds a `$`. */
  baseKey: string;
  baseVariable: boolean;
  baseRange?: Range;
  platform?: { value: string; range: Range };
  runs: RunInfo[];
  ecosystems: Set<Ecosystem>;
  rawRefs: RawRef[];
  /** The declarations and uses of its instructions (the FROM first) as read (stage -1). */
  ownDecls: VarDecl[];
  ownUses: VarUse[];
  /** The declarations and uses with `stage` set to `at`. */
  at: number;
  decls: VarDecl[];
  uses: VarUse[];
  /**
   * What the last model made of it (its stage, its references, the image reference of its resolved
   * base), used again by the next model while what they depend on beyond the stage is the same.
   */
  made: {
    names?: readonly (string | undefined)[]; stage?: Stage; fromRef?: StageRef; refs: StageRef[]; edges: Edge[]; image?: ImageRef; imageOf?: string;
    /** On the first stage: the reachability the last model worked out, with the edges and targets it came from. */
    reach?: Reach;
  };
}
interface Reach { edges: Edge[]; targets: number[]; count: number; needed: Set<number>; shipped: Set<number>; inImage: Set<number> }
const STAGE_READ = Symbol('stagecraft.stageRead');

/** The stage names (keys) of the reads in order: the array the last model made when it holds the same names. */
function stageNames(reads: StageRead[]): readonly (string | undefined)[] {
  for (const r of reads) {
    const last = r.made.names;
    if (!last) continue;
    if (last.length === reads.length && last.every((key, i) => key === reads[i].key)) return last;
    break;
  }
  return reads.map((r) => r.key);
}

function readStage(from: From, members: Instruction[], lines: LineIndex, keep: boolean): StageRead {
  const fromRange = rangeOf(from.getRange());
  const name = from.getBuildStage() ?? undefined;
  const nameRange = from.getBuildStageRange();
  const args = from.getArguments();
  const baseArg = args[0];
  const baseText = baseArg ? baseArg.getValue() : '';
  const platformFlag = from.getFlags().find((f) => f.getName().toLowerCase() === 'platform');
  const read: StageRead = {
    from,
    members,
    name,
    key: name?.toLowerCase(),
    nameRange: nameRange ? rangeOf(nameRange) : undefined,
    fromRange,
    range: members.length ? { start: fromRange.start, end: rangeOf(members[members.length - 1].getRange()).end } : fromRange,
    baseText,
    baseKey: baseText.toLowerCase(),
    baseVariable: baseText.includes('$'),
    baseRange: baseArg ? rangeOf(baseArg.getRange()) : undefined,
    platform: platformFlag && platformFlag.getValueRange()
      ? { value: platformFlag.getValue() ?? '', range: rangeOf(platformFlag.getValueRange()!) }
      : undefined,
    runs: [],
    ecosystems: new Set(),
    rawRefs: [],
    ownDecls: [],
    ownUses: [],
    at: -1,
    decls: [],
    uses: [],
    made: { names: undefined, stage: undefined, fromRef: undefined, refs: [], edges: [], image: undefined, imageOf: undefined, reach: undefined },
  };
  addDeclsAndUses(from, instructionRead(from, lines, keep), keep, read.ownDecls, read.ownUses);
  for (const instr of members) {
    const own = instructionRead(instr, lines, keep);
    addDeclsAndUses(instr, own, keep, read.ownDecls, read.ownUses);
    if (own.run) read.runs.push(own.run);
    for (const e of own.ecosystems) read.ecosystems.add(e);
    for (const r of own.rawRefs) read.rawRefs.push(r);
  }
  return read;
}

/** The stage read kept on the FROM at `at` of `instructions`, when the same instructions follow it up to the next FROM. */
function keptStage(instructions: Instruction[], at: number): StageRead | undefined {
  const read = (instructions[at] as Instruction & { [STAGE_READ]?: StageRead })[STAGE_READ];
  return read && sameStageMembers(instructions, at + 1, read.members) ? read : undefined;
}

/**
 * Whether the instructions from `start` on are exactly `members` (the same objects) and then a FROM
 * or the end: a stage, or the part of it after its FROM, that an incremental parse kept whole.
 */
export function sameStageMembers(instructions: readonly unknown[], start: number, members: readonly unknown[]): boolean {
  const end = start + members.length;
  if (end > instructions.length || (end < instructions.length && !startsStage(instructions[end] as Instruction))) return false;
  for (let k = 0; k < members.length; k++) if (instructions[start + k] !== members[k]) return false;
  return true;
}

/** The read's declarations and uses with their stage set to `index` (its own objects the first time, copies after). */
function placed(read: StageRead, index: number): StageRead {
  if (read.at === -1) {
    for (const d of read.ownDecls) d.stage = index;
    for (const u of read.ownUses) u.stage = index;
    read.decls = read.ownDecls;
    read.uses = read.ownUses;
    read.at = index;
  } else if (read.at !== index) {
    read.decls = read.ownDecls.map((d) => ({ ...d, stage: index }));
    read.uses = read.ownUses.map((u) => ({ ...u, stage: index }));
    read.at = index;
  }
  return read;
}

export function buildModel(dockerfile: Dockerfile, text: string, options: ModelOptions = {}, lines = new LineIndex(text)): StageModel {
  const buildArgs = options.buildArgs ?? {};
  const keep = !!options.keepFacts;
  const stages: Stage[] = [];
  const reads: StageRead[] = [];
  const decls: VarDecl[] = [];
  const uses: VarUse[] = [];
  const globalArgs: VarDecl[] = [];

  const instructions = dockerfile.getInstructions();
  for (let i = 0; i < instructions.length;) {
    const instr = instructions[i];
    if (!startsStage(instr)) {
      // before the first FROM (global ARGs)
      const from = decls.length;
      addDeclsAndUses(instr, instructionRead(instr, lines, keep), keep, decls, uses);
      for (let k = from; k < decls.length; k++) if (decls[k].kind === 'arg') globalArgs.push(decls[k]);
      i++;
      continue;
    }
    let read = keep ? keptStage(instructions, i) : undefined;
    if (!read) {
      let end = i + 1;
      while (end < instructions.length && !startsStage(instructions[end])) end++;
      read = readStage(instr, instructions.slice(i + 1, end), lines, keep);
      if (keep) (instr as From & { [STAGE_READ]?: StageRead })[STAGE_READ] = read;
    }
    placed(read, reads.length);
    reads.push(read);
    for (const d of read.decls) decls.push(d);
    for (const u of read.uses) uses.push(u);
    i += 1 + read.members.length;
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
  let byKeyMap: Map<string, number[]> | undefined;
  const byKey = (): Map<string, number[]> => {
    if (byKeyMap) return byKeyMap;
    byKeyMap = new Map();
    for (let index = 0; index < reads.length; index++) {
      const key = reads[index].key;
      if (key) {
        const list = byKeyMap.get(key);
        if (list) list.push(index);
        else byKeyMap.set(key, [index]);
      }
    }
    return byKeyMap;
  };
  const firstByKey = (key: string): number | undefined => byKey().get(key)?.[0];

  // how a reference resolves, into `res` (read at once): its value, the value lowercased, whether it is a number
  const res: { resolution: RefResolution; target?: number } = { resolution: 'image' };
  const resolveName = (key: string, numeric: boolean, value: string, user: number, kind: RefKind): void => {
    res.target = undefined;
    if (kind !== 'from' && numeric) {
      const idx = Number(value);
      if (idx >= reads.length) res.resolution = 'bad-index';
      else if (idx < user) [res.resolution, res.target] = ['index', idx];
      else [res.resolution, res.target] = [idx === user ? 'self' : 'forward', idx];
      return;
    }
    res.resolution = 'image';
    const candidates = byKey().get(key);
    if (!candidates) return;
    // the last candidate before the user (candidates are in stage order)
    let earlier: number | undefined;
    let later: number | undefined;
    let self = false;
    for (const i of candidates) {
      if (i < user) earlier = i;
      else if (i === user) self = true;
      else if (later === undefined) later = i;
    }
    if (earlier !== undefined) [res.resolution, res.target] = ['stage', earlier];
    else if (kind !== 'from' && self) [res.resolution, res.target] = ['self', user];
    else if (later !== undefined) [res.resolution, res.target] = ['forward', later];
  };

  const refs: StageRef[] = [];
  const edges: Edge[] = [];
  // the stage names in order: with the stage count, all that a reference's resolution reads beyond its own stage
  const names = stageNames(reads);
  for (let index = 0; index < reads.length; index++) {
    const read = reads[index];
    const from = read.from;
    const made = read.made;
    const viaVariable = read.baseVariable;
    if (made.names === names && made.stage?.index === index && !viaVariable) {
      // the same stage at the same place among the same names: what the last model made of it
      if (made.fromRef) refs.push(made.fromRef);
      stages.push(made.stage);
      for (const r of made.refs) refs.push(r);
      for (const e of made.edges) edges.push(e);
      continue;
    }
    made.names = names;
    const baseResolved = viaVariable ? substitute(read.baseText, globalValue) : read.baseText;
    const baseKey = viaVariable ? baseResolved.toLowerCase() : read.baseKey;
    let parent: number | undefined;
    if (read.baseRange && read.baseText) {
      if (viaVariable && baseResolved.includes('$')) [res.resolution, res.target] = ['variable', undefined];
      else resolveName(baseKey, false, baseResolved, index, 'from');
      const resolution = viaVariable && res.resolution !== 'stage' ? 'variable' : res.resolution;
      let ref = made.fromRef;
      if (!ref || ref.user !== index || ref.resolution !== resolution || ref.target !== res.target) {
        ref = made.fromRef = {
          kind: 'from', value: read.baseText, range: read.baseRange, user: index, instruction: from, resolution, target: res.target,
        };
      }
      refs.push(ref);
      if (res.resolution === 'stage') parent = res.target;
    } else {
      made.fromRef = undefined;
    }
    let scratch = false;
    let image: ImageRef | undefined;
    if (parent === undefined) {
      if (baseKey === 'scratch') scratch = true;
      else if (baseResolved) {
        if (made.imageOf !== baseResolved || !made.image) {
          made.image = parseImageRef(baseResolved);
          made.imageOf = baseResolved;
        }
        image = made.image;
      }
    }
    let stage = made.stage;
    if (!stage || stage.index !== index || stage.baseResolved !== baseResolved || stage.parent !== parent || stage.scratch !== scratch || stage.image !== image) {
      stage = made.stage = {
        index,
        name: read.name,
        key: read.key,
        nameRange: read.nameRange,
        from,
        fromRange: read.fromRange,
        range: read.range,
        baseText: read.baseText,
        baseRange: read.baseRange,
        baseResolved,
        scratch,
        platform: read.platform,
        instructions: read.members,
        runs: read.runs,
        ecosystems: read.ecosystems,
      };
      if (parent !== undefined) stage.parent = parent;
      if (image) stage.image = image;
    }
    stages.push(stage);
    for (let k = 0; k < read.rawRefs.length; k++) {
      const r = read.rawRefs[k];
      if (r.variable) [res.resolution, res.target] = ['variable', undefined];
      else resolveName(r.key, r.numeric, r.value, index, r.kind);
      let ref = made.refs[k];
      if (!ref || ref.user !== index || ref.resolution !== res.resolution || ref.target !== res.target) {
        ref = made.refs[k] = { kind: r.kind, value: r.value, range: r.range, user: index, instruction: r.instruction, resolution: res.resolution };
        if (res.target !== undefined) ref.target = res.target;
      }
      refs.push(ref);
    }
    // the edges of its references, in their order (an edge is kept with the reference it stands for)
    const own: Edge[] = [];
    for (const r of made.fromRef ? [made.fromRef, ...made.refs] : made.refs) {
      if ((r.resolution === 'stage' || r.resolution === 'index') && r.target !== undefined) {
        const last = made.edges.find((e) => e.ref === r);
        own.push(last ?? { from: r.target, to: r.user, kind: r.kind, ref: r });
      }
    }
    made.edges = own;
    for (const e of own) edges.push(e);
  }
  // Targets and reachability.
  const targets: number[] = [];
  for (const t of options.targets ?? []) {
    const idx = /^[0-9]+$/.test(t) ? Number(t) : firstByKey(t.toLowerCase());
    if (idx !== undefined && idx < stages.length && !targets.includes(idx)) targets.push(idx);
  }
  const explicitTargets = targets.length > 0;
  if (!targets.length && stages.length) targets.push(stages.length - 1);
  const { needed, shipped, inImage } = reachOf(reads[0]?.made, stages, edges, targets);

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

/**
 * Reachability from the targets: what they need (through edges), what they ship, and what is in the
 * image (the shipped stages and their FROM ancestors, whose edges are among the edges). Kept on the
 * first stage's read for the next model, which uses it again for the same edge objects and targets.
 */
function reachOf(holder: StageRead['made'] | undefined, stages: Stage[], edges: Edge[], targets: number[]): Reach {
  const last = holder?.reach;
  if (last && last.count === stages.length && last.edges.length === edges.length && last.targets.length === targets.length
    && last.targets.every((t, i) => t === targets[i]) && last.edges.every((e, i) => e === edges[i])) {
    return last;
  }
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
  const reach: Reach = { edges, targets: targets.slice(), count: stages.length, needed, shipped, inImage };
  if (holder) holder.reach = reach;
  return reach;
}
