import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { CompletionKind, completionsAt } from '../../core/features/completion';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword, flag: CompletionItemKind.Property, value: CompletionItemKind.Value, stage: CompletionItemKind.Module,
  variable: CompletionItemKind.Variable, directive: CompletionItemKind.Keyword, rule: CompletionItemKind.EnumMember, folder: CompletionItemKind.Folder,
};

/** Completion in context (instructions, flags, mount keys and values, stages, variables, directives, rule ids) from the cached analysis. */
export function completion(ws: Workspace, doc: TextDocument, pos: Position): CompletionItem[] {
  const model = ws.analysis(doc).model;
  if (!model) return [];
  return completionsAt(model, pos).map((e) => ({
    label: e.label,
    kind: KINDS[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    sortText: e.sortText,
    filterText: e.filterText,
    preselect: e.preselect,
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: e.range, newText: e.newText },
    command: e.retrigger ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
  }));
}
