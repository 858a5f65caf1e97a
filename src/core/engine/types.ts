/**
 * Public types of the workbook engine. Kept apart from the implementation so that the
 * validate layer, the CLI and the webview can import them without pulling in HyperFormula.
 */
import type { Severity } from '../model/workbook';

/** An error value a cell evaluates to, e.g. `#DIV/0!`, with HyperFormula's explanation. */
export interface CellError {
  /** `'#DIV/0!'`, `'#NAME?'`, `'#CYCLE!'`, `'#REF!'`, `'#VALUE!'`, `'#N/A'`, `'#NUM!'`, `'#ERROR!'`, ... */
  error: string;
  message?: string;
}

/** A computed cell value. `null` is an empty cell. */
export type CellValue = number | string | boolean | null | CellError;

/** Outcome of one workbook check under the current scenario. */
export interface CheckResult {
  name: string;
  /** Index of the check in `workbook.checks`. */
  index: number;
  /** True only when the assertion evaluated to boolean TRUE. */
  passed: boolean;
  value: CellValue;
  severity: Severity;
  message?: string;
}

/** Every sheet's computed values and every check's outcome under one scenario. */
export interface Evaluation {
  scenario: string;
  /** Sheet name -> rows of values, trimmed to the sheet's used area. */
  sheets: Record<string, CellValue[][]>;
  checks: CheckResult[];
}

/** One scenario's column in a scenario summary. */
export interface ScenarioColumn {
  name: string;
  description?: string;
  /** Every parameter's value under this scenario. */
  parameters: Record<string, number>;
  /** Requested result cell (as given, e.g. `Budget!B12`) -> value under this scenario. */
  cells: Record<string, CellValue>;
  checks: CheckResult[];
  /** Parameters whose value differs from the base scenario. */
  changedParameters: string[];
  /** Requested cells whose value differs from the base scenario. */
  changedCells: string[];
}

/** Every scenario's parameters and result cells side by side (Excel's Scenario Summary). */
export interface ScenarioSummary {
  /** The requested cells, in order. */
  cells: string[];
  /** Parameter names, in file order. */
  parameters: string[];
  /** The base scenario (`Baseline`); also the first entry of `scenarios`. */
  base: ScenarioColumn;
  scenarios: ScenarioColumn[];
}

/** Find the value of parameter `by` that makes cell `set` equal `to`. */
export interface GoalSeekRequest {
  /** Target cell, `Sheet!B5`. */
  set: string;
  to: number;
  /** Parameter name to vary. */
  by: string;
  /** Scenario to seek under; default: the engine's current scenario. */
  scenario?: string;
  /** Absolute tolerance on the cell value; default 1e-7 * max(1, |to|). */
  tolerance?: number;
  /** Default 100. */
  maxIterations?: number;
}

export interface GoalSeekStep { x: number; y: number | null }

export type GoalSeekResult =
  | { ok: true; value: number; achieved: number; iterations: GoalSeekStep[] }
  | { ok: false; reason: string; iterations: GoalSeekStep[] };

/** One-variable data table: the cell's value for each value of a parameter. */
export interface DataTable1Request { cell: string; param: string; values: number[]; scenario?: string }
export interface DataTable1Result {
  cell: string;
  param: string;
  rows: { value: number; result: CellValue }[];
}

/** Two-variable data table: `results[i][j]` is the cell for `rowValues[i]` and `colValues[j]`. */
export interface DataTable2Request {
  cell: string;
  rowParam: string;
  rowValues: number[];
  colParam: string;
  colValues: number[];
  scenario?: string;
}
export interface DataTable2Result {
  cell: string;
  rowParam: string;
  colParam: string;
  rowValues: number[];
  colValues: number[];
  results: CellValue[][];
}

/**
 * Tornado (sensitivity) analysis. Parameters with both `min` and `max` swing between them;
 * parameters without bounds are swung ±`relativeSwing` (default 10%) of their value when
 * `unbounded` is `'percent'` (default), or skipped when it is `'skip'`.
 */
export interface TornadoRequest {
  cell: string;
  params?: string[];
  scenario?: string;
  unbounded?: 'percent' | 'skip';
  relativeSwing?: number;
}
export interface TornadoBar {
  param: string;
  /** How the swing was chosen. */
  basis: 'bounds' | 'percent';
  base: number;
  low: number;
  high: number;
  lowResult: CellValue;
  highResult: CellValue;
  /** |highResult - lowResult|, NaN if either is not a number. */
  swing: number;
}
export interface TornadoResult {
  cell: string;
  baseResult: CellValue;
  /** Sorted by swing, largest first. */
  bars: TornadoBar[];
  skipped: { param: string; reason: string }[];
}

/**
 * A sheet as the engine addresses it: an index in `workbook.sheets`, or `'checks'` for the
 * hidden sheet of check assertions (row = the check's index, column 0).
 */
export type SheetOrChecks = number | 'checks';

/** One cell in a trace. */
export interface TracedCell { sheet: SheetOrChecks; row: number; col: number }

/** A range in a trace: every cell from `start` to `end`, both included, on one sheet. */
export interface TracedRange {
  sheet: SheetOrChecks;
  start: { row: number; col: number };
  end: { row: number; col: number };
}

/** A cell or a range; a range has `start` and `end`. */
export type TracedRef = TracedCell | TracedRange;

/** Direct precedents and dependents of one cell (`WorkbookEngine.precedentsAndDependents`). */
export interface CellTrace {
  /** Cells and ranges the cell's formula reads. */
  precedents: TracedRef[];
  /** Formula cells that read the cell, directly or through a range; never the range itself. */
  dependents: TracedRef[];
}

/** Rows or columns inserted or deleted on one sheet (`WorkbookEngine.changeStructure`). */
export interface StructureChange {
  kind: 'insertRows' | 'deleteRows' | 'insertColumns' | 'deleteColumns';
  /** Sheet index in `workbook.sheets`. */
  sheet: number;
  /** First row/column (0-based) inserted before, or deleted. */
  at: number;
  count: number;
}

/**
 * A block of cells moved within one sheet, as Excel's cut and paste does
 * (`WorkbookEngine.moveCells`): `top`..`bottom`, `left`..`right` go to `toRow`/`toCol`.
 */
export interface CellMove {
  /** Sheet index in `workbook.sheets`. */
  sheet: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
  toRow: number;
  toCol: number;
}
