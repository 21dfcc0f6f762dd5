/**
 * The stage lens `N of M steps rebuild when sources change`: `explain` without changed files
 * ("a source file changes") over every stage, computed once per model and context view. Pure.
 */
import type { ContextView } from '../context';
import type { StageModel } from '../model/stages';
import { explain, StageSummary } from '../explain';

const memo = new WeakMap<StageModel, { context: ContextView; stages: StageSummary[] }>();

/** Per stage (by index): its build steps and how many rebuild when a source file changes. Never throws. */
export function rebuildSummaries(model: StageModel, context: ContextView): StageSummary[] {
  const hit = memo.get(model);
  if (hit && hit.context === context) return hit.stages;
  let stages: StageSummary[] = [];
  try {
    // a step's prediction depends only on the stages it builds on: ask for every stage at once
    const all = { ...model, needed: new Set(model.stages.map((s) => s.index)) };
    stages = explain(all, context).stages;
  } catch {
    stages = [];
  }
  memo.set(model, { context, stages });
  return stages;
}

export function rebuildLensTitle(s: StageSummary): string {
  return `${s.rebuilt} of ${s.steps} step${s.steps === 1 ? '' : 's'} rebuild when sources change`;
}
