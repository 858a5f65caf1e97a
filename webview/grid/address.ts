/** A1-style addresses for the grid: 0-based row/col <-> `C4`. Pure, no DOM. */
import { quoteSheetName } from '../../src/core/edit/sheet-refs';

/** 0 -> `A`, 25 -> `Z`, 26 -> `AA`. */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `AA` -> 26; returns -1 for anything that is not 1-3 letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** `C4` (optionally with `$`) -> { row: 3, col: 2 }, or undefined. */
export function parseCellAddress(a1: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return undefined;
  const row = Number(m[2]) - 1;
  if (row < 0) return undefined;
  return { row, col: columnIndex(m[1]) };
}

/** Sheet-qualified address as Excel writes it: quotes names that are not plain identifiers. */
export function qualifiedAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${cellAddress(row, col)}`;
}
