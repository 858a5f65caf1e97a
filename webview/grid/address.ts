/** A1-style addresses for the grid: 0-based row/col <-> `C4`. The one copy lives in core. */
import { parseA1, type CellAddress } from '../../src/core/model/a1';

export { cellAddress, columnIndex, columnLetters, qualifiedAddress } from '../../src/core/model/a1';

/** `C4` (optionally with `$`, surrounding spaces allowed) -> { row: 3, col: 2 }, or undefined. */
export function parseCellAddress(a1: string): CellAddress | undefined {
  return parseA1(a1.trim());
}
