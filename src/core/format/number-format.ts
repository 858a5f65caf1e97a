/**
 * Excel number-format codes: the one parser used by the grid's display formats and by the
 * TEXT function, so a cell and `TEXT(cell, format)` never disagree.
 * Handles sections (`pos;neg;zero;text`), conditions (`[>=1000]`), colours (ignored: text
 * has none), `[$€-407]` currency tags, quoted and `\` literals, `_x`/`*x` padding (dropped),
 * digit placeholders `0 # ?`, grouping, scaling commas (`#,##0,,"M"`), percent, scientific
 * (`0.00E+00`), `@` and every date/time code (`d dd ddd dddd m mm mmm mmmm mmmmm yy yyyy
 * h hh m mm s ss .0 AM/PM A/P [h] [m] [s]`, any case). Fractions (`# ?/?`) are not handled:
 * such a format gives undefined, and callers say so instead of showing a wrong number.
 * Pure and deterministic: no Intl, so the webview, tests and CLI agree whatever ICU data the
 * runtime ships. Serial dates follow Excel's 1900 system (serial 60 is the fictitious
 * 29 February 1900).
 *
 * Written here rather than taken from `numfmt` (MIT, 167 kB unminified) because that
 * package's 4.0.1 `require` entry points at a file it does not ship, it has no Indian
 * (lakh/crore) grouping, and the subset analysts use fits in this file.
 */
import { excelRound } from '../engine/excel-rounding';

export interface FormatOptions {
  /** Indian digit grouping (12,34,567) for `,` in the format: the grid's locale setting. */
  indianGrouping?: boolean;
}

type Condition = { op: '<' | '<=' | '>' | '>=' | '=' | '<>'; value: number };

interface Section {
  /** Tokens of the section, literals already resolved. */
  tokens: Token[];
  kind: 'number' | 'date' | 'text' | 'literal';
  condition?: Condition;
}

type Token =
  | { t: 'lit'; s: string }
  | { t: 'num'; s: string } // digit placeholders, '.', ',' in order
  | { t: 'exp'; plus: boolean; digits: number }
  | { t: 'pct' }
  | { t: 'at' }
  | { t: 'date'; code: string } // normalised lower-case: y yy yyyy m mm mmm mmmm mmmmm d dd ddd dddd h hh M MM (minutes) s ss ampm ap [h] [m] [s]
  | { t: 'frac'; digits: number };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Splits on `;` outside quotes and escapes. */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\' && !quoted) { cur += ch + (format[i + 1] ?? ''); i++; continue; }
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

const CONDITION = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$/;

/** Tokenises one section; undefined for codes it cannot render faithfully. */
function parseSection(src: string): Section | undefined {
  const tokens: Token[] = [];
  let condition: Condition | undefined;
  const lit = (s: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.t === 'lit') last.s += s; else tokens.push({ t: 'lit', s });
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    const lower = ch.toLowerCase();
    const rest = src.slice(i);
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      lit(src.slice(i + 1, end < 0 ? src.length : end));
      i = end < 0 ? src.length : end;
    } else if (ch === '\\') {
      lit(src[i + 1] ?? '');
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // alignment padding: no visible character in text
    } else if (ch === '[') {
      const end = src.indexOf(']', i);
      const tag = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end;
      const elapsed = /^(h+|m+|s+)$/i.exec(tag);
      const cond = CONDITION.exec(tag.trim());
      if (elapsed) tokens.push({ t: 'date', code: `[${elapsed[1]![0]!.toLowerCase()}]${elapsed[1]!.length}` });
      else if (cond) condition = { op: cond[1] as Condition['op'], value: Number(cond[2]) };
      else if (tag.startsWith('$')) lit(tag.slice(1).split('-')[0]!);
      // other tags: colours ([Red], [Color10]) and locale ids, which text does not show
    } else if (/^(am\/pm|a\/p)/i.test(rest)) {
      const ap = /^am\/pm/i.test(rest) ? 'ampm' : ch === 'a' ? 'ap-lower' : 'ap';
      tokens.push({ t: 'date', code: ap });
      i += ap === 'ampm' ? 4 : 2;
    } else if ('ymdhs'.includes(lower)) {
      let n = 1;
      while (src[i + n]?.toLowerCase() === lower) n++;
      tokens.push({ t: 'date', code: lower.repeat(n) });
      i += n - 1;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      const prev = tokens[tokens.length - 1];
      if (prev?.t === 'num') prev.s += ch; else tokens.push({ t: 'num', s: ch });
    } else if (ch === '.' && src[i + 1] === '0' && /^s+$|^\[s\]/.test((tokens[tokens.length - 1] as { code?: string } | undefined)?.code ?? '')) {
      // Fractional seconds: `ss.00`.
      let n = 1;
      while (src[i + 1 + n] === '0') n++;
      tokens.push({ t: 'frac', digits: n });
      i += n;
    } else if ((ch === '.' || ch === ',') && (tokens[tokens.length - 1]?.t === 'num' || /[0#?]/.test(src[i + 1] ?? ''))) {
      const prev = tokens[tokens.length - 1];
      if (prev?.t === 'num') prev.s += ch; else tokens.push({ t: 'num', s: ch });
    } else if ((ch === 'E' || ch === 'e') && tokens[tokens.length - 1]?.t === 'num' && /^[+-]0+/.test(src.slice(i + 1))) {
      const digits = /^[+-](0+)/.exec(src.slice(i + 1))![1]!.length;
      tokens.push({ t: 'exp', plus: src[i + 1] === '+', digits });
      i += 1 + digits;
    } else if (ch === '%') {
      tokens.push({ t: 'pct' });
    } else if (ch === '@') {
      tokens.push({ t: 'at' });
    } else if (ch === '/' && tokens[tokens.length - 1]?.t === 'num') {
      return undefined; // fractions: not rendered (see the module comment)
    } else if (/[a-z]/i.test(ch) && !/^general/i.test(rest)) {
      return undefined; // an unquoted letter that is no code: Excel refuses such a format
    } else if (/^general/i.test(rest)) {
      tokens.push({ t: 'num', s: 'General' });
      i += 6;
    } else {
      lit(ch);
    }
  }
  // `m` after an hour or before a second is minutes.
  const dateIdx = tokens.map((t, k) => (t.t === 'date' ? k : -1)).filter((k) => k >= 0);
  dateIdx.forEach((k, j) => {
    const tok = tokens[k] as { t: 'date'; code: string };
    if (!/^m{1,2}$/.test(tok.code)) return;
    const before = j > 0 ? (tokens[dateIdx[j - 1]!] as { code: string }).code : '';
    const after = j + 1 < dateIdx.length ? (tokens[dateIdx[j + 1]!] as { code: string }).code : '';
    if (/^h|^\[h\]/.test(before) || /^s|^\[s\]/.test(after)) tok.code = tok.code.toUpperCase();
  });
  const has = (t: Token['t']): boolean => tokens.some((x) => x.t === t);
  const kind = has('date') ? 'date' : has('num') ? 'number' : has('at') ? 'text' : 'literal';
  if (kind === 'date' && has('num')) return undefined;
  // Digits split by literals (`###-####`) fill placeholders across the literal: not rendered.
  if (tokens.filter((t) => t.t === 'num').length > 1) return undefined;
  return { tokens, kind, condition };
}

const formatCache = new Map<string, Section[] | null>();

/**
 * The most decimal places a format code may show: JavaScript's number-to-text conversions
 * stop at 100 (`toFixed(101)` throws), and past 15 significant digits every place is 0 anyway.
 * A longer code is not rendered (the grid shows General) and validation flags it (MW3008).
 */
export const MAX_FORMAT_DECIMALS = 100;

/** Decimal places of the widest number in the sections (digit placeholders after the '.'). */
function decimalPlaces(sections: readonly Section[]): number {
  let most = 0;
  for (const section of sections) {
    for (const tok of section.tokens) {
      if (tok.t !== 'num') continue;
      const dot = tok.s.indexOf('.');
      if (dot >= 0) most = Math.max(most, (tok.s.slice(dot + 1).match(/[0#?]/g) ?? []).length);
    }
  }
  return most;
}

/** Why a format code cannot be shown, or undefined; a code this module does not parse is not a problem here. */
export function formatCodeProblem(format: string): string | undefined {
  if (parseFormat(format) !== null) return undefined; // the cached, common case
  const sections = splitSections(format).map(parseSection);
  if (!sections.every((s) => s !== undefined)) return undefined;
  const places = decimalPlaces(sections as Section[]);
  return places > MAX_FORMAT_DECIMALS
    ? `the format shows ${places.toLocaleString('en-US')} decimal places, more than can be displayed (${MAX_FORMAT_DECIMALS})`
    : undefined;
}

function parseFormat(format: string): Section[] | null {
  let parsed = formatCache.get(format);
  if (parsed === undefined) {
    const sections = splitSections(format).map(parseSection);
    parsed = sections.length <= 4 && sections.every((s) => s !== undefined) && decimalPlaces(sections as Section[]) <= MAX_FORMAT_DECIMALS
      ? (sections as Section[]) : null;
    if (formatCache.size > 500) formatCache.clear();
    formatCache.set(format, parsed);
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

/** Excel's General format: integers as they are, other numbers to 10 significant digits. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-9 || abs >= 1e11)) {
    const [m, e] = n.toExponential(5).split('e') as [string, string];
    const exp = Number(e);
    return `${m.replace(/\.?0+$/, '')}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = n.toPrecision(10);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function renderNumber(value: number, pattern: string, percent: number, opts: FormatOptions): string {
  if (pattern === 'General') return formatGeneral(Math.abs(value));
  // Trailing commas scale by 1000 each (#,##0, shows thousands; 0.0,, millions).
  let scale = 0;
  while (pattern.endsWith(',')) { scale++; pattern = pattern.slice(0, -1); }
  const dot = pattern.indexOf('.');
  const intPat = dot < 0 ? pattern : pattern.slice(0, dot);
  const decPat = dot < 0 ? '' : pattern.slice(dot + 1).replace(/,/g, '');
  const grouping = intPat.includes(',');
  const minInt = (intPat.match(/0/g) ?? []).length;
  const maxDec = (decPat.match(/[0#?]/g) ?? []).length;
  const minDec = (decPat.match(/0/g) ?? []).length;
  const v = excelRound(Math.abs(value) * Math.pow(100, percent) / Math.pow(1000, scale), maxDec);
  if (v >= 1e21) return v.toExponential(maxDec).replace('e+', 'E+');
  let [int, dec = ''] = v.toFixed(maxDec).split('.') as [string, string?];
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  while (dec.length > minDec && dec.endsWith('0')) dec = dec.slice(0, -1);
  const grouped = grouping ? groupDigits(int, opts.indianGrouping === true) : int;
  return grouped + (dec ? `.${dec}` : dot >= 0 && maxDec === 0 ? '.' : '');
}

/** `0.00E+00`: integer digits of the pattern, the mantissa's decimals, the exponent padded. */
function renderScientific(value: number, pattern: string, e: { plus: boolean; digits: number }): string {
  const decPat = pattern.includes('.') ? pattern.slice(pattern.indexOf('.') + 1) : '';
  const decimals = (decPat.match(/[0#?]/g) ?? []).length;
  const minDec = (decPat.match(/0/g) ?? []).length;
  const [mantissa, exp] = Math.abs(value).toExponential(decimals).split('e') as [string, string];
  let [int, dec = ''] = mantissa.split('.') as [string, string?];
  while (dec.length > minDec && dec.endsWith('0')) dec = dec.slice(0, -1);
  const n = Number(exp);
  const sign = n < 0 ? '-' : e.plus ? '+' : '';
  if (value === 0) int = '0';
  return int + (dec ? `.${dec}` : '') + 'E' + sign + String(Math.abs(n)).padStart(e.digits, '0');
}

/** Calendar parts of an Excel 1900-system serial (1 = 1900-01-01, 60 = 1900-02-29). */
function serialDate(serial: number): { y: number; m: number; d: number; wd: number } {
  const day = Math.floor(serial);
  if (day === 60) return { y: 1900, m: 2, d: 29, wd: 3 };
  if (day === 0) return { y: 1900, m: 1, d: 0, wd: 6 }; // Excel shows 1900-01-00
  const offset = day < 60 ? day : day - 1;
  const date = new Date(Date.UTC(1899, 11, 31) + offset * 86400000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), wd: day < 60 ? (day + 6) % 7 : date.getUTCDay() };
}

function renderDate(value: number, tokens: Token[]): string | undefined {
  if (value < 0 || value >= 2958466) return undefined; // Excel: ##### in a cell, #VALUE! in TEXT
  const fracDigits = (tokens.find((t) => t.t === 'frac') as { digits: number } | undefined)?.digits ?? 0;
  const unit = Math.pow(10, fracDigits);
  // Rounded to the shown precision first, so 0.99999999 shows as the next day 00:00:00.
  const ticks = Math.round(value * 86400 * unit);
  const seconds = Math.floor(ticks / unit);
  const { y, m, d, wd } = serialDate(Math.floor(seconds / 86400));
  const secOfDay = seconds % 86400;
  const hour = Math.floor(secOfDay / 3600);
  const minute = Math.floor(secOfDay / 60) % 60;
  const second = secOfDay % 60;
  const twelve = tokens.some((t) => t.t === 'date' && t.code.startsWith('a'));
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  let out = '';
  for (const tok of tokens) {
    if (tok.t === 'lit') { out += tok.s; continue; }
    if (tok.t === 'frac') { out += '.' + pad(ticks % unit, fracDigits); continue; }
    if (tok.t !== 'date') continue;
    const c = tok.code;
    const elapsed = /^\[([hms])\](\d+)$/.exec(c);
    if (elapsed) {
      const total = elapsed[1] === 'h' ? Math.floor(seconds / 3600) : elapsed[1] === 'm' ? Math.floor(seconds / 60) : seconds;
      out += pad(total, Number(elapsed[2]));
    } else if (/^y+$/.test(c)) out += c.length <= 2 ? pad(y % 100, 2) : String(y);
    else if (c === 'm') out += String(m);
    else if (c === 'mm') out += pad(m, 2);
    else if (c === 'mmm') out += MONTHS[m - 1]!.slice(0, 3);
    else if (c === 'mmmmm') out += MONTHS[m - 1]![0];
    else if (/^m{4,}$/.test(c)) out += MONTHS[m - 1];
    else if (c === 'd') out += String(d);
    else if (c === 'dd') out += pad(d, 2);
    else if (c === 'ddd') out += DAYS[wd]!.slice(0, 3);
    else if (/^d{4,}$/.test(c)) out += DAYS[wd];
    else if (/^h+$/.test(c)) {
      const h = twelve ? (hour % 12 === 0 ? 12 : hour % 12) : hour;
      out += c.length === 1 ? String(h) : pad(h, 2);
    } else if (c === 'M') out += String(minute);
    else if (/^MM+$/.test(c)) out += pad(minute, 2);
    else if (c === 's') out += String(second);
    else if (/^s+$/.test(c)) out += pad(second, 2);
    else if (c === 'ampm') out += hour < 12 ? 'AM' : 'PM';
    else if (c === 'ap') out += hour < 12 ? 'A' : 'P';
    else if (c === 'ap-lower') out += hour < 12 ? 'a' : 'p'; // a/p keeps its case
  }
  return out;
}

function renderSection(value: number, section: Section, text: string | undefined, opts: FormatOptions): string | undefined {
  const { tokens } = section;
  if (section.kind === 'date') return text === undefined ? renderDate(value, tokens) : text;
  let out = '';
  const percent = tokens.filter((t) => t.t === 'pct').length;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.t === 'lit') out += tok.s;
    else if (tok.t === 'pct') out += '%';
    else if (tok.t === 'at') out += text ?? formatGeneral(value);
    else if (tok.t === 'num') {
      const exp = tokens[k + 1];
      if (exp?.t === 'exp') { out += renderScientific(value * Math.pow(100, percent), tok.s, exp); k++; }
      else out += renderNumber(value, tok.s, percent, opts);
    }
  }
  return out;
}

function matches(c: Condition, v: number): boolean {
  switch (c.op) {
    case '<': return v < c.value;
    case '<=': return v <= c.value;
    case '>': return v > c.value;
    case '>=': return v >= c.value;
    case '=': return v === c.value;
    case '<>': return v !== c.value;
  }
}

/** Picks the section Excel uses for a number, and whether the section shows the sign itself. */
function pickSection(sections: Section[], n: number): { section: Section; signed: boolean } | undefined {
  const numeric = sections.filter((s) => s.kind !== 'text');
  if (sections.some((s) => s.condition)) {
    // With conditions: the first two sections are tried in order; the third takes the rest.
    const [a, b, c] = numeric;
    // A section whose condition selects negatives shows its own sign, as a negative section does.
    const signed = (c0: Condition): boolean => n < 0 && !(c0.op.startsWith('<') && c0.value <= 0);
    if (a?.condition && matches(a.condition, n)) return { section: a, signed: signed(a.condition) };
    if (b?.condition && matches(b.condition, n)) return { section: b, signed: signed(b.condition) };
    if (b && !b.condition) return { section: b, signed: n < 0 };
    if (c) return { section: c, signed: n < 0 };
    return undefined;
  }
  if (n < 0 && numeric[1]) return { section: numeric[1], signed: false };
  if (n === 0 && numeric[2]) return { section: numeric[2], signed: false };
  return numeric[0] ? { section: numeric[0], signed: n < 0 } : undefined;
}

/**
 * Formats a number with an Excel format code; undefined when the code is one this module
 * does not render (fractions, malformed codes) or the value cannot be shown (negative date).
 */
export function formatNumberCode(n: number, format: string, opts: FormatOptions = {}): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const sections = parseFormat(format);
  if (!sections) return undefined;
  const picked = pickSection(sections, n);
  if (!picked) return undefined;
  const { section, signed } = picked;
  if (section.kind === 'date' && n < 0) return undefined;
  const text = renderSection(n, section, undefined, opts);
  if (text === undefined) return undefined;
  // The automatic minus sign, unless the shown number rounds to zero (Excel: -0.2 as "0").
  const showsNonZero = /[1-9]/.test(text) || section.kind === 'date';
  return signed && section.kind !== 'date' && section.kind !== 'literal' && showsNonZero ? `-${text}` : text;
}

/** Formats a text value: the format's text section (`@`), or the text itself. */
export function formatTextCode(s: string, format: string): string {
  const sections = parseFormat(format);
  const textSection = sections?.find((x) => x.kind === 'text') ?? (sections?.length === 4 ? sections[3] : undefined);
  if (!textSection) return s;
  return textSection.tokens.map((t) => (t.t === 'lit' ? t.s : t.t === 'at' ? s : '')).join('');
}
