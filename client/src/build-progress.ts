// Pure reading of BuildKit's `--progress=plain` output into per-step results: which steps were
// served from cache, which ran and for how long. Knows nothing about VS Code (unit-tested in
// test/client/build-progress.test.ts on output captured from a real engine).
//
// The lines it reads (docker 20.10 and later, BuildKit):
//   #5 [builder 2/4] RUN mkdir -p /out        a vertex's name: stage, step k of m, instruction
//   #5 0.111 some output                      the step's own output (ignored)
//   #5 CACHED | #5 DONE 0.1s | #5 ERROR: … | #5 CANCELED
// `[internal] …` vertices and `exporting to image` have no step number and are left out.

export type StepOutcome = 'cached' | 'built' | 'failed' | 'canceled' | 'running';

export interface BuildStep {
  /** The vertex number BuildKit printed (`#5`). */
  vertex: number;
  /** The stage as BuildKit names it: its name, `stage-<index>`, or '' for a one-stage Dockerfile. */
  stage: string;
  /** 1-based position of the step in its stage (1 is FROM), and the stage's step count. */
  index: number;
  total: number;
  /** The instruction as BuildKit printed it (`RUN mkdir -p /out`). */
  instruction: string;
  outcome: StepOutcome;
  /** Seconds BuildKit reported (`DONE 1.2s`); 0 for a cached step; undefined while running or failed. */
  seconds: number | undefined;
  /** The error text of a failed step. */
  error?: string;
}

export interface StageSummary {
  stage: string;
  /** Steps other than FROM that BuildKit reported for this stage. */
  steps: number;
  cached: number;
  built: number;
  failed: number;
  seconds: number;
}

const NAME = /^#(\d+) \[(?:[^\]\s]+ )*?(?:([^\]\s]+) )?(\d+)\/(\d+)\] (.*)$/;
const STATUS = /^#(\d+) (CACHED|DONE (\d+(?:\.\d+)?)s|ERROR(?::\s*(.*))?|CANCELED)\s*$/;

/** Parses the whole output (or what arrived so far); steps in the order BuildKit first named them. */
export function parsePlainProgress(text: string): BuildStep[] {
  const byVertex = new Map<number, BuildStep>();
  const order: BuildStep[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = stripAnsi(raw).trimEnd();
    if (!line.startsWith('#')) continue;
    const named = NAME.exec(line);
    if (named) {
      const vertex = Number(named[1]);
      if (byVertex.has(vertex)) continue; // the name is printed again when output interleaves
      const step: BuildStep = {
        vertex,
        stage: named[2] ?? '',
        index: Number(named[3]),
        total: Number(named[4]),
        instruction: named[5].trim(),
        outcome: 'running',
        seconds: undefined,
      };
      byVertex.set(vertex, step);
      order.push(step);
      continue;
    }
    const status = STATUS.exec(line);
    if (!status) continue;
    const step = byVertex.get(Number(status[1]));
    if (!step) continue;
    if (status[2] === 'CACHED') {
      step.outcome = 'cached';
      step.seconds = 0;
    } else if (status[3] !== undefined) {
      if (step.outcome !== 'cached') step.outcome = 'built';
      if (step.outcome === 'built') step.seconds = Number(status[3]);
    } else if (status[2].startsWith('ERROR')) {
      step.outcome = 'failed';
      step.error = status[4]?.trim() || undefined;
    } else {
      step.outcome = 'canceled';
    }
  }
  return order;
}

/** Per stage, in the order the stages first appear: FROM steps are not counted (nothing is built). */
export function summarize(steps: readonly BuildStep[]): StageSummary[] {
  const stages = new Map<string, StageSummary>();
  for (const s of steps) {
    let sum = stages.get(s.stage);
    if (!sum) {
      sum = { stage: s.stage, steps: 0, cached: 0, built: 0, failed: 0, seconds: 0 };
      stages.set(s.stage, sum);
    }
    if (isFrom(s)) continue;
    sum.steps++;
    if (s.outcome === 'cached') sum.cached++;
    else if (s.outcome === 'built') sum.built++;
    else if (s.outcome === 'failed') sum.failed++;
    sum.seconds += s.seconds ?? 0;
  }
  for (const sum of stages.values()) sum.seconds = Math.round(sum.seconds * 10) / 10;
  return [...stages.values()];
}

export function isFrom(step: BuildStep): boolean {
  return /^FROM\s/i.test(step.instruction);
}

/** `3 steps · 1 cached · 0.2 s` (and `· 1 failed` when one failed). */
export function summaryTitle(sum: StageSummary): string {
  const parts = [`${sum.steps} ${sum.steps === 1 ? 'step' : 'steps'}`, `${sum.cached} cached`];
  if (sum.failed > 0) parts.push(`${sum.failed} failed`);
  parts.push(`${formatSeconds(sum.seconds)} s`);
  return parts.join(' · ');
}

/** One step's result for a hover: `rebuilt in 0.1 s`, `cached`, `failed: …`. */
export function outcomeText(step: BuildStep): string {
  switch (step.outcome) {
    case 'cached': return 'cached';
    case 'built': return `rebuilt in ${formatSeconds(step.seconds ?? 0)} s`;
    case 'failed': return step.error ? `failed: ${step.error}` : 'failed';
    case 'canceled': return 'canceled';
    default: return 'did not finish';
  }
}

export function formatSeconds(s: number): string {
  return (Math.round(s * 10) / 10).toFixed(1);
}

/** The flag that asks docker for this output: every BuildKit docker client knows `plain`. */
export const PROGRESS_FLAG = '--progress=plain';

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/** What matching needs of a `stagecraft/explain` step (protocol.ts's ExplainStepInfo). */
export interface PredictedStep {
  stage: string;
  stageIndex: number;
  /** 1-based line. */
  line: number;
  instruction: string;
  status: 'reused' | 'rebuilt' | 'depends' | 'unknown';
  buildStep: boolean;
}

export interface StageRef { index: number; name?: string }

/** BuildKit's label for a stage: its name, `stage-<index>` when unnamed, nothing in a one-stage file. */
export function matchesStage(label: string, stage: StageRef, stageCount: number): boolean {
  if (label === '') return stageCount === 1;
  if (stage.name !== undefined && stage.name.toLowerCase() === label.toLowerCase()) return true;
  return label === `stage-${stage.index}`;
}

/**
 * The predicted step for each BuildKit step: BuildKit's `k/m` counts the stage's build steps
 * (FROM is 1), which are the explain steps with `buildStep`. A step whose instruction keyword
 * differs from the prediction's is left unmatched rather than guessed.
 */
export function matchPredictions(steps: readonly BuildStep[], predicted: readonly PredictedStep[], stages: readonly StageRef[]):
  { step: BuildStep; predicted: PredictedStep | undefined; stageIndex: number | undefined }[] {
  return steps.map((step) => {
    const stage = stages.find((s) => matchesStage(step.stage, s, stages.length));
    if (!stage) return { step, predicted: undefined, stageIndex: undefined };
    const own = predicted.filter((p) => p.stageIndex === stage.index && p.buildStep);
    const list: (PredictedStep | undefined)[] = own.length > 0 && keyword(own[0].instruction) === 'FROM' ? own : [undefined, ...own];
    const p = list[step.index - 1];
    const ok = p !== undefined && keyword(p.instruction) === keyword(step.instruction);
    return { step, predicted: ok ? p : undefined, stageIndex: stage.index };
  });
}

/** `prediction disagreed: …` lines: a step predicted reused that BuildKit ran, or predicted to rebuild that it took from cache. */
export function disagreements(matched: ReturnType<typeof matchPredictions>): string[] {
  const out: string[] = [];
  for (const { step, predicted } of matched) {
    if (!predicted || isFrom(step)) continue;
    const ran = step.outcome === 'built';
    const cached = step.outcome === 'cached';
    if ((predicted.status === 'reused' && ran) || (predicted.status === 'rebuilt' && cached)) {
      out.push(`prediction disagreed: line ${predicted.line} ${clip(step.instruction)} (stage ${predicted.stage}): ` +
        `predicted ${predicted.status}, BuildKit ${ran ? `rebuilt it in ${formatSeconds(step.seconds ?? 0)} s` : 'took it from cache'}`);
    }
  }
  return out;
}

function keyword(instruction: string): string {
  return instruction.trim().split(/\s+/, 1)[0].toUpperCase();
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
