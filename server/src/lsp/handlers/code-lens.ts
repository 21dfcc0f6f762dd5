import { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { stageLenses } from '../../core/features/stage-info';
import { rebuildLensTitle, rebuildSummaries } from '../../core/features/rebuild-lens';
import { Commands, ExplainLensArgs, StageCommandArgs } from '../../protocol';

/**
 * `▶ Build <stage>` · `Run` · `Shell` · `N of M steps rebuild when sources change` on every FROM;
 * the client runs the commands (the last one highlights those steps).
 */
export function codeLenses(ws: Workspace, doc: TextDocument): CodeLens[] {
  if (!ws.cachedSettings(doc.uri).codeLens.enable) return [];
  const model = ws.analysis(doc).model;
  if (!model) return [];
  const summaries = rebuildSummaries(model, ws.fullContextView(doc.uri));
  const out: CodeLens[] = [];
  for (const l of stageLenses(model)) {
    const args: StageCommandArgs = { uri: doc.uri, target: l.target, stageIndex: l.stageIndex, line: l.range.start.line, named: l.named };
    const range = { start: l.range.start, end: l.range.start };
    out.push({ range, command: { title: `▶ Build ${l.target}`, command: Commands.buildStage, arguments: [args] } });
    out.push({ range, command: { title: 'Run', command: Commands.runStage, arguments: [args] } });
    out.push({ range, command: { title: 'Shell', command: Commands.shellStage, arguments: [args] } });
    const s = summaries[l.stageIndex];
    if (s && s.steps > 0) {
      const explainArgs: ExplainLensArgs = { uri: doc.uri, target: l.target, stageIndex: l.stageIndex };
      out.push({ range, command: { title: rebuildLensTitle(s), command: Commands.explainFileChange, arguments: [explainArgs] } });
    }
  }
  return out;
}
