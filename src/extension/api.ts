/**
 * The API `activate()` returns: `vscode.extensions.getExtension('minerals-workbook.minerals-workbook').exports`.
 * Stable for other extensions and for our own integration tests, which run in a companion
 * extension inside the same extension host.
 */
import type * as vscode from 'vscode';

/** Outcome of a simulated webview message. */
export type SimulatedMessageResult = 'applied' | 'rejected' | 'dropped' | 'no-editor';

export interface MineralsWorkbookApi {
  /**
   * Handles an untrusted message exactly as if the open workbook editor for `uri` posted it.
   * Resolves 'applied' (handled; an edit was applied), 'rejected' (a valid edit that could not
   * be applied), 'dropped' (failed validation, logged) or 'no-editor' (no workbook editor is
   * open for `uri`).
   */
  simulateWebviewMessage(uri: vscode.Uri, message: unknown, editor?: number): Promise<SimulatedMessageResult>;
  /** How many workbook editors (webview panels) are open on `uri`; `editor` above indexes them in opening order. */
  editorCount(uri: vscode.Uri): number;
  /** The HTML currently set on the workbook editor's webview for `uri`, for CSP checks. */
  webviewHtml(uri: vscode.Uri): string | undefined;
  /** The webview options (enableScripts, localResourceRoots as strings) for `uri`. */
  webviewOptions(uri: vscode.Uri): { enableScripts: boolean; localResourceRoots: string[] } | undefined;
  /** Waits until pending edits and validation for `uri` have settled. */
  settled(uri: vscode.Uri): Promise<void>;
}
