/**
 * What changed between two versions of a workbook, for an engine kept alive across edits: the
 * changed cells when only cell contents changed, or 'structure' when anything else did (sheets,
 * their sizes, parameters, scenarios, checks), which needs a fresh build.
 */
import type { RawCell, Workbook } from '../model/workbook';

/** One cell whose raw content differs: sheet index, 0-based row and column, new content. */
export interface CellChange { sheet: number; row: number; col: number; raw: RawCell }

/**
 * The cell changes from `prev` to `next`, or 'structure'. Row counts and row lengths must be
 * the same: an engine's used extent (what whole-row references cost) and the area a scenario
 * override may reach are computed from them at build time, and a fresh build is the only way to
 * stay identical to one. Everything outside the rows is compared as JSON, which is small next
 * to the rows. Cost: one pass over the cells with `!==` (cells are primitives).
 */
export function cellChanges(prev: Workbook, next: Workbook): CellChange[] | 'structure' {
  if (prev.sheets.length !== next.sheets.length) return 'structure';
  if (outsideRows(prev) !== outsideRows(next)) return 'structure';
  const changes: CellChange[] = [];
  for (let s = 0; s < next.sheets.length; s++) {
    const a = prev.sheets[s]!.rows;
    const b = next.sheets[s]!.rows;
    if (a.length !== b.length) return 'structure';
    for (let r = 0; r < b.length; r++) {
      const ra = a[r]!;
      const rb = b[r]!;
      if (ra === rb) continue;
      if (ra.length !== rb.length) return 'structure';
      for (let c = 0; c < rb.length; c++) {
        if (ra[c] !== rb[c]) changes.push({ sheet: s, row: r, col: c, raw: rb[c] ?? null });
      }
    }
  }
  return changes;
}

/** Everything the engine reads from the workbook except the sheets' rows, as one string. */
function outsideRows(wb: Workbook): string {
  return JSON.stringify([
    wb.sheets.map((s) => s.name), wb.parameters ?? null, wb.scenarios ?? null, wb.checks ?? null,
  ]);
}
