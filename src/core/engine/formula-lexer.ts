/**
 * A small Excel formula tokenizer, enough to rewrite Excel syntax HyperFormula does not accept
 * and to explain formulas it rejects. It never evaluates anything and never throws: unknown
 * characters become `other` tokens.
 */

import { columnIndex, quoteSheetName } from '../model/a1';

export type TokenKind =
  | 'ws' | 'string' | 'number' | 'ident' | 'sheet' | 'error' | 'lparen' | 'rparen'
  | 'comma' | 'semicolon' | 'colon' | 'op' | 'at' | 'hash' | 'lbracket' | 'rbracket'
  | 'lbrace' | 'rbrace' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the token in the formula text (the leading `=` is offset 0). */
  start: number;
}

const LETTER = /[A-Za-z_\u00C0-\u02AF$]/;
const IDENT_CHAR = /[A-Za-z0-9_.$\u00C0-\u02AF]/;
const DIGIT = /[0-9]/;

/** Offset just past a quoted run starting at `i` (the quote doubled inside escapes itself). */
function endOfQuoted(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === q) {
      if (text[j + 1] !== q) return j + 1;
      j++;
    }
    j++;
  }
  return j;
}

/** Tokenizes a formula; the leading `=` (if any) is emitted as an `op` token. */
export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const n = formula.length;
  let i = 0;
  while (i < n) {
    const c = formula[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0') {
      while (i < n && /[ \t\n\r\u00a0]/.test(formula[i]!)) i++;
      tokens.push({ kind: 'ws', text: formula.slice(start, i), start });
    } else if (c === '"') {
      i = endOfQuoted(formula, i);
      tokens.push({ kind: 'string', text: formula.slice(start, i), start });
    } else if (c === "'") {
      // Quoted sheet name: 'My sheet'!A1 ('' escapes a quote).
      i = endOfQuoted(formula, i);
      if (formula[i] === '!') {
        i++;
        tokens.push({ kind: 'sheet', text: formula.slice(start, i), start });
      } else {
        tokens.push({ kind: 'other', text: formula.slice(start, i), start });
      }
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(formula[i + 1] ?? ''))) {
      while (i < n && DIGIT.test(formula[i]!)) i++;
      if (formula[i] === '.') { i++; while (i < n && DIGIT.test(formula[i]!)) i++; }
      if ((formula[i] === 'e' || formula[i] === 'E') && /[0-9+-]/.test(formula[i + 1] ?? '')) {
        const save = i;
        i++;
        if (formula[i] === '+' || formula[i] === '-') i++;
        if (DIGIT.test(formula[i] ?? '')) { while (i < n && DIGIT.test(formula[i]!)) i++; } else { i = save; }
      }
      // A digit-led identifier such as a sheet called 2024 (2024!A1).
      if (i < n && IDENT_CHAR.test(formula[i]!) && formula[i] !== '.') {
        while (i < n && IDENT_CHAR.test(formula[i]!)) i++;
      }
      if (formula[i] === '!') { i++; tokens.push({ kind: 'sheet', text: formula.slice(start, i), start }); }
      else tokens.push({ kind: /^[0-9.]+([eE][+-]?[0-9]+)?$/.test(formula.slice(start, i)) ? 'number' : 'ident', text: formula.slice(start, i), start });
    } else if (LETTER.test(c)) {
      while (i < n && IDENT_CHAR.test(formula[i]!)) i++;
      if (formula[i] === '!') { i++; tokens.push({ kind: 'sheet', text: formula.slice(start, i), start }); }
      else tokens.push({ kind: 'ident', text: formula.slice(start, i), start });
    } else if (c === '#') {
      const prev = tokens[tokens.length - 1];
      // A1# is Excel's spilled-range reference; otherwise # starts an error literal.
      if (prev && (prev.kind === 'ident' || prev.kind === 'rparen')) {
        i++;
        tokens.push({ kind: 'hash', text: '#', start });
      } else {
        i++;
        while (i < n && /[A-Za-z0-9/_]/.test(formula[i]!)) i++;
        if (formula[i] === '!' || formula[i] === '?') i++;
        tokens.push({ kind: 'error', text: formula.slice(start, i), start });
      }
    } else {
      i++;
      let kind: TokenKind;
      switch (c) {
        case '(': kind = 'lparen'; break;
        case ')': kind = 'rparen'; break;
        case ',': kind = 'comma'; break;
        case ';': kind = 'semicolon'; break;
        case ':': kind = 'colon'; break;
        case '@': kind = 'at'; break;
        case '[': kind = 'lbracket'; break;
        case ']': kind = 'rbracket'; break;
        case '{': kind = 'lbrace'; break;
        case '}': kind = 'rbrace'; break;
        case '+': case '-': case '*': case '/': case '^': case '&': case '%': case '=':
          kind = 'op';
          break;
        case '<': case '>':
          kind = 'op';
          if (formula[i] === '=' || (c === '<' && formula[i] === '>')) i++;
          break;
        default: kind = 'other';
      }
      tokens.push({ kind, text: formula.slice(start, i), start });
    }
  }
  return tokens;
}

/** The sheet name of a `sheet` token (`'My ''x'''!` -> `My 'x'`, `Data!` -> `Data`). */
export function sheetNameOf(token: Token): string {
  const t = token.text.slice(0, -1);
  return t.startsWith("'") ? t.slice(1, -1).replace(/''/g, "'") : t;
}

const CELL_REF = /^\$?[A-Za-z]{1,3}\$?[0-9]+$/;
const COLUMN_REF = /^\$?[A-Za-z]{1,3}$/;

/** A valid end of a range: a cell (`B5`), a column (`$B`) or a row (`$5`). */
function isRangeEnd(text: string): boolean {
  return CELL_REF.test(text) || COLUMN_REF.test(text) || /^\$[0-9]+$/.test(text);
}

/** Whether an identifier token is an A1 cell reference (`B5`, `$B$5`). */
export function isCellRef(text: string): boolean {
  return CELL_REF.test(text);
}

/** Index of the first non-whitespace token after `i` (tokens.length if none). */
function nextSignificantIndex(tokens: Token[], i: number): number {
  let j = i + 1;
  while (j < tokens.length && tokens[j]!.kind === 'ws') j++;
  return j;
}
/** Index of the last non-whitespace token before `i` (-1 if none). */
function prevSignificantIndex(tokens: Token[], i: number): number {
  let j = i - 1;
  while (j >= 0 && tokens[j]!.kind === 'ws') j--;
  return j;
}
function nextSignificant(tokens: Token[], i: number): Token | undefined {
  return tokens[nextSignificantIndex(tokens, i)];
}
function prevSignificant(tokens: Token[], i: number): Token | undefined {
  return tokens[prevSignificantIndex(tokens, i)];
}

/**
 * Function names rewritten to an HyperFormula function that behaves as Excel's does.
 * CONCAT is missing from HyperFormula; its CONCATENATE accepts ranges like Excel's CONCAT.
 * (INT and ROUND are fixed by a function plugin instead: see excel-rounding.ts.)
 */
const FUNCTION_REWRITES: Record<string, string> = { CONCAT: 'CONCATENATE' };

/** Cheap pre-test: formulas without any of these substrings need no rewriting. */
const NEEDS_REWRITE = /true|false|concat|_xl|""|\dE/i;

export interface TranslateOptions {
  /** Qualify unqualified references with this sheet (used for checks, which live on a hidden sheet). */
  defaultSheet?: string;
}

/**
 * Rewrites an Excel formula (starting with `=`) into one HyperFormula evaluates the way Excel
 * does: bare `TRUE`/`FALSE` become `TRUE()`/`FALSE()`, `INT` and `CONCAT` map to equivalents,
 * `_xlfn.` prefixes are dropped. Strings, sheet names and references are left untouched.
 */
export function translateFormula(formula: string, options?: TranslateOptions): string {
  if (!options?.defaultSheet && !NEEDS_REWRITE.test(formula)) return formula;
  const tokens = tokenize(formula);
  const qualifier = options?.defaultSheet !== undefined ? `${quoteSheetName(options.defaultSheet)}!` : undefined;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'string' && t.text.length > 2 && t.text.slice(1, -1).includes('""')) {
      // HyperFormula has no "" escape inside strings: spell the quote as CHAR(34).
      const parts = t.text.slice(1, -1).split('""').map((part) => `"${part}"`);
      out += `(${parts.join('&CHAR(34)&')})`;
      continue;
    }
    if (t.kind === 'number') { out += t.text.toLowerCase(); continue; } // HyperFormula reads 1e3, not 1E3
    if (t.kind !== 'ident') { out += t.text; continue; }
    const next = nextSignificant(tokens, i);
    const prev = prevSignificant(tokens, i);
    const upper = t.text.toUpperCase();
    const isCall = next?.kind === 'lparen';
    if (isCall) {
      const bare = upper.replace(/^_XL(FN|WS)\./, '');
      out += FUNCTION_REWRITES[bare] ?? (bare !== upper ? t.text.slice(t.text.indexOf('.') + 1) : t.text);
      continue;
    }
    if ((upper === 'TRUE' || upper === 'FALSE') && prev?.kind !== 'sheet') {
      out += `${upper}()`;
      continue;
    }
    if (qualifier && prev?.kind !== 'sheet' && prev?.kind !== 'colon') {
      const rangeStart = next?.kind === 'colon';
      if (isCellRef(t.text) || (rangeStart && COLUMN_REF.test(t.text))) {
        out += qualifier + t.text;
        continue;
      }
    }
    out += t.text;
  }
  return out;
}

/** Something in a formula that HyperFormula does not accept, found by `analyzeFormula`. */
export interface FormulaIssue {
  code: 'MW4002' | 'MW4003' | 'MW4006';
  message: string;
}

export interface AnalyzeContext {
  /** Sheet names of the workbook (compared case-insensitively, as spreadsheets do). */
  sheetNames: ReadonlyArray<string>;
  /** Upper-case names of the functions the engine implements. */
  functions: ReadonlySet<string>;
  /** Upper-case names of Excel functions the engine lacks, with a hint of what to write instead. */
  excelOnly: ReadonlyMap<string, string>;
  /** Parameters the engine could not register (upper-case name -> reason). */
  rejectedNames?: ReadonlyMap<string, string>;
}

/**
 * Finds constructs the engine rejects and says what to write instead: unsupported Excel syntax
 * (MW4006), unknown sheets (MW4002), unknown functions (MW4003). Used to explain a formula
 * that evaluates to an error, so it runs only for those cells.
 */
export function analyzeFormula(formula: string, ctx: AnalyzeContext): FormulaIssue[] {
  const issues: FormulaIssue[] = [];
  const tokens = tokenize(formula);
  const sheets = new Set(ctx.sheetNames.map((s) => s.toUpperCase()));
  const seen = new Set<string>();
  const add = (issue: FormulaIssue): void => {
    if (!seen.has(issue.message)) { seen.add(issue.message); issues.push(issue); }
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = nextSignificant(tokens, i);
    const prev = prevSignificant(tokens, i);
    switch (t.kind) {
      case 'at':
        add({ code: 'MW4006', message: 'the implicit-intersection operator @ is not supported: remove it (write A1, not @A1) or use INDEX to pick one value from a range' });
        break;
      case 'ws': {
        // Excel's intersection operator is a space between two references: A1:B5 B2:C3.
        const before = tokens[i - 1];
        const after = tokens[i + 1];
        const refEnd = before?.kind === 'ident' && (isCellRef(before.text) || COLUMN_REF.test(before.text));
        const refStart = after?.kind === 'sheet' || (after?.kind === 'ident' && isCellRef(after.text));
        if (refEnd && refStart) {
          add({ code: 'MW4006', message: 'the space (range intersection) operator is not supported: refer to the shared cell directly, or use INDEX(range, row, column)' });
        }
        break;
      }
      case 'lbracket':
        add({ code: 'MW4006', message: 'structured (table) references such as Table1[Column] are not supported: use a range such as Sheet!B2:B20' });
        break;
      case 'hash':
        add({ code: 'MW4006', message: 'spilled-range references (A1#) are not supported: use the explicit range, e.g. A1:A10' });
        break;
      case 'sheet': {
        const name = sheetNameOf(t);
        if (prev?.kind === 'colon') {
          add({ code: 'MW4006', message: `3-D references across sheets (${formula.slice(prevSignificant(tokens, i - 1)?.start ?? t.start, t.start + t.text.length)}...) are not supported: refer to each sheet, e.g. SUM(Sheet1!A1, Sheet2!A1)` });
        } else if (!sheets.has(name.toUpperCase())) {
          add({ code: 'MW4002', message: `refers to sheet "${name}", which does not exist` });
        }
        break;
      }
      case 'colon': {
        const left = prev;
        const right = next;
        // By index, not tokens.indexOf(right): a formula of many ranges stays linear.
        const nextIdx = nextSignificantIndex(tokens, i);
        const rightIsCall = right?.kind === 'ident' && nextSignificant(tokens, nextIdx)?.kind === 'lparen';
        if (left?.kind === 'rparen' || rightIsCall) {
          add({ code: 'MW4006', message: 'a range must join two cell addresses (A1:B5), columns (A:C) or rows (3:5); a range ending in a function such as A1:INDEX(...) is not supported: use a fixed range (A1:A10), or SUMIFS/COUNTIFS with a condition over the whole range' });
        } else if ((left?.kind === 'ident' && !isRangeEnd(left.text))
          || (right?.kind === 'ident' && !isRangeEnd(right.text) && nextSignificant(tokens, nextIdx)?.kind !== 'sheet')) {
          add({ code: 'MW4006', message: 'a range must join two cell addresses (A1:B5), columns (A:C) or rows (3:5); names cannot be range ends' });
        }
        break;
      }
      case 'ident': {
        if (next?.kind !== 'lparen') {
          const rejected = ctx.rejectedNames?.get(t.text.toUpperCase());
          if (rejected !== undefined && prev?.kind !== 'sheet') add({ code: 'MW4006', message: `parameter ${rejected}` });
          break;
        }
        const upper = t.text.toUpperCase().replace(/^_XL(FN|WS)\./, '');
        if (ctx.functions.has(upper) || FUNCTION_REWRITES[upper]) break;
        const hint = ctx.excelOnly.get(upper);
        if (hint !== undefined) {
          add({ code: 'MW4006', message: `${upper} is an Excel function the engine does not implement${hint ? `: ${hint}` : ''}` });
        } else {
          add({ code: 'MW4003', message: `unknown function ${t.text}` });
        }
        break;
      }
      default:
        break;
    }
  }
  return issues;
}

/**
 * The largest range a formula may refer to, in cells. HyperFormula materialises a range cell by
 * cell: about 3 s and 800 MB per million cells (OFFSET about 5 µs a cell), so
 * `SUM(A1:XFD1048576)` would run for hours. Whole-row and whole-column ranges are charged for
 * the part of the sheet they reach (see `UsedExtent`): `A:XFD` over 5,000 used rows aborted V8
 * at 3 GB.
 */
export const MAX_RANGE_CELLS = 1_000_000;

/** Excel's limit on the length of a formula; longer ones are refused before they are tokenized. */
export const MAX_FORMULA_LENGTH = 8_192;

/**
 * Excel's limit on nesting in a formula (64 levels). HyperFormula's parser recurses per level
 * and overflowed the stack at 128 levels (49 with a 400 KB stack), which stopped the whole
 * workbook's evaluation; deeper formulas are refused before they reach it.
 */
export const MAX_FORMULA_NESTING = 64;

/** The deepest nesting of parentheses in `formula`, outside "strings" and 'sheet names'. */
function nestingDepth(formula: string): number {
  let depth = 0;
  let most = 0;
  for (let i = 0; i < formula.length; i++) {
    const c = formula.charCodeAt(i);
    if (c === 40 /* ( */) { if (++depth > most) most = depth; }
    else if (c === 41 /* ) */) depth--;
    else if (c === 34 /* " */ || c === 39 /* ' */) {
      // A doubled quote inside is an escaped one: the scan simply re-enters the literal.
      const close = formula.indexOf(formula[i]!, i + 1);
      if (close < 0) break;
      i = close;
    }
  }
  return most;
}

/**
 * The workbook's used size: its longest sheet (rows) and widest row (columns). A whole-row
 * range costs rows x max(columns, 16) cells, a whole-column range columns x max(rows, 16);
 * measured: HyperFormula walks about that many cells, never fewer than a few per row or column.
 */
export interface UsedExtent { rows: number; columns: number }

/** The used size of the sheets given (each a list of rows). */
export function usedExtent(sheets: ReadonlyArray<{ rows: ReadonlyArray<ReadonlyArray<unknown>> }>): UsedExtent {
  let rows = 0;
  let columns = 0;
  for (const sheet of sheets) {
    rows = Math.max(rows, sheet.rows.length);
    for (const row of sheet.rows) if (row.length > columns) columns = row.length;
  }
  return { rows, columns };
}

/** The smallest extent a whole row or column is charged for. */
const MIN_EXTENT = 16;

/** A range in a formula larger than `MAX_RANGE_CELLS`, found by `oversizedRange`. */
export interface OversizedRange {
  /** The range as written, e.g. `A1:XFD1048576`, `Data!1:1048576` or `OFFSET(A1,0,0,2000,2000)`; the formula's start for `characters`. */
  text: string;
  /** Its number of cells (for whole rows and columns: of the used part it reaches), or the formula's length. */
  size: number;
  unit: 'cells' | 'rows' | 'columns' | 'characters' | 'levels';
}

/**
 * Cheap pre-test: a range can only exceed HINT_SAFE_LIMIT cells when one of its row numbers has
 * 4 digits or one of its columns 3 letters (ZZ999 is 702 columns by 999 rows); an OFFSET's
 * height and width are at most 999 each without 4 digits.
 */
const LARGE_RANGE_HINT = /[0-9]{4}|[A-Za-z]{3}\$?[0-9]/;
const HINT_SAFE_LIMIT = 702 * 999;
const CELL_PARTS = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/;
const ROW_PARTS = /^\$?([0-9]+)$/;
const COLUMN_PARTS = /^\$?([A-Za-z]{1,3})$/;

/** Whether no range written without a 4-digit row or a 3-letter column can exceed `limit` here. */
function hintSafe(limit: number, extent: UsedExtent): boolean {
  const wholeRows = 999 * Math.max(extent.columns, MIN_EXTENT);
  const wholeColumns = 702 * Math.max(extent.rows, MIN_EXTENT);
  return Math.max(HINT_SAFE_LIMIT, wholeRows, wholeColumns) <= limit;
}

/** Height x width of `OFFSET(ref, r, c, height, width)` when they are written as numbers. */
function offsetSize(tokens: Token[], open: number): { size: number; end: number } | undefined {
  const args: Token[][] = [[]];
  let depth = 0;
  let j = open + 1;
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'lparen') depth++;
    else if (t.kind === 'rparen') { if (depth === 0) break; depth--; }
    if (depth === 0 && t.kind === 'comma') { args.push([]); continue; }
    if (t.kind !== 'ws') args[args.length - 1]!.push(t);
  }
  const literal = (arg: Token[] | undefined): number | undefined => {
    if (!arg || arg.length === 0) return undefined;
    const last = arg[arg.length - 1]!;
    const signs = arg.slice(0, -1);
    if (last.kind !== 'number' || !signs.every((t) => t.text === '-' || t.text === '+')) return undefined;
    return Math.abs(Number(last.text));
  };
  // Without a height or width, OFFSET keeps the reference's: a cell, or a range A1:B5.
  const ref = args[0] ?? [];
  let refRows = 1;
  let refCols = 1;
  const a = ref.length === 3 && ref[1]!.kind === 'colon' ? CELL_PARTS.exec(ref[0]!.text) : null;
  const b = a ? CELL_PARTS.exec(ref[2]!.text) : null;
  if (a && b) {
    refRows = Math.abs(Number(b[2]) - Number(a[2])) + 1;
    refCols = Math.abs(columnIndex(b[1]!) - columnIndex(a[1]!)) + 1;
  }
  const h = literal(args[3]) ?? refRows;
  const w = literal(args[4]) ?? refCols;
  return { size: h * w, end: j };
}

/**
 * The first range in `formula` larger than `limit` cells, or undefined: cell ranges as written,
 * whole rows and columns by the part of `extent` they reach, OFFSET by its literal height and
 * width (HyperFormula accepts no other). A formula longer than `MAX_FORMULA_LENGTH` is refused
 * as a whole, untokenized. Strings are skipped (`"A1:Z99999"` is text).
 */
export function oversizedRange(formula: string, extent: UsedExtent, limit = MAX_RANGE_CELLS): OversizedRange | undefined {
  let first: OversizedRange | undefined;
  scanRanges(formula, extent, limit, (r) => { first = r; return true; });
  return first;
}

/**
 * Every range in `formula` larger than `limit` cells (each OFFSET and cell, row or column
 * range as `oversizedRange` counts it), or the formula itself when it is too long or nested
 * too deep.
 */
export function largeRanges(formula: string, extent: UsedExtent, limit: number): OversizedRange[] {
  const out: OversizedRange[] = [];
  scanRanges(formula, extent, limit, (r) => { out.push(r); return false; });
  return out;
}

function scanRanges(formula: string, extent: UsedExtent, limit: number, found: (r: OversizedRange) => boolean): void {
  if (formula.length > MAX_FORMULA_LENGTH) {
    found({ text: `${formula.slice(0, 24)}...`, size: formula.length, unit: 'characters' });
    return;
  }
  // Nesting d levels takes more than d characters, so short formulas skip the scan.
  if (formula.length > MAX_FORMULA_NESTING) {
    const depth = nestingDepth(formula);
    if (depth > MAX_FORMULA_NESTING) { found({ text: `${formula.slice(0, 24)}...`, size: depth, unit: 'levels' }); return; }
  }
  const hasOffset = /offset/i.test(formula);
  if (formula.indexOf(':') < 0 && !hasOffset) return;
  if (limit >= HINT_SAFE_LIMIT && hintSafe(limit, extent) && !LARGE_RANGE_HINT.test(formula)) return;
  const usedRows = Math.max(extent.rows, MIN_EXTENT);
  const usedColumns = Math.max(extent.columns, MIN_EXTENT);
  const tokens = tokenize(formula);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (hasOffset && t.kind === 'ident' && t.text.toUpperCase().replace(/^_XL(FN|WS)\./, '') === 'OFFSET') {
      const open = nextSignificantIndex(tokens, i);
      if (tokens[open]?.kind !== 'lparen') continue;
      const o = offsetSize(tokens, open);
      if (o && o.size > limit) {
        const end = tokens[o.end];
        if (found({ text: formula.slice(t.start, end ? end.start + 1 : formula.length), size: o.size, unit: 'cells' })) return;
      }
      continue;
    }
    if (t.kind !== 'colon') continue;
    const li = prevSignificantIndex(tokens, i);
    const left = tokens[li];
    let j = nextSignificantIndex(tokens, i);
    let right = tokens[j];
    if (right?.kind === 'sheet') { j = nextSignificantIndex(tokens, j); right = tokens[j]; }
    if (!left || !right || left.kind !== 'ident' && left.kind !== 'number' || nextSignificant(tokens, j)?.kind === 'lparen') continue;
    let size: number | undefined;
    let unit: OversizedRange['unit'] = 'cells';
    const a = CELL_PARTS.exec(left.text);
    const b = CELL_PARTS.exec(right.text);
    if (a && b) {
      const rows = Math.abs(Number(b[2]) - Number(a[2])) + 1;
      const cols = Math.abs(columnIndex(b[1]!) - columnIndex(a[1]!)) + 1;
      size = rows * cols;
    } else {
      const ra = ROW_PARTS.exec(left.text);
      const rb = ROW_PARTS.exec(right.text);
      const ca = COLUMN_PARTS.exec(left.text);
      const cb = COLUMN_PARTS.exec(right.text);
      if (ra && rb) {
        size = (Math.abs(Number(rb[1]) - Number(ra[1])) + 1) * usedColumns;
        unit = 'rows';
      } else if (ca && cb && left.kind === 'ident' && right.kind === 'ident') {
        size = (Math.abs(columnIndex(cb[1]!) - columnIndex(ca[1]!)) + 1) * usedRows;
        unit = 'columns';
      }
    }
    if (size === undefined || size <= limit) continue;
    // Include a sheet prefix written before the range's start: Data!A1:XFD1048576.
    const start = tokens[li - 1]?.kind === 'sheet' ? tokens[li - 1]!.start : left.start;
    if (found({ text: formula.slice(start, right.start + right.text.length), size, unit })) return;
  }
}

/** What to tell the analyst about an `oversizedRange`. */
export function describeOversizedRange(r: OversizedRange, limit = MAX_RANGE_CELLS): string {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  if (r.unit === 'characters') {
    return `the formula has ${fmt(r.size)} characters, more than Excel allows in a formula (${fmt(MAX_FORMULA_LENGTH)}); `
      + 'it is not evaluated (#VALUE!): split it over several cells';
  }
  if (r.unit === 'levels') {
    return `the formula nests ${fmt(r.size)} levels of parentheses, more than Excel allows (${fmt(MAX_FORMULA_NESTING)}); `
      + 'it is not evaluated (#VALUE!): split it over several cells';
  }
  const what = r.unit === 'cells' ? `has ${fmt(r.size)} cells`
    : `spans whole ${r.unit}, ${fmt(r.size)} cells of the used sheet area`;
  return `the range ${r.text} ${what}, more than the engine evaluates in one range (${fmt(limit)} cells); `
    + 'the formula is not evaluated (#VALUE!): refer to the rows and columns actually used (e.g. A1:C5000)';
}
