/**
 * One worksheet part read into cells as the file states them: constants, formulas (shared
 * formulas expanded to each cell's own text, array formulas kept on their anchor cell with the
 * range they fill), cached values, number formats and column widths, plus the features of the
 * sheet the workbook format cannot hold. Positions are the .xlsx's (row 1 is index 0).
 */
import { columnIndex, MAX_COLUMNS, MAX_ROWS } from '../model/a1';
import { attr, child, children, textOf, XlsxImportError, type XmlNode } from './package';
import { readScenarios, type StoredScenario } from './scenarios';
import { shiftFormula } from './references';
import { MAX_FORMULA_LENGTH } from './export';

/** A value Excel cached (or a constant cell's value). */
export type StoredValue =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string };

export interface StoredCell {
  row: number;
  col: number;
  /** The formula as stored (no `=`), expanded for a shared formula's dependent cells. */
  formula?: string;
  /** For an array formula's anchor: the range it fills, e.g. `C1:C3`. */
  arrayRef?: string;
  /** A data table's cell (`{=TABLE(...)}`): only the value is kept. */
  dataTable?: boolean;
  /** Constant value, or the cached value of a formula; undefined when the file has none. */
  value?: StoredValue;
  /** Number format code of the cell's style (General: undefined). */
  format?: string;
  /** Filled by an array formula of another cell (set on import). */
  inSpill?: boolean;
}

export interface StoredSheet {
  cells: StoredCell[];
  /** Column widths in Excel's characters, by 0-based column (only columns up to `maxColumns`). */
  widths: Map<number, number>;
  /** The first row is frozen (a header row, as Excel shows one). */
  frozenFirstRow: boolean;
  scenarios: StoredScenario[];
  currentScenario?: number;
  /** Features of this sheet the format cannot hold, worded for the report. */
  dropped: string[];
}

export interface SheetContext {
  part: string;
  /** The sheet's name, for messages. */
  name: string;
  sharedStrings: readonly string[];
  /** Cell style index -> number format code (undefined: General). */
  styleFormats: readonly (string | undefined)[];
  /** Dates are counted from 1904 (`workbookPr date1904`). */
  date1904: boolean;
  /** Bounds: cells in the sheet, and the dense area (rows x columns) the model would allocate. */
  maxCells: number;
  maxDenseCells: number;
}

/** `B12` -> 0-based position, or undefined. */
export function position(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  if (!m) return undefined;
  const col = columnIndex(m[1]!);
  const row = Number(m[2]) - 1;
  return row >= 0 && col >= 0 ? { row, col } : undefined;
}

const DAY_MS = 86_400_000;

/** An ISO 8601 date (`t="d"`) as Excel's serial number. */
function serialOf(iso: string, date1904: boolean): number | undefined {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (ms - epoch) / DAY_MS;
}

function storedValue(c: XmlNode, ctx: SheetContext, where: string): StoredValue | undefined {
  const t = attr(c, 't') ?? 'n';
  if (t === 'inlineStr') {
    const is = child(c, 'is');
    return { kind: 'string', value: is ? richText(is) : '' };
  }
  const v = child(c, 'v');
  if (v === undefined) return undefined;
  const text = textOf(v);
  switch (t) {
    case 's': {
      const s = ctx.sharedStrings[Number(text)];
      if (s === undefined) throw new XlsxImportError(`the cell refers to shared string ${text.slice(0, 20)}, which the workbook does not have`, where);
      return { kind: 'string', value: s };
    }
    case 'str': return { kind: 'string', value: text };
    case 'b': return { kind: 'boolean', value: text.trim() === '1' || text.trim().toLowerCase() === 'true' };
    case 'e': return { kind: 'error', value: text.trim() };
    case 'd': {
      const serial = serialOf(text.trim(), ctx.date1904);
      return serial === undefined ? { kind: 'string', value: text } : { kind: 'number', value: serial };
    }
    default: {
      if (text.trim() === '') return undefined;
      const n = Number(text);
      if (!Number.isFinite(n)) throw new XlsxImportError(`the cell's value "${text.slice(0, 40)}" is not a number`, where);
      return { kind: 'number', value: n };
    }
  }
}

/** The text of a shared or inline string: plain `<t>` or rich-text runs `<r><t>`. */
export function richText(si: XmlNode): string {
  const t = child(si, 't');
  if (t !== undefined && children(si, 'r').length === 0) return textOf(t);
  return children(si, 'r').map((r) => textOf(child(r, 't'))).join('');
}

/** Elements of a worksheet the format has no place for, and how the report names them. */
const SHEET_FEATURES: [string, string][] = [
  ['conditionalFormatting', 'conditional formatting'],
  ['dataValidations', 'data validation'],
  ['mergeCells', 'merged cells'],
  ['hyperlinks', 'hyperlinks'],
  ['drawing', 'drawings or charts'],
  ['legacyDrawing', 'comments or form controls'],
  ['tableParts', 'tables (structured references to them do not work)'],
  ['autoFilter', 'an autofilter'],
  ['sheetProtection', 'sheet protection'],
];

/** Read a parsed worksheet part. @throws XlsxImportError for positions off the sheet and sizes past the bounds. */
export function readSheet(doc: XmlNode, ctx: SheetContext): StoredSheet {
  const ws = doc.worksheet as XmlNode | undefined;
  if (!ws) throw new XlsxImportError('the part is not a worksheet', ctx.part);
  const cells: StoredCell[] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const pendingShared: { cell: StoredCell; si: string }[] = [];
  let lastRow = -1;
  let rowIndex = -1;
  let maxCol = -1;
  for (const row of children(child(ws, 'sheetData'), 'row')) {
    const r = attr(row, 'r');
    rowIndex = r === undefined ? rowIndex + 1 : Number(r) - 1;
    if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= MAX_ROWS) {
      throw new XlsxImportError(`row "${String(r).slice(0, 20)}" is outside Excel's ${MAX_ROWS} rows`, `${ctx.name}`);
    }
    let colIndex = -1;
    let rowWidth = 0;
    for (const c of children(row, 'c')) {
      const ref = attr(c, 'r');
      const at = ref === undefined ? { row: rowIndex, col: colIndex + 1 } : position(ref);
      if (!at || at.col >= MAX_COLUMNS || at.row >= MAX_ROWS) throw new XlsxImportError(`cell "${String(ref).slice(0, 20)}" is outside Excel's sheet (XFD${MAX_ROWS})`, ctx.name);
      colIndex = at.col;
      const where = `${ctx.name}!${ref ?? `R${at.row + 1}C${at.col + 1}`}`;
      if (cells.length >= ctx.maxCells) throw new XlsxImportError(`the sheet has more than ${ctx.maxCells.toLocaleString('en-US')} cells`, ctx.name);
      const cell: StoredCell = { row: at.row, col: at.col };
      const s = attr(c, 's');
      if (s !== undefined) cell.format = ctx.styleFormats[Number(s)];
      cell.value = storedValue(c, ctx, where);
      const f = child(c, 'f');
      if (f !== undefined) readFormula(f, cell, where, shared, pendingShared);
      if (cell.value === undefined && cell.formula === undefined && cell.format === undefined) continue;
      rowWidth = Math.max(rowWidth, at.col + 1);
      maxCol = Math.max(maxCol, at.col);
      cells.push(cell);
    }
    // The model stores rows in full and the engine sizes a sheet by its last row and column:
    // the rectangle up to the farthest cell is what an import costs, not the cells written.
    if (rowWidth > 0) lastRow = rowIndex;
    if ((lastRow + 1) * (maxCol + 1) > ctx.maxDenseCells) {
      throw new XlsxImportError(`the sheet's cells span ${(lastRow + 1).toLocaleString('en-US')} rows by ${(maxCol + 1).toLocaleString('en-US')} columns, more than ${ctx.maxDenseCells.toLocaleString('en-US')} positions; the workbook format stores every row in full`, ctx.name);
    }
  }
  for (const { cell, si } of pendingShared) {
    const master = shared.get(si);
    if (master) cell.formula = shiftFormula(master.formula, cell.row - master.row, cell.col - master.col);
  }
  const widths = new Map<number, number>();
  for (const col of children(child(ws, 'cols'), 'col')) {
    const min = Number(attr(col, 'min')) - 1;
    const max = Math.min(Number(attr(col, 'max')) - 1, maxCol);
    const width = Number(attr(col, 'width'));
    if (!Number.isFinite(width) || !Number.isInteger(min) || min < 0) continue;
    for (let i = min; i <= max; i++) widths.set(i, width);
  }
  const frozenFirstRow = children(child(ws, 'sheetViews'), 'sheetView').some((v) => children(v, 'pane').some((p) => Number(attr(p, 'ySplit')) === 1 && attr(p, 'state') !== 'split'));
  const { list, current } = readScenarios(child(ws, 'scenarios'), attr, children);
  const dropped = SHEET_FEATURES.filter(([el]) => ws[el] !== undefined).map(([, label]) => label);
  return { cells, widths, frozenFirstRow, scenarios: list, currentScenario: current, dropped };
}

function readFormula(
  f: XmlNode, cell: StoredCell, where: string,
  shared: Map<string, { formula: string; row: number; col: number }>, pendingShared: { cell: StoredCell; si: string }[],
): void {
  const text = textOf(f);
  if (text.length > MAX_FORMULA_LENGTH) {
    throw new XlsxImportError(`the formula is ${text.length.toLocaleString('en-US')} characters long, more than Excel's ${MAX_FORMULA_LENGTH.toLocaleString('en-US')}`, where);
  }
  const t = attr(f, 't') ?? 'normal';
  if (t === 'dataTable') { cell.dataTable = true; return; }
  if (t === 'shared') {
    const si = attr(f, 'si') ?? '';
    if (text !== '') {
      shared.set(si, { formula: text, row: cell.row, col: cell.col });
      cell.formula = text;
    } else {
      const master = shared.get(si);
      if (master) cell.formula = shiftFormula(master.formula, cell.row - master.row, cell.col - master.col);
      else pendingShared.push({ cell, si });
    }
    return;
  }
  if (text === '') return;
  cell.formula = text;
  if (t === 'array') {
    const ref = attr(f, 'ref');
    if (ref && ref.includes(':') && ref.split(':')[0] !== ref.split(':')[1]) cell.arrayRef = ref;
  }
}
