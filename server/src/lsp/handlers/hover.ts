import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { hoverWithCacheInputs } from '../../core/features/hover';
import { cacheInputsFor } from '../../core/features/cache-hover';

/**
 * Hover from the document's cached analysis: variables, flags, mount keys, heredocs, stages,
 * keywords; an instruction keyword's hover ends with its cache inputs (computed once per analysis).
 */
export function hover(ws: Workspace, doc: TextDocument, pos: Position): Hover | null {
  const model = ws.analysis(doc).model;
  if (!model) return null;
  const context = ws.fullContextView(doc.uri);
  const h = hoverWithCacheInputs(model, pos, cacheInputsFor(model), context);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
}
