/**
 * How far outside a sheet's written area a scenario may override cells. The engine (and the
 * CSV/xlsx writers) hold a sheet as its whole rectangle up to the farthest cell, so one
 * override of `S!XFD1048576` on a one-cell sheet would make every read of the sheet 17 billion
 * cells (V8 aborted at 4 GB). An override that would grow the sheet by more than
 * `MAX_OVERRIDE_GROWTH` cells is ignored, and validation says so at the override (MW3003).
 * Overrides near the edge still apply: the file format lets a scenario fill a cell past the
 * last written row.
 */

/** The cells one scenario may add to a sheet's rectangle: the engine's bound on one range. */
export const MAX_OVERRIDE_GROWTH = 1_000_000;

/** A sheet's rectangle: rows written, widest row. */
export interface SheetArea { rows: number; columns: number }

/** The written rectangle of `rows` (any parsed value: what is not a list counts as empty). */
export function writtenArea(rows: unknown): SheetArea {
  if (!Array.isArray(rows)) return { rows: 0, columns: 0 };
  let columns = 0;
  for (const row of rows as unknown[]) if (Array.isArray(row) && row.length > columns) columns = row.length;
  return { rows: rows.length, columns };
}

/** Why an override is ignored, for the diagnostic at it. */
export interface IgnoredOverride { growth: number }

/**
 * One scenario's overrides, admitted in file order: each grows its sheet's rectangle, and
 * the growth is counted over all of the scenario's overrides of that sheet (two far cells
 * in different directions must not multiply).
 */
export class OverrideReach {
  private readonly grown = new Map<number, SheetArea>();
  private readonly base = new Map<number, number>();

  constructor(private readonly areaOf: (sheet: number) => SheetArea) {}

  /** Undefined when the override at 0-based row/col applies (the sheet grows to hold it), else why not. */
  admit(sheet: number, row: number, col: number): IgnoredOverride | undefined {
    let area = this.grown.get(sheet);
    if (area === undefined) {
      area = this.areaOf(sheet);
      this.base.set(sheet, area.rows * area.columns);
    }
    const rows = Math.max(area.rows, row + 1);
    const columns = Math.max(area.columns, col + 1);
    const growth = rows * columns - this.base.get(sheet)!;
    if (growth > MAX_OVERRIDE_GROWTH) {
      this.grown.set(sheet, area);
      return { growth };
    }
    this.grown.set(sheet, { rows, columns });
    return undefined;
  }
}

/** The clause MW3003 appends for an ignored override. */
export function ignoredOverrideReason(ignored: IgnoredOverride): string {
  return `it is ignored: holding it would add ${ignored.growth.toLocaleString('en-US')} cells to the sheet, more than a scenario may add (${MAX_OVERRIDE_GROWTH.toLocaleString('en-US')})`;
}
