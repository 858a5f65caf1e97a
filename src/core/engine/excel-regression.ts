/**
 * Excel's array-valued regression functions HyperFormula lacks, as a function plugin: LINEST,
 * LOGEST (with or without the statistics rows), TREND, GROWTH, and MODE.MULT. One x variable
 * only: a known_x with several columns (rows, for a row of y) is Excel's multiple regression,
 * refused with #VALUE! and a diagnostic (MW4006, see excel-functions.ts). HyperFormula sizes an
 * array result before evaluating it, so each function states its size from its arguments'
 * shapes; a result smaller than that (MODE.MULT) leaves the rest of the area empty, as the
 * spill of Excel's dynamic array would.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue, type ImplementedFunctions } from 'hyperformula';
import { mode } from './excel-statistics';

type Grid = { data: unknown[][]; width(): number; height(): number };
type Args = never;
type Cell = number | CellError;

/** A range cell as a number; dates and percents come boxed (`val`). */
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && !(v instanceof CellError) && typeof (v as { val?: unknown }).val === 'number') return (v as { val: number }).val;
  return undefined;
}

/** All cells as numbers, or the error Excel gives: the first error inside, else #VALUE!. */
function numbersOf(g: Grid): number[] | CellError {
  const out: number[] = [];
  for (const v of g.data.flat()) {
    if (v instanceof CellError) return v;
    const n = num(v);
    if (n === undefined) return new CellError(ErrorType.VALUE, 'Regression data must be numbers.');
    out.push(n);
  }
  return out;
}

const MULTIPLE = 'Only one x variable is supported (Excel\'s multiple regression is not).';

/** The x values paired with `ys`: 1..n when omitted; #VALUE! for several x variables. */
function xsFor(ys: Grid, xs: Grid | undefined): number[] | CellError {
  const n = ys.width() * ys.height();
  if (!xs) return Array.from({ length: n }, (_, i) => i + 1);
  if (xs.width() * xs.height() !== n) {
    const multiple = (ys.width() === 1 && xs.height() === ys.height() && xs.width() > 1) || (ys.height() === 1 && xs.width() === ys.width() && xs.height() > 1);
    return new CellError(multiple ? ErrorType.VALUE : ErrorType.REF, multiple ? MULTIPLE : 'known_y and known_x differ in size.');
  }
  return numbersOf(xs);
}

export interface Fit {
  slope: number;
  intercept: number;
  /** Rows 2-5 of LINEST's statistics: [se slope, se intercept], [r², se y], [F, df], [ss reg, ss resid]. */
  stats: [Cell, Cell][];
}

/** Least squares y = slope*x + intercept (intercept 0 when `constant` is false), as LINEST. */
export function fitLine(ys: number[], xs: number[], constant: boolean): Fit | CellError {
  const n = ys.length;
  if (n === 0 || n !== xs.length) return new CellError(ErrorType.VALUE);
  const mx = constant ? xs.reduce((a, b) => a + b, 0) / n : 0;
  const my = constant ? ys.reduce((a, b) => a + b, 0) / n : 0;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) { sxx += (xs[i]! - mx) ** 2; sxy += (xs[i]! - mx) * (ys[i]! - my); }
  if (sxx === 0) return new CellError(ErrorType.DIV_BY_ZERO);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssResid = 0, ssReg = 0;
  for (let i = 0; i < n; i++) {
    const fitted = slope * xs[i]! + intercept;
    ssResid += (ys[i]! - fitted) ** 2;
    ssReg += (fitted - my) ** 2;
  }
  const df = n - (constant ? 2 : 1);
  // No degrees of freedom left or a perfect fit: the standard errors are 0 and F has no value
  // (#N/A), as LibreOffice gives them; Excel's documentation does not say.
  const seY = df > 0 ? Math.sqrt(ssResid / df) : 0;
  const seSlope: Cell = seY / Math.sqrt(sxx);
  const seIntercept: Cell = constant ? seY * Math.sqrt(1 / n + (mx * mx) / sxx) : new CellError(ErrorType.NA);
  const r2: Cell = ssReg + ssResid === 0 ? new CellError(ErrorType.NUM) : ssReg / (ssReg + ssResid);
  const f: Cell = df <= 0 || ssResid === 0 ? new CellError(ErrorType.NA) : ssReg / (ssResid / df);
  return { slope, intercept, stats: [[seSlope, seIntercept], [r2, seY], [f, df], [ssReg, ssResid]] };
}

/** ln of every y for the exponential fits; #NUM! for a y that is not positive. */
function logs(ys: number[]): number[] | CellError {
  return ys.some((y) => y <= 0) ? new CellError(ErrorType.NUM) : ys.map(Math.log);
}

/** An argument left empty (`TREND(y,,new_x)`): HyperFormula passes it as one blank cell. */
const omitted = (g: Grid): boolean => g.width() === 1 && g.height() === 1 && g.data[0]?.[0] === EmptyValue;

type Node = { type: string; value?: unknown; procedureName?: string; args?: Node[] };
/** A literal TRUE/FALSE/number argument's truth, or undefined when known only at evaluation. */
function literalFlag(arg: Node | undefined): boolean | undefined {
  if (!arg || arg.type === 'EMPTY') return undefined;
  if (arg.type === 'NUMBER') return arg.value !== 0;
  if (arg.type === 'FUNCTION_CALL' && (arg.procedureName === 'TRUE' || arg.procedureName === 'FALSE') && !arg.args?.length) return arg.procedureName === 'TRUE';
  return undefined;
}

const REGRESSION_PARAMETERS = [
  { argumentType: FunctionArgumentType.RANGE },
  { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
  { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: true },
  { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: false },
];
const TREND_PARAMETERS = [
  { argumentType: FunctionArgumentType.RANGE },
  { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
  { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
  { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: true },
];

export class ExcelRegressionPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    LINEST: { method: 'linest', parameters: REGRESSION_PARAMETERS, sizeOfResultArrayMethod: 'fitSize', vectorizationForbidden: true },
    LOGEST: { method: 'logest', parameters: REGRESSION_PARAMETERS, sizeOfResultArrayMethod: 'fitSize', vectorizationForbidden: true },
    TREND: { method: 'trend', parameters: TREND_PARAMETERS, sizeOfResultArrayMethod: 'trendSize', vectorizationForbidden: true },
    GROWTH: { method: 'growth', parameters: TREND_PARAMETERS, sizeOfResultArrayMethod: 'trendSize', vectorizationForbidden: true },
    'MODE.MULT': {
      method: 'modeMult', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1,
      sizeOfResultArrayMethod: 'modeMultSize', vectorizationForbidden: true,
    },
  };

  private sizeOf(arg: Node, state: Args): ArraySize {
    return (this as unknown as { arraySizeForAst(a: Node, s: Args): ArraySize }).arraySizeForAst(arg, state);
  }
  /** Two columns; five rows when the stats argument is TRUE or not a literal (then unused rows stay empty). */
  fitSize(ast: { args: Node[] }): ArraySize {
    return new ArraySize(2, literalFlag(ast.args[3]) === false || ast.args[3] === undefined ? 1 : 5);
  }
  /** The shape of new_x, else of known_y. */
  trendSize(ast: { args: Node[] }, state: Args): ArraySize {
    const arg = ast.args[2] && ast.args[2].type !== 'EMPTY' ? ast.args[2] : ast.args[0];
    if (!arg) return ArraySize.error();
    const s = this.sizeOf(arg, state);
    return new ArraySize(s.width, s.height);
  }
  /** A column as long as all the values given (the modes are fewer). */
  modeMultSize(ast: { args: Node[] }, state: Args): ArraySize {
    const cells = ast.args.reduce((sum, a) => { const s = this.sizeOf(a, state); return sum + s.width * s.height; }, 0);
    return new ArraySize(1, Math.max(1, cells));
  }

  private fit(ys: Grid, given: Grid | undefined, constant: boolean, exponential: boolean): { fit: Fit; x: number[] } | CellError {
    const y = numbersOf(ys);
    const xs = given && !omitted(given) ? given : undefined;
    if (y instanceof CellError) return y;
    const x = xsFor(ys, xs);
    if (x instanceof CellError) return x;
    const ly = exponential ? logs(y) : y;
    if (ly instanceof CellError) return ly;
    const fit = fitLine(ly, x, constant);
    return fit instanceof CellError ? fit : { fit, x };
  }
  private estimate(ast: Args, state: Args, name: string, exponential: boolean): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (ys: Grid, xs: Grid | undefined, constant: boolean, stats: boolean) => {
      const r = this.fit(ys, xs, constant, exponential);
      if (r instanceof CellError) return r;
      const first: Cell[] = exponential ? [Math.exp(r.fit.slope), Math.exp(r.fit.intercept)] : [r.fit.slope, r.fit.intercept];
      return SimpleRangeValue.onlyValues(stats ? [first, ...r.fit.stats] : [first]);
    });
  }
  linest(ast: Args, state: Args): unknown { return this.estimate(ast, state, 'LINEST', false); }
  logest(ast: Args, state: Args): unknown { return this.estimate(ast, state, 'LOGEST', true); }

  private project(ast: Args, state: Args, name: string, exponential: boolean): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (ys: Grid, xs: Grid | undefined, newXs: Grid | undefined, constant: boolean) => {
      const r = this.fit(ys, xs, constant, exponential);
      if (r instanceof CellError) return r;
      const at = (x: unknown): Cell => {
        const n = num(x);
        if (n === undefined) return x instanceof CellError ? x : new CellError(ErrorType.VALUE);
        const line = r.fit.slope * n + r.fit.intercept;
        return exponential ? Math.exp(line) : line;
      };
      // Without new_x, the fitted values at known_x, in known_y's shape.
      const grid = newXs && !omitted(newXs) ? newXs.data : ys.data.map((row, i) => row.map((_, j) => r.x[i * row.length + j]));
      return SimpleRangeValue.onlyValues(grid.map((row) => row.map(at)));
    });
  }
  trend(ast: Args, state: Args): unknown { return this.project(ast, state, 'TREND', false); }
  growth(ast: Args, state: Args): unknown { return this.project(ast, state, 'GROWTH', true); }

  modeMult(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('MODE.MULT'), (...args: unknown[]) => {
      const xs = (this.arithmeticHelper as unknown as { coerceNumbersExactRanges(a: unknown[]): number[] | CellError }).coerceNumbersExactRanges(args);
      if (xs instanceof CellError) return xs;
      const top = mode(xs);
      if (top instanceof CellError) return top;
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
      const best = counts.get(top)!;
      // Every value with the top count, in the order first seen (Excel's order).
      return SimpleRangeValue.onlyValues([...counts].filter(([, c]) => c === best).map(([x]) => [x]));
    });
  }
}
