/**
 * After an import: every formula cell's value under the engine compared with the value Excel
 * cached in the file, so the analyst sees at once what did not survive. Each difference is a
 * diagnostic naming the cell, Excel's value and ours.
 */
import { WorkbookEngine } from '../engine/workbook-engine';
import type { CellValue } from '../engine/types';
import { cellAddress } from '../model/a1';
import { BASE_SCENARIO, type Severity, type Workbook } from '../model/workbook';
import type { StoredValue } from './import-sheet';

/** A cell whose cached value is compared (model coordinates; `xlsxCell` as the .xlsx names it). */
export interface CachedCell {
  sheet: number;
  row: number;
  col: number;
  xlsxCell: string;
  value?: StoredValue;
  formula?: string;
}

/** Differences reported one by one, then summed up. */
const MAX_REPORTED = 200;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether our value equals Excel's cached one (numbers to a relative 1e-9). */
export function sameValue(excel: StoredValue, ours: CellValue): boolean {
  switch (excel.kind) {
    case 'number': return typeof ours === 'number' ? close(excel.value, ours) : ours === null && excel.value === 0;
    case 'boolean': return ours === excel.value;
    case 'string': return ours === excel.value || (ours === null && excel.value === '');
    case 'error': return typeof ours === 'object' && ours !== null && ours.error === excel.value;
  }
}

export function describeStored(v: StoredValue): string {
  return v.kind === 'string' ? JSON.stringify(v.value) : String(v.value);
}

export function describeValue(v: CellValue): string {
  if (v === null) return 'an empty value';
  if (typeof v === 'object') return v.message ? `${v.error} (${v.message})` : v.error;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function verifyCachedValues(
  workbook: Workbook, cells: readonly CachedCell[], scenario: string | undefined,
  note: (severity: Severity, message: string, sheet?: string, cell?: string) => void,
): { compared: number; differ: number; uncached: number } {
  let engine: WorkbookEngine;
  try {
    engine = WorkbookEngine.create(workbook, { scenario: scenario ?? BASE_SCENARIO });
  } catch (err) {
    note('error', `the imported workbook cannot be evaluated, so its values were not compared with Excel's: ${err instanceof Error ? err.message : String(err)}`);
    return { compared: 0, differ: cells.length, uncached: 0 };
  }
  let compared = 0;
  let differ = 0;
  let uncached = 0;
  try {
    for (const c of cells) {
      if (c.value === undefined) { uncached++; continue; }
      compared++;
      const ours = engine.getValueAt(c.sheet, c.row, c.col);
      if (sameValue(c.value, ours)) continue;
      differ++;
      if (differ > MAX_REPORTED) continue;
      const sheet = workbook.sheets[c.sheet]!.name;
      const address = cellAddress(c.row, c.col);
      const moved = address === c.xlsxCell ? '' : ` (${c.xlsxCell} in the .xlsx)`;
      note('warning', `${sheet}!${address}${moved}: Excel cached ${describeStored(c.value)}, the engine computes ${describeValue(ours)}${scenario && scenario !== BASE_SCENARIO ? ` (under scenario "${scenario}", the one the file shows)` : ''}`, sheet, address);
    }
  } finally {
    engine.dispose();
  }
  if (differ > MAX_REPORTED) note('warning', `${differ - MAX_REPORTED} more cells differ from the values Excel cached (${differ} of ${compared} in all)`);
  if (uncached > 0) note('info', `${uncached} formula cells have no cached value in the file (it was not calculated by a spreadsheet program), so they were not compared`);
  return { compared, differ, uncached };
}
