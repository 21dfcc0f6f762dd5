// Every notification the extension shows goes through here, so the extension's API can report
// what the user was told (integration tests wait on `onDidNotify` instead of spying on VS Code).
import * as vscode from 'vscode';

export type NotificationSeverity = 'error' | 'warning' | 'info';

export interface Notification {
  severity: NotificationSeverity;
  message: string;
  /** The buttons offered with it. */
  items: string[];
}

const shown = new vscode.EventEmitter<Notification>();
/** Fires when a notification is shown (before the user picks anything). */
export const onDidNotify: vscode.Event<Notification> = shown.event;

/** Shows a notification and resolves with the button the user picked, if any. */
export function notify(severity: NotificationSeverity, message: string, ...items: string[]): Thenable<string | undefined> {
  shown.fire({ severity, message, items });
  switch (severity) {
    case 'error': return vscode.window.showErrorMessage(message, ...items);
    case 'warning': return vscode.window.showWarningMessage(message, ...items);
    default: return vscode.window.showInformationMessage(message, ...items);
  }
}
