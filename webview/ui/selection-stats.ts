/**
 * Excel's status-bar figures for the selection: Count of non-empty cells, and Sum and Average
 * of the numbers among them (computed values, so formulas count by their results; text,
 * booleans and errors are counted but not summed). Pure.
 */
import type { CellValue } from '../../src/core/engine/types';

export interface SelectionStats { count: number; numbers: number; sum: number }

export function selectionStats(read: (row: number, col: number) => CellValue, top: number, left: number, bottom: number, right: number): SelectionStats {
  let count = 0;
  let numbers = 0;
  let sum = 0;
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      const v = read(r, c);
      if (v === null || v === '') continue;
      count++;
      if (typeof v === 'number' && Number.isFinite(v)) { numbers++; sum += v; }
    }
  }
  return { count, numbers, sum };
}

/** `Average: 80   Count: 3   Sum: 240` as Excel orders them; empty below two filled cells. */
export function statsText(s: SelectionStats, locale: string): string {
  if (s.count < 2) return '';
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 10 });
  // 12 significant digits: 0.1 + 0.2 reads 0.3.
  const show = (v: number) => fmt.format(Number(v.toPrecision(12)));
  if (s.numbers === 0) return `Count: ${s.count}`;
  return `Average: ${show(s.sum / s.numbers)}   Count: ${s.count}   Sum: ${show(s.sum)}`;
}
