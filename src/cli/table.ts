/**
 * Plain-text tables and values for the commands' `--format text` output.
 */
import type { CellValue } from '../core/engine/index';
import { toPlainValue } from '../core/engine/index';

/** A value as a person reads it: numbers to 10 significant digits, TRUE/FALSE, empty for null. */
export function displayValue(v: CellValue): string {
  const p = toPlainValue(v);
  if (p === null) return '';
  if (typeof p === 'boolean') return p ? 'TRUE' : 'FALSE';
  if (typeof p === 'number') return Number.isInteger(p) ? String(p) : String(Number(p.toPrecision(10)));
  // One line per cell: show line breaks rather than breaking the table.
  return p.replace(/\r\n|\r|\n/g, '\u21b5');
}

/** Columns padded to their widest cell, separated by two spaces; numbers right-aligned. */
export function formatTable(rows: readonly (readonly string[])[], numeric?: (row: number, col: number) => boolean): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, c) => { widths[c] = Math.max(widths[c] ?? 0, cell.length); });
  return rows
    .map((row, r) => row
      .map((cell, c) => (numeric?.(r, c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd())
    .join('\n');
}
