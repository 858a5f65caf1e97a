/**
 * Shifts the relative cell references of a formula, as Excel does for fill down/right
 * and paste: `=B1*2` filled one row down becomes `=B2*2`; `$` parts stay put; text in
 * quotes, sheet names and function names are left alone. A reference pushed off the
 * sheet becomes `#REF!`. Pure.
 */
import { MAX_COLUMNS, MAX_ROWS } from '../../src/core/model/a1';
import { columnIndex as colIndex, columnLetters as letters } from '../grid/address';

/** Column letters (1-3), optional `$`s, row digits; not part of a longer name or a call. */
const REF = /(\$?)([A-Za-z]{1,3})(\$?)([1-9]\d{0,6})(?![A-Za-z0-9_(.!])/y;
const IDENT_CHAR = /[A-Za-z0-9_.$]/;

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (!formula.startsWith('=') || (dRow === 0 && dCol === 0)) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // String literal or quoted sheet name: copy through its closing quote (doubled quotes escape).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) { j += 2; continue; }
          break;
        }
        j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : '';
    if (!IDENT_CHAR.test(prev) || prev === '$') {
      REF.lastIndex = i;
      const m = prev === '$' ? null : REF.exec(formula);
      const col = m ? colIndex(m[2]) : -1;
      if (m && col < MAX_COLUMNS) {
        const row = Number(m[4]) - 1;
        const newCol = m[1] ? col : col + dCol;
        const newRow = m[3] ? row : row + dRow;
        if (newCol < 0 || newRow < 0 || newCol >= MAX_COLUMNS || newRow >= MAX_ROWS) {
          out += '#REF!';
        } else {
          out += `${m[1]}${letters(newCol)}${m[3]}${newRow + 1}`;
        }
        i += m[0].length;
        continue;
      }
    }
    // Copy a whole identifier at once so that refs are only matched at identifier starts.
    if (IDENT_CHAR.test(ch)) {
      let j = i;
      while (j < formula.length && IDENT_CHAR.test(formula[j]) && !(j > i && formula[j] === '$')) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Shifts a raw cell: only formulas change. */
export function shiftRaw<T>(raw: T, dRow: number, dCol: number): T {
  return (typeof raw === 'string' ? shiftFormula(raw, dRow, dCol) : raw) as T;
}
