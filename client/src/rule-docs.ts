// Opens a rule's documentation page: the copy shipped with the extension when present (rendered
// as Markdown preview, works offline), otherwise the page online.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { RULE_DOCS_BASE } from '../../server/src/protocol';
import { notify } from './notify';

const RULE_ID = /^[a-z]+\/[A-Za-z0-9-]+$/;

/** Accepts a rule id (`stage/unknown-from`), a documentation URL, or nothing (asks). */
export async function showRuleDocumentation(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  let id = typeof arg === 'string' ? arg : undefined;
  if (id && /^https?:/.test(id)) {
    const local = id.startsWith(RULE_DOCS_BASE + '/') ? id.slice(RULE_DOCS_BASE.length + 1).replace(/\.md$/, '') : undefined;
    if (!local) {
      await vscode.env.openExternal(vscode.Uri.parse(id));
      return;
    }
    id = local;
  }
  if (!id) id = await pickRuleFromCursor();
  if (!id || !RULE_ID.test(id)) {
    void notify('warning', `Stagecraft: no documentation for "${id ?? ''}".`);
    return;
  }
  const file = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
  if (file.scheme === 'file' && fs.existsSync(file.fsPath)) {
    await vscode.commands.executeCommand('markdown.showPreview', file);
  } else {
    await vscode.env.openExternal(vscode.Uri.parse(`${RULE_DOCS_BASE}/${id}.md`));
  }
}

async function pickRuleFromCursor(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const ids = vscode.languages.getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'stagecraft' && d.range.contains(editor.selection.active))
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')))
    .filter((c) => c !== '');
  if (ids.length <= 1) return ids[0];
  return vscode.window.showQuickPick([...new Set(ids)], { placeHolder: 'Rule' });
}
