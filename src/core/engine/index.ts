/**
 * The workbook engine: HyperFormula wrapped for `*.minerals.json` workbooks. Runs in Node and
 * in the webview (no eval). See `WorkbookEngine` and `modelDiagnostics`.
 */
import type { CellValue } from './types';

export * from './types';
export {
  WorkbookEngine, EXCEL_LIMITS, excelConfig, toEngineContent, fromEngineValue, columnLetters, cellLabel,
  parameterNameProblem, type EngineLimits, type EngineOptions,
} from './workbook-engine';
export {
  EngineError, UnknownScenarioError, UnknownParameterError, InvalidReferenceError, WorkbookTooLargeError,
  EngineBuildError, StructureChangeError,
} from './errors';
export { modelDiagnostics, scenarioCost, SCENARIO_BUDGET, type ModelDiagnosticsOptions } from './diagnostics';
export {
  translateFormula, analyzeFormula, tokenize, oversizedRange, describeOversizedRange, usedExtent,
  MAX_RANGE_CELLS, MAX_FORMULA_LENGTH, MAX_FORMULA_NESTING, type FormulaIssue, type Token, type OversizedRange, type UsedExtent,
} from './formula-lexer';
export { solve, type SolveRequest } from './goal-seek';

/** Plain JSON value of a cell: error values become their error string (`'#DIV/0!'`). */
export function toPlainValue(v: CellValue): number | string | boolean | null {
  return v !== null && typeof v === 'object' ? v.error : v;
}
export { engineBuildCost, engineBuildProblem, ENGINE_BUILD_BUDGET, type EngineBuildCost } from './build-cost';
