/**
 * Excel functions HyperFormula 3.5 lacks or answers differently, as HyperFormula function
 * plugins (registered with the rounding ones in excel-rounding.ts):
 * - VALUE reads grouping commas and currency symbols ("1,480.5", "$1,000") as Excel does.
 * - DATEDIF reads its unit case-insensitively, as Excel does (HyperFormula: #NUM! for "y").
 * - COUNTBLANK also counts cells whose formula returns "" (HyperFormula counts only empty
 *   cells; Excel's documentation: "Cells with formulas that return "" (empty text) are also
 *   counted").
 * - PERMUT, TRIMMEAN, NUMBERVALUE, PERCENTRANK / .INC / .EXC (cut to the significance, as Excel's examples show),
 *   LOOKUP (vector and array forms), and XNPV over dates that are formula results.
 * - SKEW, KURT, RANK.EQ, RANK, RANK.AVG, MODE.SNGL, MODE, FORECAST, FORECAST.LINEAR, INTERCEPT
 *   and ERROR.TYPE, with Excel's
 *   documented definitions: numbers in ranges only (text and booleans in a range ignored),
 *   #DIV/0! for too few values, #N/A where Excel gives it.
 */
import { lookup, xmatch } from './excel-lookup';
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, type ImplementedFunctions } from 'hyperformula';

type Args = never;
type Numbers = number[] | CellError;

const ANY_REPEATED = { parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 };

/** Σ((x-mean)/sd)^power with the sample sd; #DIV/0! below `minCount` values or when sd is 0. */
function standardizedMoment(xs: number[], minCount: number, power: number): number | CellError {
  if (xs.length < minCount) return new CellError(ErrorType.DIV_BY_ZERO);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  if (sd === 0) return new CellError(ErrorType.DIV_BY_ZERO);
  return xs.reduce((a, x) => a + ((x - mean) / sd) ** power, 0);
}

/** Sample skewness, Excel's SKEW. */
export function skew(xs: number[]): number | CellError {
  const n = xs.length;
  const s3 = standardizedMoment(xs, 3, 3);
  return s3 instanceof CellError ? s3 : (n / ((n - 1) * (n - 2))) * s3;
}

/** Sample excess kurtosis, Excel's KURT. */
export function kurt(xs: number[]): number | CellError {
  const n = xs.length;
  const s4 = standardizedMoment(xs, 4, 4);
  return s4 instanceof CellError ? s4 : (n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3)) * s4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
}

/** The most frequent value; among equally frequent ones the first seen. #N/A if none repeats. */
export function mode(xs: number[]): number | CellError {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 1;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > bestCount) { best = x; bestCount = c; }
  }
  if (best === undefined) return new CellError(ErrorType.NA);
  // The first value (in order) that reaches the top count wins ties.
  return xs.find((x) => counts.get(x) === bestCount) ?? best;
}

/** Rank of `x` among `ref`: descending when order is 0; `average` gives RANK.AVG's tie rank. */
export function rank(x: number, ref: number[], order: number, average: boolean): number | CellError {
  if (!ref.includes(x)) return new CellError(ErrorType.NA);
  const better = ref.filter((v) => (order === 0 ? v > x : v < x)).length;
  const ties = ref.filter((v) => v === x).length;
  return average ? better + (ties + 1) / 2 : better + 1;
}

/** A range cell as a number: HyperFormula keeps dates and percents as boxed numbers (`val`). */
function cellNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && !(v instanceof CellError) && typeof (v as { val?: unknown }).val === 'number') return (v as { val: number }).val;
  return undefined;
}

/**
 * Least-squares line through the pairs of `ys` and `xs` where both are numbers (Excel ignores
 * pairs with text, booleans or blanks); #N/A for unequal sizes or no pairs, #DIV/0! when the
 * x values do not vary; an error inside either range is the result.
 */
export function linearFit(ys: unknown[], xs: unknown[]): { slope: number; intercept: number } | CellError {
  if (ys.length !== xs.length || ys.length === 0) return new CellError(ErrorType.NA);
  const err = [...ys, ...xs].find((v) => v instanceof CellError);
  if (err) return err as CellError;
  const pairs: [number, number][] = [];
  ys.forEach((y, i) => {
    const ny = cellNumber(y), nx = cellNumber(xs[i]);
    if (ny !== undefined && nx !== undefined) pairs.push([nx, ny]);
  });
  if (pairs.length === 0) return new CellError(ErrorType.NA);
  const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
  const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
  const sxx = pairs.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return new CellError(ErrorType.DIV_BY_ZERO);
  const slope = pairs.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * NUMBERVALUE's reading of text (Excel): spaces removed anywhere, the group separator ignored
 * before the decimal separator (#VALUE! after it), a second decimal separator #VALUE!, each
 * trailing % divides by 100, "" is 0. Separators are the first character of the arguments.
 */
export function numberValue(text: string, decimal: string, group: string): number | CellError {
  const bad = new CellError(ErrorType.VALUE, 'NUMBERVALUE cannot read this text as a number.');
  const d = decimal[0], g = group[0];
  if (d === undefined || g === undefined || d === g) return bad;
  let t = text.replace(/\s/g, '');
  let percents = 0;
  while (t.endsWith('%')) { t = t.slice(0, -1); percents++; }
  if (t === '') return percents ? bad : 0;
  const at = t.indexOf(d);
  if (at >= 0 && t.indexOf(d, at + 1) >= 0) return bad;
  const whole = at >= 0 ? t.slice(0, at) : t, fraction = at >= 0 ? t.slice(at + 1) : '';
  if (fraction.includes(g)) return bad;
  const plain = `${whole.split(g).join('')}${at >= 0 ? `.${fraction}` : ''}`;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain)) return bad;
  return Number(plain) / 100 ** percents;
}

/**
 * PERCENTRANK.INC (`exclusive` false) and .EXC of `x` in `xs`, cut (not rounded) to
 * `significance` digits: the share of values below x, interpolated between neighbouring
 * values; #N/A outside the data's range, #NUM! for significance below 1 or no data.
 */
export function percentRank(xs: number[], x: number, significance: number, exclusive: boolean): number | CellError {
  const digits = Math.trunc(significance);
  if (xs.length === 0 || digits < 1) return new CellError(ErrorType.NUM);
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  if (x < sorted[0]! || x > sorted[n - 1]!) return new CellError(ErrorType.NA);
  // Rank of the value at sorted position i (0-based).
  const rankAt = (i: number): number => (exclusive ? (i + 1) / (n + 1) : n === 1 ? 1 : i / (n - 1));
  const first = sorted.indexOf(x);
  let r: number;
  if (first >= 0) r = rankAt(first);
  else {
    // Between the last copy of the value below and the first copy of the one above.
    const hi = sorted.findIndex((s) => s > x);
    const a = sorted[hi - 1]!, b = sorted[hi]!;
    r = rankAt(hi - 1) + ((x - a) / (b - a)) * (rankAt(hi) - rankAt(hi - 1));
  }
  const scale = 10 ** digits;
  // Cut at the digits, after cleaning binary noise (0.7 * 1000 is 699.9999999999999).
  return Math.floor(Number((r * scale).toPrecision(15))) / scale;
}

/** PERMUT(n, k) = n!/(n-k)! on the integer parts; #NUM! for negatives or k > n. */
export function permut(n: number, k: number): number | CellError {
  const a = Math.trunc(n), b = Math.trunc(k);
  if (n < 0 || k < 0 || b > a) return new CellError(ErrorType.NUM);
  let r = 1;
  for (let i = 0; i < b; i++) r *= a - i;
  return Number.isFinite(r) ? r : new CellError(ErrorType.NUM);
}

/**
 * TRIMMEAN: the mean without the lowest and highest values, together `percent` of them,
 * rounded down to an even count (Excel's documentation); #NUM! unless 0 <= percent < 1.
 */
export function trimmean(xs: number[], percent: number): number | CellError {
  if (percent < 0 || percent >= 1 || xs.length === 0) return new CellError(ErrorType.NUM);
  const cut = Math.floor((xs.length * percent) / 2);
  const kept = [...xs].sort((a, b) => a - b).slice(cut, xs.length - cut);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/**
 * XNPV with dates that may come from formulas (DATE, EOMONTH, EDATE: HyperFormula boxes those
 * and its own XNPV then gives #VALUE!). Excel: dates cut to whole days, #NUM! for a date
 * before the first or unequal lengths, #VALUE! for a value or date that is no number.
 */
export function xnpv(rate: number, values: unknown[], dates: unknown[]): number | CellError {
  const err = [...values, ...dates].find((v) => v instanceof CellError);
  if (err) return err as CellError;
  const vs = values.map(cellNumber), ds = dates.map(cellNumber);
  if (vs.includes(undefined) || ds.includes(undefined)) return new CellError(ErrorType.VALUE, 'Number argument expected.');
  if (vs.length !== ds.length || vs.length === 0) return new CellError(ErrorType.NUM, 'Values and dates must have the same length.');
  const days = (ds as number[]).map(Math.floor);
  if (days.some((d) => d < days[0]! || d < 0)) return new CellError(ErrorType.NUM, 'A date precedes the first date.');
  return (vs as number[]).reduce((sum, v, i) => sum + v / Math.pow(1 + rate, (days[i]! - days[0]!) / 365), 0);
}

/**
 * Text as VALUE reads it in Excel (en-US): grouping commas ("1,480.5") and a currency symbol
 * ("$1,000", "-€5", "5 €") removed, "(100)" negative; the rest (%, dates, times) is left to
 * HyperFormula's own number parsing. Commas in the wrong places stay, so "1,2" is still text.
 */
export function excelNumberText(text: string): { text: string; negate: boolean } {
  let t = text.trim();
  let negate = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) { t = paren[1]!.trim(); negate = true; }
  t = t.replace(/^([+-]?)\s*[$€£¥₹]\s*/, '$1').replace(/\s*[$€£¥₹]$/, '');
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?%?$/.test(t)) t = t.replace(/,/g, '');
  return { text: t, negate };
}

const ERROR_TYPE_NUMBER: Partial<Record<ErrorType, number>> = {
  [ErrorType.DIV_BY_ZERO]: 2, [ErrorType.VALUE]: 3, [ErrorType.REF]: 4, [ErrorType.NAME]: 5,
  [ErrorType.NUM]: 6, [ErrorType.NA]: 7,
};

const RANK_PARAMETERS = [
  { argumentType: FunctionArgumentType.NUMBER },
  { argumentType: FunctionArgumentType.RANGE },
  { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 },
];

const FORECAST_PARAMETERS = [
  { argumentType: FunctionArgumentType.NUMBER },
  { argumentType: FunctionArgumentType.RANGE },
  { argumentType: FunctionArgumentType.RANGE },
];

const PERCENTRANK_PARAMETERS = [
  { argumentType: FunctionArgumentType.RANGE },
  { argumentType: FunctionArgumentType.NUMBER },
  { argumentType: FunctionArgumentType.NUMBER, defaultValue: 3 },
];

type Range = { valuesFromTopLeftCorner(): unknown[] };
type Table = Range & { data: unknown[][] };

export class ExcelStatisticsPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    COUNTBLANK: { method: 'countblank', parameters: [{ argumentType: FunctionArgumentType.SCALAR }], repeatLastArgs: 1, expandRanges: true },
    SKEW: { method: 'skew', ...ANY_REPEATED },
    KURT: { method: 'kurt', ...ANY_REPEATED },
    'MODE.SNGL': { method: 'mode', ...ANY_REPEATED },
    MODE: { method: 'mode', ...ANY_REPEATED },
    'RANK.EQ': { method: 'rankEq', parameters: RANK_PARAMETERS },
    RANK: { method: 'rankEq', parameters: RANK_PARAMETERS },
    'RANK.AVG': { method: 'rankAvg', parameters: RANK_PARAMETERS },
    FORECAST: { method: 'forecast', parameters: FORECAST_PARAMETERS },
    'FORECAST.LINEAR': { method: 'forecast', parameters: FORECAST_PARAMETERS },
    INTERCEPT: { method: 'intercept', parameters: FORECAST_PARAMETERS.slice(1) },
    DATEDIF: {
      method: 'datedif',
      parameters: [
        { argumentType: FunctionArgumentType.NUMBER, minValue: 0 },
        { argumentType: FunctionArgumentType.NUMBER, minValue: 0 },
        { argumentType: FunctionArgumentType.STRING },
      ],
    },
    VALUE: { method: 'value', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    XMATCH: {
      method: 'xmatch',
      parameters: [
        { argumentType: FunctionArgumentType.NOERROR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.INTEGER, defaultValue: 0 },
        { argumentType: FunctionArgumentType.INTEGER, defaultValue: 1 },
      ],
    },
    'ERROR.TYPE': { method: 'errorType', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    PRODUCT: { method: 'product', ...ANY_REPEATED },
    AVEDEV: { method: 'avedev', ...ANY_REPEATED },
    DEVSQ: { method: 'devsq', ...ANY_REPEATED },
    PERMUT: { method: 'permut', parameters: [{ argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.NUMBER }] },
    TRIMMEAN: { method: 'trimmean', parameters: [{ argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.NUMBER }] },
    NUMBERVALUE: {
      method: 'numberValue',
      parameters: [
        { argumentType: FunctionArgumentType.SCALAR },
        { argumentType: FunctionArgumentType.STRING, defaultValue: '.' },
        { argumentType: FunctionArgumentType.STRING, defaultValue: ',' },
      ],
    },
    PERCENTRANK: { method: 'percentRankInc', parameters: PERCENTRANK_PARAMETERS },
    'PERCENTRANK.INC': { method: 'percentRankInc', parameters: PERCENTRANK_PARAMETERS },
    'PERCENTRANK.EXC': { method: 'percentRankExc', parameters: PERCENTRANK_PARAMETERS },
    XNPV: {
      method: 'xnpv',
      parameters: [
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE },
      ],
    },
    LOOKUP: {
      method: 'lookup',
      enableArrayArithmeticForArguments: true,
      parameters: [
        { argumentType: FunctionArgumentType.NOERROR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
      ],
    },
  };

  private numbers(args: unknown[]): Numbers {
    return (this.arithmeticHelper as unknown as { coerceNumbersExactRanges(a: unknown[]): Numbers }).coerceNumbersExactRanges(args);
  }
  private overNumbers(ast: Args, state: Args, name: string, fn: (xs: number[]) => number | CellError): unknown {
    // A single-cell reference is a reference to Excel: its text, logical or blank is ignored
    // (HyperFormula passes it like a typed value, which is converted).
    const references = (ast as { args: { type: string }[] }).args.map((a) => a.type === 'CELL_REFERENCE');
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (...args: unknown[]) => {
      const xs = this.numbers(args.filter((a, i) => !references[i] || a instanceof CellError || cellNumber(a) !== undefined));
      return xs instanceof CellError ? xs : fn(xs);
    });
  }

  // HyperFormula calls these by name with (ast, state); their types are internal to it.
  countblank(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('COUNTBLANK'),
      (...args: unknown[]) => args.filter((a) => a === EmptyValue || a === '').length);
  }
  skew(ast: Args, state: Args): unknown { return this.overNumbers(ast, state, 'SKEW', skew); }
  kurt(ast: Args, state: Args): unknown { return this.overNumbers(ast, state, 'KURT', kurt); }
  mode(ast: Args, state: Args): unknown { return this.overNumbers(ast, state, 'MODE.SNGL', mode); }
  private rankWith(ast: Args, state: Args, name: string, average: boolean): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (x: number, ref: unknown, order: number) => {
      const xs = this.numbers([ref]);
      return xs instanceof CellError ? xs : rank(x, xs, order, average);
    });
  }
  rankEq(ast: Args, state: Args): unknown { return this.rankWith(ast, state, 'RANK.EQ', false); }
  rankAvg(ast: Args, state: Args): unknown { return this.rankWith(ast, state, 'RANK.AVG', true); }
  forecast(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('FORECAST'), (x: number, ys: Range, xs: Range) => {
      const fit = linearFit(ys.valuesFromTopLeftCorner(), xs.valuesFromTopLeftCorner());
      return fit instanceof CellError ? fit : fit.intercept + fit.slope * x;
    });
  }
  intercept(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('INTERCEPT'), (ys: Range, xs: Range) => {
      const fit = linearFit(ys.valuesFromTopLeftCorner(), xs.valuesFromTopLeftCorner());
      return fit instanceof CellError ? fit : fit.intercept;
    });
  }
  /** HyperFormula's DATEDIF with the unit read case-insensitively, as Excel reads it ("y", "Ym"). */
  datedif(ast: Args, state: Args): unknown {
    const dt = this.dateTimeHelper;
    return this.runFunction((ast as { args: never }).args, state, this.metadata('DATEDIF'), (startDate: number, endDate: number, unitText: string) => {
      if (startDate > endDate) return new CellError(ErrorType.NUM, 'Start date must be before the end date.');
      const unit = unitText.toUpperCase();
      if (unit === 'D') return Math.floor(endDate) - Math.floor(startDate);
      const start = dt.numberToSimpleDate(startDate);
      const end = dt.numberToSimpleDate(endDate);
      const dayBefore = end.day < start.day ? 1 : 0;
      const anniversaryPassed = end.month > start.month || (end.month === start.month && end.day >= start.day);
      switch (unit) {
        case 'M': return (end.year - start.year) * 12 + (end.month - start.month) - dayBefore;
        case 'YM': return (12 + (end.month - start.month) - dayBefore) % 12;
        case 'Y': return end.year - start.year - (anniversaryPassed ? 0 : 1);
        case 'MD': {
          if (!dayBefore) return end.day - start.day;
          const m = end.month === 1 ? 12 : end.month - 1;
          return dt.daysInMonth(end.month === 1 ? end.year - 1 : end.year, m) + end.day - start.day;
        }
        case 'YD':
          return anniversaryPassed
            ? Math.floor(endDate) - dt.dateToNumber({ year: end.year, month: start.month, day: start.day })
            : Math.floor(endDate) - Math.floor(startDate) - 365 * (end.year - start.year - 1) - dt.leapYearsCount(end.year - 1) + dt.leapYearsCount(start.year);
        default: return new CellError(ErrorType.NUM, 'Mode not recognized.');
      }
    });
  }
  value(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('VALUE'), (arg: unknown) => {
      if (arg instanceof CellError || cellNumber(arg) !== undefined) return arg as number;
      const notNumber = new CellError(ErrorType.VALUE, 'Value cannot be coerced to number.');
      if (typeof arg !== 'string') return notNumber;
      const { text, negate } = excelNumberText(arg);
      const n = text === '' ? undefined : (this.arithmeticHelper as unknown as { coerceToMaybeNumber(s: string): unknown }).coerceToMaybeNumber(text);
      const num = cellNumber(n);
      if (num === undefined) return notNumber;
      return (negate ? -num : n) as number;
    });
  }
  xmatch(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('XMATCH'), (key: unknown, range: Range & { width(): number; height(): number }, mode: number, search: number) => {
      if (range.width() > 1 && range.height() > 1) return new CellError(ErrorType.VALUE);
      const k = key === EmptyValue ? 0 : cellNumber(key) ?? key;
      return xmatch(k as number, range.valuesFromTopLeftCorner().map((v) => cellNumber(v) ?? v), mode, search);
    });
  }
  errorType(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('ERROR.TYPE'), (v: unknown) =>
      v instanceof CellError ? ERROR_TYPE_NUMBER[v.type] ?? new CellError(ErrorType.NA) : new CellError(ErrorType.NA));
  }
  numberValue(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('NUMBERVALUE'), (text: unknown, decimal: string, group: string) => {
      if (text instanceof CellError) return text;
      if (text === EmptyValue) return 0;
      const n = cellNumber(text);
      if (n !== undefined) return n;
      return typeof text === 'string' ? numberValue(text, decimal, group) : new CellError(ErrorType.VALUE);
    });
  }
  private percentRankWith(ast: Args, state: Args, name: string, exclusive: boolean): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (ref: unknown, x: number, significance: number) => {
      const xs = this.numbers([ref]);
      return xs instanceof CellError ? xs : percentRank(xs, x, significance, exclusive);
    });
  }
  percentRankInc(ast: Args, state: Args): unknown { return this.percentRankWith(ast, state, 'PERCENTRANK.INC', false); }
  percentRankExc(ast: Args, state: Args): unknown { return this.percentRankWith(ast, state, 'PERCENTRANK.EXC', true); }
  xnpv(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('XNPV'), (rate: number, values: Range, dates: Range) =>
      xnpv(rate, values.valuesFromTopLeftCorner(), dates.valuesFromTopLeftCorner()));
  }
  lookup(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('LOOKUP'), (key: unknown, table: Table, result?: Table) =>
      lookup(cellNumber(key) ?? key, table.data.map((row) => row.map((v) => cellNumber(v) ?? v)), result?.data) as number);
  }
  permut(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('PERMUT'), permut);
  }
  trimmean(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('TRIMMEAN'), (ref: unknown, percent: number) => {
      const xs = this.numbers([ref]);
      return xs instanceof CellError ? xs : trimmean(xs, percent);
    });
  }
  // Over no numbers Excel gives 0 for PRODUCT and #NUM! for AVEDEV and DEVSQ (HyperFormula: 1, #DIV/0!, 0).
  product(ast: Args, state: Args): unknown { return this.overNumbers(ast, state, 'PRODUCT', (xs) => (xs.length ? xs.reduce((a, b) => a * b, 1) : 0)); }
  avedev(ast: Args, state: Args): unknown {
    return this.overNumbers(ast, state, 'AVEDEV', (xs) => {
      if (!xs.length) return new CellError(ErrorType.NUM);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, x) => a + Math.abs(x - m), 0) / xs.length;
    });
  }
  devsq(ast: Args, state: Args): unknown {
    return this.overNumbers(ast, state, 'DEVSQ', (xs) => {
      if (!xs.length) return new CellError(ErrorType.NUM);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, x) => a + (x - m) ** 2, 0);
    });
  }
}
