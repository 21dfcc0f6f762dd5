// The last build's result on a stage graph node (stage-graph-panel.ts adds it to the laid-out
// model; the webview colours the node by it). Pure, shared by the host and the webview.
import type { StageSummary } from './build-progress';

export type NodeBuildState = 'cached' | 'rebuilt' | 'failed';

export interface NodeBuild {
  state: NodeBuildState;
  /** `3 steps · 1 cached · 0.2 s` */
  title: string;
}

/** failed when a step failed, cached when every step came from cache, else rebuilt. */
export function nodeBuildState(sum: StageSummary): NodeBuildState {
  if (sum.failed > 0) return 'failed';
  return sum.cached === sum.steps ? 'cached' : 'rebuilt';
}
