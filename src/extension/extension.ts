/**
 * Minerals Workbook: VS Code glue only. The workbook editor, diagnostics, commands and the
 * public API (see `api.ts`); all workbook logic lives in `src/core`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MineralsWorkbookApi } from './api';
import { exportFromGrid, registerCommands } from './commands';
import { registerCompare } from './compare';
import { DocumentEditQueue } from './document-edits';
import { disposeLog, log } from './log';
import { readSettings } from './settings';
import { ShowInWorkbook } from './show-in-workbook';
import { WorkbookStatusBar } from './status-bar';
import { ValidationRunner } from './validation-runner';
import { WorkbookDiagnostics } from './workbook-diagnostics';
import { WorkbookEditorProvider } from './workbook-editor-provider';

export type { MineralsWorkbookApi } from './api';

export function activate(context: vscode.ExtensionContext): MineralsWorkbookApi {
  const edits = new DocumentEditQueue();
  const diagnostics = new WorkbookDiagnostics(new ValidationRunner(path.join(context.extensionPath, 'dist', 'validation-worker.js'), undefined, {
    warn: (m) => log().warn(m), error: (m) => log().error(m),
  }, undefined, () => readSettings().validationMemoryLimitMb));
  const { provider, disposable } = WorkbookEditorProvider.register(context, {
    edits,
    diagnostics,
    exportCsv: (uri, sheet, scenario, formulas) => exportFromGrid(uri, sheet, scenario, formulas),
  });
  context.subscriptions.push(
    diagnostics,
    disposable,
    ShowInWorkbook.register(provider),
    new WorkbookStatusBar(diagnostics),
    ...registerCommands({ context, provider, diagnostics, edits }),
    ...registerCompare(() => provider.activeUri(), context.extensionUri),
    // A reopened document starts its versions again: forget the versions the queue produced.
    vscode.workspace.onDidCloseTextDocument((doc) => edits.forget(doc.uri)),
    { dispose: disposeLog },
  );
  // The first scan runs in the background with a status-bar progress; nothing waits on it.
  void diagnostics.scanWorkspace().then(
    (s) => log().info(`Validated ${s.files} workbooks: ${s.errors} errors, ${s.warnings} warnings.`),
    (e) => log().error(`Workspace scan failed: ${String((e as Error)?.stack ?? e)}`),
  );

  return {
    simulateWebviewMessage: (uri, message, editor) => provider.simulateWebviewMessage(uri, message, editor),
    editorCount: (uri) => provider.editorCount(uri),
    webviewHtml: (uri) => provider.webviewHtml(uri),
    webviewOptions: (uri) => provider.webviewOptions(uri),
    settled: async (uri) => {
      // Edits trigger validation; validation may not trigger edits. Two rounds cover a late edit.
      for (let i = 0; i < 2; i++) {
        await edits.settled(uri);
        await diagnostics.settled(uri);
      }
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
