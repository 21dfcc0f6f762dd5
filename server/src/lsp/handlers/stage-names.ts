import {
  DocumentHighlight, DocumentHighlightKind, Location, Position, PrepareRenameResult, ResponseError, ErrorCodes, WorkspaceEdit, TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { stageAtPosition, stageOccurrences, validateStageName } from '../../core/features/navigation';

export function definition(ws: Workspace, doc: TextDocument, pos: Position): Location | null {
  const model = ws.analysis(doc).model;
  const hit = model && stageAtPosition(model, pos);
  if (!model || !hit) return null;
  const s = model.stages[hit.index];
  return Location.create(doc.uri, s.nameRange ?? s.fromRange);
}

export function references(ws: Workspace, doc: TextDocument, pos: Position, includeDeclaration: boolean): Location[] {
  const model = ws.analysis(doc).model;
  const hit = model && stageAtPosition(model, pos);
  if (!model || !hit) return [];
  return stageOccurrences(model, hit.index)
    .filter((o) => includeDeclaration || o.kind === 'reference')
    .map((o) => Location.create(doc.uri, o.range));
}

export function highlights(ws: Workspace, doc: TextDocument, pos: Position): DocumentHighlight[] {
  const model = ws.analysis(doc).model;
  const hit = model && stageAtPosition(model, pos);
  if (!model || !hit) return [];
  return stageOccurrences(model, hit.index).map((o) =>
    DocumentHighlight.create(o.range, o.kind === 'declaration' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read));
}

export function prepareRename(ws: Workspace, doc: TextDocument, pos: Position): PrepareRenameResult | null {
  const model = ws.analysis(doc).model;
  const hit = model && stageAtPosition(model, pos);
  if (!model || !hit) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only stage names can be renamed here.');
  return { range: hit.range, placeholder: model.stages[hit.index].name ?? doc.getText(hit.range) };
}

export function rename(ws: Workspace, doc: TextDocument, pos: Position, newName: string): WorkspaceEdit | null {
  const model = ws.analysis(doc).model;
  const hit = model && stageAtPosition(model, pos);
  if (!model || !hit) return null;
  const problem = validateStageName(model, hit.index, newName);
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
  return { changes: { [doc.uri]: stageOccurrences(model, hit.index).map((o) => TextEdit.replace(o.range, newName)) } };
}
