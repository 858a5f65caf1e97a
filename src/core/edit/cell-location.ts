/**
 * Where in the grid a place in the text is: for "Show in Workbook" and for following the
 * text editor's cursor in an open workbook editor.
 */
import { getLocation } from 'jsonc-parser';
import { parsePointer } from '../parse/pointer';

/** A cell (0-based sheet index, row and column). */
export interface CellLocation {
  sheet: number;
  row: number;
  col: number;
}

/** The cell a JSON path points into: `sheets/i/rows/r/c` (row or sheet only -> column/row 0). */
export function cellOfPath(path: ReadonlyArray<string | number>): CellLocation | undefined {
  if (path[0] !== 'sheets') return undefined;
  const sheet = toIndex(path[1]);
  if (sheet === undefined) return undefined;
  if (path[2] !== 'rows') return { sheet, row: 0, col: 0 };
  const row = toIndex(path[3]);
  if (row === undefined) return { sheet, row: 0, col: 0 };
  return { sheet, row, col: toIndex(path[4]) ?? 0 };
}

/** The cell a JSON pointer (RFC 6901) points into, as `cellOfPath`. */
export function cellOfPointer(pointer: string): CellLocation | undefined {
  return pointer.startsWith('/') ? cellOfPath(parsePointer(pointer)) : undefined;
}

/** The cell whose text contains `offset`, if the offset is inside a sheet's rows. */
export function cellAtOffset(text: string, offset: number): CellLocation | undefined {
  const loc = getLocation(text, Math.max(0, Math.min(offset, text.length)));
  return cellOfPath(loc.path);
}

function toIndex(v: string | number | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}
