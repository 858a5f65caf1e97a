/**
 * Display formatting for computed cell values: a small subset of Excel number formats
 * (`#,##0`, `0.00`, `0.0%`, literal prefixes/suffixes, `pos;neg;zero` sections) with
 * western or Indian (lakh/crore) digit grouping. Pure and deterministic: no Intl, so the
 * webview, tests and CLI agree whatever ICU data the runtime ships.
 */
import type { CellValue } from '../../src/core/engine/types';

interface Section {
  prefix: string;
  suffix: string;
  percent: boolean;
  grouping: boolean;
  minInt: number;
  minDec: number;
  maxDec: number;
  /** A section with no digit placeholders, e.g. the `"-"` zero section: shows only its text. */
  literalOnly?: boolean;
}

const cache = new Map<string, Section[] | null>();

/** Splits on `;` outside quotes. */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Literal text of a prefix/suffix: quotes removed, `\x` escapes resolved, `_x`/`*x` padding dropped. */
function literal(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      out += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
    } else if (ch === '\\') {
      out += s[i + 1] ?? '';
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // alignment padding: no visible character in a grid cell
    } else if (ch === '[') {
      const end = s.indexOf(']', i); // [Red], [$₹-4009]: colour/locale tags
      const tag = s.slice(i + 1, end < 0 ? s.length : end);
      if (tag.startsWith('$')) out += tag.slice(1).split('-')[0];
      i = end < 0 ? s.length : end;
    } else {
      out += ch;
    }
  }
  return out;
}

function parseSection(src: string): Section | null {
  // Find the numeric placeholder run, skipping quoted text.
  let start = -1;
  let end = -1;
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') { quoted = !quoted; continue; }
    if (quoted) continue;
    if (ch === '\\') { i++; continue; }
    if (ch === '[') { const e = src.indexOf(']', i); i = e < 0 ? src.length : e; continue; }
    if (ch === '0' || ch === '#' || ch === '?' || ((ch === ',' || ch === '.') && start >= 0)) {
      if (start < 0) start = i;
      end = i + 1;
    } else if (ch === '.' && start < 0 && /[0#?]/.test(src[i + 1] ?? '')) {
      start = i;
      end = i + 1;
    } else if (start >= 0) {
      break;
    }
  }
  if (start < 0) {
    if (!src.trim()) return null;
    return { prefix: literal(src), suffix: '', percent: false, grouping: false, minInt: 0, minDec: 0, maxDec: 0, literalOnly: true };
  }
  const body = src.slice(start, end);
  const prefixSrc = src.slice(0, start);
  const suffixSrc = src.slice(end);
  const dot = body.indexOf('.');
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const decPart = dot < 0 ? '' : body.slice(dot + 1).replace(/,/g, '');
  const unquoted = (prefixSrc + suffixSrc).replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return {
    prefix: literal(prefixSrc),
    suffix: literal(suffixSrc),
    percent: unquoted.includes('%'),
    grouping: intPart.includes(','),
    minInt: (intPart.match(/0/g) ?? []).length,
    minDec: (decPart.match(/0/g) ?? []).length,
    maxDec: (decPart.match(/[0#?]/g) ?? []).length,
  };
}

function parseFormat(format: string): Section[] | null {
  let parsed = cache.get(format);
  if (parsed === undefined) {
    const sections = splitSections(format).map(parseSection);
    parsed = sections[0] && !sections[0].literalOnly && sections.every((s) => s !== null) ? (sections as Section[]) : null;
    if (cache.size > 500) cache.clear();
    cache.set(format, parsed);
  }
  return parsed;
}

/** Groups an integer digit string: western `1,234,567` or Indian `12,34,567`. */
export function groupDigits(digits: string, indian: boolean): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  let rest = digits.slice(0, -3);
  const size = indian ? 2 : 3;
  const groups: string[] = [];
  while (rest.length > size) {
    groups.unshift(rest.slice(-size));
    rest = rest.slice(0, -size);
  }
  if (rest) groups.unshift(rest);
  return [...groups, last3].join(',');
}

/** Decimal string of |n| rounded half away from zero to `dec` places (avoids 1.005 -> 1.00). */
function fixed(abs: number, dec: number): string {
  if (abs >= 1e21) return abs.toExponential(dec).replace('e+', 'E+');
  const shifted = Number(`${abs}e${dec}`);
  if (Number.isFinite(shifted) && shifted < 9e15) {
    return (Math.round(shifted) / 10 ** dec).toFixed(dec);
  }
  return abs.toFixed(dec);
}

/** Excel's General format: integers as they are, other numbers to 10 significant digits. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-9 || abs >= 1e15)) {
    const [m, e] = n.toExponential(5).split('e');
    return `${m.replace(/\.?0+$/, '')}E${e.startsWith('-') ? e : `+${e.replace('+', '')}`}`;
  }
  const s = n.toPrecision(10);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function formatNumber(n: number, format: string | undefined, locale = 'en-US'): string {
  const sections = format && format.toLowerCase() !== 'general' ? parseFormat(format) : null;
  if (!sections) return formatGeneral(n);
  if (!Number.isFinite(n)) return formatGeneral(n);
  let section = sections[0];
  let explicitSign = false;
  if (n < 0 && sections[1]) { section = sections[1]; explicitSign = true; }
  else if (n === 0 && sections[2]) section = sections[2];
  if (section.literalOnly) return section.prefix;
  const scaled = Math.abs(section.percent ? n * 100 : n);
  let text = fixed(scaled, section.maxDec);
  if (text.includes('E')) return (n < 0 ? '-' : '') + section.prefix + text + section.suffix;
  let [intDigits, decDigits = ''] = text.split('.');
  // Optional decimal places (#): drop trailing zeros beyond the required ones.
  while (decDigits.length > section.minDec && decDigits.endsWith('0')) decDigits = decDigits.slice(0, -1);
  intDigits = intDigits.replace(/^0+/, '');
  if (intDigits.length < section.minInt) intDigits = intDigits.padStart(section.minInt, '0');
  if (section.grouping) intDigits = groupDigits(intDigits, /^en-IN$|^hi|-IN$/i.test(locale));
  text = intDigits + (decDigits ? `.${decDigits}` : '');
  if (text === '') text = '0';
  const isZero = /^[0.,]*$/.test(text);
  const sign = n < 0 && !explicitSign && !isZero ? '-' : '';
  return sign + section.prefix + text + section.suffix;
}

/** What a grid cell shows for a computed value. */
export function formatValue(v: CellValue, format: string | undefined, locale = 'en-US'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, format, locale);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  return v.error;
}
