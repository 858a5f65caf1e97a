/**
 * Pure helpers for the scenario-analysis tools, shared by the webview panels and the
 * `minerals` CLI: the scenario-summary table (one layout for `minerals compare --format csv`
 * and the editor's summary export), data-table and tornado tables for export, value ranges
 * for data tables, and the cells whose value differs from the base scenario.
 */
import type { CsvValue } from '../csv/index';
import { cellLabel, toPlainValue } from '../engine/index';
import { columnIndex } from '../model/a1';
import type { Workbook } from '../model/workbook';
import { findName } from '../model/names';
import type {
  CellValue, DataTable1Result, DataTable2Result, ScenarioSummary, TornadoResult,
} from '../engine/types';

/** A computed value as a plain CSV value (error values become their text); missing is empty. */
function plainValue(v: CellValue | undefined): CsvValue {
  return toPlainValue(v ?? null);
}

/**
 * Excel's Scenario Summary layout: a header row of scenario names, then a row per parameter,
 * per result cell and per check (`check: NAME`, TRUE when it passes); a column per scenario.
 */
export function summaryTable(summary: ScenarioSummary): CsvValue[][] {
  const rows: CsvValue[][] = [['', ...summary.scenarios.map((s) => s.name)]];
  for (const p of summary.parameters) rows.push([p, ...summary.scenarios.map((s) => s.parameters[p] ?? null)]);
  for (const cell of summary.cells) rows.push([cell, ...summary.scenarios.map((s) => plainValue(s.cells[cell]))]);
  const checkNames = summary.scenarios[0]?.checks.map((c) => c.name) ?? [];
  checkNames.forEach((name, i) => rows.push([`check: ${name}`, ...summary.scenarios.map((s) => s.checks[i]?.passed ?? null)]));
  return rows;
}

/** Difference from the base value when both are numbers (`value - base`), else undefined. */
export function differenceFromBase(value: CellValue | undefined, base: CellValue | undefined): number | undefined {
  return typeof value === 'number' && typeof base === 'number' ? value - base : undefined;
}

/** One-variable data table as rows: header `[param, cell]`, then `[value, result]`. */
export function dataTable1Rows(t: DataTable1Result): CsvValue[][] {
  return [[t.param, t.cell], ...t.rows.map((r) => [r.value, plainValue(r.result)])];
}

/**
 * Two-variable data table as Excel lays it out: the top-left corner names both parameters
 * (`row \ column`), column values across the top, row values down the left.
 */
export function dataTable2Rows(t: DataTable2Result): CsvValue[][] {
  return [
    [`${t.rowParam} \\ ${t.colParam}`, ...t.colValues],
    ...t.rowValues.map((rv, i) => [rv, ...(t.results[i] ?? []).map(plainValue)]),
  ];
}

/** Tornado bars as rows, largest swing first. */
export function tornadoRows(t: TornadoResult): CsvValue[][] {
  return [
    ['parameter', 'basis', 'base', 'low', 'high', `${t.cell} at low`, `${t.cell} at high`, 'swing'],
    ...t.bars.map((b) => [b.param, b.basis, b.base, b.low, b.high, plainValue(b.lowResult), plainValue(b.highResult),
      Number.isNaN(b.swing) ? null : b.swing]),
  ];
}

/** Most values one axis of a data table may have (a 20x20 table is typical; 200 is generous). */
export const MAX_DATA_TABLE_STEPS = 200;

/**
 * `count` evenly spaced values from `from` to `to`, both included. The last value is `to`
 * exactly (no drift from repeated addition); steps are rounded to 12 significant digits so
 * 0.1 steps read 0.3, not 0.30000000000000004. Throws RangeError for a bad request.
 */
export function linearRange(from: number, to: number, count: number): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('The range needs finite start and end values.');
  if (!Number.isInteger(count) || count < 1 || count > MAX_DATA_TABLE_STEPS) {
    throw new RangeError(`The number of values must be a whole number from 1 to ${MAX_DATA_TABLE_STEPS}.`);
  }
  if (count === 1) return [from];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = i === count - 1 ? to : from + ((to - from) * i) / (count - 1);
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/**
 * Parses a list of numbers typed by the user: separated by commas, semicolons or spaces.
 * Returns the numbers, or an error message naming the first entry that is not a number.
 */
export function parseNumberList(text: string): { values: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return { error: 'Enter at least one number.' };
  if (parts.length > MAX_DATA_TABLE_STEPS) return { error: `At most ${MAX_DATA_TABLE_STEPS} values.` };
  const values: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isFinite(n)) return { error: `"${p}" is not a number.` };
    values.push(n);
  }
  return { values };
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return a.error === b.error;
  return Object.is(a, b);
}

/**
 * Cells whose value differs between two evaluations of one sheet (`row:col` keys, 0-based),
 * e.g. the current scenario against the base. A cell missing on one side counts as empty.
 */
export function changedCells(current: readonly (readonly CellValue[])[], base: readonly (readonly CellValue[])[]): Set<string> {
  const out = new Set<string>();
  const rows = Math.max(current.length, base.length);
  for (let r = 0; r < rows; r++) {
    const a = current[r] ?? [];
    const b = base[r] ?? [];
    const cols = Math.max(a.length, b.length);
    for (let c = 0; c < cols; c++) if (!sameValue(a[c] ?? null, b[c] ?? null)) out.add(`${r}:${c}`);
  }
  return out;
}

/** A file name part from user text: letters, digits, `-` and `_` only, at most 60 characters. */
export function safeFileStem(text: string): string {
  const stem = text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return stem || 'export';
}

/**
 * Result cells a summary starts with when the user has chosen none: the formula cells of
 * the last sheet (where workbooks keep their totals), as `minerals compare` does, at most `max`.
 */
export function defaultResultCells(workbook: Workbook, max = 12): string[] {
  const sheet = workbook.sheets[workbook.sheets.length - 1];
  const cells: string[] = [];
  sheet?.rows.forEach((row, r) => row.forEach((raw, c) => {
    if (cells.length < max && typeof raw === 'string' && raw.startsWith('=')) cells.push(cellLabel(sheet.name, r, c));
  }));
  return cells;
}

/** Split `A!B1,'x, y'!C2` at commas outside quoted sheet names. */
export function splitCellList(list: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A rectangular cell range, 0-based and inclusive; `sheet` as written (unquoted), if given. */
export interface CellRangeRef { sheet?: string; top: number; left: number; bottom: number; right: number }

const RANGE = /^(?:(?:'((?:[^']|'')+)'|([^'!:]+))!)?\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})(?::\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6}))?$/;

/** Parses `Sheet!B2:F2`, `'My sheet'!C1:C9`, `B2:F2` or a single cell; corners in any order. */
export function parseRange(text: string): CellRangeRef | undefined {
  const m = RANGE.exec(text.trim());
  if (!m) return undefined;
  const r1 = Number(m[4]) - 1;
  const c1 = columnIndex(m[3]!);
  const r2 = m[6] !== undefined ? Number(m[6]) - 1 : r1;
  const c2 = m[5] !== undefined ? columnIndex(m[5]) : c1;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { ...(sheet !== undefined ? { sheet } : {}), top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

/** Index of a sheet by name: exact match first, else ignoring case (as spreadsheets do). */
export function findSheetIndex(workbook: Workbook, name: string): number {
  const exact = workbook.sheets.findIndex((s) => s.name === name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  return workbook.sheets.findIndex((s) => s.name.toLowerCase() === lower);
}

/**
 * What a result cell is, for a label beside it: the nearest text to its left in its row,
 * else its column header, else ''. `cell` is `Sheet!B5`.
 */
export function resultLabel(workbook: Workbook, cell: string): string {
  const ref = parseRange(cell);
  const index = ref?.sheet !== undefined ? findSheetIndex(workbook, ref.sheet) : -1;
  if (!ref || index < 0) return '';
  const sheet = workbook.sheets[index]!;
  const row = sheet.rows[ref.top] ?? [];
  for (let c = Math.min(ref.left, row.length) - 1; c >= 0; c--) {
    const v = row[c];
    if (typeof v === 'string' && !v.startsWith('=') && v.trim() !== '') return v.startsWith("'") ? v.slice(1) : v;
  }
  return sheet.columns?.[ref.left]?.header ?? '';
}

/** Why a new scenario name cannot be used, or undefined when it can. */
export function scenarioNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name.trim() === '') return 'Enter a scenario name.';
  if (name !== name.trim()) return 'A scenario name cannot start or end with spaces.';
  if (name.length > 255) return 'A scenario name has at most 255 characters.';
  if (findName(existing, name) >= 0) return `There is already a scenario "${name}".`;
  return undefined;
}
