import { DocumentLink } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { documentLinks as links } from '../../core/features/links';

/** textDocument/documentLink: base images to their registry page. */
export function documentLinks(ws: Workspace, doc: TextDocument): DocumentLink[] {
  const model = ws.analysis(doc).model;
  return model ? links(model).map((l) => ({ range: l.range, target: l.target, tooltip: l.tooltip })) : [];
}
