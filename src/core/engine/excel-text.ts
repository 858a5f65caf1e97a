/**
 * Numbers turned into text by `&`, CONCATENATE, CONCAT and TEXTJOIN as Excel turns them:
 * 15 significant digits (0.1+0.2 gives "0.3", not HyperFormula's "0.30000000000000004"),
 * scientific notation with a signed two-digit exponent ("1E+21", "6.66666666666667E+19")
 * once the integer part would need more than 15 digits or the number is below 1E-6.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, type ImplementedFunctions } from 'hyperformula';

/** `x` as Excel writes a number into text (its General conversion, not a cell's display). */
export function excelNumberText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const r = Number(x.toPrecision(15));
  const abs = Math.abs(r);
  if (abs >= 1e15 || abs < 1e-6) {
    const [mantissa, exp] = r.toExponential(14).split('e') as [string, string];
    const m = mantissa.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(r);
}

/** A scalar as `&` turns it into text; errors pass through (the caller returns them). */
export function excelToText(v: unknown): string | CellError {
  if (v instanceof CellError || typeof v === 'string') return v;
  if (v === EmptyValue || v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return excelNumberText(v);
  // HyperFormula boxes dates, times, percents and currencies as { val }.
  const boxed = (v as { val?: unknown }).val;
  return typeof boxed === 'number' ? excelNumberText(boxed) : String(v);
}

type Range = { valuesFromTopLeftCorner(): unknown[] };
const isRange = (v: unknown): v is Range => typeof (v as Range | null)?.valuesFromTopLeftCorner === 'function';

/** Every value of scalar-or-range arguments as text, or the first error among them. */
function texts(args: unknown[]): string[] | CellError {
  const out: string[] = [];
  for (const a of args) {
    for (const v of isRange(a) ? a.valuesFromTopLeftCorner() : [a]) {
      const t = excelToText(v);
      if (t instanceof CellError) return t;
      out.push(t);
    }
  }
  return out;
}

/** Excel's cell limit: a longer result is #VALUE! (as HyperFormula's TEXTJOIN does). */
const MAX_TEXT = 32767;
const textTooLong = (): CellError => new CellError(ErrorType.VALUE, 'Text is longer than 32,767 characters.');
const tooLong = (s: string): string | CellError => (s.length > MAX_TEXT ? textTooLong() : s);

type Args = never;

/**
 * CONCATENATE, CONCAT and TEXTJOIN with Excel's number-to-text conversion, and `&` too: the
 * interpreter's concatenation operator is an instance field, replaced when HyperFormula builds
 * this plugin for an engine (plugins are built once per engine, with its interpreter).
 */
export class ExcelTextPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    CONCATENATE: { method: 'concatenate', parameters: [{ argumentType: FunctionArgumentType.SCALAR }], repeatLastArgs: 1, expandRanges: true },
    // LEN of a number counts the text Excel makes of it (15 significant digits: LEN(1/3) = 17).
    LEN: { method: 'len', parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    CONCAT: { method: 'concat', parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 },
    TEXTJOIN: {
      method: 'textjoin',
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.BOOLEAN },
        { argumentType: FunctionArgumentType.ANY },
      ],
      repeatLastArgs: 1,
    },
    // HyperFormula's REPT builds any length: REPT("x",6e8) threw out of the whole evaluation
    // (V8's string limit) and REPT("x",5e8) takes 500 MB. Excel's answer is #VALUE!.
    REPT: {
      method: 'rept',
      parameters: [{ argumentType: FunctionArgumentType.STRING }, { argumentType: FunctionArgumentType.NUMBER }],
    },
  };

  constructor(interpreter: ConstructorParameters<typeof FunctionPlugin>[0]) {
    super(interpreter);
    const i = interpreter as unknown as { concatOp?: unknown } | undefined;
    if (i && typeof i.concatOp === 'function') {
      i.concatOp = (a: unknown, b: unknown): unknown => {
        const ta = excelToText(a), tb = excelToText(b);
        if (ta instanceof CellError) return ta;
        if (tb instanceof CellError) return tb;
        return ta + tb;
      };
    }
  }

  // HyperFormula calls these by name with (ast, state); their types are internal to it.
  concatenate(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('CONCATENATE'), (...args: unknown[]) => {
      const t = texts(args);
      return t instanceof CellError ? t : tooLong(t.join(''));
    });
  }
  len(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('LEN'), (v: unknown) => {
      const t = excelToText(v);
      return t instanceof CellError ? t : t.length;
    });
  }
  concat(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('CONCAT'), (...args: unknown[]) => {
      const t = texts(args);
      return t instanceof CellError ? t : tooLong(t.join(''));
    });
  }
  rept(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('REPT'), (text: string, count: number) => {
      if (count < 0) return new CellError(ErrorType.VALUE, 'REPT: the number of times is negative.');
      const times = Math.trunc(count);
      if (text.length * times > MAX_TEXT) return textTooLong();
      return text.repeat(times);
    });
  }
  textjoin(ast: Args, state: Args): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('TEXTJOIN'), (delimiter: unknown, ignoreEmpty: boolean, ...args: unknown[]) => {
      const ds = texts([delimiter]);
      if (ds instanceof CellError) return ds;
      const all = texts(args);
      if (all instanceof CellError) return all;
      const parts = ignoreEmpty ? all.filter((s) => s !== '') : all;
      // A range of delimiters is used in turn between the parts, as in Excel.
      return tooLong(parts.reduce((acc, p, i) => (i === 0 ? p : acc + (ds[(i - 1) % Math.max(1, ds.length)] ?? '') + p), ''));
    });
  }
}
