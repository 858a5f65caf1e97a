/**
 * One sheet as the records of a CSV file: what `minerals export` and the extension's
 * "Export sheet as CSV" write (pass the result to `toCsv`).
 */
import { toPlainValue, UnknownScenarioError, WorkbookEngine } from '../engine/index';
import { BASE_SCENARIO, scenarioNames, type RawCell, type Workbook } from '../model/workbook';
import { parseA1, splitSheetRef } from '../validate/names';
import { OverrideReach, writtenArea } from '../model/override-reach';
import type { CsvValue } from './index';

/** Options for `sheetCsvRows`. */
export interface SheetCsvOptions {
  /**
   * Write the cells as written (formulas, not their values), with the scenario's overrides
   * of single cells of this sheet applied. Default false: computed values.
   */
  formulas?: boolean;
  /**
   * The scenario: its cell overrides (formulas mode) or the one to compute under (values).
   * Default: the engine's current scenario when an engine is given, else `Baseline`.
   */
  scenario?: string;
  /**
   * An engine already built on `workbook`, reused for values (no second build). When it is
   * under another scenario than `scenario`, it is switched for the read and switched back.
   * Without one, values mode builds (and disposes) its own engine.
   */
  engine?: WorkbookEngine;
  /** Start with the column headers when the sheet declares any. Default true. */
  header?: boolean;
}

/**
 * The records of one sheet's CSV: the header record (column headers, when the sheet declares
 * any and `header` is not false), then the used area's rows, values or formulas.
 * @throws UnknownScenarioError for a scenario the workbook does not define; engine errors
 * (e.g. `WorkbookTooLargeError`) when values mode must build an engine; RangeError for a
 * sheet index that is out of range.
 */
export function sheetCsvRows(workbook: Workbook, sheetIndex: number, options: SheetCsvOptions = {}): CsvValue[][] {
  const sheet = workbook.sheets[sheetIndex];
  if (sheet === undefined) throw new RangeError(`No sheet #${sheetIndex}; the workbook has ${workbook.sheets.length}`);
  const scenario = options.scenario ?? options.engine?.scenario ?? BASE_SCENARIO;
  const body = options.formulas ? rawRowsUnder(workbook, sheetIndex, scenario) : valueRows(workbook, sheetIndex, scenario, options.engine);
  const headers = (sheet.columns ?? []).map((c) => c.header ?? null);
  return options.header !== false && headers.some((h) => h !== null) ? [headers, ...body] : body;
}

function valueRows(workbook: Workbook, sheetIndex: number, scenario: string, engine: WorkbookEngine | undefined): CsvValue[][] {
  const read = (e: WorkbookEngine): CsvValue[][] => e.getSheetValues(sheetIndex).map((row) => row.map(toPlainValue));
  if (!engine) {
    const own = WorkbookEngine.create(workbook, { scenario });
    try {
      return read(own);
    } finally {
      own.dispose();
    }
  }
  return engine.withScenario(scenario, () => read(engine));
}

/**
 * The sheet's cells as written, with `scenario`'s overrides of single cells of this sheet
 * (`Sheet!B3` keys; sheet names match case-insensitively). No engine is built. Also what the
 * .xlsx export writes, so its formulas recompute to the values it caches.
 * @throws UnknownScenarioError for a scenario the workbook does not define.
 */
export function rawRowsUnder(workbook: Workbook, sheetIndex: number, scenario: string): RawCell[][] {
  const sheet = workbook.sheets[sheetIndex];
  if (sheet === undefined) throw new RangeError(`No sheet #${sheetIndex}; the workbook has ${workbook.sheets.length}`);
  const names = scenarioNames(workbook);
  if (!names.includes(scenario)) throw new UnknownScenarioError(scenario, names);
  const scenarios = workbook.scenarios ?? {};
  const set = Object.hasOwn(scenarios, scenario) ? scenarios[scenario]?.set ?? {} : {};
  const rows = sheet.rows.map((r) => r.slice());
  const reach = new OverrideReach(() => writtenArea(sheet.rows));
  const sheetName = sheet.name.toLowerCase();
  for (const [key, value] of Object.entries(set)) {
    const ref = splitSheetRef(key.trim());
    if (!ref || ref.sheet.toLowerCase() !== sheetName) continue; // a parameter, or another sheet
    const addr = parseA1(ref.address);
    if (!addr) continue; // reported by validation (MW3003)
    if (reach.admit(sheetIndex, addr.row, addr.col)) continue; // a far cell: ignored, as the engine does (MW3003)
    while (rows.length <= addr.row) rows.push([]);
    const row = rows[addr.row]!;
    while (row.length <= addr.col) row.push(null);
    row[addr.col] = value;
  }
  return rows;
}
