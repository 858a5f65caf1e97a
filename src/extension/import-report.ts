/**
 * The import report of an .xlsx in the Problems panel: each finding at the cell it is about in
 * the written `*.minerals.json` (or at its first line), in a collection of its own so that the
 * validation's diagnostics do not replace it. The report describes the file as imported: the
 * first edit of the document clears it.
 */
import * as vscode from 'vscode';
import { locateValue } from '../core/edit/fast-locate';
import { parseA1 } from '../core/model/a1';
import type { Workbook } from '../core/model/workbook';
import type { XlsxImportDiagnostic } from '../core/xlsx';

let collection: vscode.DiagnosticCollection | undefined;

const SEVERITY: Record<XlsxImportDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function rangeOf(text: string, workbook: Workbook, d: XlsxImportDiagnostic): vscode.Range {
  const sheet = d.sheet === undefined ? -1 : workbook.sheets.findIndex((s) => s.name === d.sheet);
  const at = d.cell === undefined ? undefined : parseA1(d.cell);
  const found = sheet >= 0 && at ? locateValue(text, ['sheets', sheet, 'rows', at.row, at.col]) : undefined;
  if (!found) return new vscode.Range(0, 0, 0, 1);
  const before = text.slice(0, found.offset).split('\n');
  const line = before.length - 1;
  const character = before[line]!.length;
  return new vscode.Range(line, character, line, character + found.length);
}

/** Show `diagnostics` for `uri`, whose text is `text`. */
export function showImportReport(context: vscode.ExtensionContext, uri: vscode.Uri, text: string, workbook: Workbook, diagnostics: readonly XlsxImportDiagnostic[]): void {
  if (!collection) {
    collection = vscode.languages.createDiagnosticCollection('minerals-import');
    const watched = collection;
    context.subscriptions.push(collection, vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && watched.has(e.document.uri)) watched.delete(e.document.uri);
    }));
  }
  collection.set(uri, diagnostics.map((d) => {
    const diagnostic = new vscode.Diagnostic(rangeOf(text, workbook, d), d.message, SEVERITY[d.severity]);
    diagnostic.source = 'xlsx import';
    return diagnostic;
  }));
}
