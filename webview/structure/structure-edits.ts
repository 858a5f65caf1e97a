/**
 * Inserting and deleting rows or columns, and moving a block of cells (cut and paste), with
 * every reference that moves rewritten.
 *
 * HyperFormula does the reference arithmetic (`WorkbookEngine.changeStructure` on a
 * WorkbookEngine built from the file's own rows, so scenario overrides and unsaved live
 * values never leak into the text). Its formulas are then read back for every sheet and for
 * the hidden checks sheet. Where only references changed, they are spliced into the formula
 * as the analyst wrote it (spacing, lower-case names and number spelling survive); otherwise
 * HyperFormula's own spelling is used. The result is a list of edit intents that the webview
 * sends as ONE message, so the whole action is one undo step. Pure apart from HyperFormula.
 */
import { EngineError, WorkbookEngine, type CellMove, type SheetOrChecks, type StructureChange, type TracedRange } from '../../src/core/engine/index';
import { sheetNameOf, tokenize, type Token } from '../../src/core/engine/formula-lexer';
import { sheetRefMatches, sheetRefPrefix } from '../../src/core/edit/sheet-refs';
import type { ColumnSpec, RawCell, Workbook } from '../../src/core/model/workbook';
import type { EditIntent } from '../../src/shared/protocol';
import { cellAddress, parseCellAddress, qualifiedAddress } from '../grid/address';

/** Rows or columns to insert or delete; the engine's own description of the change. */
export type StructureOp = StructureChange;

/** Thrown when the operation cannot be done (e.g. the sheet would outgrow the engine's limits). */
export class StructureError extends Error {}

type Move = (row: number, col: number) => { row: number; col: number } | undefined;

/** Where a cell of the operated sheet ends up; undefined when it is deleted. */
export function mover(op: StructureOp): Move {
  const { at, count } = op;
  switch (op.kind) {
    case 'insertRows': return (row, col) => ({ row: row >= at ? row + count : row, col });
    case 'insertColumns': return (row, col) => ({ row, col: col >= at ? col + count : col });
    case 'deleteRows': return (row, col) => (row < at ? { row, col } : row < at + count ? undefined : { row: row - count, col });
    case 'deleteColumns': return (row, col) => (col < at ? { row, col } : col < at + count ? undefined : { row, col: col - count });
  }
}

/** Tokens that carry meaning (no whitespace). */
function significant(formula: string): Token[] {
  return tokenize(formula).filter((t) => t.kind !== 'ws');
}

function sameToken(a: Token, b: Token): boolean {
  if (a.kind === 'number' && b.kind === 'number') return Number(a.text) === Number(b.text);
  if (a.kind === 'sheet' && b.kind === 'sheet') return sheetRefMatches(sheetNameOf(a), sheetNameOf(b));
  return a.text.toUpperCase() === b.text.toUpperCase();
}

/**
 * `original` with the references HyperFormula moved (from `before` to `after`, both in its
 * spelling) replaced in place. Falls back to `after` when the formulas do not line up token
 * by token (e.g. a range collapsed to #REF!, or `TRUE` that the engine spells `TRUE()`).
 */
export function spliceReferences(original: string, before: string, after: string): string {
  if (before === after) return original;
  const o = tokenize(original);
  const os = o.filter((t) => t.kind !== 'ws');
  const b = significant(before);
  const a = significant(after);
  if (b.length !== a.length) return after;
  // Align the analyst's tokens with the engine's: a bare TRUE/FALSE is TRUE()/FALSE() there.
  const at = new Map<Token, number>();
  let j = 0;
  for (let i = 0; i < os.length; i++, j++) {
    const t = os[i]!;
    if (j >= b.length || !sameToken(t, b[j]!)) return after;
    at.set(t, j);
    const bare = /^(TRUE|FALSE)$/i.test(t.text) && os[i + 1]?.kind !== 'lparen';
    if (bare && b[j + 1]?.kind === 'lparen' && b[j + 2]?.kind === 'rparen') j += 2;
  }
  if (j !== b.length) return after;
  for (let k = 0; k < b.length; k++) {
    // Only references may differ between before and after; anything else: trust the engine.
    if (a[k]!.text !== b[k]!.text && !['ident', 'sheet', 'error'].includes(a[k]!.kind)) return after;
  }
  let out = '';
  for (const t of o) {
    const k = at.get(t);
    out += k !== undefined && a[k]!.text !== b[k]!.text ? a[k]!.text : t.text;
  }
  return out;
}

function isFormula(v: RawCell | undefined): v is string {
  return typeof v === 'string' && v.startsWith('=');
}

/**
 * The edit intents that carry out `op` on `workbook`: `replaceRows` for every sheet whose
 * cells changed, `replaceSheetLayout` when column specs or per-cell formats moved,
 * `setCheckAssert` for moved check references, and scenario overrides of moved cells
 * re-keyed (an override of a deleted cell is removed).
 * @throws StructureError when HyperFormula refuses the operation.
 */
export function structureEdits(workbook: Workbook, op: StructureOp): EditIntent[] {
  const sheet = workbook.sheets[op.sheet];
  if (!sheet || op.count <= 0 || op.at < 0) return [];
  const { before, after } = formulasAround(workbook, (engine) => engine.changeStructure(op));
  return compute(workbook, op, before, after);
}

type Formulas = (string | null)[][][];

/**
 * Every sheet's formulas, then the checks' (the last entry), in HyperFormula's spelling before
 * and after `change`. The engine is built without scenarios: the formulas as written, not as
 * some scenario overrides them.
 */
function formulasAround(workbook: Workbook, change: (engine: WorkbookEngine) => void): { before: Formulas; after: Formulas } {
  const engine = WorkbookEngine.create({ ...workbook, scenarios: undefined });
  try {
    const sheets: SheetOrChecks[] = [...workbook.sheets.keys(), 'checks'];
    const before = sheets.map((s) => engine.formulasOf(s));
    try {
      change(engine);
    } catch (e) {
      if (e instanceof EngineError) throw new StructureError(e.message);
      throw e;
    }
    return { before, after: sheets.map((s) => engine.formulasOf(s)) };
  } finally {
    engine.dispose();
  }
}

function compute(workbook: Workbook, op: StructureOp, before: Formulas, after: Formulas): EditIntent[] {
  const move = mover(op);
  const edits: EditIntent[] = [];

  const rowOp = op.kind === 'insertRows' || op.kind === 'deleteRows';
  workbook.sheets.forEach((s, si) => {
    const operated = si === op.sheet;
    const rows: RawCell[][] = [];
    let changed = false;
    s.rows.forEach((row, r) => {
      const target = operated && rowOp ? move(r, 0) : { row: r, col: 0 };
      if (!target) { changed = true; return; }
      if (target.row !== r) changed = true;
      const out: RawCell[] = [];
      row.forEach((v, c) => {
        const to = operated ? move(r, c) : { row: r, col: c };
        if (!to) { changed = true; return; }
        let next: RawCell = v ?? null;
        if (isFormula(v)) {
          const b = before[si]![r]?.[c];
          const a = after[si]![to.row]?.[to.col];
          if (typeof b === 'string' && typeof a === 'string') next = spliceReferences(v, b, a);
        }
        if (next !== v || to.col !== c) changed = true;
        out[to.col] = next;
      });
      rows[target.row] = out;
    });
    if (!changed) return;
    // Holes (inserted rows, cells before an inserted column's content) are nulls / empty rows.
    const dense = Array.from(rows, (row) => Array.from(row ?? [], (v) => (v === undefined ? null : v)));
    edits.push({ kind: 'replaceRows', sheet: si, rows: dense });
  });

  const layout = moveLayout(workbook, op, move);
  if (layout) edits.push(layout);
  edits.push(...checkEdits(workbook, before, after));
  edits.push(...moveOverrides(workbook, op.sheet, move));
  return edits;
}

/** Where a cell of the moved block's sheet ends up: moved, gone (landed on) or in place. */
export function cellMover(m: CellMove): Move {
  const dr = m.toRow - m.top;
  const dc = m.toCol - m.left;
  const inBlock = (row: number, col: number, r0: number, c0: number) => row >= r0 && row <= r0 + m.bottom - m.top && col >= c0 && col <= c0 + m.right - m.left;
  return (row, col) => {
    if (inBlock(row, col, m.top, m.left)) return { row: row + dr, col: col + dc };
    if (inBlock(row, col, m.toRow, m.toCol)) return undefined;
    return { row, col };
  };
}

/**
 * Cut and paste: the block `move` describes goes to its new place with its formulas as
 * written (they still point at the same cells), and every formula, check and scenario
 * override that referred to a moved cell follows it, as in Excel. The cells it lands on are
 * replaced; references to them become #REF!. Per-cell formats move with their cells.
 * Returns [] when nothing would move.
 * @throws StructureError when HyperFormula refuses the move.
 */
export function moveEdits(workbook: Workbook, move: CellMove): EditIntent[] {
  return moveWith(workbook, move, () => undefined);
}

/** `moveEdits`, with `guard` run on the engine first (it throws to refuse). */
function moveWith(workbook: Workbook, move: CellMove, guard: (engine: WorkbookEngine) => void): EditIntent[] {
  const sheet = workbook.sheets[move.sheet];
  if (!sheet || move.bottom < move.top || move.right < move.left || move.top < 0 || move.left < 0 || move.toRow < 0 || move.toCol < 0) return [];
  if (move.toRow === move.top && move.toCol === move.left) return [];
  const { before, after } = formulasAround(workbook, (engine) => { guard(engine); engine.moveCells(move); });
  const to = cellMover(move);
  const edits: EditIntent[] = [];
  workbook.sheets.forEach((s, si) => {
    const operated = si === move.sheet;
    const rows: RawCell[][] = s.rows.map((row) => row.map((v) => v ?? null));
    const put = (r: number, c: number, v: RawCell) => {
      if (v === null && (r >= rows.length || c >= rows[r]!.length)) return; // nothing to pad for
      while (rows.length <= r) rows.push([]);
      const row = rows[r]!;
      while (row.length < c) row.push(null);
      row[c] = v;
    };
    let changed = false;
    // Formulas that stay put but whose references moved.
    s.rows.forEach((row, r) => row.forEach((v, c) => {
      const target = operated ? to(r, c) : { row: r, col: c };
      if (!target || target.row !== r || target.col !== c || !isFormula(v)) return;
      const b = before[si]![r]?.[c];
      const a = after[si]![r]?.[c];
      if (typeof b === 'string' && typeof a === 'string' && a !== b) { rows[r]![c] = spliceReferences(v, b, a); changed = true; }
    }));
    if (operated) {
      const block: RawCell[][] = [];
      for (let r = move.top; r <= move.bottom; r++) {
        const out: RawCell[] = [];
        for (let c = move.left; c <= move.right; c++) {
          const v = s.rows[r]?.[c] ?? null;
          const t = to(r, c)!;
          const b = before[si]![r]?.[c];
          const a = after[si]![t.row]?.[t.col];
          out.push(isFormula(v) && typeof b === 'string' && typeof a === 'string' ? spliceReferences(v, b, a) : v);
          if (r < rows.length && c < rows[r]!.length) rows[r]![c] = null;
        }
        block.push(out);
      }
      block.forEach((out, i) => out.forEach((v, j) => put(move.toRow + i, move.toCol + j, v)));
      // The emptied cells leave no trailing nulls or empty rows at the end of the sheet.
      for (let r = move.top; r <= Math.min(move.bottom, rows.length - 1); r++) {
        const row = rows[r]!;
        while (row.length > 0 && row[row.length - 1] === null) row.pop();
      }
      while (rows.length > 0 && rows.length - 1 >= move.top && rows.length - 1 <= move.bottom && rows[rows.length - 1]!.length === 0) rows.pop();
      changed = true;
    }
    if (changed) edits.push({ kind: 'replaceRows', sheet: si, rows });
  });
  const formats = moveFormats(sheet.formats, to);
  if (formats !== undefined) edits.push({ kind: 'replaceSheetLayout', sheet: move.sheet, formats });
  edits.push(...checkEdits(workbook, before, after));
  edits.push(...moveOverrides(workbook, move.sheet, to));
  return edits;
}

/** Cells deleted from a sheet, the ones below moving up or those to the right moving left. */
export interface ShiftDelete { sheet: number; top: number; left: number; bottom: number; right: number; shift: 'up' | 'left' }

interface Box { top: number; left: number; bottom: number; right: number }

/**
 * Excel's Delete > Shift cells up / left: the cells below (right of) the block, in its columns
 * (rows), move into its place and references to them follow; references to the deleted cells
 * become #REF!. A range that only partly moves would cover other cells afterwards (Excel
 * resizes it; HyperFormula's move does not), so that case is refused, naming the range.
 * @throws StructureError when refused.
 */
export function shiftDeleteEdits(workbook: Workbook, d: ShiftDelete): EditIntent[] {
  const sheet = workbook.sheets[d.sheet];
  if (!sheet || d.bottom < d.top || d.right < d.left) return [];
  const up = d.shift === 'up';
  const lastRow = Math.max(sheet.rows.length - 1, 2 * d.bottom - d.top + 1);
  const lastCol = Math.max(...sheet.rows.map((r) => r.length - 1), 2 * d.right - d.left + 1);
  const move: CellMove = up
    ? { sheet: d.sheet, top: d.bottom + 1, left: d.left, bottom: lastRow, right: d.right, toRow: d.top, toCol: d.left }
    : { sheet: d.sheet, top: d.top, left: d.right + 1, bottom: d.bottom, right: lastCol, toRow: d.top, toCol: d.left };
  const far = Number.MAX_SAFE_INTEGER;
  const band: Box = up ? { ...d, bottom: far } : { ...d, right: far };
  const moved: Box = up ? { ...band, top: d.bottom + 1 } : { ...band, left: d.right + 1 };
  const within = (r: TracedRange, b: Box) => r.start.row >= b.top && r.end.row <= b.bottom && r.start.col >= b.left && r.end.col <= b.right;
  const meets = (r: TracedRange, b: Box) => r.start.row <= b.bottom && r.end.row >= b.top && r.start.col <= b.right && r.end.col >= b.left;
  return moveWith(workbook, move, (engine) => {
    for (const s of [...workbook.sheets.keys(), 'checks' as const]) {
      const bad = engine.rangesReadBy(s).find((r) => r.sheet === d.sheet && meets(r, band) && !within(r, d) && !within(r, moved));
      if (!bad) continue;
      const range = `${qualifiedAddress(sheet.name, bad.start.row, bad.start.col)}:${cellAddress(bad.end.row, bad.end.col)}`;
      throw new StructureError(`shifting cells ${d.shift} would change which cells ${range} covers (Excel resizes such a range; this editor cannot yet). Delete entire ${up ? 'rows' : 'columns'} instead, or move cells with cut and paste.`);
    }
  });
}

/** Check asserts whose references the engine rewrote (the checks are the last formulas). */
function checkEdits(workbook: Workbook, before: Formulas, after: Formulas): EditIntent[] {
  const edits: EditIntent[] = [];
  (workbook.checks ?? []).forEach((check, i) => {
    const b = before[before.length - 1]![i]?.[0];
    const a = after[after.length - 1]![i]?.[0];
    if (typeof b !== 'string' || typeof a !== 'string' || a === b) return;
    const written = typeof check.assert === 'string' ? check.assert : String(check.assert);
    edits.push({ kind: 'setCheckAssert', index: i, assert: spliceReferences(written.startsWith('=') ? written : `=${written}`, b, a) });
  });
  return edits;
}

/** Column specs and per-cell formats of the operated sheet, moved with their cells. */
function moveLayout(workbook: Workbook, op: StructureOp, move: Move): EditIntent | undefined {
  const sheet = workbook.sheets[op.sheet]!;
  const out: EditIntent & { kind: 'replaceSheetLayout' } = { kind: 'replaceSheetLayout', sheet: op.sheet };
  if (op.kind.endsWith('Columns') && sheet.columns && sheet.columns.length > op.at) {
    const cols: ColumnSpec[] = [...sheet.columns];
    if (op.kind === 'insertColumns') cols.splice(op.at, 0, ...Array.from({ length: op.count }, () => ({})));
    else cols.splice(op.at, op.count);
    while (cols.length > 0 && Object.keys(cols[cols.length - 1]!).length === 0) cols.pop();
    out.columns = cols;
  }
  const formats = moveFormats(sheet.formats, move);
  if (formats !== undefined) out.formats = formats;
  return out.columns !== undefined || out.formats !== undefined ? out : undefined;
}

/** Per-cell formats re-keyed where their cells went (dropped with them); undefined: unchanged. */
function moveFormats(formats: Record<string, string> | undefined, move: Move): Record<string, string> | null | undefined {
  if (!formats || Object.keys(formats).length === 0) return undefined;
  const next: Record<string, string> = {};
  let changed = false;
  for (const [addr, f] of Object.entries(formats)) {
    const p = parseCellAddress(addr);
    if (!p) { next[addr] = f; continue; }
    const to = move(p.row, p.col);
    if (!to) { changed = true; continue; }
    const key = cellAddress(to.row, to.col);
    if (key !== addr) changed = true;
    next[key] = f;
  }
  return changed ? (Object.keys(next).length > 0 ? next : null) : undefined;
}

/** Scenario overrides keyed by a cell of the operated sheet follow the cell (or go with it). */
function moveOverrides(workbook: Workbook, sheetIndex: number, move: Move): EditIntent[] {
  const edits: EditIntent[] = [];
  const sheetName = workbook.sheets[sheetIndex]!.name;
  const params = new Set(Object.keys(workbook.parameters ?? {}).map((p) => p.toUpperCase()));
  for (const [scenario, spec] of Object.entries(workbook.scenarios ?? {})) {
    const moved: [string, string | undefined, RawCell][] = [];
    for (const [key, value] of Object.entries(spec.set ?? {})) {
      if (params.has(key.toUpperCase())) continue;
      const prefix = sheetRefPrefix(key);
      // An unqualified address means the first sheet, as elsewhere in the file.
      const onSheet = prefix ? sheetRefMatches(prefix.sheet, sheetName) : sheetIndex === 0;
      const p = onSheet ? parseCellAddress(prefix ? key.slice(prefix.end) : key) : undefined;
      if (!p) continue;
      const to = move(p.row, p.col);
      if (to && to.row === p.row && to.col === p.col) continue;
      moved.push([key, to && `${prefix ? key.slice(0, prefix.end) : ''}${cellAddress(to.row, to.col)}`, value]);
    }
    // All removals first: a moved key may take the place of another moved key.
    for (const [key] of moved) edits.push({ kind: 'setScenarioOverride', scenario, target: key });
    for (const [, target, value] of moved) if (target !== undefined) edits.push({ kind: 'setScenarioOverride', scenario, target, value });
  }
  return edits;
}

/**
 * Deleting a sheet. Formulas elsewhere keep their text, as HyperFormula's removeSheet does:
 * they evaluate to #REF! with a diagnostic naming the missing sheet, and adding the sheet
 * back (or undo) restores them. Scenario overrides of its cells are removed with it.
 */
export function deleteSheetEdits(workbook: Workbook, sheet: number): EditIntent[] {
  const doomed = workbook.sheets[sheet];
  if (!doomed) return [];
  const edits: EditIntent[] = [];
  for (const [scenario, spec] of Object.entries(workbook.scenarios ?? {})) {
    for (const key of Object.keys(spec.set ?? {})) {
      const prefix = sheetRefPrefix(key);
      if (prefix && sheetRefMatches(prefix.sheet, doomed.name)) edits.push({ kind: 'setScenarioOverride', scenario, target: key });
    }
  }
  edits.push({ kind: 'deleteSheet', sheet, sheetName: doomed.name });
  return edits;
}
