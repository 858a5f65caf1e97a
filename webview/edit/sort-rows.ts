/**
 * Sort a block of rows by one column's computed values, as Excel's Sort does: numbers before
 * text (text case-insensitively), then booleans, then errors; blanks always last, whichever
 * the order; rows with equal keys keep their order. Pure.
 *
 * Formulas move with their rows and stay right: a reference to a cell inside the block (or a
 * range within one row of it) follows that cell to its new row, so `=B2*2` next to B2 is still
 * next to it. References outside the block, `$`-fixed or not, keep pointing where they did.
 * Sheet-qualified references are left alone (they may name another sheet).
 */
import type { CellValue } from '../../src/core/engine/types';
import type { RawCell } from '../../src/core/model/workbook';
import { cellReferences } from './absolute-ref';
import { columnIndex } from '../grid/address';

export interface Block { top: number; left: number; rows: RawCell[][] }

function rank(v: CellValue): number {
  if (v === null || v === '') return 4;
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  return 3;
}

function compare(a: CellValue, b: CellValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/**
 * The block's rows in sorted order, formulas rewritten. `keys[i]` is the value row i is sorted
 * by. Returns undefined when the order does not change.
 */
export function sortBlock(block: Block, keys: readonly CellValue[], descending: boolean): RawCell[][] | undefined {
  const n = block.rows.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => {
    const a = keys[i] ?? null;
    const b = keys[j] ?? null;
    // Blanks stay last in both directions.
    if (rank(a) === 4 || rank(b) === 4) return rank(a) - rank(b) || i - j;
    return (descending ? compare(b, a) : compare(a, b)) || i - j;
  });
  if (order.every((v, i) => v === i)) return undefined;
  // newRowOf[old index] = new index.
  const newRowOf = new Array<number>(n);
  order.forEach((old, k) => { newRowOf[old] = k; });
  const width = Math.max(0, ...block.rows.map((r) => r.length));
  const right = block.left + width - 1;
  const move = (row: number) => (row >= block.top && row < block.top + n ? block.top + newRowOf[row - block.top]! : row);
  return order.map((old) => block.rows[old]!.map((raw) => (typeof raw === 'string' && raw.startsWith('=') ? remap(raw, block, right, move) : raw)));
}

function remap(formula: string, block: Block, right: number, move: (row: number) => number): string {
  const refs = cellReferences(formula);
  const inside = (r: { col: string; row: string }) => {
    const c = columnIndex(r.col);
    return c >= block.left && c <= right;
  };
  let out = '';
  let at = 0;
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k]!;
    if (formula[r.start - 1] === '!') continue;
    const next = refs[k + 1];
    const isRange = next !== undefined && formula[r.end] === ':' && next.start === r.end + 1;
    const ends = isRange ? [r, next] : [r];
    if (isRange) k++;
    const row = Number(r.row) - 1;
    // A range moves only when it lies in one row of the block (e.g. B3:D3).
    if (!ends.every((e) => inside(e) && Number(e.row) - 1 === row)) continue;
    const to = move(row);
    if (to === row) continue;
    for (const e of ends) {
      out += formula.slice(at, e.start) + `${e.colAbs ? '$' : ''}${e.col}${e.rowAbs ? '$' : ''}${to + 1}`;
      at = e.end;
    }
  }
  return out + formula.slice(at);
}
