import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { stageHover } from '../../core/features/stage-info';

export function hover(ws: Workspace, doc: TextDocument, pos: Position): Hover | null {
  const model = ws.analysis(doc).model;
  const h = model && stageHover(model, pos);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
}
