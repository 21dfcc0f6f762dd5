import * as fs from 'node:fs';
import { CodeAction, CodeActionKind, CodeActionParams, Command, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { fixToWorkspaceEdit, toDiagnostic } from '../convert';
import { fixAll } from '../../core/fixes/fix-all';
import { ruleDocsUrl } from '../../core/rules/rule';
import type { Finding } from '../../core/types';
import { comparePositions } from '../../core/text';
import { Commands } from '../../protocol';
import { ignoreFileEdit, ignoreInstructionEdit } from '../../core/fixes/suppress-edits';
import { refactorActions } from '../../core/fixes/refactors';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.stagecraft`;

function fileState(abs: string) {
  try {
    const text = fs.readFileSync(abs, 'utf8');
    const lines = text.split(/\r?\n/);
    return { exists: true, endLine: lines.length - 1, endCharacter: lines[lines.length - 1].length };
  } catch {
    return { exists: false, endLine: 0, endCharacter: 0 };
  }
}

export function codeActions(ws: Workspace, doc: TextDocument, params: CodeActionParams): (CodeAction | Command)[] {
  const analysis = ws.analysis(doc);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const out: CodeAction[] = [];
  const contextDir = ws.contextDir(doc.uri);

  if (wants(FIX_ALL_KIND) && only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(k + '.') || k === CodeActionKind.SourceFixAll)) {
    const config = ws.configFor(doc.uri);
    const facts = ws.contextFacts(doc.uri);
    const result = fixAll(doc.getText(), facts, config);
    if (result.text !== doc.getText() || result.fileEdits.length) {
      // the whole text replaced, and each file the fixes create or extend (one edit per path) beside it
      const edits = result.text !== doc.getText() ? [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: result.text }] : [];
      out.push({
        title: 'Fix all safe Stagecraft problems',
        kind: FIX_ALL_KIND,
        edit: result.fileEdits.length
          ? fixToWorkspaceEdit({ title: '', safe: true, edits, fileEdits: result.fileEdits }, doc.uri, doc.version, contextDir, fileState)
          : { changes: { [doc.uri]: edits.map((e) => TextEdit.replace(e.range, e.newText)) } },
      });
    }
    return out;
  }

  if (wants(CodeActionKind.QuickFix)) {
    const requested = params.context.diagnostics.filter((d) => d.source === 'stagecraft');
    // The fixes of the findings the client names; when it names none, of the findings at the range.
    // An editor's context lags behind the diagnostics it was sent: VS Code reads it from its marker
    // service, which receives a publication after the extension host has it, so a request made right
    // after a publication can carry no diagnostics for a squiggle that is there.
    const matches = requested.length
      ? (f: Finding) => requested.some((d) => d.code === f.rule && comparePositions(d.range.start, f.range.start) === 0 && comparePositions(d.range.end, f.range.end) === 0)
      : (f: Finding) => comparePositions(f.range.start, params.range.end) <= 0 && comparePositions(params.range.start, f.range.end) <= 0;
    const seenIgnore = new Set<string>();
    for (const f of analysis.findings) {
      if (!matches(f)) continue;
      const diagnostic = requested.find((d) => d.code === f.rule && comparePositions(d.range.start, f.range.start) === 0) ?? (requested.length ? undefined : toDiagnostic(f));
      const firstSafe = f.fixes.findIndex((x) => x.safe);
      f.fixes.forEach((fix, i) => {
        out.push({
          title: fix.safe ? fix.title : `${fix.title} (unsafe)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostic ? [diagnostic] : undefined,
          isPreferred: i === firstSafe,
          edit: fixToWorkspaceEdit(fix, doc.uri, doc.version, contextDir, fileState),
        });
      });
      const key = `${f.rule}@${f.range.start.line}`;
      if (seenIgnore.has(key) || !analysis.model) continue;
      seenIgnore.add(key);
      const line = ignoreInstructionEdit(analysis, f);
      if (line) {
        out.push({ title: `Ignore ${f.rule} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: diagnostic ? [diagnostic] : undefined, edit: { changes: { [doc.uri]: [line] } } });
      }
      out.push({ title: `Ignore ${f.rule} in this file`, kind: CodeActionKind.QuickFix, diagnostics: diagnostic ? [diagnostic] : undefined, edit: { changes: { [doc.uri]: [ignoreFileEdit(analysis, f.rule)] } } });
      out.push({
        title: `Show documentation for ${f.rule}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostic ? [diagnostic] : undefined,
        command: { title: `Show documentation for ${f.rule}`, command: Commands.showRuleDoc, arguments: [f.rule, ruleDocsUrl(f.rule)] },
      });
    }
  }

  if (analysis.model && (wants(CodeActionKind.RefactorRewrite))) {
    for (const r of refactorActions(analysis.model, ws.contextFacts(doc.uri), params.range)) {
      out.push({ title: r.fix.title, kind: r.kind, edit: fixToWorkspaceEdit(r.fix, doc.uri, doc.version, contextDir, fileState) });
    }
  }
  return out;
}
