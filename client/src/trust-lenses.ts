// In an untrusted workspace the server's Build/Run/Shell lenses become one lens per FROM that
// says why building is unavailable (clicking it opens the workspace trust editor).
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { dockerAllowed, UNTRUSTED_LENS_TITLE } from './trust';

const STAGE_COMMANDS = new Set<string>([Commands.buildStage, Commands.runStage, Commands.shellStage]);

function untrustedLens(range: vscode.Range): vscode.CodeLens {
  return new vscode.CodeLens(range, {
    title: UNTRUSTED_LENS_TITLE,
    command: 'workbench.trust.manage',
    tooltip: 'Docker actions need a trusted workspace. Click to manage workspace trust.',
  });
}

export function rewriteLensesForTrust(lenses: vscode.CodeLens[] | null | undefined): vscode.CodeLens[] | null | undefined {
  if (!lenses || dockerAllowed()) return lenses;
  const out: vscode.CodeLens[] = [];
  const seenLines = new Set<number>();
  for (const lens of lenses) {
    const id = lens.command?.command;
    if (id === undefined || !STAGE_COMMANDS.has(id)) {
      out.push(lens); // unresolved lenses are handled in resolveCodeLens; other lenses stay
      continue;
    }
    if (seenLines.has(lens.range.start.line)) continue;
    seenLines.add(lens.range.start.line);
    out.push(untrustedLens(lens.range));
  }
  return out;
}

export const trustMiddleware: Middleware = {
  async provideCodeLenses(document, token, next) {
    return rewriteLensesForTrust(await next(document, token));
  },
  async resolveCodeLens(lens, token, next) {
    const resolved = await next(lens, token);
    if (!resolved || dockerAllowed() || !resolved.command || !STAGE_COMMANDS.has(resolved.command.command)) return resolved;
    return untrustedLens(resolved.range);
  },
};
