/**
 * Host side of the analysis panels: open the text editor at a check's definition, and save
 * an export (scenario summary CSV, data tables, chart PNG/SVG) where the user chooses.
 */
import * as vscode from 'vscode';
import { parseWorkbookText } from '../core/parse/index';
import type { ExportFormat } from '../shared/protocol';
import { log } from './log';

/**
 * Opens the workbook as text beside the grid with check `index`'s assertion selected (the
 * whole check when it has no `assert`). False when the file no longer has that check.
 */
export async function revealCheck(document: vscode.TextDocument, index: number): Promise<boolean> {
  const { sourceMap } = parseWorkbookText(document.getText());
  const base = `/checks/${index}`;
  if (!sourceMap.has(base)) {
    void vscode.window.showWarningMessage(`Minerals Workbook: the workbook has no check #${index + 1} any more.`);
    return false;
  }
  const span = sourceMap.valueRange(sourceMap.has(`${base}/assert`) ? `${base}/assert` : base);
  const selection = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
  await vscode.window.showTextDocument(document, { selection, viewColumn: vscode.ViewColumn.Beside, preview: true });
  return true;
}

/** Writes an analysis export (CSV/SVG text, PNG base64) where the user picks, via workspace.fs. */
export async function saveExport(documentUri: vscode.Uri, format: ExportFormat, suggestedName: string, data: string): Promise<void> {
  const filters: Record<ExportFormat, Record<string, string[]>> = {
    csv: { 'CSV': ['csv'] }, png: { 'PNG image': ['png'] }, svg: { 'SVG image': ['svg'] },
  };
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(documentUri, '..', suggestedName),
    filters: filters[format],
    title: `Save ${format.toUpperCase()} export`,
  });
  if (!target) return;
  const bytes = format === 'png' ? Buffer.from(data, 'base64') : new TextEncoder().encode(data);
  await vscode.workspace.fs.writeFile(target, bytes);
  log().info(`Exported ${format.toUpperCase()} to ${target.toString()}`);
}
