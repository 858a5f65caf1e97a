/**
 * Test-only companion extension (never in the product .vsix). Inside VS Code Server the
 * extension host inherits the server's environment; when MINERALS_INTEGRATION=1 it runs the
 * integration suite once and writes the results as JSON to $MINERALS_RESULTS.
 */
import { renameSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { run, runSuite } from '../suite/index';

export { run };

export function activate(): void {
  const out = process.env.MINERALS_RESULTS;
  if (process.env.MINERALS_INTEGRATION !== '1' || !out) return;
  // Other windows (the end-to-end tests) share the server: only the integration workspace runs it,
  // and only once per results file even if the window reloads.
  const wanted = process.env.MINERALS_INTEGRATION_WORKSPACE;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (wanted && folder !== wanted) return;
  try {
    writeFileSync(`${out}.claim`, String(process.pid), { flag: 'wx' });
  } catch {
    return;
  }
  void runSuite(process.env.MINERALS_GREP).then((results) => {
    writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2));
    renameSync(`${out}.tmp`, out); // atomic: the harness never reads half a file
  });
}

export function deactivate(): void {}
