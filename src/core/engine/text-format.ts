/**
 * Number formats for Excel's TEXT function, plugged into HyperFormula's `stringifyCurrency`
 * hook (its first stop for every TEXT format). HyperFormula's own number formatting gets
 * `TEXT(0.256, "0.0%")` and `TEXT(1234.5, "#,##0")` wrong ("0.3%", "1235,##0"); Excel gives
 * "25.6%" and "1,235". Date, time and scientific formats return undefined and stay with
 * HyperFormula.
 */
import { excelRound } from './excel-rounding';

/** Splits on `;` outside quotes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

interface Parsed {
  prefix: string;
  suffix: string;
  pattern: string;
  percent: number;
  /** Scientific notation: `E+` (sign always shown) or `E-`, and the exponent's minimum digits. */
  exponent?: { plus: boolean; digits: number };
}

/** Literal text and the digit pattern of one section; undefined for date/time/scientific formats. */
function parseSection(src: string): Parsed | undefined {
  let prefix = '', suffix = '', pattern = '';
  let percent = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    let lit: string | undefined;
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      lit = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end;
    } else if (ch === '\\') {
      lit = src[i + 1] ?? '';
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // alignment padding
      lit = '';
    } else if (ch === '[') {
      const end = src.indexOf(']', i);
      const tag = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end;
      lit = tag.startsWith('$') ? tag.slice(1).split('-')[0]! : ''; // [$€-407] currency; [Red] colour
    } else if (/[0#?]/.test(ch) || ((ch === '.' || ch === ',') && (pattern !== '' || /[0#?]/.test(src[i + 1] ?? '')))) {
      if (suffix !== '') return undefined; // digits after literal text: not a simple format
      pattern += ch;
      continue;
    } else if ((ch === 'E' || ch === 'e') && pattern !== '' && suffix === '' && /^[+-]0+/.test(src.slice(i + 1))) {
      const digits = /^[+-](0+)/.exec(src.slice(i + 1))![1]!.length;
      const parsed = parseSection(src.slice(i + 2 + digits));
      if (!parsed || parsed.pattern !== '') return undefined;
      return { prefix, suffix: parsed.prefix, pattern, percent: percent + parsed.percent, exponent: { plus: src[i + 1] === '+', digits } };
    } else if (/[dmyhsDMYHSeE]/.test(ch) || src.slice(i, i + 5).toUpperCase() === 'AM/PM') {
      return undefined; // dates, times, scientific notation, General: HyperFormula's
    } else {
      if (ch === '%') percent++;
      lit = ch;
    }
    if (pattern === '') prefix += lit; else suffix += lit;
  }
  return { prefix, suffix, pattern, percent };
}

/** Groups an integer digit string with commas. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function render(value: number, p: Parsed): string {
  if (p.pattern === '') return p.prefix + p.suffix;
  if (p.exponent) return renderScientific(value, p, p.exponent);
  // Trailing commas scale by 1000 each (#,##0, shows thousands; 0.0,, millions).
  let pattern = p.pattern;
  let scale = 0;
  while (pattern.endsWith(',')) { scale++; pattern = pattern.slice(0, -1); }
  const dot = pattern.indexOf('.');
  const intPat = dot < 0 ? pattern : pattern.slice(0, dot);
  const decPat = dot < 0 ? '' : pattern.slice(dot + 1).replace(/,/g, '');
  const grouping = intPat.includes(',');
  const minInt = (intPat.match(/0/g) ?? []).length;
  const maxDec = (decPat.match(/[0#?]/g) ?? []).length;
  const minDec = (decPat.match(/0/g) ?? []).length;
  const v = excelRound(Math.abs(value) * Math.pow(100, p.percent) / Math.pow(1000, scale), maxDec);
  let [int, dec = ''] = v.toFixed(maxDec).split('.') as [string, string?];
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  while (dec.length > minDec && dec.endsWith('0')) dec = dec.slice(0, -1);
  return p.prefix + (grouping ? group(int) : int) + (dec ? `.${dec}` : dot >= 0 && maxDec === 0 ? '.' : '') + p.suffix;
}

/** `0.00E+00`: one integer digit, the mantissa's decimals, the exponent padded. */
function renderScientific(value: number, p: Parsed, e: { plus: boolean; digits: number }): string {
  const decPat = p.pattern.includes('.') ? p.pattern.slice(p.pattern.indexOf('.') + 1) : '';
  const decimals = (decPat.match(/[0#?]/g) ?? []).length;
  const [mant, exp] = Math.abs(value).toExponential(decimals).split('e') as [string, string];
  const n = Number(exp);
  const sign = n < 0 ? '-' : e.plus ? '+' : '';
  return p.prefix + mant + 'E' + sign + String(Math.abs(n)).padStart(e.digits, '0') + p.suffix;
}

/** Excel's General format in TEXT: up to 10 significant digits, no trailing zeros. */
function general(value: number): string {
  return String(Number(value.toPrecision(10)));
}

/**
 * Formats a number with an Excel number format (sections, literals, `%`, grouping,
 * thousands scaling); undefined for formats it does not handle.
 */
export function formatTextNumber(value: number, format: string): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (format.trim().toUpperCase() === 'GENERAL') return general(value);
  const parts = sections(format).map(parseSection);
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const [pos, neg, zero] = parts as Parsed[];
  if (value === 0 && zero) return render(0, zero);
  if (value < 0 && neg) return render(value, neg);
  const text = render(value, pos!);
  // One section: Excel puts the minus sign in front (unless the result rounds to zero).
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}
