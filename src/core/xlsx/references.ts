/**
 * Rewriting the references of a formula token by token: the one walk the .xlsx bridge uses to
 * move rows (header row added or removed), expand shared formulas (relative references shift
 * cell by cell), rename sheets, strip or add `_xlfn.` prefixes and replace defined names.
 * Text inside strings is never touched, since the lexer keeps strings whole.
 */
import { columnIndex, columnLetters, MAX_COLUMNS, MAX_ROWS, quoteSheetName } from '../model/a1';
import { sheetNameOf, tokenize, type Token } from '../engine/formula-lexer';

/** A cell reference, alone or one end of a range; `sheet` is its qualifier as written (unquoted). */
export interface CellRef {
  sheet?: string;
  row: number;
  col: number;
  rowAbs: boolean;
  colAbs: boolean;
  /** One end of a range (`A1:B2`): it cannot be replaced by a name. */
  inRange: boolean;
}

/** What a visitor may do with a reference; undefined keeps it as written. */
export interface ReferenceVisitor {
  /** A sheet qualifier: the sheet's new name (unquoted). */
  sheet?(name: string): string | undefined;
  /** A cell: its new position, or text replacing it and its qualifier (a name). */
  cell?(ref: CellRef): Pick<CellRef, 'row' | 'col'> | string | undefined;
  /** One end of a whole-row range (`3:5`), 0-based. */
  row?(ref: { sheet?: string; row: number; abs: boolean }): number | undefined;
  /** One end of a whole-column range (`B:D`), 0-based. */
  column?(ref: { sheet?: string; col: number; abs: boolean }): number | undefined;
  /** A name (not a function, cell or logical): text replacing it and its qualifier. */
  name?(name: string, sheet: string | undefined): string | undefined;
  /** A function name (followed by `(`). */
  fn?(name: string): string | undefined;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)([0-9]+)$/;

function significant(tokens: Token[], i: number, step: 1 | -1): Token | undefined {
  for (let j = i + step; j >= 0 && j < tokens.length; j += step) if (tokens[j]!.kind !== 'ws') return tokens[j];
  return undefined;
}

/** A1 text of a reference; `#REF!` when it falls off the sheet (as Excel shows it). */
function cellText(rowAbs: boolean, colAbs: boolean, row: number, col: number): string {
  if (row < 0 || col < 0 || row >= MAX_ROWS || col >= MAX_COLUMNS) return '#REF!';
  return `${colAbs ? '$' : ''}${columnLetters(col)}${rowAbs ? '$' : ''}${row + 1}`;
}

/**
 * Put `text` where a reference was, dropping the `Sheet!` qualifier written before it (at
 * `qualifierAt`, -1 for none): the replacement carries its own. A function, not a closure in
 * the loop below, which made one per token.
 */
function replaceWithQualifier(out: string[], qualifierAt: number, text: string): void {
  if (qualifierAt >= 0) out.length = qualifierAt;
  out.push(text);
}

/** `formula` (with or without its leading `=`, kept as it was) with its references rewritten. */
export function mapReferences(formula: string, visit: ReferenceVisitor): string {
  const tokens = tokenize(formula);
  const out: string[] = [];
  // The qualifier in force: set by `Sheet!`, kept across `A1:B2`, reset by anything else.
  let refSheet: string | undefined;
  let qualifierAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'ws') { out.push(t.text); continue; }
    const prev = significant(tokens, i, -1);
    const next = significant(tokens, i, 1);
    if (t.kind === 'sheet') {
      refSheet = sheetNameOf(t);
      const renamed = visit.sheet?.(refSheet);
      qualifierAt = out.length;
      out.push(renamed === undefined ? t.text : `${quoteSheetName(renamed)}!`);
      continue;
    }
    const afterQualifier = prev?.kind === 'sheet';
    const inRange = next?.kind === 'colon' || prev?.kind === 'colon';
    const sheet = afterQualifier || prev?.kind === 'colon' ? refSheet : undefined;
    if (!afterQualifier && t.kind !== 'colon' && prev?.kind !== 'colon') refSheet = undefined;
    if (t.kind === 'ident' && next?.kind === 'lparen' && !afterQualifier) {
      out.push(visit.fn?.(t.text) ?? t.text);
      continue;
    }
    const cell = t.kind === 'ident' ? CELL.exec(t.text) : null;
    if (cell && columnIndex(cell[2]!) >= 0) {
      const ref: CellRef = { sheet, row: Number(cell[4]) - 1, col: columnIndex(cell[2]!), colAbs: cell[1] === '$', rowAbs: cell[3] === '$', inRange };
      const result = visit.cell?.(ref);
      if (typeof result === 'string') replaceWithQualifier(out, afterQualifier ? qualifierAt : -1, result);
      else out.push(result ? cellText(ref.rowAbs, ref.colAbs, result.row, result.col) : t.text);
      continue;
    }
    const row = inRange && (t.kind === 'number' || t.kind === 'ident') ? ROW.exec(t.text) : null;
    if (row) {
      const moved = visit.row?.({ sheet, row: Number(row[2]) - 1, abs: row[1] === '$' });
      out.push(moved === undefined ? t.text : moved < 0 || moved >= MAX_ROWS ? '#REF!' : `${row[1]}${moved + 1}`);
      continue;
    }
    const column = inRange && t.kind === 'ident' ? COLUMN.exec(t.text) : null;
    if (column) {
      const moved = visit.column?.({ sheet, col: columnIndex(column[2]!), abs: column[1] === '$' });
      out.push(moved === undefined ? t.text : moved < 0 || moved >= MAX_COLUMNS ? '#REF!' : `${column[1]}${columnLetters(moved)}`);
      continue;
    }
    if (t.kind === 'ident' && !/^(true|false)$/i.test(t.text) && prev?.kind !== 'lbracket') {
      const replaced = visit.name?.(t.text, afterQualifier ? refSheet : undefined);
      if (replaced !== undefined) { replaceWithQualifier(out, afterQualifier ? qualifierAt : -1, replaced); continue; }
    }
    out.push(t.text);
  }
  return out.join('');
}

/**
 * A shared formula as it applies `dr` rows and `dc` columns away from the cell that holds it:
 * relative references move, `$` references stay (Excel's rule for shared formulas).
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return mapReferences(formula, {
    cell: (r) => ({ row: r.rowAbs ? r.row : r.row + dr, col: r.colAbs ? r.col : r.col + dc }),
    row: (r) => (r.abs ? undefined : r.row + dr),
    column: (c) => (c.abs ? undefined : c.col + dc),
  });
}
