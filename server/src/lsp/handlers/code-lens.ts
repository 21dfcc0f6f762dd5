import { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { stageLenses } from '../../core/features/stage-info';
import { Commands, StageCommandArgs } from '../../protocol';

/** `▶ Build <stage>` · `Run` · `Shell` on every FROM; the client runs the commands. */
export function codeLenses(ws: Workspace, doc: TextDocument): CodeLens[] {
  if (!ws.cachedSettings(doc.uri).codeLens.enable) return [];
  const model = ws.analysis(doc).model;
  if (!model) return [];
  const out: CodeLens[] = [];
  for (const l of stageLenses(model)) {
    const args: StageCommandArgs = { uri: doc.uri, target: l.target, stageIndex: l.stageIndex, line: l.range.start.line, named: l.named };
    const range = { start: l.range.start, end: l.range.start };
    out.push({ range, command: { title: `▶ Build ${l.target}`, command: Commands.buildStage, arguments: [args] } });
    out.push({ range, command: { title: 'Run', command: Commands.runStage, arguments: [args] } });
    out.push({ range, command: { title: 'Shell', command: Commands.shellStage, arguments: [args] } });
  }
  return out;
}
