import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { hoverAt } from '../../core/features/hover';

/** Hover from the document's cached analysis: variables, flags, mount keys, heredocs, stages, keywords. */
export function hover(ws: Workspace, doc: TextDocument, pos: Position): Hover | null {
  const model = ws.analysis(doc).model;
  const h = model && hoverAt(model, pos);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
}
