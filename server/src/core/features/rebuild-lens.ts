/**
 * The stage lens `N of M steps rebuild when sources change`: the prediction for "a source file
 * changes" over every stage (`stageSummaries` in explain.ts, which walks again only the stages
 * whose inputs changed), once per model and context view. Pure.
 */
import type { ContextView } from '../context';
import type { StageModel } from '../model/stages';
import { stageSummaries, StageSummary } from '../explain';

const memo = new WeakMap<StageModel, { context: ContextView; stages: StageSummary[] }>();

/** Per stage (by index): its build steps and how many rebuild when a source file changes. Never throws. */
export function rebuildSummaries(model: StageModel, context: ContextView): StageSummary[] {
  const hit = memo.get(model);
  if (hit && hit.context === context) return hit.stages;
  let stages: StageSummary[] = [];
  try {
    stages = stageSummaries(model, context);
  } catch {
    stages = [];
  }
  memo.set(model, { context, stages });
  return stages;
}

export function rebuildLensTitle(s: StageSummary): string {
  return `${s.rebuilt} of ${s.steps} step${s.steps === 1 ? '' : 's'} rebuild when sources change`;
}
