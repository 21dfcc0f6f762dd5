import type { Instruction } from 'dockerfile-ast';
import type { Position, Range } from '../types';
import type { StageModel, VarDecl, VarUse } from '../model/stages';
import { rangeContains } from '../text';
import { AUTOMATIC_ARGS } from './docs-catalog';

/**
 * What a variable holds at one point of a Dockerfile, as BuildKit resolves it: inside a stage
 * the last `ENV` before the point (the stage's, else inherited from its `FROM` parents) beats
 * the stage's last `ARG` (whose value is the build argument, else its default, else the global
 * `ARG`'s); in a `FROM` line and before the first `FROM`, the global `ARG`s.
 */
export interface VariableValue {
  name: string;
  /** The value as written (quotes removed); undefined when unset or given at build time only. */
  value?: string;
  source: 'env' | 'arg' | 'build-arg' | 'global-arg' | 'automatic' | 'undefined';
  /** The declaration that sets it. */
  decl?: VarDecl;
  /** Stage index of the declaration (-1: global). */
  stage?: number;
}

const unquote = (v: string) => (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Declarations of a stage, grouped once per model. */
const BY_STAGE = Symbol('stagecraft.declsByStage');
function declsByStage(model: StageModel): Map<number, VarDecl[]> {
  const m = model as StageModel & { [BY_STAGE]?: Map<number, VarDecl[]> };
  let map = m[BY_STAGE];
  if (!map) {
    map = new Map();
    for (const d of model.decls) {
      const list = map.get(d.stage) ?? [];
      list.push(d);
      map.set(d.stage, list);
    }
    m[BY_STAGE] = map;
  }
  return map;
}

const before = (d: VarDecl, line: number, instr?: Instruction) => d.instruction !== instr && d.nameRange.start.line < line;

function globalValue(model: StageModel, name: string, line: number): VariableValue {
  const globals = (declsByStage(model).get(-1) ?? []).filter((d) => d.kind === 'arg' && d.name === name && d.nameRange.start.line < line);
  const decl = globals[globals.length - 1];
  if (decl && own(model.buildArgs, name)) return { name, value: model.buildArgs[name], source: 'build-arg', decl, stage: -1 };
  if (decl) {
    if (decl.value !== undefined) return { name, value: unquote(decl.value), source: 'global-arg', decl, stage: -1 };
    const earlier = globalValue(model, name, decl.nameRange.start.line);
    if (earlier.decl) return earlier;
    return { name, source: own(AUTOMATIC_ARGS, name) ? 'automatic' : 'global-arg', decl, stage: -1 };
  }
  if (own(AUTOMATIC_ARGS, name)) return { name, source: 'automatic' };
  return { name, source: 'undefined' };
}

/** The value of `name` used at `line` of stage `stage` (-1: before the first FROM) by `instr`. */
export function valueAt(model: StageModel, name: string, stage: number, line: number, instr?: Instruction): VariableValue {
  const s = model.stages[stage];
  if (!s || instr === s.from) return globalValue(model, name, line);
  const byStage = declsByStage(model);
  const own_ = (byStage.get(stage) ?? []).filter((d) => d.name === name && before(d, line, instr));
  const env = [...own_].reverse().find((d) => d.kind === 'env');
  if (env) return { name, value: env.value === undefined ? undefined : unquote(env.value), source: 'env', decl: env, stage };
  // ENV inherited through FROM <stage>
  for (let p = s.parent, guard = 0; p !== undefined && guard < model.stages.length; p = model.stages[p].parent, guard++) {
    const inherited = (byStage.get(p) ?? []).filter((d) => d.name === name && d.kind === 'env');
    const last = inherited[inherited.length - 1];
    if (last) return { name, value: last.value === undefined ? undefined : unquote(last.value), source: 'env', decl: last, stage: p };
  }
  const arg = [...own_].reverse().find((d) => d.kind === 'arg');
  if (arg) {
    if (own(model.buildArgs, name)) return { name, value: model.buildArgs[name], source: 'build-arg', decl: arg, stage };
    if (arg.value !== undefined) return { name, value: unquote(arg.value), source: 'arg', decl: arg, stage };
    const g = globalValue(model, name, s.fromRange.start.line);
    if (g.decl || g.source === 'automatic') return { ...g, decl: g.decl ?? arg, stage: g.decl ? -1 : stage };
    return { name, source: 'arg', decl: arg, stage };
  }
  return { name, source: 'undefined' };
}

/** Uses and declarations by line, built once per model (a hover must not scan every variable of the file). */
const BY_LINE = Symbol('stagecraft.variablesByLine');
function byLine(model: StageModel): { uses: Map<number, VarUse[]>; decls: Map<number, VarDecl[]> } {
  const m = model as StageModel & { [BY_LINE]?: { uses: Map<number, VarUse[]>; decls: Map<number, VarDecl[]> } };
  let index = m[BY_LINE];
  if (!index) {
    index = { uses: new Map(), decls: new Map() };
    for (const u of model.uses) {
      const list = index.uses.get(u.range.start.line) ?? [];
      list.push(u);
      index.uses.set(u.range.start.line, list);
    }
    for (const d of model.decls) {
      const list = index.decls.get(d.nameRange.start.line) ?? [];
      list.push(d);
      index.decls.set(d.nameRange.start.line, list);
    }
    m[BY_LINE] = index;
  }
  return index;
}

/** The variable use or declaration under the cursor, with its value there. */
export function variableAt(model: StageModel, pos: Position): { range: Range; value: VariableValue; declaration: boolean } | undefined {
  const index = byLine(model);
  for (const u of index.uses.get(pos.line) ?? []) {
    if (rangeContains(u.range, pos)) {
      return { range: u.range, value: valueAt(model, u.name, u.stage, u.range.start.line, u.instruction), declaration: false };
    }
  }
  for (const d of index.decls.get(pos.line) ?? []) {
    if (rangeContains(d.nameRange, pos)) {
      // what the declaration makes of it: the value from the next line on
      return { range: d.nameRange, value: valueAt(model, d.name, d.stage, d.nameRange.start.line + 1), declaration: true };
    }
  }
  return undefined;
}

/** Variables a `$` at this line may use: stage ARG/ENV declared before it, inherited ENV; global ARGs and automatic args in FROM lines. */
export function variablesInScope(model: StageModel, line: number): VariableValue[] {
  const s = model.stageAtLine(line);
  const inFrom = !s || (s.fromRange.start.line <= line && line <= s.fromRange.end.line);
  const names = new Set<string>();
  if (inFrom) {
    for (const d of declsByStage(model).get(-1) ?? []) if (d.nameRange.start.line < line) names.add(d.name);
    for (const n of Object.keys(AUTOMATIC_ARGS)) names.add(n);
    return [...names].map((n) => globalValue(model, n, line));
  }
  const byStage = declsByStage(model);
  for (const d of byStage.get(s.index) ?? []) if (d.nameRange.start.line < line) names.add(d.name);
  for (let p = s.parent, guard = 0; p !== undefined && guard < model.stages.length; p = model.stages[p].parent, guard++) {
    for (const d of byStage.get(p) ?? []) if (d.kind === 'env') names.add(d.name);
  }
  return [...names].map((n) => valueAt(model, n, s.index, line));
}

/** One Markdown paragraph: the value and where it comes from. */
export function variableMarkdown(model: StageModel, v: VariableValue): string {
  const stageLabel = (i: number | undefined) => (i === undefined || i < 0 ? 'the global scope' : model.stages[i]?.name ? `stage \`${model.stages[i].name}\`` : `stage ${i}`);
  const at = v.decl ? ` (line ${v.decl.nameRange.start.line + 1})` : '';
  const shown = v.value === undefined ? '' : v.value === '' ? ' = `""`' : ` = \`${v.value.replace(/`/g, "'")}\``;
  let where: string;
  switch (v.source) {
    case 'env': where = `Set by \`ENV\` in ${stageLabel(v.stage)}${at}.`; break;
    case 'arg': where = v.value === undefined ? `Declared by \`ARG\` in ${stageLabel(v.stage)}${at} without a default: empty unless given with \`--build-arg ${v.name}=…\`.` : `Default of \`ARG\` in ${stageLabel(v.stage)}${at}; \`--build-arg ${v.name}=…\` overrides it.`; break;
    case 'build-arg': where = `Build argument (configured \`buildArgs\`), declared by \`ARG\` in ${stageLabel(v.stage)}${at}.`; break;
    case 'global-arg': where = v.value === undefined ? `Global \`ARG\`${at} without a default: empty unless given with \`--build-arg\`.` : `Default of the global \`ARG\`${at}; \`--build-arg ${v.name}=…\` overrides it.`; break;
    case 'automatic': where = `Set automatically by BuildKit: ${AUTOMATIC_ARGS[v.name]}.`; break;
    default: where = model.globalArgs.some((g) => g.name === v.name)
      ? `Not defined in this stage: the global \`ARG ${v.name}\` is visible inside a stage only after \`ARG ${v.name}\` there. It expands to an empty string.`
      : 'Not defined at this point: it expands to an empty string.';
  }
  return `**\`${v.name}\`**${shown}\n\n${where}`;
}
