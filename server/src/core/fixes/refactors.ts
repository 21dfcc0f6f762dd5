import type { StageModel } from '../model/stages';
import type { BuildContextFacts } from '../context';
import type { Fix, Range } from '../types';
import { splitStagesRefactor } from './split-stages';

export interface RefactorAction {
  kind: 'refactor.rewrite';
  fix: Fix;
}

type Provider = (model: StageModel, context: BuildContextFacts, range: Range) => RefactorAction | undefined;

/** Refactors offered on a range of a Dockerfile, independent of any finding. */
const providers: Provider[] = [
  // Split into builder and runner: offered on any single-stage Dockerfile it applies to.
  (model, context) => {
    if (model.stages.length !== 1) return undefined;
    const fix = splitStagesRefactor(model, context);
    return fix && { kind: 'refactor.rewrite', fix };
  },
];

export function refactorActions(model: StageModel, context: BuildContextFacts, range: Range): RefactorAction[] {
  const out: RefactorAction[] = [];
  for (const p of providers) {
    try {
      const a = p(model, context, range);
      if (a) out.push(a);
    } catch {
      /* a refactor that cannot run offers nothing */
    }
  }
  return out;
}
