/**
 * `WorkbookEngine`: one HyperFormula instance holding a workbook, with scenarios applied as
 * batched changes (never a rebuild) and the what-if tools on top.
 */
import type { CellChange } from './cell-changes';
import {
  DetailedCellError, HyperFormula, SheetSizeLimitExceededError,
  type ConfigParams, type RawCellContent, type SerializedNamedExpression, type SimpleCellAddress,
  type SimpleCellRange,
  type CellValue as HfCellValue,
} from 'hyperformula';
import { BASE_SCENARIO, scenarioNames, type ParameterSpec, type RawCell, type Workbook } from '../model/workbook';
import { pointerOf } from '../parse/pointer';
import {
  EngineBuildError, InvalidReferenceError, StructureChangeError, UnknownParameterError,
  UnknownScenarioError, WorkbookTooLargeError,
} from './errors';
import { registerExcelFunctions } from './excel-rounding';
import { columnLetters, qualifiedAddress } from '../model/a1';
import { oversizedRange, translateFormula, usedExtent, type UsedExtent } from './formula-lexer';
import { formatTextNumber } from './text-format';
import { OverrideReach, writtenArea } from '../model/override-reach';
import { nameKey } from '../model/names';
import { solve } from './goal-seek';
import type {
  CellTrace, CellValue, CheckResult, DataTable1Request, DataTable1Result, DataTable2Request, DataTable2Result,
  Evaluation, GoalSeekRequest, GoalSeekResult, ScenarioColumn, ScenarioSummary, SheetOrChecks,
  StructureChange, CellMove, TornadoBar, TornadoRequest, TornadoResult, TracedRange, TracedRef,
} from './types';

registerExcelFunctions();

/** Engine size limits; Excel's by default. */
export interface EngineLimits { maxRows: number; maxColumns: number }
export const EXCEL_LIMITS: Readonly<EngineLimits> = Object.freeze({ maxRows: 1_048_576, maxColumns: 16_384 });

export interface EngineOptions {
  /** Scenario to apply after building; default `Baseline`. */
  scenario?: string;
  /** Size limits; default Excel's. Smaller limits exist for tests and constrained hosts. */
  limits?: Partial<EngineLimits>;
}

/**
 * HyperFormula configured as close to Excel (en-US) as it goes, per HyperFormula's
 * "Compatibility with Microsoft Excel" guide. Size limits are always explicit.
 */
export function excelConfig(limits: EngineLimits): Partial<ConfigParams> {
  return {
    licenseKey: 'gpl-v3',
    maxRows: limits.maxRows,
    maxColumns: limits.maxColumns,
    evaluateNullToZero: true,
    useArrayArithmetic: true,
    ignoreWhiteSpace: 'any',
    leapYear1900: true,
    nullDate: { year: 1899, month: 12, day: 31 },
    caseSensitive: false,
    accentSensitive: true,
    localeLang: 'en-US',
    useWildcards: true,
    useRegularExpressions: false,
    matchWholeCell: true,
    functionArgSeparator: ',',
    decimalSeparator: '.',
    thousandSeparator: '',
    arrayColumnSeparator: ',',
    arrayRowSeparator: ';',
    dateFormats: ['MM/DD/YYYY', 'MM/DD/YY', 'YYYY/MM/DD'],
    timeFormats: ['hh:mm', 'hh:mm:ss.sss'],
    smartRounding: true,
    // HyperFormula's default (10) shows 1/3 as 0.33333333333; 14 gives Excel's and
    // LibreOffice's 15 significant digits (0.333333333333333).
    precisionRounding: 14,
    // TEXT's number formats as Excel does them (%, grouping, sections); dates stay HyperFormula's.
    stringifyCurrency: formatTextNumber,
  };
}

/** Name of the hidden sheet holding check assertions, one per row in column A. */
const CHECKS_SHEET_BASE = '__mw_checks__';

export { columnLetters };

/** `Sheet!B5` for messages, quoting the sheet name when needed. */
export function cellLabel(sheet: string, row: number, col: number): string {
  return qualifiedAddress(sheet, row, col);
}

/** What the engine holds instead of a formula it must not evaluate (see `oversizedRange`). */
const NOT_EVALUATED = '=#VALUE!';
const EMPTY_EXTENT: UsedExtent = Object.freeze({ rows: 0, columns: 0 });

/**
 * A raw file cell as HyperFormula content. Plain text is prefixed with `'` so HyperFormula
 * keeps it as text even when it looks like a number, date, boolean or formula; `'text`
 * already is literal text (HyperFormula drops the apostrophe, as the file format says).
 * A formula over a range larger than `MAX_RANGE_CELLS`, or longer than Excel allows, becomes
 * `=#VALUE!` (MW4007). `extent` is the workbook's used size (`usedExtent`), by which whole rows
 * and columns are charged; without it they are charged as on an empty sheet.
 */
export function toEngineContent(raw: RawCell | undefined, defaultSheet?: string, extent: UsedExtent = EMPTY_EXTENT): RawCellContent {
  if (typeof raw !== 'string') return raw ?? null;
  if (raw.length === 0) return null;
  const c = raw.charCodeAt(0);
  if (c === 61 /* = */) {
    // A range HyperFormula would spend minutes and gigabytes on: not evaluated (MW4007).
    if (oversizedRange(raw, extent)) return NOT_EVALUATED;
    return translateFormula(raw, defaultSheet === undefined ? undefined : { defaultSheet });
  }
  if (c === 39 /* ' */) return raw;
  return "'" + raw;
}

/** An HyperFormula value as ours: error objects become `{ error, message }`. */
export function fromEngineValue(v: HfCellValue): CellValue {
  if (v instanceof DetailedCellError) return v.message ? { error: v.value, message: v.message } : { error: v.value };
  return v as CellValue;
}

/** The value of a parameter or scenario override as named-expression content. */
function parameterContent(v: RawCell, extent: UsedExtent): RawCellContent {
  if (typeof v === 'string') {
    if (!v.startsWith('=')) return "'" + v;
    return oversizedRange(v, extent) ? NOT_EVALUATED : translateFormula(v);
  }
  return v;
}

/** HyperFormula's naming rule: a name must not look like an A1 or R1C1 reference. */
const HF_NAME = /^[A-Za-z\u00C0-\u02AF_][A-Za-z0-9_.\u00C0-\u02AF]*$/;
const A1_LIKE = /^\$?[A-Za-z]+\$?[0-9]+$/;
const R1C1_LIKE = /^[rR][0-9]*[cC][0-9]*$/;

/** Why HyperFormula would refuse `name` as a named expression, or undefined if it accepts it. */
export function parameterNameProblem(name: string): string | undefined {
  if (A1_LIKE.test(name)) return `"${name}" looks like a cell reference to the engine (letters followed by digits); rename it, e.g. "${name.replace(/([0-9]+)$/, '_$1')}"`;
  if (R1C1_LIKE.test(name)) return `"${name}" looks like an R1C1 cell reference to the engine; rename it, e.g. "${name}_"`;
  if (!HF_NAME.test(name)) return `"${name}" is not a valid name: start with a letter or _, then use letters, digits, _ or .`;
  return undefined;
}

interface ParamEntry { name: string; spec: ParameterSpec; /** Registered with HyperFormula. */ active: boolean }
interface CellAddr { sheet: number; row: number; col: number }

/** Internal view for `modelDiagnostics`; not part of the public API. */
export interface EngineInternals {
  hf: HyperFormula;
  sheetIds: number[];
  checksSheetId: number;
  /** Parameters HyperFormula could not take, with the reason. */
  rejectedParameters: Map<string, string>;
  /** Cells overridden by the current scenario: key `sheetIndex:row:col` -> the override's key in `set`. */
  overriddenCells: Map<string, string>;
  sheetIndexOfId(id: number): number;
}

/** The workbook loaded into HyperFormula, under one scenario at a time. */
export class WorkbookEngine {
  private readonly hf: HyperFormula;
  private readonly sheetIds: number[];
  private readonly checksSheetId: number;
  private readonly params = new Map<string, ParamEntry>();
  private readonly paramsUpper = new Map<string, string>();
  private readonly rejectedParameters = new Map<string, string>();
  /** Current content of each parameter (as-written unless a scenario overrides it). */
  private readonly paramValues = new Map<string, RawCell>();
  /** Live edits (setCell) over the file's rows: key `sheet:row:col`. */
  private readonly edits = new Map<string, RawCell>();
  /** Live edits (setParameter) over the file's parameter values. */
  private readonly paramEdits = new Map<string, RawCell>();
  /** Cells the current scenario overrides: key -> the override key as written in `set`. */
  private readonly overriddenCells = new Map<string, string>();
  private readonly overriddenParams = new Set<string>();
  private currentScenario: string = BASE_SCENARIO;
  private disposed = false;
  /**
   * Milliseconds `create` spent inside HyperFormula's `buildFromSheets`, so that callers can
   * report how an open splits between HyperFormula and our own code (see docs/PERFORMANCE.md).
   */
  readonly hyperFormulaBuildMs: number;

  /** The workbook the engine was built on, or last rebased onto (`rebase`). */
  get workbook(): Workbook { return this.source; }

  private constructor(
    private source: Workbook, hf: HyperFormula, sheetIds: number[], checksSheetId: number,
    private readonly limits: EngineLimits, hyperFormulaBuildMs: number,
    /** The workbook's used size when built, by which formulas' whole rows and columns are charged. */
    readonly extent: UsedExtent,
  ) {
    this.hf = hf;
    this.hyperFormulaBuildMs = hyperFormulaBuildMs;
    this.sheetIds = sheetIds;
    this.checksSheetId = checksSheetId;
  }

  /**
   * Builds the engine with one `buildFromSheets` call. Throws `WorkbookTooLargeError` when a
   * sheet exceeds the size limits, `EngineBuildError` if HyperFormula refuses the workbook
   * otherwise, `UnknownScenarioError` for an unknown `options.scenario`.
   */
  static create(workbook: Workbook, options?: EngineOptions): WorkbookEngine {
    const limits: EngineLimits = { ...EXCEL_LIMITS, ...options?.limits };
    // No prototype: a sheet called __proto__ must stay a sheet, not reach Object.prototype.
    const sheets = Object.create(null) as Record<string, RawCellContent[][]>;
    const names = new Set<string>();
    // Computed once: what a whole row or column of this workbook costs (see `oversizedRange`).
    const used = usedExtent(workbook.sheets);
    const extent: UsedExtent = { rows: Math.max(used.rows, workbook.checks?.length ?? 0), columns: used.columns };
    // HyperFormula's name of each sheet. A name that clashes with an earlier one (letter case
    // ignored, as in formulas; MW3001 says so) gets a private name: one HyperFormula sheet per
    // file sheet, so each tab shows its own cells, and references by name mean the first.
    const hfNames: string[] = [];
    for (const sheet of workbook.sheets) {
      let hfName = sheet.name;
      for (let i = 2; names.has(nameKey(hfName)); i++) hfName = `${sheet.name}__mw_twin${i}`;
      names.add(nameKey(hfName));
      hfNames.push(hfName);
      const rows = sheet.rows;
      const out: RawCellContent[][] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const o: RawCellContent[] = new Array(row.length);
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          // Inline fast path for numbers (most cells); strings go through the translator.
          o[c] = typeof v === 'number' ? v : toEngineContent(v, undefined, extent);
        }
        out[r] = o;
      }
      sheets[hfName] = out;
    }
    let checksName = CHECKS_SHEET_BASE;
    for (let i = 2; names.has(nameKey(checksName)); i++) checksName = `${CHECKS_SHEET_BASE}${i}`;
    const firstSheet = workbook.sheets[0]?.name;
    sheets[checksName] = (workbook.checks ?? []).map((c) => {
      const a = typeof c.assert === 'string' ? c.assert : String(c.assert);
      return [toEngineContent(a.startsWith('=') ? a : `=${a}`, firstSheet, extent)];
    });

    const rejected = new Map<string, string>();
    const named: SerializedNamedExpression[] = [];
    const seen = new Set<string>();
    const paramEntries: ParamEntry[] = [];
    for (const [name, spec] of Object.entries(workbook.parameters ?? {})) {
      let problem = parameterNameProblem(name);
      if (!problem && seen.has(nameKey(name))) problem = `"${name}" differs from another parameter only in letter case; names are case-insensitive in formulas`;
      paramEntries.push({ name, spec, active: !problem });
      if (problem) { rejected.set(name, problem); continue; }
      seen.add(nameKey(name));
      named.push({ name, expression: parameterContent(spec.value, extent) });
    }

    let hf: HyperFormula;
    const buildStart = performance.now();
    let buildMs: number;
    try {
      hf = HyperFormula.buildFromSheets(sheets, excelConfig(limits), named);
      buildMs = performance.now() - buildStart;
    } catch (e) {
      if (e instanceof SheetSizeLimitExceededError) throw tooLarge(workbook, limits);
      const msg = e instanceof Error ? e.message : String(e);
      throw new EngineBuildError(`The engine could not load the workbook: ${msg}`, '', e);
    }
    const sheetIds = hfNames.map((n) => hf.getSheetId(n)!);
    const engine = new WorkbookEngine(workbook, hf, sheetIds, hf.getSheetId(checksName)!, limits, buildMs, extent);
    for (const p of paramEntries) {
      engine.params.set(p.name, p);
      engine.paramsUpper.set(nameKey(p.name), p.name);
      engine.paramValues.set(p.name, p.spec.value);
    }
    for (const [k, v] of rejected) engine.rejectedParameters.set(k, v);
    const scenario = options?.scenario ?? BASE_SCENARIO;
    if (scenario !== BASE_SCENARIO || Object.hasOwn(workbook.scenarios ?? {}, BASE_SCENARIO)) {
      try {
        engine.setScenario(scenario);
      } catch (e) {
        engine.dispose(); // do not leak the HyperFormula instance
        throw e;
      }
    }
    return engine;
  }

  /** The scenario currently applied. */
  get scenario(): string { return this.currentScenario; }

  /** `Baseline` first (defined in the file or not), then the file's scenarios in order. */
  scenarioNames(): string[] {
    return scenarioNames(this.workbook);
  }

  /** Parameter names in file order. */
  parameterNames(): string[] { return [...this.params.keys()]; }

  /**
   * Resets parameters and overridden cells to the file's values, then applies the scenario's
   * `set` in one batch. Throws `UnknownScenarioError`.
   */
  setScenario(name: string): void {
    const names = this.scenarioNames();
    if (!names.includes(name)) throw new UnknownScenarioError(name, names);
    const set = this.workbook.scenarios?.[name]?.set ?? {};
    const reach = new OverrideReach((s) => writtenArea(this.workbook.sheets[s]?.rows));
    this.hf.batch(() => {
      for (const p of this.overriddenParams) this.writeParam(p, this.baseParamValue(p));
      for (const [key] of this.overriddenCells) {
        const [s, r, c] = key.split(':').map(Number) as [number, number, number];
        this.writeCell({ sheet: s, row: r, col: c }, this.baseRaw(s, r, c));
      }
      this.overriddenParams.clear();
      this.overriddenCells.clear();
      for (const [target, value] of Object.entries(set)) {
        const param = this.findParam(target);
        if (param) {
          if (!this.params.get(param)!.active) continue;
          try {
            this.writeParam(param, value);
            this.overriddenParams.add(param);
          } catch {
            // A value HyperFormula refuses (e.g. a formula with relative references): the
            // schema and semantic layers report the value; the parameter keeps its base value.
            this.paramValues.set(param, this.baseParamValue(param));
          }
          continue;
        }
        const addr = this.tryParseRef(target);
        if (!addr) continue; // the semantic layer reports unknown targets (MW3003)
        // A far cell would make the sheet's rectangle billions of cells (MW3003 says so).
        if (reach.admit(addr.sheet, addr.row, addr.col)) continue;
        try {
          this.writeCell(addr, value);
          this.overriddenCells.set(`${addr.sheet}:${addr.row}:${addr.col}`, target);
        } catch {
          // Beyond the size limits: nothing to apply; reported by validation.
        }
      }
    });
    this.currentScenario = name;
  }

  /**
   * Moves the engine onto `next`, a later version of its workbook that differs only in the
   * given cells (`cellChanges`), in one HyperFormula batch: what a rebuild on `next` would
   * compute, without the build. Cells the current scenario overrides keep the override (their
   * new content is what the next scenario switch restores). Only for an engine without live
   * edits (`setCell`, `setParameter`): those are relative to the old workbook.
   */
  rebase(next: Workbook, changes: readonly CellChange[]): void {
    if (this.edits.size > 0 || this.paramEdits.size > 0) throw new Error('rebase: the engine has live edits');
    this.hf.batch(() => {
      for (const ch of changes) {
        if (this.overriddenCells.has(`${ch.sheet}:${ch.row}:${ch.col}`)) continue;
        this.writeCell({ sheet: ch.sheet, row: ch.row, col: ch.col }, ch.raw);
      }
    });
    this.source = next;
  }

  /** Values of a sheet (by name or index), trimmed to its used area; empty cells are null. */
  getSheetValues(sheet: string | number): CellValue[][] {
    const idx = typeof sheet === 'number' ? sheet : this.sheetIndex(sheet);
    const id = this.sheetIds[idx];
    if (id === undefined) throw new InvalidReferenceError(String(sheet), 'no such sheet');
    const values = this.hf.getSheetValues(id) as unknown as CellValue[][];
    // getSheetValues returns fresh arrays: convert error objects in place, no copy.
    for (const row of values) {
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== null && typeof v === 'object') row[c] = fromEngineValue(v as unknown as HfCellValue);
      }
    }
    return values;
  }

  /** Value of `Sheet!B5` / `'My sheet'!B5` (unqualified: the first sheet). Throws `InvalidReferenceError`. */
  getCellValue(ref: string): CellValue {
    return this.valueAt(this.parseRef(ref));
  }

  /** Live edit from the grid: sets one cell's raw content (not written to the file). */
  setCell(sheet: number, row: number, col: number, raw: RawCell): void {
    this.requireCell(sheet, row, col);
    const key = `${sheet}:${row}:${col}`;
    this.edits.set(key, raw);
    // Baseline changed under a scenario that overrides the cell: the override still shows.
    if (!this.overriddenCells.has(key)) this.writeCell({ sheet, row, col }, raw);
  }

  /**
   * Live change of a parameter's Baseline value (slider, grid): recomputes at once; kept
   * across scenario switches like a cell edit; while the current scenario overrides the
   * parameter, its override stays in effect. Throws `UnknownParameterError`.
   */
  setParameter(name: string, value: number): void {
    const p = this.requireParam(name);
    this.paramEdits.set(p, value);
    if (!this.overriddenParams.has(p)) this.writeParam(p, value);
  }

  /** The key in the current scenario's `set` (as written) that overrides this cell, if any. */
  cellOverride(sheet: number, row: number, col: number): string | undefined {
    return this.overriddenCells.get(`${sheet}:${row}:${col}`);
  }

  /** True when the current scenario sets parameter `name` (any letter case). */
  parameterOverridden(name: string): boolean {
    const p = this.findParam(name);
    return p !== undefined && this.overriddenParams.has(p);
  }

  /**
   * Live change of the current scenario's override of a cell or parameter (typing under
   * that scenario): recomputes at once. The caller changes `workbook.scenarios` to match, so
   * that the next `setScenario` applies the same value. Returns false when the current
   * scenario does not override `target`.
   */
  setOverride(target: { sheet: number; row: number; col: number } | { parameter: string }, value: RawCell): boolean {
    if ('parameter' in target) {
      const p = this.findParam(target.parameter);
      if (p === undefined || !this.overriddenParams.has(p)) return false;
      this.writeParam(p, value);
      return true;
    }
    if (!this.overriddenCells.has(`${target.sheet}:${target.row}:${target.col}`)) return false;
    this.writeCell(target, value);
    return true;
  }

  /** Current value of one parameter (under the current scenario and live edits). */
  getParameterValue(name: string): RawCell {
    return this.paramValues.get(this.requireParam(name)) ?? null;
  }

  /** Value of one cell by sheet index and 0-based row/column: the cheap read for rendering. */
  getValueAt(sheet: number, row: number, col: number): CellValue {
    if (this.sheetIds[sheet] === undefined) return null;
    return this.valueAt({ sheet, row, col });
  }

  /**
   * The area a formula's array result fills (a dynamic array: FILTER, SEQUENCE, A1:A3*2 ...),
   * anchored at this cell; undefined when the cell is not such an anchor or its result is one
   * value. The .xlsx export needs it: without the area Excel reads the formula as a
   * single-cell one and shows a different number.
   */
  spillAt(sheet: number, row: number, col: number): { rows: number; cols: number } | undefined {
    const id = this.sheetIds[sheet];
    if (id === undefined) return undefined;
    const addr = { sheet: id, row, col };
    if (String(this.hf.getCellType(addr)) !== 'ARRAYFORMULA') return undefined;
    // HyperFormula keeps the array's size on its vertex and has no public reader for it.
    const vertex = (this.hf as unknown as { dependencyGraph?: { getCell?(a: typeof addr): unknown } }).dependencyGraph?.getCell?.(addr) as { array?: { size?: { width?: unknown; height?: unknown } } } | undefined;
    const width = vertex?.array?.size?.width;
    const height = vertex?.array?.size?.height;
    if (typeof width !== 'number' || typeof height !== 'number') return undefined;
    return width * height > 1 ? { rows: height, cols: width } : undefined;
  }

  /** Every sheet's values and every check under the current scenario. */
  evaluate(): Evaluation {
    const sheets: Record<string, CellValue[][]> = {};
    this.workbook.sheets.forEach((s, i) => { setOwn(sheets, s.name, this.getSheetValues(i)); });
    return { scenario: this.currentScenario, sheets, checks: this.evaluateChecks() };
  }

  /**
   * Each check's assertion under the current scenario; passed only when it is TRUE. Asserts
   * live on a hidden sheet (user sheets keep their addresses); an unqualified reference in an
   * assert (`=B12<=Budget`) means the first sheet.
   */
  evaluateChecks(): CheckResult[] {
    return (this.workbook.checks ?? []).map((check, index) => {
      const value = fromEngineValue(this.hf.getCellValue({ sheet: this.checksSheetId, row: index, col: 0 }));
      const result: CheckResult = { name: check.name, index, passed: value === true, value, severity: check.severity ?? 'error' };
      if (check.message !== undefined) result.message = check.message;
      return result;
    });
  }

  /**
   * Runs `fn` as one HyperFormula batch and returns what it returns: any number of `setCell`
   * and `setParameter` calls inside cost one recalculation (a whole paste, not one per cell).
   * Values cannot be read inside `fn`: HyperFormula suspends evaluation until it returns.
   * When `fn` throws, the writes made so far are kept and recalculated, and the error rethrown.
   */
  batch<T>(fn: () => T): T {
    let result!: T;
    this.hf.batch(() => { result = fn(); });
    return result;
  }

  /**
   * Direct precedents and dependents of one cell, from HyperFormula's dependency graph (what a
   * trace highlights). Precedents are the cells and ranges the formula reads; dependents are
   * the formulas that read the cell, directly or through a range (`SUM(C1:C6)` is a dependent
   * of C3; the range's other cells are not), at most `maxDependents` of them. References to
   * parameters are left out. Throws `InvalidReferenceError` for a sheet index with no sheet or
   * a cell beyond the limits.
   */
  precedentsAndDependents(sheet: number, row: number, col: number, maxDependents = 10_000): CellTrace {
    const addr = { sheet: this.requireCell(sheet, row, col), row, col };
    return { precedents: this.traced(this.hf.getCellPrecedents(addr)), dependents: this.traced(this.formulasReading(addr, maxDependents)) };
  }

  /**
   * Every range (of more than one cell) that the formulas of `sheet` (or the checks) read, as
   * HyperFormula resolved them; parameters are left out. Throws `InvalidReferenceError` for an
   * unknown sheet index.
   */
  rangesReadBy(sheet: SheetOrChecks): TracedRange[] {
    const id = this.hfSheetId(sheet);
    const out: TracedRange[] = [];
    this.hf.getSheetFormulas(id).forEach((row, r) => row.forEach((f, c) => {
      if (f === undefined) return;
      for (const p of this.traced(this.hf.getCellPrecedents({ sheet: id, row: r, col: c }))) if ('start' in p) out.push(p);
    }));
    return out;
  }

  /**
   * Every formula of a sheet (or of the checks) in HyperFormula's spelling (`TRUE()`, upper
   * case, translated functions), not the file's; null where a cell holds no formula. Rows stop
   * at the last one with content. Throws `InvalidReferenceError` for an unknown sheet index.
   */
  formulasOf(sheet: SheetOrChecks): (string | null)[][] {
    return this.hf.getSheetFormulas(this.hfSheetId(sheet)).map((row) => row.map((f) => f ?? null));
  }

  /**
   * Inserts or deletes rows or columns of one sheet; every reference to the moved cells, on any
   * sheet and in the checks, is rewritten. Only HyperFormula's cells move: `workbook`, live
   * edits and scenario overrides keep their old addresses, so use it on an engine built for
   * the purpose (read `formulasOf` or values afterwards, then dispose it).
   * Throws `StructureChangeError` when HyperFormula refuses, `InvalidReferenceError` for an
   * unknown sheet index.
   */
  changeStructure(change: StructureChange): void {
    const id = this.hfSheetId(change.sheet);
    const span: [number, number] = [change.at, change.count];
    try {
      switch (change.kind) {
        case 'insertRows': this.hf.addRows(id, span); break;
        case 'deleteRows': this.hf.removeRows(id, span); break;
        case 'insertColumns': this.hf.addColumns(id, span); break;
        case 'deleteColumns': this.hf.removeColumns(id, span); break;
      }
    } catch (e) {
      throw new StructureChangeError(e instanceof Error ? e.message : String(e), e);
    }
  }

  /**
   * Moves a block of cells within its sheet, as Excel's cut and paste: the moved formulas keep
   * pointing at the same cells, and every reference to a moved cell, on any sheet and in the
   * checks, follows it; references to the cells it lands on become #REF!. Same caveats as
   * `changeStructure` (use an engine built for the purpose). Only within one sheet:
   * HyperFormula leaves the moved cells' own sheet pointing at the old sheet when a block
   * changes sheets.
   * Throws `StructureChangeError` when HyperFormula refuses (e.g. past the sheet's limits).
   */
  moveCells(move: CellMove): void {
    const id = this.hfSheetId(move.sheet);
    const box = (b: Box): SimpleCellRange => ({ start: { sheet: id, row: b.top, col: b.left }, end: { sheet: id, row: b.bottom, col: b.right } });
    const h = move.bottom - move.top + 1;
    const target: Box = { top: move.toRow, left: move.toCol, bottom: move.toRow + h - 1, right: move.toCol + move.right - move.left };
    try {
      // HyperFormula keeps references to the cells the block lands on pointing at their
      // address, so they would silently read the moved cells; Excel makes them #REF!. Those
      // cells first go to rows below everything on the sheet (contents and every range that
      // reaches it), which are deleted after the move: references to them become #REF!.
      const landed = subtractBox(target, move);
      if (landed.length > 0) {
        let scratch = Math.max(this.hf.getSheetDimensions(id).height, target.bottom + 1, move.bottom + 1);
        for (const s of [...this.sheetIds.keys(), 'checks' as const]) {
          for (const r of this.rangesReadBy(s)) if (r.sheet === move.sheet) scratch = Math.max(scratch, r.end.row + 1);
        }
        if (scratch + h > this.limits.maxRows) throw new Error('a range reaches the last rows of the sheet, so the cells the block lands on cannot be cleared safely');
        for (const p of landed) this.hf.moveCells(box(p), { sheet: id, row: scratch + p.top - target.top, col: p.left });
        this.hf.moveCells(box(move), { sheet: id, row: move.toRow, col: move.toCol });
        this.hf.removeRows(id, [scratch, h]);
      } else {
        this.hf.moveCells(box(move), { sheet: id, row: move.toRow, col: move.toCol });
      }
    } catch (e) {
      throw new StructureChangeError(e instanceof Error ? e.message : String(e), e);
    }
  }

  /** Every scenario's parameters, the given cells and checks side by side; restores the scenario. */
  compare(cells: string[]): ScenarioSummary {
    const addrs = cells.map((c) => this.parseRef(c));
    const original = this.currentScenario;
    const names = this.scenarioNames();
    // Each switch recalculates every dependent of the overrides it changes (for a model whose
    // parameters feed every row, the whole model): visiting the current scenario last leaves
    // the engine where it was without one more switch. Columns stay in scenarioNames() order.
    const visit = [...names.filter((n) => n !== original), ...names.filter((n) => n === original)];
    const byName = new Map<string, ScenarioColumn>();
    try {
      for (const name of visit) {
        this.setScenario(name);
        const parameters: Record<string, number> = {};
        for (const [p, v] of this.paramValues) setOwn(parameters, p, typeof v === 'number' ? v : Number.NaN);
        const values: Record<string, CellValue> = {};
        cells.forEach((c, i) => { setOwn(values, c, this.valueAt(addrs[i]!)); });
        const column: ScenarioColumn = { name, parameters, cells: values, checks: this.evaluateChecks(), changedParameters: [], changedCells: [] };
        const description = this.workbook.scenarios?.[name]?.description;
        if (description !== undefined) column.description = description;
        byName.set(name, column);
      }
    } finally {
      if (this.currentScenario !== original) this.setScenario(original);
    }
    const columns = names.map((n) => byName.get(n)!);
    const base = columns[0]!;
    for (const col of columns) {
      col.changedParameters = Object.keys(col.parameters).filter((p) => !Object.is(col.parameters[p], base.parameters[p]));
      col.changedCells = cells.filter((c) => !sameValue(col.cells[c]!, base.cells[c]!));
    }
    return { cells: [...cells], parameters: [...this.paramValues.keys()], base, scenarios: columns };
  }

  /**
   * The value of parameter `by` that makes cell `set` equal `to`, searched within the
   * parameter's min/max. Restores the parameter and scenario afterwards. Throws
   * `UnknownParameterError`, `InvalidReferenceError`, `UnknownScenarioError` for bad requests;
   * model behaviour (no root, error values, jumps) comes back as `{ ok: false, reason }`.
   */
  goalSeek(req: GoalSeekRequest): GoalSeekResult {
    const addr = this.parseRef(req.set);
    const param = this.requireParam(req.by);
    if (!Number.isFinite(req.to)) throw new RangeError(`Goal seek target must be a finite number, got ${req.to}`);
    return this.withScenario(req.scenario, () => this.withParamsRestored([param], () => {
      const spec = this.params.get(param)!.spec;
      const current = this.paramValues.get(param);
      const x0 = typeof current === 'number' ? current : spec.value;
      return solve({
        f: (x) => { this.writeParam(param, x); return this.valueAt(addr); },
        target: req.to,
        x0,
        lo: spec.min,
        hi: spec.max,
        tolerance: req.tolerance ?? 1e-7 * Math.max(1, Math.abs(req.to)),
        maxIterations: req.maxIterations ?? 100,
        cellName: req.set,
        paramName: param,
      });
    }));
  }

  /** One-variable data table: the cell for each value of the parameter. */
  dataTable1(req: DataTable1Request): DataTable1Result {
    const addr = this.parseRef(req.cell);
    const param = this.requireParam(req.param);
    return this.withScenario(req.scenario, () => this.withParamsRestored([param], () => ({
      cell: req.cell,
      param,
      rows: req.values.map((value) => { this.writeParam(param, value); return { value, result: this.valueAt(addr) }; }),
    })));
  }

  /** Two-variable data table: `results[i][j]` for `rowValues[i]`, `colValues[j]`. */
  dataTable2(req: DataTable2Request): DataTable2Result {
    const addr = this.parseRef(req.cell);
    const rowParam = this.requireParam(req.rowParam);
    const colParam = this.requireParam(req.colParam);
    return this.withScenario(req.scenario, () => this.withParamsRestored([rowParam, colParam], () => ({
      cell: req.cell,
      rowParam,
      colParam,
      rowValues: [...req.rowValues],
      colValues: [...req.colValues],
      results: req.rowValues.map((rv) => req.colValues.map((cv) => {
        this.hf.batch(() => { this.writeParam(rowParam, rv); this.writeParam(colParam, cv); });
        return this.valueAt(addr);
      })),
    })));
  }

  /**
   * Tornado analysis: each parameter swung between its min and max (`basis: 'bounds'`); a
   * parameter without both bounds is swung ±`relativeSwing` (10%) of its value
   * (`basis: 'percent'`), or skipped when `unbounded: 'skip'`. Bars sorted by swing, largest first.
   */
  tornado(req: TornadoRequest): TornadoResult {
    const addr = this.parseRef(req.cell);
    // Explicitly requested parameters must exist; by default every parameter is tried.
    const params = req.params ? req.params.map((p) => this.requireParam(p)) : this.parameterNames();
    const rel = req.relativeSwing ?? 0.1;
    return this.withScenario(req.scenario, () => {
      const baseResult = this.valueAt(addr);
      const bars: TornadoBar[] = [];
      const skipped: { param: string; reason: string }[] = [];
      for (const param of params) {
        const entry = this.params.get(param)!;
        const current = this.paramValues.get(param);
        if (!entry.active) { skipped.push({ param, reason: this.rejectedParameters.get(param) ?? 'not usable' }); continue; }
        if (typeof current !== 'number') { skipped.push({ param, reason: 'its value is not a number' }); continue; }
        let low: number, high: number, basis: TornadoBar['basis'];
        if (entry.spec.min !== undefined && entry.spec.max !== undefined) {
          low = entry.spec.min; high = entry.spec.max; basis = 'bounds';
        } else if (req.unbounded === 'skip') {
          skipped.push({ param, reason: 'no min and max' }); continue;
        } else if (current === 0) {
          skipped.push({ param, reason: 'no min and max, and a ±% swing of 0 is 0' }); continue;
        } else {
          low = current * (1 - rel); high = current * (1 + rel); basis = 'percent';
          if (low > high) [low, high] = [high, low];
        }
        const [lowResult, highResult] = this.withParamsRestored([param], () => {
          this.writeParam(param, low);
          const l = this.valueAt(addr);
          this.writeParam(param, high);
          return [l, this.valueAt(addr)] as const;
        });
        const swing = typeof lowResult === 'number' && typeof highResult === 'number' ? Math.abs(highResult - lowResult) : Number.NaN;
        bars.push({ param, basis, base: current, low, high, lowResult, highResult, swing });
      }
      // Largest swing first; bars whose result is not a number go last.
      const key = (b: TornadoBar): number => (Number.isNaN(b.swing) ? -1 : b.swing);
      bars.sort((a, b) => key(b) - key(a));
      return { cell: req.cell, baseResult, bars, skipped };
    });
  }

  /** Releases HyperFormula's memory; the engine is unusable afterwards. */
  dispose(): void {
    if (!this.disposed) { this.disposed = true; this.hf.destroy(); }
  }

  /** @internal For `modelDiagnostics` only. */
  internals(): EngineInternals {
    return {
      hf: this.hf,
      sheetIds: this.sheetIds,
      checksSheetId: this.checksSheetId,
      rejectedParameters: this.rejectedParameters,
      overriddenCells: this.overriddenCells,
      sheetIndexOfId: (id) => this.sheetIds.indexOf(id),
    };
  }

  // ------------------------------------------------------------------------------------

  private valueAt(a: CellAddr): CellValue {
    return fromEngineValue(this.hf.getCellValue({ sheet: this.sheetIds[a.sheet]!, row: a.row, col: a.col }));
  }

  /**
   * HyperFormula's id of the cell's sheet. Throws `InvalidReferenceError` unless the sheet
   * exists and the cell is within the limits.
   */
  private requireCell(sheet: number, row: number, col: number): number {
    const id = this.hfSheetId(sheet);
    if (!this.inLimits(row, col)) {
      throw new InvalidReferenceError(`row ${row + 1}, column ${col + 1}`, `outside the sheet (${this.limits.maxRows} rows, ${this.limits.maxColumns} columns)`);
    }
    return id;
  }

  /** HyperFormula's id of a sheet. Throws `InvalidReferenceError` for an unknown sheet index. */
  private hfSheetId(sheet: SheetOrChecks): number {
    const id = sheet === 'checks' ? this.checksSheetId : this.sheetIds[sheet];
    if (id === undefined) throw new InvalidReferenceError(`sheet #${sheet}`, 'no such sheet');
    return id;
  }

  /**
   * The formula cells that read `addr`. HyperFormula's graph puts a range between a cell and
   * the formula reading it (and a long range on a shorter one it extends), so ranges are
   * followed until cells are reached, each range once.
   */
  private formulasReading(addr: SimpleCellAddress, max: number): SimpleCellAddress[] {
    const out: SimpleCellAddress[] = [];
    const seen = new Set<string>();
    let queue = this.hf.getCellDependents(addr);
    while (queue.length > 0 && out.length < max) {
      const next: (SimpleCellAddress | SimpleCellRange)[] = [];
      for (const d of queue) {
        const key = 'start' in d
          ? `${d.start.sheet}:${d.start.row}:${d.start.col}:${d.end.row}:${d.end.col}`
          : `${d.sheet}:${d.row}:${d.col}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if ('start' in d) next.push(...this.hf.getCellDependents(d));
        else if (out.push(d) >= max) break;
      }
      queue = next;
    }
    return out;
  }

  /** HyperFormula's addresses by workbook sheet; parameters (its sheet -1) are dropped. */
  private traced(list: (SimpleCellAddress | SimpleCellRange)[]): TracedRef[] {
    const out: TracedRef[] = [];
    for (const a of list) {
      const range = 'start' in a;
      const sheet = this.sheetOrChecks(range ? a.start.sheet : a.sheet);
      if (sheet === undefined) continue;
      out.push(range
        ? { sheet, start: { row: a.start.row, col: a.start.col }, end: { row: a.end.row, col: a.end.col } }
        : { sheet, row: a.row, col: a.col });
    }
    return out;
  }

  private sheetOrChecks(id: number): SheetOrChecks | undefined {
    if (id === this.checksSheetId) return 'checks';
    const i = this.sheetIds.indexOf(id);
    return i < 0 ? undefined : i;
  }

  private baseRaw(sheet: number, row: number, col: number): RawCell {
    const key = `${sheet}:${row}:${col}`;
    if (this.edits.has(key)) return this.edits.get(key)!;
    return this.workbook.sheets[sheet]?.rows[row]?.[col] ?? null;
  }

  private baseParamValue(name: string): RawCell {
    return this.paramEdits.has(name) ? this.paramEdits.get(name)! : this.params.get(name)!.spec.value;
  }

  private writeCell(a: CellAddr, raw: RawCell): void {
    this.hf.setCellContents({ sheet: this.sheetIds[a.sheet]!, row: a.row, col: a.col }, [[toEngineContent(raw, undefined, this.extent)]]);
  }

  private writeParam(name: string, value: RawCell): void {
    this.paramValues.set(name, value);
    this.hf.changeNamedExpression(name, parameterContent(value, this.extent));
  }

  private findParam(name: string): string | undefined {
    return this.params.has(name) ? name : this.paramsUpper.get(nameKey(name));
  }

  private requireParam(name: string): string {
    const p = this.findParam(name);
    if (p === undefined) throw new UnknownParameterError(name, this.parameterNames());
    if (!this.params.get(p)!.active) throw new UnknownParameterError(`${name} (${this.rejectedParameters.get(p)})`, this.parameterNames());
    return p;
  }

  /** Runs fn with the given parameters' current values restored afterwards (one batch). */
  private withParamsRestored<T>(params: string[], fn: () => T): T {
    const saved = params.map((p) => [p, this.paramValues.get(p)!] as const);
    try {
      return fn();
    } finally {
      this.hf.batch(() => { for (const [p, v] of saved) this.writeParam(p, v); });
    }
  }

  /**
   * Run `fn` with `scenario` as the current scenario, then switch back to the previous one
   * (also when `fn` throws). `undefined` or the current scenario runs `fn` as is.
   * @throws UnknownScenarioError for a scenario the workbook does not define.
   */
  withScenario<T>(scenario: string | undefined, fn: () => T): T {
    if (scenario === undefined || scenario === this.currentScenario) return fn();
    const original = this.currentScenario;
    this.setScenario(scenario);
    try {
      return fn();
    } finally {
      this.setScenario(original);
    }
  }

  private sheetIndex(name: string): number {
    // The first sheet of that name, as HyperFormula resolves a reference to twins.
    const key = nameKey(name);
    return this.workbook.sheets.findIndex((s) => nameKey(s.name) === key);
  }

  private tryParseRef(ref: string): CellAddr | undefined {
    let addr: SimpleCellAddress | undefined;
    try {
      addr = this.hf.simpleCellAddressFromString(ref.trim(), this.sheetIds[0] ?? 0);
    } catch {
      return undefined;
    }
    if (!addr) return undefined;
    const sheet = this.sheetIds.indexOf(addr.sheet);
    if (sheet < 0 || !this.inLimits(addr.row, addr.col)) return undefined;
    return { sheet, row: addr.row, col: addr.col };
  }

  private inLimits(row: number, col: number): boolean {
    return Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0
      && row < this.limits.maxRows && col < this.limits.maxColumns;
  }

  private parseRef(ref: string): CellAddr {
    const addr = this.tryParseRef(ref);
    if (addr) return addr;
    let parsed: SimpleCellAddress | undefined;
    try { parsed = this.hf.simpleCellAddressFromString(ref.trim(), this.sheetIds[0] ?? 0); } catch { parsed = undefined; }
    if (parsed && this.sheetIds.includes(parsed.sheet) && !this.inLimits(parsed.row, parsed.col)) {
      const last = `${columnLetters(this.limits.maxColumns - 1)}${this.limits.maxRows}`;
      throw new InvalidReferenceError(ref, `outside the sheet (the last cell is ${last})`);
    }
    const bang = ref.lastIndexOf('!');
    if (bang > 0) {
      const sheet = ref.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      if (this.sheetIndex(sheet) < 0) throw new InvalidReferenceError(ref, `there is no sheet "${sheet}"`);
    }
    throw new InvalidReferenceError(ref, "write it as Sheet!B5 (or 'My sheet'!B5)");
  }
}

/** Sets an own property even for names like `__proto__`, which plain assignment would not. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return a.error === b.error;
  return Object.is(a, b);
}

/** Locates the first sheet row or row length beyond the limits. */
function tooLarge(workbook: Workbook, limits: EngineLimits): WorkbookTooLargeError {
  for (let s = 0; s < workbook.sheets.length; s++) {
    const sheet = workbook.sheets[s]!;
    if (sheet.rows.length > limits.maxRows) {
      return new WorkbookTooLargeError(
        `Sheet "${sheet.name}" has ${sheet.rows.length} rows; the engine's limit is ${limits.maxRows}`,
        pointerOf(['sheets', s, 'rows']));
    }
    const r = sheet.rows.findIndex((row) => row.length > limits.maxColumns);
    if (r >= 0) {
      return new WorkbookTooLargeError(
        `Row ${r + 1} of sheet "${sheet.name}" has ${sheet.rows[r]!.length} cells; the engine's limit is ${limits.maxColumns} columns`,
        pointerOf(['sheets', s, 'rows', r]));
    }
  }
  const checks = workbook.checks?.length ?? 0;
  if (checks > limits.maxRows) {
    return new WorkbookTooLargeError(`The workbook has ${checks} checks; the engine's limit is ${limits.maxRows}`, '/checks');
  }
  return new WorkbookTooLargeError(`The workbook exceeds the engine's size limits (${limits.maxRows} rows, ${limits.maxColumns} columns)`, '');
}

interface Box { top: number; left: number; bottom: number; right: number }

/** The cells of `a` outside `b`, as at most four boxes. */
function subtractBox(a: Box, b: Box): Box[] {
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  const left = Math.max(a.left, b.left);
  const right = Math.min(a.right, b.right);
  if (top > bottom || left > right) return [a];
  const out: Box[] = [];
  if (a.top < top) out.push({ ...a, bottom: top - 1 });
  if (a.bottom > bottom) out.push({ ...a, top: bottom + 1 });
  if (a.left < left) out.push({ top, bottom, left: a.left, right: left - 1 });
  if (a.right > right) out.push({ top, bottom, left: right + 1, right: a.right });
  return out;
}
