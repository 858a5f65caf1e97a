import * as vscode from 'vscode';
import { cellOfPointer } from '../core/edit/cell-location';
import { CELL_LINK_SCHEME, parseCellLink } from './cell-links';
import { cellAddress } from '../core/model/a1';
import { locateValue } from '../core/edit/fast-locate';
import { COMMANDS, type RevealCellArgs } from './commands';
import { ParsedDocuments } from './parsed-documents';
import { WorkbookEditorProvider } from './workbook-editor-provider';
import { isWorkbookUri, WORKBOOK_GLOB } from './workbook-diagnostics';
import { toUri } from './workbook-files';

/**
 * "Show in Workbook": a code action on every `minerals` problem that opens the workbook
 * editor at the offending cell, the `mineralsWorkbook.revealCell` command behind it, and
 * cursor following (a text editor's selection inside a cell selects that cell in an open
 * workbook editor of the same file).
 */
export class ShowInWorkbook implements vscode.CodeActionProvider {
  // A quick fix: the Problems panel offers only quick fixes (its light bulb, Ctrl+.), and a
  // click on a problem cannot reach a cell itself (VS Code gives custom editors no selection).
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  /** Each document is parsed once per version, not on every cursor move or code-action request. */
  private readonly parsed = new ParsedDocuments();

  static register(provider: WorkbookEditorProvider): vscode.Disposable {
    const self = new ShowInWorkbook();
    let lastKey = '';
    let echo: string | undefined;
    const seenVersion = new WeakMap<vscode.TextDocument, number>();
    const closing = new Set<string>();
    return vscode.Disposable.from(
      vscode.languages.registerCodeActionsProvider({ pattern: WORKBOOK_GLOB }, self, { providedCodeActionKinds: ShowInWorkbook.providedCodeActionKinds }),
      vscode.commands.registerCommand(COMMANDS.revealCell, (args: RevealCellArgs) => revealCell(provider, args)),
      // A problem's "select this cell" row opens a `minerals-cell:` document: close it and show
      // the cell in the grid instead (cell-links.ts says why this detour).
      vscode.workspace.registerTextDocumentContentProvider(CELL_LINK_SCHEME, {
        provideTextDocumentContent: () => 'Selecting the cell in the workbook grid…\n',
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of [...e.opened, ...e.changed]) {
          if (!(tab.input instanceof vscode.TabInputText) || tab.input.uri.scheme !== CELL_LINK_SCHEME) continue;
          // A tab being closed still reports changes: follow each opening once.
          const key = tab.input.uri.toString();
          if (closing.has(key)) continue;
          closing.add(key);
          const target = parseCellLink(tab.input.uri);
          void Promise.resolve(vscode.window.tabGroups.close(tab, true)).catch(() => undefined).finally(() => closing.delete(key));
          if (target && isWorkbookUri(target.uri)) void revealCell(provider, { uri: target.uri, sheet: target.sheet, row: target.row, col: target.col });
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const doc = e.textEditor.document;
        if (!isWorkbookUri(doc.uri) || !provider.hasEditor(doc.uri)) return;
        // A cursor shifted by an edit (no kind, new version) is not the user choosing a cell.
        const versionSeen = seenVersion.get(doc);
        seenVersion.set(doc, doc.version);
        if (e.kind === undefined && versionSeen !== undefined && versionSeen !== doc.version) return;
        const offset = doc.offsetAt(e.selections[0]!.active);
        // Our own cursor move (below) must not bounce back to the grid.
        if (echo === `${doc.uri.toString()}@${offset}`) return;
        echo = undefined;
        const cell = self.parsed.cellAt(doc, offset);
        if (!cell) return;
        const key = `${doc.uri.toString()}#${cell.sheet}/${cell.row}/${cell.col}`;
        if (key === lastKey) return;
        lastKey = key;
        provider.reveal(doc.uri, cell);
      }),
      // The other way: a cell selected in the grid moves the cursor of a visible text editor of the
      // same file (split view). `lastKey` stops the echo from coming back to the grid.
      provider.onDidSelectCell(({ uri, cell }) => {
        const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString());
        if (editors.length === 0) return;
        const doc = editors[0]!.document;
        const text = doc.getText();
        const range = locateValue(text, ['sheets', cell.sheet, 'rows', cell.row, cell.col]) ??
          locateValue(text, ['sheets', cell.sheet, 'rows', cell.row]) ?? locateValue(text, ['sheets', cell.sheet]);
        if (!range) return;
        lastKey = `${uri.toString()}#${cell.sheet}/${cell.row}/${cell.col}`;
        echo = `${uri.toString()}@${range.offset}`;
        const start = doc.positionAt(range.offset);
        const end = doc.positionAt(range.offset + range.length);
        for (const editor of editors) {
          editor.selection = new vscode.Selection(start, start);
          editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        }
      }),
    );
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== 'minerals') continue;
      const cell = this.parsed.cellAt(document, document.offsetAt(d.range.start));
      if (!cell) continue;
      const key = `${cell.sheet}/${cell.row}/${cell.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sheetName = this.parsed.sheetName(document, cell.sheet) ?? `sheet ${cell.sheet + 1}`;
      const action = new vscode.CodeAction(`Show in Workbook (${sheetName}!${cellAddress(cell.row, cell.col)})`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      const args: RevealCellArgs = { uri: document.uri.toString(), ...cell };
      action.command = { command: COMMANDS.revealCell, title: 'Show in Workbook', arguments: [args] };
      actions.push(action);
    }
    return actions;
  }
}

/**
 * Shows the workbook editor of `args.uri` already open (in its own group, so a text editor
 * beside it is not replaced by a second grid), or opens one, and selects the cell.
 */
async function revealCell(provider: WorkbookEditorProvider, args: RevealCellArgs): Promise<boolean> {
  const uri = toUri(args?.uri);
  const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  // A diagnostic's JSON pointer (`/sheets/0/rows/3/2`) works as well as sheet/row/col.
  const cell = typeof args?.pointer === 'string' ? cellOfPointer(args.pointer)
    : ok(args?.sheet) && ok(args?.row) && ok(args?.col) ? { sheet: args.sheet!, row: args.row!, col: args.col! } : undefined;
  if (!uri || !cell) return false;
  if (provider.showEditor(uri)) return provider.reveal(uri, cell);
  await vscode.commands.executeCommand('vscode.openWith', uri, WorkbookEditorProvider.viewType);
  return provider.reveal(uri, cell);
}
