/**
 * "What rebuilds if …": predicts, for every instruction on the target's path, whether BuildKit
 * reuses its cached step or re-runs it, from the cache inputs of `model/cache-keys.ts`, the
 * files that changed and the build arguments that changed. Pure; never throws.
 *
 * Without a list of changed files it answers for "a source file changes": any build-context file
 * that is not a dependency manifest or lock file. Build arguments named like a commit, a date or a
 * build number and declared without a default (`ARG GIT_SHA`) are assumed to get a new value on
 * every build unless the caller gives their value.
 */
import type { ContextView } from './context';
import type { StageModel } from './model/stages';
import { MANIFESTS } from './model/installs';
import { StageInputs, StepInputs, VarInput, copyBrings, isBuildStep, isVolatileArg, sourceBringsPath, stageInputs } from './model/cache-keys';

export type StepStatus = 'reused' | 'rebuilt' | 'depends' | 'unknown';

/** One instruction's prediction: the `--format json` entry of `stagecraft explain` (API). */
export interface ExplainStep {
  stage: string;
  line: number;
  instruction: string;
  status: StepStatus;
  cause: string | null;
}

export interface ExplainOptions {
  /** Build-context paths (relative to the context root; folders end with `/`) whose content changed. Undefined: "a source file changes". */
  changed?: string[];
  /** Build arguments whose value changed since the last build. */
  changedArgs?: string[];
}

export interface StageSummary {
  stage: string;
  index: number;
  /** Instructions BuildKit runs as steps (FROM an image, RUN, COPY, ADD, WORKDIR). */
  steps: number;
  rebuilt: number;
}

export interface Explanation {
  /** The target stage's name, or its index. */
  target: string;
  steps: ExplainStep[];
  /** Which build steps the prediction is about (metadata instructions have no step). */
  buildSteps: boolean[];
  /** Steps that re-run on every build whatever changed (volatile build arguments, URLs). */
  everyBuild: ExplainStep[];
  stages: StageSummary[];
  /** true when no changed files were given: the answer is for "a source file changes". */
  anySource: boolean;
}

const DEPENDENCY_FILES: RegExp[] = (() => {
  const names = new Set<string>(['requirements*.txt', 'constraints*.txt', 'go.sum', 'go.work', 'go.work.sum', 'Directory.Packages.props', 'Directory.Build.props', 'NuGet.config', 'nuget.config', '.npmrc', '.yarnrc', '.yarnrc.yml', 'gradle-wrapper.properties', 'mvnw', 'gradlew', '.python-version', '.nvmrc', '.tool-versions']);
  for (const m of Object.values(MANIFESTS)) for (const n of [...(m?.manifests ?? []), ...(m?.locks ?? [])]) names.add(n);
  return [...names].map((n) => new RegExp(`^${n.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
})();

/** Whether a context path is a dependency manifest, lock file or package-manager setting (not a "source file"). */
export function isDependencyFile(path: string): boolean {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return DEPENDENCY_FILES.some((re) => re.test(base));
}

function short(text: string): string {
  const first = text.split('\n')[0].trim();
  return first.length > 60 ? first.slice(0, 59) + '…' : first;
}

function stageLabel(model: StageModel, index: number): string {
  return model.stages[index]?.name ?? String(index);
}

interface Chain {
  status: StepStatus;
  cause: string | null;
}

interface Change {
  files?: string[];
  args: Set<string>;
  /** Only what changes on every build (volatile arguments, URLs): no file changes. */
  everyBuildOnly: boolean;
}

export function explain(model: StageModel, context: ContextView, options: ExplainOptions = {}): Explanation {
  const entries = stageInputs(model, context);
  const inputs = entries.map((e) => e.steps);
  const anySource = options.changed === undefined;
  const files = options.changed?.map(normalizeChanged).filter((p) => p && !p.startsWith('../'));
  const args = new Set(options.changedArgs ?? []);
  const main = anySource && !args.size ? keptWalks(model, context, entries, 'any').map((w) => w.list) : walk(model, context, inputs, { files, args, everyBuildOnly: false });
  const every = keptWalks(model, context, entries, 'every').map((w) => w.list);
  const targetIndex = model.targets[0] ?? model.stages.length - 1;
  const order = [...model.needed].sort((a, b) => a - b);
  const steps: ExplainStep[] = [];
  const buildSteps: boolean[] = [];
  const everyBuild: ExplainStep[] = [];
  const stages: StageSummary[] = [];
  for (const i of order) {
    let n = 0;
    let r = 0;
    inputs[i].forEach((s, k) => {
      const e = main[i][k];
      steps.push(e);
      const b = isBuildStep(s);
      buildSteps.push(b);
      if (b) {
        n++;
        if (e.status === 'rebuilt') r++;
      }
      const ev = every[i][k];
      if (b && (ev.status === 'rebuilt' || ev.status === 'unknown') && ev.cause && !/^parent step|^stage .* rebuilt|^follows/.test(ev.cause)) everyBuild.push(ev);
    });
    stages.push({ stage: stageLabel(model, i), index: i, steps: n, rebuilt: r });
  }
  return { target: model.stages.length ? stageLabel(model, targetIndex) : '', steps, buildSteps, everyBuild, stages, anySource };
}

/**
 * Per stage (by index): its build steps and how many rebuild when a source file changes (the
 * stage lens). Walks only the stages whose inputs, or the chains of the stages they read, changed.
 * Never throws.
 */
export function stageSummaries(model: StageModel, context: ContextView): StageSummary[] {
  return keptWalks(model, context, stageInputs(model, context), 'any').map((w, i) => ({ stage: stageLabel(model, i), index: i, steps: w.steps, rebuilt: w.rebuilt }));
}

/** A stage's walk for one of the two changes that name no file or argument, with the chains of the stages it read. */
interface KeptWalk {
  reads: Array<[number, Chain | undefined]>;
  list: ExplainStep[];
  final: Chain;
  /** Its build steps, and how many the walk rebuilds. */
  steps: number;
  rebuilt: number;
}

const FIXED_CHANGES: Record<'any' | 'every', Change> = {
  /** "a source file changes" */
  any: { args: new Set(), everyBuildOnly: false },
  /** what changes on every build */
  every: { files: [], args: new Set(), everyBuildOnly: true },
};
/** Kept per stage inputs entry (which is per context view: a walk reads the context's files too). */
const kept = { any: new WeakMap<StageInputs, KeptWalk>(), every: new WeakMap<StageInputs, KeptWalk>() };

const sameChain = (a: Chain | undefined, b: Chain | undefined): boolean => a === b || (!!a && !!b && a.status === b.status && a.cause === b.cause);

/**
 * The walk of every stage for a fixed change. A stage's walk reads its own inputs (with the
 * variables, global ARGs, build arguments and context they were computed from) and the chains its
 * parent and the stages it copies or mounts from end in: kept while those are the same.
 */
function keptWalks(model: StageModel, context: ContextView, entries: StageInputs[], which: 'any' | 'every'): KeptWalk[] {
  const byEntry = kept[which];
  let stageWalk: StageWalker | undefined;
  const out: KeptWalk[] = [];
  for (let si = 0; si < entries.length; si++) {
    const entry = entries[si];
    const hit = byEntry.get(entry);
    if (hit && hit.reads.every(([i, c]) => sameChain(out[i]?.final, c))) {
      out.push(hit);
      continue;
    }
    stageWalk ??= walker(model, context, FIXED_CHANGES[which]);
    const reads: KeptWalk['reads'] = [];
    const { list, final } = stageWalk(si, entry.steps, (i) => {
      const f = out[i]?.final;
      reads.push([i, f]);
      return f;
    });
    let steps = 0;
    let rebuilt = 0;
    entry.steps.forEach((s, k) => {
      if (!isBuildStep(s)) return;
      steps++;
      if (list[k].status === 'rebuilt') rebuilt++;
    });
    const w: KeptWalk = { reads, list, final, steps, rebuilt };
    byEntry.set(entry, w);
    out.push(w);
  }
  return out;
}

function normalizeChanged(p: string): string {
  let s = p.replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s.replace(/^\/+/, '').replace(/\/{2,}/g, '/');
}

/** Walks one stage's steps: its predictions, and the state its chain ends in (what stages built on it start from). */
type StageWalker = (si: number, steps: StepInputs[], finalOf: (index: number) => Chain | undefined) => { list: ExplainStep[]; final: Chain };

function walk(model: StageModel, context: ContextView, inputs: StepInputs[][], change: Change): ExplainStep[][] {
  const stageWalk = walker(model, context, change);
  const finals: Chain[] = [];
  const out: ExplainStep[][] = [];
  for (let si = 0; si < model.stages.length; si++) {
    const { list, final } = stageWalk(si, inputs[si], (i) => finals[i]);
    finals[si] = final;
    out.push(list);
  }
  return out;
}

/** The walker of one change: what every stage's walk shares (the causes of the variables, by input). */
function walker(model: StageModel, context: ContextView, change: Change): StageWalker {
  const argCause = (name: string, declaredWithDefault: boolean): string | undefined => {
    if (change.args.has(name)) return `ARG ${name} changed`;
    if (!declaredWithDefault && isVolatileArg(name) && !Object.prototype.hasOwnProperty.call(model.buildArgs, name)) return `ARG ${name} changes every build`;
    return undefined;
  };
  const causes = new Map<VarInput, string | null>();
  const varCause = (v: VarInput, depth = 0): string | undefined => {
    if (causes.has(v)) return causes.get(v) ?? undefined;
    let c: string | undefined;
    if (v.kind === 'arg') {
      const withDefault = v.via !== undefined || (v.value !== undefined && !declaredBare(model, v));
      c = argCause(v.name, withDefault);
    }
    if (!c && depth < 20) {
      for (const src of v.sources ?? []) {
        const sc = varCause(src, depth + 1);
        if (sc) {
          c = v.kind === 'env' ? `ENV ${v.name} changes: ${sc}` : sc;
          break;
        }
      }
    }
    causes.set(v, c ?? null);
    return c;
  };
  const fileCause = (bring: (p: string) => boolean, knownFiles: string[] | undefined, exactNames: string[] | undefined, what: string): string | undefined => {
    if (change.everyBuildOnly) return undefined;
    if (change.files) {
      const hit = change.files.find((p) => bring(p));
      return hit ? `${hit} changed → ${what}` : undefined;
    }
    // "a source file changes"
    if (knownFiles) {
      // (the first match, not a filter of the whole list: a context has tens of thousands of files)
      const isSource = (f: string) => !isDependencyFile(f);
      const src = knownFiles.find((f) => isSource(f) && !/(^|\/)\.|(^|\/)(Dockerfile|Containerfile)[^/]*$|\.Dockerfile$/.test(f)) ?? knownFiles.find(isSource);
      return src ? `a source file change (e.g. ${src}) → ${what}` : undefined;
    }
    if (exactNames && exactNames.length && exactNames.every((n) => !/[*?[]/.test(n) && n !== '.' && isDependencyFile(n))) return undefined;
    return `a source file change → ${what}`;
  };

  return (si, steps, finalOf) => {
    const stage = model.stages[si];
    const label = stageLabel(model, si);
    const list: ExplainStep[] = [];
    let chain: Chain = { status: 'reused', cause: null };
    let metaCause: string | undefined; // a USER or SHELL whose value changed: later RUNs see it
    for (const s of steps) {
      const what = `${short(s.text)} at line ${s.line}`;
      let own: Chain | undefined;
      let varC: string | undefined;
      for (const v of s.vars) {
        varC = varCause(v);
        if (varC) break;
      }
      if (s.kind === 'from') {
        if (stage.parent !== undefined) {
          const p = finalOf(stage.parent) ?? { status: 'reused', cause: null };
          const entry: ExplainStep = {
            stage: label, line: s.line, instruction: s.text, status: p.status,
            cause: p.status === 'reused' ? null : p.status === 'rebuilt' ? `stage ${stageLabel(model, stage.parent)} rebuilt` : p.cause,
          };
          list.push(entry);
          chain = { status: p.status, cause: entry.cause };
          continue;
        }
        if (varC) own = { status: 'rebuilt', cause: `${varC} → ${what}` };
        else if (s.unknown) own = { status: 'unknown', cause: s.unknown };
        const entry: ExplainStep = { stage: label, line: s.line, instruction: s.text, status: own?.status ?? 'reused', cause: own?.cause ?? null };
        list.push(entry);
        chain = { status: entry.status, cause: entry.status === 'reused' ? null : entry.cause };
        continue;
      }
      if (s.kind === 'metadata') {
        const entry: ExplainStep = { stage: label, line: s.line, instruction: s.text, status: 'reused', cause: null };
        if (varC) {
          entry.status = 'rebuilt';
          entry.cause = s.keyword === 'ARG' || s.keyword === 'ENV' ? `${varC} (read by the steps after it)` : `${varC} (image metadata only: no step runs)`;
          if (s.keyword === 'USER' || s.keyword === 'SHELL') metaCause = `${s.keyword} at line ${s.line} changes: ${varC}`;
        }
        list.push(entry);
        continue;
      }
      // build steps
      if (varC) own = { status: 'rebuilt', cause: varC };
      if (!own && s.kind === 'run' && metaCause) own = { status: 'rebuilt', cause: metaCause };
      if (!own && s.kind === 'run') {
        for (const m of s.mounts) {
          if (!m.keyed) continue;
          if (m.fromStage !== undefined) {
            const f = finalOf(m.fromStage);
            if (f && f.status !== 'reused') {
              own = { status: 'depends', cause: `mounts files of stage ${stageLabel(model, m.fromStage)}, which rebuilds: re-runs only if they differ` };
              break;
            }
          } else if (m.fromImage === undefined && m.type === 'bind') {
            const src = m.source ?? '.';
            const c = fileCause((p) => !context.ignored(p) && sourceBringsPath(src, p), context.known ? context.list().filter((p) => !p.endsWith('/') && !context.ignored(p) && sourceBringsPath(src, p)) : undefined, [src], what);
            if (c) {
              own = { status: 'rebuilt', cause: c };
              break;
            }
          }
        }
      }
      if (!own && s.kind === 'copy') {
        if (s.context) {
          const c = s.context;
          const cc = fileCause((p) => copyBrings(c, p, context), c.files, c.sources, what);
          if (cc) own = { status: 'rebuilt', cause: cc };
          else if (change.files?.some((p) => p === '.dockerignore')) own = { status: 'unknown', cause: '.dockerignore changed: the files this copy brings may differ' };
        }
        if (!own && s.fromStage !== undefined) {
          const f = finalOf(s.fromStage);
          if (f && f.status !== 'reused') {
            own = f.status === 'unknown'
              ? { status: 'unknown', cause: `copies from stage ${stageLabel(model, s.fromStage)}, whose steps cannot be predicted` }
              : { status: 'depends', cause: `stage ${stageLabel(model, s.fromStage)} rebuilds: re-runs only if the copied files differ` };
          }
        }
      }
      if (!own && s.unknown) own = { status: 'unknown', cause: s.unknown };
      const link = s.notes.some((n) => n.startsWith('--link'));
      let entry: ExplainStep;
      if (chain.status === 'rebuilt' && link && !own) {
        entry = { stage: label, line: s.line, instruction: s.text, status: 'unknown', cause: 'COPY --link after a rebuilt step: BuildKit keys the copy without the steps before it, the steps after it rebuild' };
        list.push(entry);
        continue; // the chain stays rebuilt
      }
      if (chain.status === 'rebuilt') entry = { stage: label, line: s.line, instruction: s.text, status: 'rebuilt', cause: 'parent step rebuilt' };
      else if (own?.status === 'rebuilt') entry = { stage: label, line: s.line, instruction: s.text, status: 'rebuilt', cause: own.cause };
      else if (own?.status === 'unknown') entry = { stage: label, line: s.line, instruction: s.text, status: 'unknown', cause: own.cause };
      else if (chain.status === 'unknown') entry = { stage: label, line: s.line, instruction: s.text, status: 'unknown', cause: chain.cause };
      else if (own?.status === 'depends') entry = { stage: label, line: s.line, instruction: s.text, status: 'depends', cause: own.cause };
      else if (chain.status === 'depends') entry = { stage: label, line: s.line, instruction: s.text, status: 'depends', cause: chain.cause };
      else entry = { stage: label, line: s.line, instruction: s.text, status: 'reused', cause: null };
      list.push(entry);
      if (entry.status === 'rebuilt') chain = { status: 'rebuilt', cause: entry.cause };
      else if (entry.status === 'unknown' && chain.status !== 'unknown') chain = { status: 'unknown', cause: `follows line ${s.line}, which cannot be predicted` };
      else if (entry.status === 'depends' && chain.status === 'reused') chain = { status: 'depends', cause: `follows line ${s.line}: rebuilds only if that step re-runs` };
    }
    return { list, final: chain };
  };
}

/** Whether an ARG input was declared without a default in its stage (its value comes from a build argument or a global default). */
function declaredBare(model: StageModel, v: VarInput): boolean {
  if (v.stage < 0) return !model.globalArgs.some((a) => a.name === v.name && a.value !== undefined);
  const d = model.decls.find((x) => x.kind === 'arg' && x.name === v.name && x.instruction.getRange().start.line === v.line);
  if (!d || d.value !== undefined) return false;
  // a bare stage ARG that takes a global default has a default
  return !model.globalArgs.some((a) => a.name === v.name && a.value !== undefined);
}
