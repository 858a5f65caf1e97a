/**
 * Parsing of `Sheet!B5` / `'My sheet'!B5` cell references given on the command line.
 */
import { findSheetIndex } from '../core/analysis/index';
import { columnIndex, MAX_COLUMNS, MAX_ROWS, qualifiedAddress } from '../core/model/a1';
import type { Workbook } from '../core/model/workbook';
import { usageError } from './errors';

/** A cell reference resolved against a workbook: sheet index and 0-based row/column. */
export interface CellRef {
  /** The reference as the user wrote it, trimmed. */
  text: string;
  /** The reference with the sheet's exact name, quoted when needed, and no `$`: `'My sheet'!B5`. */
  canonical: string;
  sheet: string;
  sheetIndex: number;
  row: number;
  col: number;
}

const REF = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/;

/** Split `Sheet!B5` / `'My sheet'!$B$5` into sheet name and 0-based row/column, or undefined. */
function splitCellRef(text: string): { sheet: string; row: number; col: number } | undefined {
  const m = REF.exec(text.trim());
  if (!m) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], row: Number(m[4]) - 1, col: columnIndex(m[3]) };
}

/**
 * Parse `Sheet!B5` and check the sheet exists (sheet names match case-insensitively, as in
 * spreadsheets). @throws CliError (exit 2) for a malformed reference or an unknown sheet.
 */
export function parseCellRef(text: string, workbook: Workbook, command: string): CellRef {
  const ref = splitCellRef(text);
  if (!ref) throw usageError(`"${text}" is not a cell reference: write Sheet!B5, or 'Sheet name'!B5`, command);
  if (ref.col >= MAX_COLUMNS || ref.row >= MAX_ROWS) throw usageError(`"${text}" is outside a sheet (the last cell is XFD1048576)`, command);
  const sheetIndex = requireSheet(workbook, ref.sheet, command);
  const sheet = workbook.sheets[sheetIndex].name;
  const canonical = qualifiedAddress(sheet, ref.row, ref.col);
  return { text: text.trim(), canonical, sheet, sheetIndex, row: ref.row, col: ref.col };
}

/**
 * Index of the sheet named `name` (case-insensitive).
 * @throws CliError (exit 2) naming the sheets the workbook does have, when there is no such sheet.
 */
export function requireSheet(workbook: Workbook, name: string, command: string): number {
  const index = findSheetIndex(workbook, name);
  if (index >= 0) return index;
  const names = workbook.sheets.map((s) => `"${s.name}"`).join(', ');
  throw usageError(`unknown sheet "${name}"; the workbook has ${names}`, command);
}
