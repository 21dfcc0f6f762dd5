import type { Instruction, Property } from 'dockerfile-ast';
import { Arg, Env } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Stage, StageModel } from '../../model/stages';
import type { Range } from '../../types';
import { baseImageEnv, dispatchedStages, PLATFORM_ARG_VALUES, rangeOf, suggest, wordVariables } from '../../support/buildkit';

/** Build args BuildKit never puts in the environment. */
const NON_ENV = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

interface Scope {
  /** Environment keys in order (the image's first). */
  env: string[];
  /** ARG names declared in the stage (and its FROM ancestors). */
  declared: Set<string>;
}

/** The parts of an instruction BuildKit expands (and so checks), as ranges. */
function expandedParts(instr: Instruction): Range[] {
  const kw = instr.getKeyword();
  const parts: Range[] = [];
  const flagValues = (names: string[]) => {
    for (const f of (instr as unknown as { getFlags?: () => { getName(): string; getValueRange(): Range | null }[] }).getFlags?.() ?? []) {
      const vr = f.getValueRange();
      if (vr && names.includes(f.getName().toLowerCase())) parts.push(rangeOf(vr));
    }
  };
  switch (kw) {
    case 'ENV':
    case 'LABEL':
      for (const p of (instr as unknown as { getProperties(): Property[] }).getProperties()) {
        parts.push(rangeOf(p.getNameRange()));
        const vr = p.getValueRange();
        if (vr) parts.push(rangeOf(vr));
      }
      break;
    case 'COPY':
    case 'ADD':
      flagValues(['chown', 'chmod', 'checksum']);
      for (const a of instr.getArguments()) if (!a.getValue().startsWith('<<')) parts.push(rangeOf(a.getRange()));
      break;
    case 'WORKDIR':
    case 'USER':
    case 'VOLUME':
    case 'STOPSIGNAL':
      for (const a of instr.getArguments()) parts.push(rangeOf(a.getRange()));
      break;
    case 'RUN':
      flagValues(['mount']);
      break;
  }
  return parts;
}

export default defineRule({
  id: 'buildkit/UndefinedVar',
  buildkit: 'UndefinedVar',
  severity: 'warning',
  description: 'Variables should be defined before their use.',
  messages: {
    undefined: "Usage of undefined variable '${name}'",
    undefinedSuggest: "Usage of undefined variable '${name}' (did you mean ${suggestion}?)",
  },
  checkStage({ model, report }, stage) {
    walk(model, stage, report);
  },
});

type Reporter = (r: { message: 'undefined' | 'undefinedSuggest'; data: Record<string, string>; range: Range }) => void;

/** Per model: the global values and the dispatched stages (the same for every stage). */
const fileFacts = new WeakMap<StageModel, { globals: Map<string, string | undefined>; dispatched: Set<number>; scopes: Map<number, Scope> }>();
function factsOf(model: StageModel) {
  let f = fileFacts.get(model);
  if (!f) {
    const globals = new Map<string, string | undefined>();
    for (const [k, v] of Object.entries(PLATFORM_ARG_VALUES)) globals.set(k, v);
    for (const a of model.globalArgs) {
      const v = Object.prototype.hasOwnProperty.call(model.buildArgs, a.name) ? model.buildArgs[a.name] : a.value;
      if (v !== undefined || !globals.has(a.name)) globals.set(a.name, v);
    }
    f = { globals, dispatched: new Set(dispatchedStages(model).map((s) => s.index)), scopes: new Map() };
    fileFacts.set(model, f);
  }
  return f;
}

/** The scope a stage ends with (what a stage built FROM it starts with), worked out once per model. */
function scopeAfter(model: StageModel, index: number): Scope {
  const facts = factsOf(model);
  let scope = facts.scopes.get(index);
  if (!scope) {
    scope = walk(model, model.stages[index]);
    facts.scopes.set(index, scope);
  }
  return scope;
}

/** Goes through a stage's instructions in order, reporting undefined variables when `report` is given; returns its final scope. */
function walk(model: StageModel, stage: Stage, report?: Reporter): Scope {
  const escape = model.dockerfile.getEscapeCharacter();
  const { globals, dispatched } = factsOf(model);
  // a parent is always an earlier stage
  const parentScope = stage.parent !== undefined && stage.parent < stage.index ? scopeAfter(model, stage.parent) : undefined;
  const imageEnv = parentScope ? undefined : baseImageEnv(model, stage);
  const scope: Scope = parentScope
    ? { env: [...parentScope.env], declared: new Set(parentScope.declared) }
    : { env: [...(imageEnv ?? [])], declared: new Set() };
  // A stage whose base image is unknown may get any variable from it: not checked.
  const checked = !!report && dispatched.has(stage.index) && baseImageEnv(model, stage) !== undefined;
  for (const instr of stage.instructions) {
    const check = (range: Range, env: string[]) => {
      if (!checked) return;
      const text = model.lines.getText(range);
      const seen = new Set<string>();
      for (const v of wordVariables(text, escape)) {
        if (env.includes(v.name) || scope.declared.has(v.name) || NON_ENV.has(v.name) || seen.has(v.name)) continue;
        seen.add(v.name);
        const s = suggest(v.name, env);
        const start = model.lines.positionAt(model.lines.offsetAt(range.start) + v.offset);
        report!({
          message: s ? 'undefinedSuggest' : 'undefined',
          data: { name: v.name, suggestion: s ?? '' },
          range: { start, end: { line: start.line, character: start.character + v.name.length } },
        });
      }
    };
    const add = (name: string) => {
      if (!scope.env.includes(name)) scope.env.push(name);
    };
    if (instr instanceof Arg) {
      for (const p of instr.getProperties()) {
        const name = p.getName();
        const vr = p.getValueRange();
        const provided = Object.prototype.hasOwnProperty.call(model.buildArgs, name);
        if (vr && !provided) check(rangeOf(vr), [...scope.env]);
        if (provided || vr || p.getValue() !== null || globals.get(name) !== undefined) {
          if (!NON_ENV.has(name)) add(name);
        }
        scope.declared.add(name);
      }
      continue;
    }
    const env = [...scope.env];
    for (const r of expandedParts(instr)) check(r, env);
    if (instr instanceof Env) for (const p of instr.getProperties()) add(p.getName());
  }
  return scope;
}
