/**
 * CSV export and import (papaparse), safe against formula injection.
 *
 * Export (`toCsv`) writes RFC 4180 CSV: CRLF by default, fields quoted only when they
 * contain the delimiter, a quote, a line break or leading/trailing spaces. Any text that a
 * spreadsheet application could run as a formula is neutralised with a leading `'`
 * (see `neutralizeCell`). Numbers stay numbers (`-5` is written `-5`), booleans are
 * `TRUE`/`FALSE`, null is an empty field.
 *
 * Import (`fromCsv`) detects types; see its JSDoc for the exact rules.
 */
import Papa from 'papaparse';
import type { RawCell } from '../model/workbook';

/** Options for `toCsv`. */
export interface CsvOptions {
  /** Field delimiter, `,` by default; `;` and tab are common alternatives. */
  delimiter?: string;
  /** Record separator; RFC 4180's `\r\n` by default. */
  newline?: '\r\n' | '\n';
}

/** A value `toCsv` can write. */
export type CsvValue = number | string | boolean | null;

/** Thrown for an option CSV cannot work with, such as a quote or line break as delimiter. */
export class CsvOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvOptionError';
  }
}

/** Result of `fromCsv`: the cells, plus problems located by 1-based row number. */
export interface CsvImport {
  rows: RawCell[][];
  errors: { row: number; message: string }[];
}

// What a spreadsheet importer may skip before it looks for a formula sign: C0/C1 controls
// (LibreOffice drops a leading NUL and then evaluates `=...`), DEL, every Unicode space, and
// the invisible format characters (zero-width, bidi controls, BOM, soft hyphen).
const SKIPPED = '\\u0000-\\u0020\\u007f-\\u00a0\\u00ad\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u2066-\\u206f\\u3000\\ufeff';
// The same, less CR and LF, for the text after a line break: a lookahead that could run over
// further line breaks would make a value of many line breaks quadratic.
const SKIPPED_IN_LINE = '\\u0000-\\u0009\\u000b\\u000c\\u000e-\\u0020\\u007f-\\u00a0\\u00ad\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u2066-\\u206f\\u3000\\ufeff';
// Formula signs: = + - @, their full-width and small forms (which East Asian input methods
// produce and some importers fold to ASCII) and the minus sign U+2212.
const SIGNS = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20\\ufe66\\ufe62\\ufe63\\ufe6b\\u2212';
// A value that starts with tab, CR or LF is neutralised whatever follows (importers that trim
// would otherwise see the next line's sign first).
const LEAD_TRIGGER = new RegExp(`^(?:[\\t\\r\\n]|[${SKIPPED}]*[${SIGNS}])`);
// Inside a multi-line value, a line that starts (after skipped characters) with a sign or a tab
// is neutralised too. CR/LF right after a line break are just the line break or an empty line.
const INNER_LINE_TRIGGER = new RegExp(`(\\r\\n|\\r|\\n)(?=\\t|[${SKIPPED_IN_LINE}]*[${SIGNS}])`, 'g');

function isLeadTrigger(text: string): boolean {
  const c = text.charCodeAt(0);
  // Printable ASCII other than the four signs cannot start a trigger: skip the regex.
  if (c > 0x20 && c < 0x7f && c !== 61 && c !== 43 && c !== 45 && c !== 64) return false;
  return LEAD_TRIGGER.test(text);
}

/**
 * Make one text cell safe to open in a spreadsheet: prefix `'` when it starts with tab, CR or
 * LF, or with `=`, `+`, `-`, `@` (or a full-width form of one) after any run of control
 * characters, spaces and invisible format characters; likewise at the start of every line of
 * a multi-line value. Other text is returned unchanged (same string instance).
 */
export function neutralizeCell(text: string): string {
  if (text.length === 0) return text;
  const lead = isLeadTrigger(text);
  const multiLine = text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1;
  if (!lead && !multiLine) return text;
  const body = multiLine ? text.replace(INNER_LINE_TRIGGER, "$1'") : text;
  return lead ? "'" + body : body;
}

/** True when `neutralizeCell` would change the text; allocation-free. */
function needsNeutralizing(text: string): boolean {
  if (text.length === 0) return false;
  if (isLeadTrigger(text)) return true;
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) return false;
  INNER_LINE_TRIGGER.lastIndex = 0;
  const found = INNER_LINE_TRIGGER.test(text);
  INNER_LINE_TRIGGER.lastIndex = 0;
  return found;
}

/** The CSV text of one non-text value, or undefined when papaparse may write it as is. */
function cellNeedsRewrite(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
      return needsNeutralizing(v);
    case 'number':
      // NaN / Infinity are not numbers to a spreadsheet; "-Infinity" would even start with "-".
      return !Number.isFinite(v);
    case 'boolean':
      return true;
    default:
      // null and undefined are written as an empty field by papaparse.
      return v !== null && v !== undefined;
  }
}

function rewriteCell(v: unknown): string | number | null {
  switch (typeof v) {
    case 'string':
      return neutralizeCell(v);
    case 'number':
      return Number.isFinite(v) ? v : neutralizeCell(String(v));
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    default:
      return v === null || v === undefined ? null : neutralizeCell(String(v));
  }
}

function checkDelimiter(delimiter: string): void {
  if (delimiter.length === 0 || /["\r\n\uFEFF]/.test(delimiter)) {
    throw new CsvOptionError(`invalid CSV delimiter ${JSON.stringify(delimiter)}: it must be non-empty and contain no quote or line break`);
  }
}

/**
 * Serialise a matrix of values as RFC 4180 CSV, injection-safe (see `neutralizeCell`).
 * No trailing line break after the last record. Rows may have different lengths.
 * @throws CsvOptionError for an unusable delimiter.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  checkDelimiter(delimiter);
  // One cheap read-only pass; a row is copied only when one of its cells must change,
  // so the common case (numbers and plain text) hands papaparse the caller's arrays.
  let data: ReadonlyArray<ReadonlyArray<unknown>> = rows;
  let copied: unknown[][] | undefined;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let out: unknown[] | undefined;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (cellNeedsRewrite(v)) {
        out ??= row.slice();
        out[c] = rewriteCell(v);
      }
    }
    if (out) {
      copied ??= rows.slice() as unknown[][];
      copied[r] = out;
    }
  }
  if (copied) data = copied;
  if (data.length === 0) return '';
  return Papa.unparse(data as unknown[][], { delimiter, newline, header: false, escapeFormulae: false });
}

// Plain decimal numbers as people and spreadsheets write them: 12, -3.5, .5, 1e6, 1.2E-3.
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// US-style thousands grouping, strict groups of three: 1,234 or -1,234,567.89.
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Detect the type of one CSV field.
 * - empty (or only spaces) -> null
 * - `TRUE` / `FALSE` in any letter case -> boolean
 * - a plain decimal number (`12`, `-3.5`, `.5`, `1e6`) -> number; surrounding spaces allowed
 * - `1,234.5` (commas in strict groups of three) -> 1234.5, except when the delimiter is `;`,
 *   where a comma is conventionally the decimal separator: then it stays text (no locale guessing)
 * - text starting with `=` -> `'=...`: literal text, so an imported CSV never creates a formula
 * - text starting with `'` is kept as is: in the workbook, as in spreadsheets, the apostrophe
 *   marks literal text, so a neutralised export (`'=A1`) imports back as the text `=A1`
 * - anything else -> the text unchanged
 */
export function detectCell(field: string, delimiter = ','): RawCell {
  const t = field.trim();
  if (t.length === 0) return null;
  const c = t.charCodeAt(0);
  // Only fields that start like a number are worth a regex.
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (PLAIN_NUMBER.test(t)) {
      const n = Number(t);
      if (Number.isFinite(n)) return n;
    } else if (delimiter !== ';' && GROUPED_NUMBER.test(t)) {
      return Number(t.replace(/,/g, ''));
    }
  }
  if (t.length <= 5) {
    const u = t.toUpperCase();
    if (u === 'TRUE') return true;
    if (u === 'FALSE') return false;
  }
  if (field.charCodeAt(0) === 61 /* = */) return "'" + field;
  return field;
}

/**
 * Parse CSV text into raw cells with type detection (see `detectCell`). The delimiter is
 * detected among `,` `;` tab when not given; line breaks may be CRLF, LF or CR; a leading
 * byte-order mark is ignored. Malformed quoting is reported with its 1-based row number;
 * the rows are still returned as papaparse recovered them.
 * @throws CsvOptionError for an unusable delimiter.
 */
export function fromCsv(text: string, options: { delimiter?: string } = {}): CsvImport {
  if (options.delimiter !== undefined) checkDelimiter(options.delimiter);
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.length === 0) return { rows: [], errors: [] };
  const parsed = Papa.parse<string[]>(input, {
    delimiter: options.delimiter ?? guessDelimiter(input),
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const delimiter = parsed.meta.delimiter || options.delimiter || ',';
  const data = parsed.data;
  // A final line break ends the last record; it does not start an empty one.
  if (data.length > 1 && data[data.length - 1].length === 1 && data[data.length - 1][0] === '' && /[\r\n]$/.test(input)) {
    data.pop();
  }
  const rows: RawCell[][] = data.map((fields) => fields.map((f) => detectCell(f, delimiter)));
  const errors = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 1, message: describeParseError(e) }));
  return { rows, errors };
}

/**
 * The delimiter among `,` `;` tab that splits the first records most consistently into
 * more than one field; `,` when none does. (Papa's own guess counts a final empty line and
 * so misses tab-separated files that end with a line break.)
 */
function guessDelimiter(input: string): string {
  let best = ',';
  let bestDelta = Infinity;
  let bestAvg = 0;
  for (const delimiter of [',', ';', '\t']) {
    const preview = Papa.parse<string[]>(input, { delimiter, preview: 10, skipEmptyLines: 'greedy' }).data;
    if (preview.length === 0) continue;
    let delta = 0;
    let total = 0;
    for (let i = 0; i < preview.length; i++) {
      total += preview[i].length;
      if (i > 0) delta += Math.abs(preview[i].length - preview[i - 1].length);
    }
    const avg = total / preview.length;
    if (avg >= 2 && (delta < bestDelta || (delta === bestDelta && avg > bestAvg))) {
      best = delimiter;
      bestDelta = delta;
      bestAvg = avg;
    }
  }
  return best;
}

function describeParseError(e: Papa.ParseError): string {
  switch (e.code) {
    case 'MissingQuotes':
      return 'a quoted field is not closed: a `"` is missing';
    case 'InvalidQuotes':
      return 'a quote `"` appears inside a quoted field without being doubled ("")';
    default:
      return e.message;
  }
}
