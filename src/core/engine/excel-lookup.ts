/**
 * MATCH with match_type 0 takes wildcards (`*`, `?`, `~`) as Excel does; HyperFormula's MATCH
 * compares such a key literally, though its VLOOKUP and XLOOKUP take them. Built on
 * HyperFormula's own lookup plugin (its public getFunctionPlugin), reusing the wildcard
 * search VLOOKUP uses; every other MATCH goes to HyperFormula's code unchanged.
 */
import { CellError, EmptyValue, ErrorType, HyperFormula, type FunctionPluginDefinition } from 'hyperformula';

interface LookupInternals {
  runFunction(args: never, state: never, metadata: unknown, fn: (...a: never[]) => unknown): unknown;
  metadata(name: string): unknown;
  doMatch(key: unknown, range: unknown, type: number): unknown;
  searchInRange(key: unknown, range: unknown, wildcard: boolean, options: object, strategy: unknown): number;
  columnSearch: unknown;
  rowSearch: unknown;
  arithmeticHelper: { requiresRegex(key: string): boolean };
}
interface Range { width(): number; height(): number }

/** The MATCH plugin class, or undefined when HyperFormula no longer has one to extend. */
export function excelMatchPlugin(): FunctionPluginDefinition | undefined {
  const Base = HyperFormula.getFunctionPlugin('MATCH');
  const match = Base?.implementedFunctions['MATCH'];
  if (!Base || !match) return undefined;
  class ExcelMatchPlugin extends (Base as unknown as new (...a: never[]) => object) {
    static implementedFunctions = { MATCH: { ...match, method: 'excelMatch' } };
    excelMatch(ast: { args: never }, state: never): unknown {
      const self = this as unknown as LookupInternals;
      return self.runFunction(ast.args, state, self.metadata('MATCH'), ((key: unknown, range: Range, type: number) => {
        const k = key === EmptyValue ? 0 : key;
        if (type !== 0 || typeof k !== 'string' || !self.arithmeticHelper.requiresRegex(k)) return self.doMatch(k, range, type);
        if (range.width() > 1 && range.height() > 1) return new CellError(ErrorType.NA);
        const strategy = range.width() === 1 ? self.columnSearch : self.rowSearch;
        const index = self.searchInRange(k, range, true, { ordering: 'none', ifNoMatch: 'returnNotFound' }, strategy);
        return index === -1 ? new CellError(ErrorType.NA, 'Value not found.') : index + 1;
      }) as never);
    }
  }
  return ExcelMatchPlugin as unknown as FunctionPluginDefinition;
}
