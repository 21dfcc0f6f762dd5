import { escapeRegExp } from '../text';
/**
 * Facts about stages that several stage/ rules share: FROM ancestry, the image a
 * stage is really based on, variables in scope at an instruction, COPY sources,
 * WORKDIR, build outputs, and edit builders that respect indentation and line ends.
 */
import { Add, Copy, Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Position, Range, TextEdit } from '../types';
import type { Stage, StageModel } from './stages';
import { substitute } from './stages';
import { ImageRef, parseImageRef } from './image-ref';
import { ImageFacts, imageFacts } from './images';
import { ShellCommand, flagValue, programName } from './shell';

/** The stage and its FROM ancestors, nearest first: [stage, parent, grandparent, …]. */
export function ancestry(model: StageModel, index: number): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  let i: number | undefined = index;
  while (i !== undefined && !seen.has(i) && model.stages[i]) {
    seen.add(i);
    out.push(model.stages[i]);
    i = model.stages[i].parent;
  }
  return out;
}

/** The stage at the root of a stage's FROM chain: the one based on an image or scratch. */
export function rootStage(model: StageModel, index: number): Stage {
  const chain = ancestry(model, index);
  return chain[chain.length - 1];
}

/** What a stage is based on, through its FROM ancestors: an image, scratch, or unknown (a `$VAR` no value resolves). */
export type StageBase = { kind: 'image'; ref: ImageRef; stage: Stage } | { kind: 'scratch'; stage: Stage } | { kind: 'unknown'; stage: Stage };

/** Rules ask for the base of the same stages many times (per edge, per copy): it is worked out once per model and stage. */
const basesByModel = new WeakMap<StageModel, Map<number, StageBase>>();

export function stageBase(model: StageModel, index: number): StageBase {
  let perStage = basesByModel.get(model);
  if (!perStage) basesByModel.set(model, (perStage = new Map()));
  let base = perStage.get(index);
  if (!base) perStage.set(index, (base = readStageBase(model, index)));
  return base;
}

/**
 * A base without variables depends only on the root stage object (the model keeps a stage's object
 * while the stage is unchanged): kept per root for the next models.
 */
const plainBases = new WeakMap<Stage, StageBase>();

function readStageBase(model: StageModel, index: number): StageBase {
  const root = rootStage(model, index);
  if (!root.baseText.includes('$')) {
    let base = plainBases.get(root);
    if (!base) plainBases.set(root, (base = plainBase(root)));
    return base;
  }
  if (!variablesResolve(model, root.baseText)) return { kind: 'unknown', stage: root };
  // The model already resolved the base through global ARGs (in declaration order, build args first).
  const resolved = root.baseResolved;
  if (!resolved || resolved.includes('$') || /(^|[:/@])$|^[:@]|:-|:$/.test(resolved)) return { kind: 'unknown', stage: root };
  if (resolved.toLowerCase() === 'scratch') return { kind: 'scratch', stage: root };
  const ref = parseImageRef(resolved);
  if (!ref.name) return { kind: 'unknown', stage: root };
  return { kind: 'image', ref, stage: root };
}

function plainBase(root: Stage): StageBase {
  if (root.scratch) return { kind: 'scratch', stage: root };
  if (root.image && root.image.name) return { kind: 'image', ref: root.image, stage: root };
  return { kind: 'unknown', stage: root };
}

/** Whether every `$X` in a FROM value has a value (a global ARG default or a build argument). */
function variablesResolve(model: StageModel, text: string): boolean {
  const names = [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  return names.every((n) => {
    if (Object.prototype.hasOwnProperty.call(model.buildArgs, n)) return true;
    const decl = [...model.globalArgs].reverse().find((a) => a.name === n);
    if (decl && decl.value) return true;
    // `${X:-default}` resolves without a value.
    return new RegExp(`\\$\\{${escapeRegExp(n)}:?-[^}]+\\}`).test(text);
  });
}

/** Image facts of a stage's real base; undefined when it cannot be known. */
export function stageFacts(model: StageModel, index: number): ImageFacts | undefined {
  const b = stageBase(model, index);
  if (b.kind === 'unknown') return undefined;
  return imageFacts(b.kind === 'image' ? b.ref : undefined);
}

/**
 * The value of a variable as the given instruction of a stage sees it, from ENV and
 * ARG declarations of the stage and its FROM ancestors (ARG and ENV are inherited
 * from parent stages); a stage ARG without a value takes the global ARG's default.
 * Returns undefined when nothing declares it; '' is "declared, empty".
 */
export function variableAt(model: StageModel, stageIndex: number, before: Instruction | undefined, name: string): string | undefined {
  const chain = ancestry(model, stageIndex).reverse();
  const values = new Map<string, string>();
  const lookup = (n: string) => values.get(n);
  const globalDefault = (n: string): string | undefined => {
    if (Object.prototype.hasOwnProperty.call(model.buildArgs, n)) return model.buildArgs[n];
    return [...model.globalArgs].reverse().find((a) => a.name === n)?.value;
  };
  const stopLine = before ? before.getRange().start.line : Infinity;
  for (const s of chain) {
    for (const d of stageDecls(model, s.index)) {
      if (s.index === stageIndex && d.line >= stopLine) continue;
      let v: string | undefined;
      if (d.kind === 'arg') {
        if (Object.prototype.hasOwnProperty.call(model.buildArgs, d.name)) v = model.buildArgs[d.name];
        else if (d.value !== undefined) v = substitute(d.value, lookup);
        else v = values.get(d.name) ?? globalDefault(d.name) ?? '';
      } else {
        v = substitute(d.value ?? '', lookup);
      }
      values.set(d.name, v);
    }
  }
  return values.get(name);
}

/**
 * ARG and ENV declarations of a stage in order. `ARG A B=2` declares two names
 * (the parser reads it as one property), so ARG names are taken from its words.
 */
export function stageDecls(model: StageModel, index: number): { name: string; kind: 'arg' | 'env'; value?: string; line: number }[] {
  const out: { name: string; kind: 'arg' | 'env'; value?: string; line: number }[] = [];
  for (const d of model.decls) {
    if (d.stage !== index) continue;
    const line = d.instruction.getRange().start.line;
    if (d.kind === 'env') {
      out.push({ name: d.name, kind: 'env', value: d.value, line });
      continue;
    }
    if (out.some((o) => o.kind === 'arg' && o.line === line && o.name === d.name)) continue;
    for (const a of d.instruction.getArguments()) {
      const v = a.getValue();
      const eq = v.indexOf('=');
      const n = eq < 0 ? v : v.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) continue;
      out.push({ name: n, kind: 'arg', value: eq < 0 ? undefined : v.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'), line });
    }
  }
  return out;
}

/** Whether a stage (or an ancestor) declares the variable (ARG or ENV) before the instruction. */
export function declaredAt(model: StageModel, stageIndex: number, before: Instruction | undefined, name: string): boolean {
  return variableAt(model, stageIndex, before, name) !== undefined;
}

/** The arguments of an instruction as values: JSON strings for the exec form, else the shell words. */
export function argumentValues(instr: Instruction): { value: string; range: Range }[] {
  if (instr instanceof JSONInstruction) {
    const json = instr.getJSONStrings();
    if (json.length) return json.map((j) => ({ value: j.getJSONValue(), range: j.getRange() }));
  }
  return instr.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
}

export interface CopySpec {
  instruction: Copy | Add;
  /** `--from` value, when present. */
  from?: string;
  sources: { value: string; range: Range }[];
  dest?: { value: string; range: Range };
}

/** Sources and destination of a COPY/ADD (heredoc copies have no sources here). */
export function copySpec(instr: Copy | Add): CopySpec {
  const args = argumentValues(instr);
  const from = instr.getFlags().find((f) => f.getName().toLowerCase() === 'from')?.getValue() ?? undefined;
  if (args.length < 2) return { instruction: instr, from, sources: [], dest: args[0] };
  return { instruction: instr, from, sources: args.slice(0, -1), dest: args[args.length - 1] };
}

/**
 * They depend only on the stage's instructions, which never change: kept per stage object (the model
 * keeps a stage's object while the stage is unchanged). Callers get a new array of the same specs.
 */
const copiesByStage = new WeakMap<Stage, CopySpec[]>();

/** COPY and ADD instructions of a stage. */
export function copiesOf(stage: Stage): CopySpec[] {
  let copies = copiesByStage.get(stage);
  if (!copies) copiesByStage.set(stage, (copies = stage.instructions.filter((i): i is Copy | Add => i instanceof Copy || i instanceof Add).map(copySpec)));
  return copies.slice();
}

/** Normalises a path: collapses `//`, `/./`, a trailing `/` or `/.`; relative paths are joined to `base`. */
export function normalizePath(path: string, base = '/'): string {
  let p = path.trim();
  if (!p.startsWith('/')) p = `${base.replace(/\/+$/, '')}/${p}`;
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** The WORKDIR in effect at an instruction of a stage (or at its end), through FROM ancestors; '/' when none. */
export function workdirAt(model: StageModel, stageIndex: number, before?: Instruction): string {
  const t = workdirTimeline(model, stageIndex);
  const stopLine = before ? before.getRange().start.line : Infinity;
  let dir = t.entry;
  for (let k = 0; k < t.lines.length && t.lines[k] < stopLine; k++) dir = t.dirs[k];
  return dir;
}

/** The WORKDIR a stage starts in (from its FROM ancestors) and the one after each of its own WORKDIRs, by start line. */
interface WorkdirTimeline {
  entry: string;
  lines: number[];
  dirs: string[];
}
/**
 * Rules ask for the WORKDIR at many instructions: each stage's timeline is worked out once per model.
 * It reads only the instructions of the stage and of its FROM ancestors: it is also kept per stage
 * object with those stage objects (the model keeps a stage's object while the stage is unchanged),
 * for the next model.
 */
const workdirTimelines = new WeakMap<StageModel, Map<number, WorkdirTimeline>>();
const timelineByStage = new WeakMap<Stage, { chain: Stage[]; timeline: WorkdirTimeline }>();

function workdirTimeline(model: StageModel, stageIndex: number): WorkdirTimeline {
  let perStage = workdirTimelines.get(model);
  if (!perStage) workdirTimelines.set(model, (perStage = new Map()));
  let t = perStage.get(stageIndex);
  if (t) return t;
  const chain = ancestry(model, stageIndex);
  const own = model.stages[stageIndex];
  const kept = own ? timelineByStage.get(own) : undefined;
  if (kept && kept.chain.length === chain.length && kept.chain.every((s, i) => s === chain[i])) {
    perStage.set(stageIndex, kept.timeline);
    return kept.timeline;
  }
  t = readWorkdirTimeline(model, stageIndex, chain);
  perStage.set(stageIndex, t);
  if (own) timelineByStage.set(own, { chain, timeline: t });
  return t;
}

function readWorkdirTimeline(model: StageModel, stageIndex: number, ancestors: Stage[]): WorkdirTimeline {
  let dir = '/';
  const step = (i: Instruction) => {
    if (i.getKeyword() !== 'WORKDIR') return false;
    const v = i.getArguments().map((a) => a.getValue()).join(' ');
    if (v && !v.includes('$')) dir = normalizePath(v, dir);
    else if (v) dir = '';
    return true;
  };
  for (const s of [...ancestors].reverse()) {
    if (s.index === stageIndex) continue;
    for (const i of s.instructions) step(i);
  }
  const t: WorkdirTimeline = { entry: dir, lines: [], dirs: [] };
  const own = model.stages[stageIndex];
  for (const i of own ? own.instructions : []) {
    if (step(i)) {
      t.lines.push(i.getRange().start.line);
      t.dirs.push(dir);
    }
  }
  return t;
}

/** A shell command with the RUN and stage it came from. */
export interface StageCommand {
  stage: Stage;
  run: Stage['runs'][number];
  command: ShellCommand;
}

/** Every shell command run in a stage and its FROM ancestors, oldest first. */
export function chainCommands(model: StageModel, index: number): StageCommand[] {
  const out: StageCommand[] = [];
  for (const s of ancestry(model, index).reverse()) {
    for (const run of s.runs) for (const command of run.commands) out.push({ stage: s, run, command });
  }
  return out;
}

/** The commands' words after `python -m` / `corepack` style prefixes are left as the ShellCommand has them. */
export function isNodeRunScript(cmd: ShellCommand, pattern: RegExp): boolean {
  const prog = programName(cmd);
  const w = cmd.words;
  if (['npm', 'pnpm', 'bun'].includes(prog)) return w[1] === 'run' && pattern.test(w[2] ?? '') || (prog !== 'npm' && pattern.test(w[1] ?? '') && w[1] !== 'install');
  if (prog === 'yarn') return (w[1] === 'run' && pattern.test(w[2] ?? '')) || pattern.test(w[1] ?? '');
  return false;
}

/**
 * What a builder stage produces that a runtime stage should copy instead of the
 * whole stage: `dist/` or `build/` after `npm run build`, the `-o` output of
 * `go build`, `target/*.jar`, `build/libs/*.jar`, the `publish` folder, `target/release/<bin>`.
 * Paths are absolute where the working directory is known.
 */
export function buildOutputs(model: StageModel, index: number): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (!out.includes(p)) out.push(p);
  };
  for (const { stage, run, command } of chainCommands(model, index)) {
    const prog = programName(command);
    const w = command.words;
    const wd = workdirAt(model, stage.index, run.instruction) || '/';
    if (isNodeRunScript(command, /^build(:prod(uction)?)?$/)) {
      add(`${normalizePath('dist', wd)}/ (or ${normalizePath('build', wd)}/)`);
    } else if (prog === 'go' && w[1] === 'build') {
      const o = flagValue(command, '-o');
      if (o && !o.includes('$')) add(normalizePath(o, wd));
    } else if (prog === 'mvn' || prog === 'mvnw') {
      if (w.some((x) => /^(package|install|verify)$/.test(x))) add(`${normalizePath('target', wd)}/*.jar`);
    } else if (prog === 'gradle' || prog === 'gradlew') {
      if (w.some((x) => /^(build|bootJar|jar|assemble|installDist|shadowJar)$/.test(x))) add(`${normalizePath('build/libs', wd)}/*.jar`);
    } else if (prog === 'dotnet' && w[1] === 'publish') {
      const o = flagValue(command, '-o') ?? flagValue(command, '--output');
      if (o && !o.includes('$')) add(normalizePath(o, wd));
    } else if (prog === 'cargo' && w[1] === 'build') {
      add(`${normalizePath(w.includes('--release') || w.includes('-r') ? 'target/release' : 'target/debug', wd)}/<binary>`);
    }
  }
  return out;
}

/** The text of the line holding a position, up to the first non-blank: the indentation. */
function indentOf(model: StageModel, line: number): string {
  return /^[ \t]*/.exec(model.lines.lineText(line))?.[0] ?? '';
}

/** Inserts `text` as a new line after an instruction (same indentation, the file's line break). */
export function insertLineAfter(model: StageModel, instr: Instruction, text: string): TextEdit {
  const r = instr.getRange();
  const end: Position = { line: r.end.line, character: model.lines.lineText(r.end.line).length };
  return { range: { start: end, end }, newText: `${model.lines.eol}${indentOf(model, r.start.line)}${text}` };
}

/** Inserts `text` as a new line before an instruction (same indentation, the file's line break). */
export function insertLineBefore(model: StageModel, instr: Instruction, text: string): TextEdit {
  const start: Position = { line: instr.getRange().start.line, character: 0 };
  const indent = indentOf(model, start.line);
  return { range: { start, end: start }, newText: `${indent}${text}${model.lines.eol}` };
}

/** Removes an instruction's whole lines (and their line break). */
export function deleteInstruction(model: StageModel, instr: Instruction): TextEdit {
  const r = instr.getRange();
  const start: Position = { line: r.start.line, character: 0 };
  const end: Position = r.end.line + 1 < model.lines.lineCount
    ? { line: r.end.line + 1, character: 0 }
    : { line: r.end.line, character: model.lines.lineText(r.end.line).length };
  // At the end of the file without a trailing break, also take the previous line's break.
  if (r.end.line + 1 >= model.lines.lineCount && start.line > 0) {
    const prev = start.line - 1;
    return { range: { start: { line: prev, character: model.lines.lineText(prev).length }, end }, newText: '' };
  }
  return { range: { start, end }, newText: '' };
}

/** A raw token of a RUN's shell text, with its document offsets. */
export interface RawToken {
  text: string;
  start: number;
  end: number;
}

/**
 * The raw tokens of the shell command that starts at `cmd.offset` in a shell-form RUN
 * (no heredoc), as document offsets: words split on blanks, line continuations skipped,
 * stopping at the command's end (`&&`, `||`, `;`, `|`, newline). Undefined when offsets
 * cannot be trusted (exec form, heredocs).
 */
export function commandTokens(model: StageModel, run: Stage['runs'][number], cmd: ShellCommand): RawToken[] | undefined {
  if (run.execForm || /<<-?\s*["']?[A-Za-z_]/.test(run.text) || cmd.offset < 0) return undefined;
  const first = run.instruction.getArguments()[0];
  if (!first) return undefined;
  const base = model.lines.offsetAt(first.getRange().start);
  const text = model.text;
  if (text.slice(base, base + run.text.length) !== run.text) return undefined;
  const end = base + run.text.length;
  const tokens: RawToken[] = [];
  let i = base + cmd.offset;
  while (i < end) {
    const c = text[i];
    // A continuation: the escape before \n, \r\n or a lone \r (CR-only files).
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === ')' || (c === '&' && text[i + 1] === '&') || c === '&') break;
    // any other white space separates words (the word loop below stops at all of \s: a vertical tab, a
    // no-break space or U+2028 here must not be read as an empty word forever)
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') break;
    const start = i;
    let quote = '';
    while (i < end) {
      const d = text[i];
      if (quote) {
        if (d === quote) quote = '';
        i++;
        continue;
      }
      if (d === '"' || d === "'") {
        quote = d;
        i++;
        continue;
      }
      if (d === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) break;
      if (d === '\\') {
        i += 2;
        continue;
      }
      if (/[\s;|&)]/.test(d)) break;
      i++;
    }
    tokens.push({ text: text.slice(start, i), start, end: i });
  }
  return tokens;
}

export function offsetRange(model: StageModel, start: number, end: number): Range {
  return { start: model.lines.positionAt(start), end: model.lines.positionAt(end) };
}

/** Shell words of known, non-executable system files that runtime stages copy from builders. */
export const SUPPORT_FILE = /^\/?(etc\/|usr\/share\/zoneinfo|usr\/share\/ca-certificates|usr\/local\/share\/ca-certificates)/;
