import {
  Diagnostic, DiagnosticSeverity, DiagnosticTag, TextEdit as LspTextEdit, WorkspaceEdit, CreateFile, TextDocumentEdit,
  OptionalVersionedTextDocumentIdentifier,
} from 'vscode-languageserver';
import { URI } from './uri';
import type { Finding, Fix, Severity } from '../core/types';
import { ruleDocsUrl } from '../core/rules/rule';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    source: 'stagecraft',
    message: f.message,
  };
  const tags: DiagnosticTag[] = [];
  if (f.tags?.includes('unnecessary')) tags.push(DiagnosticTag.Unnecessary);
  if (f.tags?.includes('deprecated')) tags.push(DiagnosticTag.Deprecated);
  if (tags.length) d.tags = tags;
  return d;
}

/** The workspace edit of a fix: text edits on the document, plus created/appended context files. */
export function fixToWorkspaceEdit(fix: Fix, uri: string, version: number | null, contextDir: string | undefined,
  existing: (absPath: string) => { exists: boolean; endLine: number; endCharacter: number }): WorkspaceEdit {
  if (!fix.fileEdits?.length) return { changes: { [uri]: fix.edits.map((e) => LspTextEdit.replace(e.range, e.newText)) } };
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  if (fix.edits.length) {
    documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, version), fix.edits.map((e) => LspTextEdit.replace(e.range, e.newText))));
  }
  for (const fe of fix.fileEdits) {
    if (!contextDir) continue;
    const abs = `${contextDir.replace(/\/$/, '')}/${fe.path}`;
    const target = URI.file(abs);
    const state = existing(abs);
    if (!state.exists) {
      documentChanges.push(CreateFile.create(target, { ignoreIfExists: true }));
      documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(target, null), [LspTextEdit.insert({ line: 0, character: 0 }, fe.text)]));
    } else {
      const pos = { line: state.endLine, character: state.endCharacter };
      const prefix = fe.kind === 'append' && state.endCharacter > 0 ? '\n' : '';
      documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(target, null), [LspTextEdit.insert(pos, prefix + fe.text)]));
    }
  }
  return { documentChanges };
}
