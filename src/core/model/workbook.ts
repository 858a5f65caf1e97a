/**
 * The in-memory shape of a `*.minerals.json` workbook (format version 1).
 * `schemas/minerals-workbook.schema.json` is the contract; these types mirror it.
 */

/** A raw cell as written in the file: number, boolean, null, or string (`=` formula, `'` literal text). */
export type RawCell = number | boolean | null | string;

/** A value a scenario may set: a parameter value or a single cell's raw content. */
export type OverrideValue = RawCell;

export interface ColumnSpec {
  header?: string;
  /** Number format such as `#,##0`, `0.0%`, `0.00`. */
  format?: string;
  /** Column width in pixels, saved when the user resizes a column. */
  width?: number;
}

export interface SheetSpec {
  name: string;
  description?: string;
  columns?: ColumnSpec[];
  /** `rows[r][c]` is the cell at column c, row r+1 (A1 is `rows[0][0]`). */
  rows: RawCell[][];
  /** Per-cell number format overrides keyed by A1 address, e.g. `{ "C4": "0.0%" }`. */
  formats?: Record<string, string>;
}

export interface ParameterSpec {
  value: number;
  unit?: string;
  min?: number;
  max?: number;
  description?: string;
  /** Where the figure comes from, or "Illustrative assumption". */
  source?: string;
}

export interface ScenarioSpec {
  description?: string;
  /** Parameter name -> value, or `Sheet!B3` address -> raw cell content. */
  set: Record<string, OverrideValue>;
}

export type Severity = 'error' | 'warning' | 'info';

export interface CheckSpec {
  name: string;
  /** A formula (starting with `=`) that must evaluate to TRUE. */
  assert: string;
  severity?: Severity;
  message?: string;
}

export interface Workbook {
  $schema?: string;
  format: 'minerals-workbook';
  version: 1;
  title: string;
  description?: string;
  parameters?: Record<string, ParameterSpec>;
  scenarios?: Record<string, ScenarioSpec>;
  sheets: SheetSpec[];
  checks?: CheckSpec[];
}

/** Base scenario name used when none is chosen: parameter values as written. */
export const BASE_SCENARIO = 'Baseline';

/** The scenarios a workbook can be evaluated under: `Baseline` first (defined in the file or not), then the file's in order. */
export function scenarioNames(workbook: Pick<Workbook, 'scenarios'>): string[] {
  return [BASE_SCENARIO, ...Object.keys(workbook.scenarios ?? {}).filter((n) => n !== BASE_SCENARIO)];
}
