/**
 * Criteria as Excel reads them, for COUNTIF, COUNTIFS, SUMIF, SUMIFS, AVERAGEIF, MINIFS and
 * MAXIFS: the criterion "" matches empty cells and cells whose formula returns "" (HyperFormula:
 * empty cells only; "=" still means empty cells only, as in Excel). Plus AVERAGEIFS, which
 * HyperFormula lacks, built on its conditional-aggregation plugin (its public
 * getFunctionPlugin) so criteria are parsed and cached exactly as SUMIFS's are.
 */
import { patchEmptyTextCoercion } from './excel-coercion';
import { CellError, EmptyValue, ErrorType, HyperFormula, type FunctionPluginDefinition } from 'hyperformula';

interface CriterionPackage { raw: unknown; lambda: (v: unknown) => boolean }
interface CriterionBuilder { fromCellValue(raw: unknown, helper: unknown): CriterionPackage | undefined }
interface AggregationInternals {
  runFunction(args: never, state: never, metadata: unknown, fn: (...a: never[]) => unknown): unknown;
  metadata(name: string): unknown;
  computeConditionalAggregationFunction<T>(values: unknown, conditions: unknown[], name: string, initial: T,
    compose: (a: T, b: T) => T, map: (v: unknown) => T): T | CellError;
}

/** Excel's "" criterion: blank, or text of length 0. */
const blankOrEmptyText = (v: unknown): boolean => v === EmptyValue || v === '';

/** Makes a criterion builder read "" as Excel does (idempotent). */
function patchBuilder(builder: (CriterionBuilder & { excelBlank?: true }) | undefined): void {
  if (!builder || builder.excelBlank || typeof builder.fromCellValue !== 'function') return;
  const original = builder.fromCellValue.bind(builder);
  builder.fromCellValue = (raw, helper) => (raw === '' ? { raw, lambda: blankOrEmptyText } : original(raw, helper));
  builder.excelBlank = true;
}

/**
 * HyperFormula's interpreter builds its plugins first and its criterion builder after them,
 * so the builder is patched as it is assigned (and at once if it already exists).
 */
function patchCriteria(interpreter: unknown): void {
  if (interpreter === null || typeof interpreter !== 'object') return;
  const target = interpreter as { criterionBuilder?: CriterionBuilder };
  let current = target.criterionBuilder;
  patchBuilder(current);
  Object.defineProperty(target, 'criterionBuilder', {
    configurable: true, enumerable: true,
    get: () => current,
    set: (b: CriterionBuilder) => { current = b; patchBuilder(b); },
  });
}

type Sum = [sum: number, count: number];

/** The plugin class, or undefined when HyperFormula no longer has SUMIFS's plugin to extend. */
export function excelCriteriaPlugin(): FunctionPluginDefinition | undefined {
  const Base = HyperFormula.getFunctionPlugin('SUMIFS');
  const sumifs = Base?.implementedFunctions['SUMIFS'];
  if (!Base || !sumifs) return undefined;
  class ExcelCriteriaPlugin extends (Base as unknown as new (interpreter: unknown) => object) {
    static implementedFunctions = { AVERAGEIFS: { ...sumifs, method: 'averageifs' } };
    constructor(interpreter: unknown) {
      super(interpreter);
      patchCriteria(interpreter);
      // Built once per engine with its interpreter: the place to patch engine-wide semantics.
      patchEmptyTextCoercion(interpreter);
    }
    averageifs(ast: { args: never }, state: never): unknown {
      const self = this as unknown as AggregationInternals;
      return self.runFunction(ast.args, state, self.metadata('AVERAGEIFS'), ((values: unknown, ...conditions: unknown[]) => {
        // An error among the averaged cells is the result, as in Excel; text and blanks are skipped.
        const r = self.computeConditionalAggregationFunction<Sum | CellError>(values, conditions, 'AVERAGEIFS', [0, 0],
          (a, b) => (a instanceof CellError ? a : b instanceof CellError ? b : [a[0] + b[0], a[1] + b[1]]),
          (v) => (v instanceof CellError ? v : typeof v === 'number' ? [v, 1]
            : typeof (v as { val?: unknown })?.val === 'number' ? [(v as { val: number }).val, 1] : [0, 0]));
        if (r instanceof CellError) return r;
        return r[1] === 0 ? new CellError(ErrorType.DIV_BY_ZERO) : r[0] / r[1];
      }) as never);
    }
  }
  return ExcelCriteriaPlugin as unknown as FunctionPluginDefinition;
}
