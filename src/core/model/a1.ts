/**
 * A1 notation: column letters, cell addresses and sheet-qualified references, as Excel writes
 * them and HyperFormula reads them. The one copy for core and the CLI (pure, no imports).
 */

/** Excel's (and the engine's default) sheet bounds. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** `0` -> `A`, `25` -> `Z`, `26` -> `AA`, `16383` -> `XFD`. Empty for a negative or non-integer index. */
export function columnLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0) return '';
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `A` -> 0, `aa` -> 26 (case-insensitive); -1 for anything but 1 to 3 letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell's 0-based row and column. */
export interface CellAddress {
  row: number;
  col: number;
}

/** `B3` for row 2, column 1 (0-based). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** Parses `B3` or `$B$3`; undefined if it is not an A1 address or lies beyond XFD1048576. */
export function parseA1(text: string): CellAddress | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[1]!);
  const row = Number(m[2]) - 1;
  if (col >= MAX_COLUMNS || row >= MAX_ROWS) return undefined;
  return { row, col };
}

// Names HyperFormula reads without quotes; a dot, a leading digit or other scripts need them.
const PLAIN_SHEET_NAME = /^[A-Za-z_\u00C0-\u02AF][A-Za-z0-9_\u00C0-\u02AF]*$/;
// Names Excel would read as a cell (CO2, XFD100), an R1C1 reference (R, C3, R1C1) or a logical.
const READS_AS_REFERENCE = /^(?:[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*|true|false)$/i;

/**
 * A sheet name as it must be written before `!`: bare when Excel and HyperFormula both read it
 * as a name, else `'quoted'` with `''` for a quote: `Stockpile`, `'My sheet'`, `'CO2'`, `'2024'`.
 */
export function quoteSheetName(name: string): string {
  return PLAIN_SHEET_NAME.test(name) && !READS_AS_REFERENCE.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `Sheet!B5` / `'My sheet'!B5` for a cell (0-based row and column). */
export function qualifiedAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${cellAddress(row, col)}`;
}
