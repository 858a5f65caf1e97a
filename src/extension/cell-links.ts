import * as vscode from 'vscode';
import { cellAddress } from '../core/model/a1';
import { locateValue } from '../core/edit/fast-locate';
import { cellOfPath, type CellLocation } from '../core/edit/cell-location';
import { parsePointer } from '../core/parse/pointer';

/**
 * A link from a problem to its cell that one click in the Problems panel can follow.
 *
 * A plain click on a problem cannot reach a cell: VS Code hands the problem's position only to
 * text editors, and a workbook opens in the grid, a custom editor, which gets no selection.
 * The problem's related information, though, is a row of its own under the problem (and a
 * link in the text editor's hover), and a click on it opens its location. That location is a
 * `minerals-cell:` document naming the file and the cell: opening it is noticed, its tab is
 * closed at once, and the cell is selected in the grid instead (see `ShowInWorkbook`).
 */
export const CELL_LINK_SCHEME = 'minerals-cell';

/** What a cell link points at. */
export interface CellLinkTarget extends CellLocation {
  uri: vscode.Uri;
}

/** The related information leading to the cell of a problem at `pointer`, if it is in a cell. */
export function cellLinkOf(uri: vscode.Uri, pointer: string, sheetName: (sheet: number) => string | undefined): vscode.DiagnosticRelatedInformation | undefined {
  // Only a problem in a cell itself: cellOfPath reads a sheet or a row as its first cell.
  const path = pointer.startsWith('/') ? parsePointer(pointer) : [];
  if (path[2] !== 'rows' || ![path[1], path[3], path[4]].every((v) => v !== undefined && /^\d+$/.test(v))) return undefined;
  const at = cellOfPath(path);
  if (!at) return undefined;
  const { sheet, row, col } = at;
  // The Problems panel shows the link's file name: make it the cell's name (a `/` in a sheet
  // name would start a folder, so it is shown as a look-alike).
  const label = `${(sheetName(sheet) ?? `sheet ${sheet + 1}`).replace(/\//g, '∕')}!${cellAddress(row, col)}`;
  const query = new URLSearchParams({ file: uri.toString(), sheet: String(sheet), row: String(row), col: String(col) }).toString();
  const link = vscode.Uri.from({ scheme: CELL_LINK_SCHEME, path: `/${label}`, query });
  return new vscode.DiagnosticRelatedInformation(new vscode.Location(link, new vscode.Position(0, 0)), 'click to select this cell in the workbook grid');
}

/** Sheet names read straight from the text (memoized per call site), for link labels. */
export function sheetNamesOf(text: string): (sheet: number) => string | undefined {
  const names = new Map<number, string | undefined>();
  return (sheet) => {
    if (!names.has(sheet)) {
      const at = locateValue(text, ['sheets', sheet, 'name']);
      let name: string | undefined;
      try {
        const v: unknown = at ? JSON.parse(text.slice(at.offset, at.offset + at.length)) : undefined;
        name = typeof v === 'string' ? v : undefined;
      } catch { name = undefined; }
      names.set(sheet, name);
    }
    return names.get(sheet);
  };
}

/** The file and cell a `minerals-cell:` link names; undefined for anything malformed (untrusted). */
export function parseCellLink(link: vscode.Uri): CellLinkTarget | undefined {
  if (link.scheme !== CELL_LINK_SCHEME) return undefined;
  const q = new URLSearchParams(link.query);
  const index = (k: string) => { const v = q.get(k); return v !== null && /^\d{1,9}$/.test(v) ? Number(v) : undefined; };
  const [sheet, row, col] = [index('sheet'), index('row'), index('col')];
  const file = q.get('file');
  if (sheet === undefined || row === undefined || col === undefined || !file) return undefined;
  let uri: vscode.Uri;
  try { uri = vscode.Uri.parse(file, true); } catch { return undefined; }
  return { uri, sheet, row, col };
}
