/**
 * The workbook engine: HyperFormula wrapped for `*.minerals.json` workbooks.
 * Skeleton: signatures are final, implementation lands next.
 */
import type { RawCell, Workbook } from '../model/workbook';
import { BASE_SCENARIO } from '../model/workbook';
import type { Diagnostic } from '../model/diagnostic';
import type {
  CellValue, CheckResult, DataTable1Request, DataTable1Result, DataTable2Request, DataTable2Result,
  Evaluation, GoalSeekRequest, GoalSeekResult, ScenarioSummary, TornadoRequest, TornadoResult,
} from './types';

export * from './types';

/** The part of the parser's SourceMap the engine needs (structurally compatible with it). */
export interface EngineSourceMap {
  valueRange(pointer: string): { start: number; end: number };
  has(pointer: string): boolean;
}

/** Thrown by `setScenario` and the what-if tools for a scenario the workbook does not define. */
export class UnknownScenarioError extends Error {
  constructor(readonly scenario: string) {
    super(`Unknown scenario "${scenario}"`);
    this.name = 'UnknownScenarioError';
  }
}

/** Plain JSON value of a cell: error values become their error string (`'#DIV/0!'`). */
export function toPlainValue(v: CellValue): number | string | boolean | null {
  return v !== null && typeof v === 'object' ? v.error : v;
}

export class WorkbookEngine {
  private currentScenario = BASE_SCENARIO;
  private constructor(readonly workbook: Workbook) {}
  static create(workbook: Workbook, options?: { scenario?: string }): WorkbookEngine {
    const e = new WorkbookEngine(workbook);
    if (options?.scenario) e.setScenario(options.scenario);
    return e;
  }
  get scenario(): string { return this.currentScenario; }
  scenarioNames(): string[] {
    return [BASE_SCENARIO, ...Object.keys(this.workbook.scenarios ?? {}).filter((n) => n !== BASE_SCENARIO)];
  }
  setScenario(name: string): void {
    if (!this.scenarioNames().includes(name)) throw new UnknownScenarioError(name);
    this.currentScenario = name;
  }
  getSheetValues(_sheet: string | number): CellValue[][] { return []; }
  getCellValue(_ref: string): CellValue { return null; }
  setCell(_sheet: number, _row: number, _col: number, _raw: RawCell): void {}
  evaluate(): Evaluation { return { scenario: this.currentScenario, sheets: {}, checks: [] }; }
  evaluateChecks(): CheckResult[] { return []; }
  compare(_cells: string[]): ScenarioSummary { throw new Error('not implemented'); }
  goalSeek(_req: GoalSeekRequest): GoalSeekResult { return { ok: false, reason: 'not implemented', iterations: [] }; }
  dataTable1(_req: DataTable1Request): DataTable1Result { throw new Error('not implemented'); }
  dataTable2(_req: DataTable2Request): DataTable2Result { throw new Error('not implemented'); }
  tornado(_req: TornadoRequest): TornadoResult { throw new Error('not implemented'); }
  dispose(): void {}
}

/** Engine diagnostics (MW4xxx, MW5xxx) for a workbook that passed the schema. */
export function modelDiagnostics(
  _workbook: Workbook, _sourceMap: EngineSourceMap, _options?: { scenarios?: 'all' | string[] },
): Diagnostic[] {
  return [];
}
