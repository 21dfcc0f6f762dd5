import type { StageModel } from '../model/stages';
import type { BuildContextFacts } from '../context';
import type { Fix, Range } from '../types';

export interface RefactorAction {
  kind: 'refactor.rewrite';
  fix: Fix;
}

type Provider = (model: StageModel, context: BuildContextFacts, range: Range) => RefactorAction | undefined;

/** Refactors offered on a range of a Dockerfile, independent of any finding. */
const providers: Provider[] = [];

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
