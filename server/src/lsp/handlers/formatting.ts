import { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { formatEdits } from '../../core/features/format';

/** textDocument/formatting and rangeFormatting: keyword casing, spacing, continuation indentation (heredocs untouched). */
export function formatting(ws: Workspace, doc: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
  const model = ws.analysis(doc).model;
  return model ? formatEdits(model, { tabSize: options.tabSize, insertSpaces: options.insertSpaces }, range) : [];
}
