/**
 * Applies cell edit intents to a parsed workbook, giving the workbook that applying them to the
 * text (computeTextEdits) and parsing it again gives. The webview applies its own cell edits
 * this way, so the host can acknowledge them with the new document version instead of sending
 * the whole text back (a 28 MB echo took 10 s). Pure: no `vscode`, no DOM.
 */
import type { RawCell, SheetSpec, Workbook } from '../model/workbook';
import type { EditIntent } from './intent';

/**
 * The intents whose model application below equals their text application, so a webview that
 * applied them itself needs only the new version. Everything else (structure edits, sheet and
 * scenario operations, layout) is answered with the text.
 */
export const MODEL_APPLIED_KINDS: ReadonlySet<EditIntent['kind']> = new Set(['setCell', 'setRange']);

/** True when every one of `intents` is applied to the model exactly as to the text. */
export function appliesToModel(intents: readonly EditIntent[]): boolean {
  return intents.length > 0 && intents.every((i) => MODEL_APPLIED_KINDS.has(i.kind));
}

/** Writes one cell of `sheet`, padding with empty rows and `null` cells as the text edit does. */
export function setModelCell(sheet: SheetSpec, row: number, col: number, raw: RawCell): void {
  while (sheet.rows.length <= row) sheet.rows.push([]);
  const r = sheet.rows[row]!;
  while (r.length < col) r.push(null);
  // JSON has no negative zero: the text holds 0.
  r[col] = Object.is(raw, -0) ? 0 : raw;
}

/**
 * After a write that cleared a cell, drops what the text edit trims: trailing nulls of rows
 * `first..last`, and the empty rows at the end of the sheet when the write reached its last row.
 */
export function trimModelRows(sheet: SheetSpec, first: number, last: number): void {
  const rows = sheet.rows;
  if (last >= rows.length - 1) {
    while (rows.length > 0 && Array.isArray(rows[rows.length - 1]) && rows[rows.length - 1]!.every((v) => v === null)) rows.pop();
  }
  for (let r = first; r <= Math.min(last, rows.length - 1); r++) {
    const row = rows[r];
    if (!Array.isArray(row)) continue;
    let k = row.length;
    while (k > 0 && row[k - 1] === null) k--;
    row.length = k;
  }
}

/**
 * Applies `intents` (all of MODEL_APPLIED_KINDS) to `wb` in place; `write` is called for every
 * cell written (the webview mirrors them into its engine).
 * @returns false, touching nothing, when an intent is of another kind or names a missing sheet.
 */
export function applyIntentsToModel(
  wb: Workbook, intents: readonly EditIntent[], write?: (sheet: number, row: number, col: number, raw: RawCell) => void,
): boolean {
  if (!intents.every((i) => MODEL_APPLIED_KINDS.has(i.kind) && 'sheet' in i && wb.sheets[i.sheet] !== undefined)) return false;
  for (const i of intents) {
    if (i.kind !== 'setCell' && i.kind !== 'setRange') continue; // checked above; narrows the type
    const values = i.kind === 'setCell' ? [[i.raw]] : i.values;
    const sheet = wb.sheets[i.sheet]!;
    values.forEach((vals, dr) => vals.forEach((v, dc) => {
      setModelCell(sheet, i.row + dr, i.col + dc, v);
      write?.(i.sheet, i.row + dr, i.col + dc, sheet.rows[i.row + dr]![i.col + dc]!);
    }));
    if (values.some((r) => r.some((v) => v === null))) trimModelRows(sheet, i.row, i.row + values.length - 1);
  }
  return true;
}
