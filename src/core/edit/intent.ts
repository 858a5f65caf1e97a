/**
 * Edit intents: what the user did in the grid or a command asked for. The host turns each into
 * minimal text edits (src/core/edit); the webview/host protocol imports this type, not the reverse.
 */
import type { ColumnSpec, RawCell } from '../model/workbook';

// `sheet` is the sheet's index in `sheets`; rows/cols are 0-based (row 0 is `rows[0]`).

export type EditIntent =
  | { kind: 'setCell'; sheet: number; row: number; col: number; raw: RawCell }
  /** Paste or fill: a rectangle of raw cells with its top-left corner at row/col. */
  | { kind: 'setRange'; sheet: number; row: number; col: number; values: RawCell[][] }
  /** Structure changes computed by the webview's engine (formulas already rewritten). */
  | { kind: 'replaceRows'; sheet: number; rows: RawCell[][] }
  /**
   * After inserting or deleting rows/columns: the sheet's column specs and per-cell formats,
   * moved with their cells. `null` removes the property; an absent key leaves it alone.
   */
  | { kind: 'replaceSheetLayout'; sheet: number; columns?: ColumnSpec[] | null; formats?: Record<string, string> | null }
  /** Rewrites check `index`'s assertion (its references moved with a row/column insert or delete). */
  | { kind: 'setCheckAssert'; index: number; assert: string }
  | { kind: 'setParameter'; name: string; value: number }
  | { kind: 'setColumnWidth'; sheet: number; col: number; width: number }
  /** A new last sheet; with `rows`, holding those cells (Import CSV: the index is decided when applied). */
  | { kind: 'addSheet'; name: string; rows?: RawCell[][] }
  /**
   * Sheet operations address the sheet by index; `sheetName` is the name the user saw there.
   * With it the host refuses the operation when that sheet is no longer at `sheet` (the text was
   * reordered meanwhile); without it the host refuses it when the document changed since the
   * message's base version in any way its editor did not see.
   */
  | { kind: 'renameSheet'; sheet: number; name: string; sheetName?: string }
  | { kind: 'deleteSheet'; sheet: number; sheetName?: string }
  | { kind: 'moveSheet'; sheet: number; to: number; sheetName?: string }
  /** Set (value) or remove (value undefined) one override of a scenario. */
  | { kind: 'setScenarioOverride'; scenario: string; target: string; value?: RawCell }
  | { kind: 'addScenario'; name: string; description?: string; copyFrom?: string }
  | { kind: 'renameScenario'; scenario: string; name: string }
  | { kind: 'deleteScenario'; scenario: string };

