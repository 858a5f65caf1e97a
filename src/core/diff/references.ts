/**
 * A1 references inside formulas, found in one pass, for the diff: rewriting an old formula
 * into the new version's coordinates (rows and columns inserted or deleted, sheets renamed)
 * and position-independent signatures that align rows and columns. String literals are
 * skipped; function names (`LOG10(`) and parameter names are not references.
 */

import { columnIndex, columnLetters, quoteSheetName } from '../model/a1';

// One alternation: a string literal (copied as is), or an optional sheet prefix followed by a
// cell or cell range, a column range (A:C) or a row range (1:3).
const REF = new RegExp(
  '"(?:[^"]|"")*"' +
  '|(?<![\\w.$\\u00C0-\\u02AF])' +
  "((?:'(?:[^']|'')+'|[A-Za-z_\\u00C0-\\u02AF][\\w.\\u00C0-\\u02AF]*)!)?" +
  '(?:(\\$?)([A-Za-z]{1,3})(\\$?)([0-9]{1,7})(?::(\\$?)([A-Za-z]{1,3})(\\$?)([0-9]{1,7}))?' +
  '|(\\$?)([A-Za-z]{1,3}):(\\$?)([A-Za-z]{1,3})' +
  '|(\\$?)([0-9]{1,7}):(\\$?)([0-9]{1,7}))' +
  '(?![\\w.(!\\u00C0-\\u02AF])',
  'g',
);

/** One end of a reference; `row` or `col` is undefined for a column range (A:C) or row range (1:3). */
export interface RefEnd {
  row?: number;
  col?: number;
  absRow: boolean;
  absCol: boolean;
}

/** A reference as found: the sheet as written (unquoted, undefined when unqualified) and its one or two ends. */
export interface FoundRef {
  sheet: string | undefined;
  start: RefEnd;
  end?: RefEnd;
}

/** What a rewrite returns for a reference: new ends, or `null` for `#REF!` (its cells were deleted). */
export type RefRewriter = (ref: FoundRef) => { sheet: string | undefined; start: RefEnd; end?: RefEnd } | null;

function unquote(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function end(absCol: string | undefined, col: string | undefined, absRow: string | undefined, row: string | undefined): RefEnd {
  return {
    col: col !== undefined ? columnIndex(col) : undefined,
    row: row !== undefined ? Number(row) - 1 : undefined,
    absCol: absCol === '$',
    absRow: absRow === '$',
  };
}

function parseMatch(m: RegExpExecArray): FoundRef {
  const sheet = m[1] !== undefined ? unquote(m[1]) : undefined;
  if (m[3] !== undefined) {
    return { sheet, start: end(m[2], m[3], m[4], m[5]), end: m[7] !== undefined ? end(m[6], m[7], m[8], m[9]) : undefined };
  }
  if (m[11] !== undefined) return { sheet, start: end(m[10], m[11], undefined, undefined), end: end(m[12], m[13], undefined, undefined) };
  return { sheet, start: end(undefined, undefined, m[14], m[15]), end: end(undefined, undefined, m[16], m[17]) };
}

function writeEnd(e: RefEnd): string {
  const col = e.col !== undefined ? `${e.absCol ? '$' : ''}${columnLetters(e.col)}` : '';
  const row = e.row !== undefined ? `${e.absRow ? '$' : ''}${e.row + 1}` : '';
  return col + row;
}

/** A reference written back in A1 notation, with its sheet prefix quoted as needed. */
export function writeRef(ref: { sheet: string | undefined; start: RefEnd; end?: RefEnd }): string {
  const prefix = ref.sheet !== undefined ? `${quoteSheetName(ref.sheet)}!` : '';
  return prefix + writeEnd(ref.start) + (ref.end ? `:${writeEnd(ref.end)}` : '');
}

/** Calls `visit` for every reference in `formula`, in order (string literals skipped). */
export function forEachRef(formula: string, visit: (ref: FoundRef) => void): void {
  REF.lastIndex = 0;
  for (let m = REF.exec(formula); m; m = REF.exec(formula)) if (m[0][0] !== '"') visit(parseMatch(m));
}

/** `formula` with every reference replaced by what `rewrite` returns (`#REF!` for null). */
export function rewriteRefs(formula: string, rewrite: RefRewriter): string {
  return formula.replace(REF, (...args: unknown[]) => {
    const text = args[0] as string;
    if (text[0] === '"') return text;
    // The replacer's arguments are the match and its groups, as exec returns them.
    const out = rewrite(parseMatch(args as unknown as RegExpExecArray));
    return out ? writeRef(out) : '#REF!';
  });
}

/**
 * A formula with its references written relative to the cell at (`row`, `col`), R1C1-style:
 * `=B5*2` in B6 and `=B6*2` in B7 both read `=R[-1]C[0]*2`. With `rowsOnly`, column parts
 * are dropped (a signature that survives columns inserted between a cell and what it reads).
 */
export function relativeSignature(formula: string, row: number, col: number, rowsOnly = false): string {
  return rewriteSignature(formula, (ref) => {
    const one = (e: RefEnd): string => {
      const r = e.row === undefined ? '' : e.absRow ? `R${e.row}` : `R[${e.row - row}]`;
      const c = rowsOnly || e.col === undefined ? '' : e.absCol ? `C${e.col}` : `C[${e.col - col}]`;
      return r + c;
    };
    return (ref.sheet !== undefined ? ref.sheet.toUpperCase() + '!' : '') + one(ref.start) + (ref.end ? ':' + one(ref.end) : '');
  });
}

function rewriteSignature(formula: string, write: (ref: FoundRef) => string): string {
  let out = '';
  let last = 0;
  REF.lastIndex = 0;
  for (let m = REF.exec(formula); m; m = REF.exec(formula)) {
    if (m[0][0] === '"') continue;
    out += formula.slice(last, m.index).toUpperCase() + write(parseMatch(m));
    last = m.index + m[0].length;
  }
  return out + formula.slice(last).toUpperCase();
}

/**
 * A formula as compared for edits: letter case and white space outside string literals do
 * not count (`=sum( b5 )` is `=SUM(B5)`), text inside them does.
 */
export function canonicalFormula(formula: string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const q = formula.indexOf('"', i);
    const stop = q < 0 ? formula.length : q;
    out += formula.slice(i, stop).replace(/[ \t\r\n\u00a0]+/g, '').toUpperCase();
    if (q < 0) break;
    let j = q + 1;
    while (j < formula.length) {
      if (formula[j] === '"') { if (formula[j + 1] === '"') { j += 2; continue; } break; }
      j++;
    }
    out += formula.slice(q, j + 1);
    i = j + 1;
  }
  return out;
}
