import * as vscode from 'vscode';
import type { WorkbookDiagnostics } from './workbook-diagnostics';
import { readSettings } from './settings';
import { activeWorkbookUri } from './workbook-files';

/**
 * A status bar summary for the workbook in front of the user: errors, warnings and failing
 * checks (from the same validation as the Problems panel); a click opens Problems.
 */
export class WorkbookStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mineralsWorkbook.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly diagnostics: WorkbookDiagnostics) {
    this.item.name = 'Minerals Workbook';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      diagnostics.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()),
    );
    this.update();
  }

  private update(): void {
    const uri = activeWorkbookUri(undefined);
    if (!uri) { this.item.hide(); return; }
    const items = this.diagnostics.diagnosticsOf(uri);
    const errors = items.filter((d) => d.severity === 'error').length;
    const warnings = items.filter((d) => d.severity === 'warning').length;
    const failing = new Set(items.filter((d) => d.code === 'MW5001').map((d) => d.pointer)).size;
    // The grid's toolbar counts the shown scenario's checks; this count is over the scenarios
    // validation evaluates, and says which, so the two never seem to disagree.
    const scope = readSettings(uri).validationScenarios === 'all' ? 'all scenarios' : 'Baseline';
    const parts = [`$(error) ${errors}`, `$(warning) ${warnings}`];
    if (failing > 0) parts.push(`$(beaker) ${failing} check${failing === 1 ? '' : 's'} failing (${scope})`);
    this.item.text = `$(table) ${parts.join(' ')}`;
    const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    this.item.tooltip = new vscode.MarkdownString(`**Minerals Workbook**: ${counts}` +
      (failing > 0 ? `, ${failing} check${failing === 1 ? '' : 's'} failing under ${scope === 'Baseline' ? 'Baseline' : 'at least one scenario'}` : '') +
      ' in this workbook. Click to open Problems.');
    // Read by screen readers instead of the icons' names, which say nothing about the counts.
    this.item.accessibilityInformation = {
      label: `Minerals Workbook: ${counts}${failing > 0 ? `, ${failing} check${failing === 1 ? '' : 's'} failing (${scope})` : ''}`,
      role: 'button',
    };
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
