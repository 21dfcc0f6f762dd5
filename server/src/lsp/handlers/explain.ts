import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { analyze } from '../../core/analyze';
import { explain, ExplainStep } from '../../core/explain';
import type { StageModel } from '../../core/model/stages';
import type { ExplainParams, ExplainResult, ExplainStepInfo } from '../../protocol';
import { URI } from '../uri';

/** `stagecraft/explain`: the prediction of `stagecraft explain` for the open document, with each step's range. */
export function explainDocument(ws: Workspace, doc: TextDocument, params: ExplainParams): ExplainResult | null {
  const contextDir = ws.contextDir(doc.uri);
  const config = ws.configFor(doc.uri);
  const targets = params.target ? [params.target] : (config.targets ?? []).slice(0, 1);
  // the cached analysis serves when it was made for the same single target
  const cached = ws.analysis(doc).model;
  const sameTarget = cached && (targets.length ? cached.explicitTargets && cached.targets.length === 1 && sameStage(cached, cached.targets[0], targets[0]) : !cached.explicitTargets);
  const model = sameTarget ? cached : analyze(doc.getText(), {}, { ...config, targets }).model;
  if (!model || !model.stages.length) return null;
  const changed = params.changed?.map((c) => contextRelative(c, contextDir));
  const result = explain(model, ws.fullContextView(doc.uri), { changed, changedArgs: params.changedArgs });
  const info = (s: ExplainStep, i?: number): ExplainStepInfo => {
    const stage = model.stages.find((x) => (x.name ?? String(x.index)) === s.stage || String(x.index) === s.stage);
    const instr = stage && [stage.from, ...stage.instructions].find((x) => x.getRange().start.line === s.line - 1);
    const r = instr?.getRange();
    return {
      ...s,
      stageIndex: stage?.index ?? -1,
      range: r ? { start: { ...r.start }, end: { ...r.end } } : { start: { line: s.line - 1, character: 0 }, end: { line: s.line - 1, character: 0 } },
      buildStep: i === undefined ? true : result.buildSteps[i],
    };
  };
  return {
    target: result.target,
    contextDir,
    anySource: result.anySource,
    steps: result.steps.map((s, i) => info(s, i)),
    stages: result.stages.map((s) => ({ stage: s.stage, index: s.index, steps: s.steps, rebuilt: s.rebuilt })),
    everyBuild: result.everyBuild.map((s) => info(s)),
  };
}

function sameStage(model: StageModel, index: number, target: string): boolean {
  const s = model.stages[index];
  return !!s && (String(index) === target || s.key === target.toLowerCase());
}

/** A changed file as the build context names it (a `file:` URI or a path already relative to the context). */
function contextRelative(changed: string, contextDir: string | undefined): string {
  const file = changed.startsWith('file:') ? URI.fsPath(changed) : undefined;
  if (!file || !contextDir) return changed;
  const rel = path.relative(contextDir, file).split(path.sep).join('/');
  return changed.endsWith('/') && !rel.endsWith('/') ? rel + '/' : rel;
}
