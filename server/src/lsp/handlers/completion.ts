import { CompletionItem, CompletionItemKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { completableStages } from '../../core/features/stage-info';

/** Where stage names are expected: after `--from=`, inside `--mount=…from=`, and as the base of FROM. */
const STAGE_SLOT = [/--from=([\w.-]*)$/i, /--mount=\S*\bfrom=([\w.-]*)$/i, /^\s*FROM\s+(?:--\S+\s+)*([\w.-]*)$/i];

export function completion(ws: Workspace, doc: TextDocument, pos: Position): CompletionItem[] {
  const before = doc.getText({ start: { line: pos.line, character: 0 }, end: pos });
  const slot = STAGE_SLOT.map((r) => r.exec(before)).find(Boolean);
  if (!slot) return [];
  const model = ws.analysis(doc).model;
  if (!model) return [];
  const typed = slot[1];
  const range = { start: { line: pos.line, character: pos.character - typed.length }, end: pos };
  return completableStages(model, pos.line).map((s, i) => ({
    label: s.name,
    kind: CompletionItemKind.Module,
    detail: `stage ${s.index} · FROM ${s.base}`,
    sortText: String(1000 - s.index).padStart(4, '0') + i,
    textEdit: { range, newText: s.name },
  }));
}
