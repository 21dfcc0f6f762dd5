// The one place that decides whether Stagecraft may start docker: only in a trusted workspace.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'Stagecraft: building, running and opening a shell need a trusted workspace. Analysis still runs. Trust this folder to enable Docker actions.';

export const UNTRUSTED_LENS_TITLE = 'Build unavailable: workspace not trusted';

export function dockerAllowed(): boolean {
  return vscode.workspace.isTrusted;
}
