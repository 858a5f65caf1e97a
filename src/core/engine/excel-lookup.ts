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

/** An Excel wildcard pattern (`*`, `?`, `~` escapes) as a whole-text, case-insensitive regex. */
export function wildcardRegex(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && i + 1 < pattern.length) { src += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); continue; }
    src += ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'i');
}

type Scalar = number | string | boolean;
/** Excel's comparison of lookup values: numbers < text < booleans; text case-insensitive. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') return a.toLowerCase().localeCompare((b as string).toLowerCase());
  return Number(a) - Number(b);
}

/**
 * XMATCH(lookup, array, match_mode, search_mode): position in a one-row or one-column array.
 * match_mode 0 exact, -1 exact or next smaller, 1 exact or next larger, 2 wildcards;
 * search_mode 1 first to last, -1 last to first (2 and -2, binary search, give the same
 * answer on sorted data and are searched linearly).
 */
export function xmatch(key: Scalar, values: unknown[], matchMode: number, searchMode: number): number | CellError {
  if (![0, -1, 1, 2].includes(matchMode) || ![1, -1, 2, -2].includes(searchMode)) return new CellError(ErrorType.VALUE);
  const order = values.map((_, i) => i);
  if (searchMode === -1) order.reverse();
  const re = matchMode === 2 && typeof key === 'string' ? wildcardRegex(key) : undefined;
  let best = -1;
  for (const i of order) {
    const v = values[i];
    if (v === null || v === undefined || v === EmptyValue || v instanceof CellError || typeof v === 'object') continue;
    const s = v as Scalar;
    if (re ? typeof s === 'string' && re.test(s) : compare(s, key) === 0) return i + 1;
    if (matchMode === -1 || matchMode === 1) {
      const c = compare(s, key);
      const sameKind = typeof s === typeof key;
      if (sameKind && ((matchMode === -1 && c < 0) || (matchMode === 1 && c > 0))) {
        if (best < 0 || (matchMode === -1 ? compare(s, values[best] as Scalar) > 0 : compare(s, values[best] as Scalar) < 0)) best = i;
      }
    }
  }
  return best >= 0 ? best + 1 : new CellError(ErrorType.NA, 'Value not found.');
}

/**
 * LOOKUP(key, lookup, [result]). Vector form: `lookup` is one row or column, the answer is the
 * element of `result` (default `lookup`) at the position found. Array form (no `result`, a
 * 2-D `lookup`): Excel searches the first row when the array is wider than tall, else the first
 * column, and answers from the last row / column. The position is that of the last value of
 * the key's kind not greater than the key: on sorted data that is Excel's binary search, and
 * it keeps the idiom LOOKUP(2, 1/(cond), values) (last match) working as in Excel. Errors in
 * the lookup values are skipped; #N/A when nothing qualifies.
 */
export function lookup(key: unknown, table: unknown[][], result?: unknown[][]): unknown {
  if (key instanceof CellError) return key;
  const k = (key === EmptyValue ? 0 : key) as Scalar;
  const height = table.length, width = table[0]?.length ?? 0;
  let keys: unknown[], answers: unknown[];
  if (result) {
    if (height > 1 && width > 1) return new CellError(ErrorType.NA, 'LOOKUP needs a one-row or one-column lookup vector.');
    keys = table.flat();
    answers = result.flat();
  } else if (width > height) {
    keys = table[0]!;
    answers = table[height - 1]!;
  } else {
    keys = table.map((row) => row[0]);
    answers = table.map((row) => row[width - 1]);
  }
  let found = -1;
  keys.forEach((v, i) => {
    if (v === null || v === undefined || v === EmptyValue || v instanceof CellError || typeof v === 'object') return;
    if (typeof v === typeof k && compare(v as Scalar, k) <= 0) found = i;
  });
  if (found < 0 || found >= answers.length) return new CellError(ErrorType.NA, 'Value not found.');
  const answer = answers[found];
  return answer === EmptyValue ? 0 : answer;
}
