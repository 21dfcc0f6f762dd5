/**
 * The "Cache key" section of an instruction's hover: what its BuildKit cache key depends on, from
 * `cacheInputs` (model/cache-keys.ts). Pure. The inputs are computed once per model (a WeakMap),
 * a copy's context files once per step and context view, so a hover costs a look-up and a format.
 */
import type { Instruction } from 'dockerfile-ast';
import { ContextView } from '../context';
import type { StageModel } from '../model/stages';
import { CopyInputs, StepInputs, VarInput, cacheInputs, copyBrings, isBuildStep } from '../model/cache-keys';

const memo = new WeakMap<StageModel, StepInputs[][]>();
/** The inputs without context files: those are matched per step, when that step is hovered. */
const NO_CONTEXT = new ContextView({});

/**
 * `cacheInputs` of the model, computed once per model, without the context files of each copy
 * (matching every context file against every COPY up front costs seconds on a large file with a
 * large context; `contextFiles` matches one step's sources when it is hovered). Never throws.
 */
export function cacheInputsFor(model: StageModel): StepInputs[][] {
  const hit = memo.get(model);
  if (hit) return hit;
  let inputs: StepInputs[][];
  try {
    inputs = cacheInputs(model, NO_CONTEXT);
  } catch {
    inputs = [];
  }
  memo.set(model, inputs);
  return inputs;
}

const files = new WeakMap<CopyInputs, { context: ContextView; files: string[] }>();

/** The context files (after .dockerignore and --exclude) a copy's sources bring; undefined when the context is not known. */
export function contextFiles(c: CopyInputs, context: ContextView): string[] | undefined {
  if (c.files) return c.files;
  if (!context.known) return undefined;
  const hit = files.get(c);
  if (hit && hit.context === context) return hit.files;
  let list: string[] = [];
  try {
    // a path a source brings starts with the source's text before its first pattern character:
    // a cheap test first, `copyBrings` decides
    const prefixes = c.sources.map((x) => (x === '.' ? '' : x.slice(0, x.search(/[*?[\\]|$/))));
    list = context.list().filter((p) => !p.endsWith('/') && prefixes.some((pre) => p.startsWith(pre)) && copyBrings(c, p, context)).sort();
  } catch {
    list = [];
  }
  files.set(c, { context, files: list });
  return list;
}

/** The step of an instruction (by identity, else by its first line). */
export function stepOf(inputs: StepInputs[][], instr: Instruction): StepInputs | undefined {
  const line = instr.getRange().start.line + 1;
  for (const stage of inputs) {
    for (const s of stage) if (s.instruction === instr || s.line === line) return s;
  }
  return undefined;
}

/** Files listed by name at most; the rest are counted. */
export const LISTED_FILES = 8;

const code = (s: string): string => {
  const t = s.replace(/\n/g, ' ');
  const cut = t.length > 80 ? t.slice(0, 79) + '…' : t;
  const ticks = cut.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${cut}${ticks.length > 1 ? ' ' : ''}${ticks}`;
};

function stageName(model: StageModel, index: number): string {
  const s = model.stages[index];
  return s?.name ? `\`${s.name}\`` : `stage ${index}`;
}

function varLine(v: VarInput): string {
  const value = v.value === undefined ? 'no value' : code(`${v.name}=${v.value}`);
  const where = v.stage < 0 ? 'global, line' : 'line';
  return `${v.kind.toUpperCase()} \`${v.name}\`: ${value} (${where} ${v.line + 1})`;
}

/** The step whose key this step's key holds: the previous build step of the stage, else the base. */
function parentLine(model: StageModel, inputs: StepInputs[][], step: StepInputs): string | undefined {
  const steps = inputs[step.stage] ?? [];
  const k = steps.indexOf(step);
  for (let i = k - 1; i >= 1; i--) {
    if (isBuildStep(steps[i])) return `${code(steps[i].text.split('\n')[0])} (line ${steps[i].line})`;
  }
  const stage = model.stages[step.stage];
  if (!stage) return undefined;
  if (stage.parent !== undefined) return `the last step of stage ${stageName(model, stage.parent)} (\`FROM\`, line ${steps[0]?.line ?? stage.from.getRange().start.line + 1})`;
  if (stage.scratch) return '`scratch` (an empty base)';
  return `base image ${code(stage.baseResolved)} (line ${steps[0]?.line ?? stage.from.getRange().start.line + 1})`;
}

/**
 * The markdown section listing what the step's cache key depends on: the parent step, the text
 * after expansion, the variables it reads, the context files its sources bring, the source stage
 * of `--from`, mounts and secrets, the base image's digest, and `unknown` with the reason.
 */
export function cacheInputsMarkdown(model: StageModel, inputs: StepInputs[][], step: StepInputs, context: ContextView): string {
  const lines: string[] = [];
  const add = (s: string) => lines.push(`- ${s}`);
  if (step.unknown) add(`**unknown**: ${step.unknown}`);
  if (step.kind === 'from') {
    if (model.stages[step.stage]?.parent !== undefined) add(`continues stage ${stageName(model, model.stages[step.stage].parent!)}: its steps are this stage's first steps`);
    else if (step.image) add(step.image.digest ? `base image ${code(step.image.ref)}, pinned to \`${step.image.digest}\`` : `base image ${code(step.image.ref)}: not pinned, the digest its tag resolves to at build time`);
    else if (model.stages[step.stage]?.scratch) add('`scratch`: no base image');
    for (const v of step.vars) add(varLine(v));
  } else if (step.kind === 'metadata') {
    add(`no step of its own: image metadata${/^(ARG|ENV|USER|SHELL)$/.test(step.keyword) ? `; the steps after it read its ${step.keyword === 'ARG' || step.keyword === 'ENV' ? 'values' : 'setting'}` : ''}`);
    for (const v of step.vars) if (v.line + 1 !== step.line) add(`reads ${varLine(v)}`);
  } else {
    const parent = parentLine(model, inputs, step);
    if (parent) add(`parent step: ${parent}`);
    if (step.kind === 'run') add(`command as written: ${code(step.text)}`);
    else add(`text after expansion: ${code(step.expanded)}`);
    if (step.kind === 'run') {
      if (step.vars.length) {
        add(`environment (every ARG with a value and ENV in effect, read or not): ${step.vars.length}`);
        for (const v of step.vars.slice(0, LISTED_FILES)) lines.push(`  - ${varLine(v)}`);
        if (step.vars.length > LISTED_FILES) lines.push(`  - … and ${step.vars.length - LISTED_FILES} more`);
      }
    } else {
      for (const v of step.vars) add(`reads ${varLine(v)}`);
    }
    if (step.fromStage !== undefined) add(`source stage ${stageName(model, step.fromStage)} (\`--from\`): keyed by the content of the copied files, so it re-runs only when they differ`);
    else if (step.image && step.kind === 'copy') add(`source image ${code(step.image.ref)}${step.image.digest ? ', pinned' : ': not pinned, resolved at build time'}`);
    if (step.context) {
      const c = step.context;
      const matched = contextFiles(c, context);
      const what = `${c.sources.map(code).join(', ')}${c.excludes.length ? `, excluding ${c.excludes.map(code).join(', ')}` : ''}${c.parents ? ' (`--parents`)' : ''}`;
      if (!matched) add(`context files matched by ${what}: unknown (the build context is not known)`);
      else if (!matched.length) add(`context files matched by ${what}: none${context.hasDockerignore === true ? ' (after `.dockerignore`)' : ''}`);
      else {
        add(`context files (content and mode) matched by ${what}${context.hasDockerignore === true ? ', after `.dockerignore`' : ''}: ${matched.length}`);
        for (const f of matched.slice(0, LISTED_FILES)) lines.push(`  - \`${f}\``);
        if (matched.length > LISTED_FILES) lines.push(`  - … and ${matched.length - LISTED_FILES} more`);
      }
    }
    for (const m of step.mounts) {
      const from = m.fromStage !== undefined ? ` from stage ${stageName(model, m.fromStage)}` : m.fromImage ? ` from ${code(m.fromImage)}` : '';
      const src = m.source ? ` source \`${m.source}\`` : '';
      const id = m.id && m.type !== 'secret' && m.type !== 'ssh' ? ` id \`${m.id}\`` : '';
      if (m.type === 'secret' || m.type === 'ssh') continue;
      add(`mount \`type=${m.type}\`${from}${src}${id}: ${m.keyed ? 'its content is part of the key' : 'not part of the key'}`);
    }
    for (const s of step.secrets) add(`secret \`${s}\`: mounted, its content is never part of the key`);
    if (step.mounts.some((m) => m.type === 'ssh')) add('ssh agent forwarded: not part of the key');
  }
  for (const n of step.notes) add(n);
  return `**Cache key** (what makes BuildKit re-run this step)\n\n${lines.join('\n')}`;
}
