import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The "Minerals Workbook" output channel (created on first use; disposed with the extension). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Minerals Workbook', { log: true });
  return channel;
}

/** Disposes the channel; called from `deactivate`. */
export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
