/**
 * Adapts one sheet of a workbook plus its computed values and the host's diagnostics to
 * what the grid draws. Values are read lazily per visible cell.
 */
import type { CellValue } from '../src/core/engine/types';
import type { RawCell, SheetSpec, Workbook } from '../src/core/model/workbook';
import type { GridDiagnostic } from '../src/shared/protocol';
import { formatValue } from './format/number-format';
import { cellAddress } from './grid/address';
import type { GridSource } from './grid/grid';

export const DEFAULT_COLUMN_WIDTH = 100;
/** The frozen first column usually holds names: wider by default. */
const FIRST_COLUMN_WIDTH = 180;
const EXTRA_ROWS = 20;
const EXTRA_COLS = 2;

/** Diagnostics keyed `sheet:row:col`; pointer `/sheets/<i>/rows/<r>/<c>`. */
export type CellDiagnostics = Map<string, GridDiagnostic[]>;

export function indexDiagnostics(items: GridDiagnostic[], scenario: string): CellDiagnostics {
  const map: CellDiagnostics = new Map();
  for (const d of items) {
    if (d.scenario !== undefined && d.scenario !== scenario) continue;
    const m = /^\/sheets\/(\d+)\/rows\/(\d+)\/(\d+)$/.exec(d.pointer);
    if (!m) continue;
    const key = `${m[1]}:${m[2]}:${m[3]}`;
    const list = map.get(key);
    if (list) list.push(d); else map.set(key, [d]);
  }
  return map;
}

/** Checks that parsed JSON has the shape the grid needs (the full schema is the host's job). */
export function asWorkbook(value: unknown): Workbook | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const wb = value as Partial<Workbook>;
  if (!Array.isArray(wb.sheets)) return undefined;
  for (const s of wb.sheets as unknown[]) {
    if (typeof s !== 'object' || s === null) return undefined;
    const sheet = s as Partial<SheetSpec>;
    if (typeof sheet.name !== 'string' || !Array.isArray(sheet.rows)) return undefined;
    if (!sheet.rows.every((r) => Array.isArray(r))) return undefined;
    if (sheet.columns !== undefined && !Array.isArray(sheet.columns)) return undefined;
  }
  return wb as Workbook;
}

/** What Excel's error values mean, for a cell's tooltip when the engine gives no reason. */
const ERROR_MEANING: Record<string, string> = {
  '#DIV/0!': 'Division by zero.',
  '#NAME?': 'Unknown function or name.',
  '#REF!': 'Reference to a cell that does not exist.',
  '#VALUE!': 'Wrong type of argument.',
  '#N/A': 'Value not available.',
  '#NUM!': 'Invalid number (e.g. out of range).',
  '#CYCLE!': 'Circular reference.',
  '#ERROR!': 'The formula could not be parsed.',
  '#SPILL!': 'The result does not fit.',
};

/** Cells to highlight around the active cell: keys `row:col` on the shown sheet. */
export interface Trace { precedents: Set<string>; dependents: Set<string> }

export function rawAt(sheet: SheetSpec, row: number, col: number): RawCell | undefined {
  return sheet.rows[row]?.[col];
}

export class SheetSource implements GridSource {
  readonly rowCount: number;
  readonly colCount: number;
  private readonly formats = new Map<string, string>();

  constructor(
    private readonly sheet: SheetSpec,
    private readonly sheetIndex: number,
    /** Computed value of a cell (read lazily: only visible cells are asked for). */
    private readonly valueAt: (row: number, col: number) => CellValue,
    private diagnostics: CellDiagnostics,
    private readonly locale: string,
    private trace?: Trace,
  ) {
    let cols = sheet.columns?.length ?? 0;
    for (const r of sheet.rows) if (r.length > cols) cols = r.length;
    this.rowCount = Math.max(sheet.rows.length + EXTRA_ROWS, 50);
    this.colCount = Math.max(cols + EXTRA_COLS, 8);
    for (const [addr, f] of Object.entries(sheet.formats ?? {})) this.formats.set(addr.toUpperCase(), f);
  }

  private readonly cache = new Map<number, CellValue>();
  /** Ctrl+`: formula cells show their formula instead of their value, as in Excel. */
  showFormulas = false;

  /** New host diagnostics; values, formats and the value cache are kept. */
  setDiagnostics(diagnostics: CellDiagnostics): void {
    this.diagnostics = diagnostics;
  }

  /** New precedents/dependents highlight; values, formats and the value cache are kept. */
  setTrace(trace: Trace | undefined): void {
    this.trace = trace;
  }

  value(row: number, col: number): CellValue {
    const key = row * 16_384 + col;
    let v = this.cache.get(key);
    if (v === undefined) {
      if (this.cache.size > 20_000) this.cache.clear();
      v = this.valueAt(row, col) ?? null;
      this.cache.set(key, v);
    }
    return v;
  }

  format(row: number, col: number): string | undefined {
    if (this.formats.size > 0) {
      const f = this.formats.get(cellAddress(row, col));
      if (f !== undefined) return f;
    }
    return this.sheet.columns?.[col]?.format;
  }

  text(row: number, col: number): string {
    if (this.showFormulas) {
      const raw = rawAt(this.sheet, row, col);
      if (typeof raw === 'string' && raw.startsWith('=')) return raw;
    }
    const v = this.value(row, col);
    if (v === null) {
      // Before the engine has a value (or for a literal), show the raw text.
      const raw = rawAt(this.sheet, row, col);
      if (typeof raw === 'string' && !raw.startsWith('=')) return raw.startsWith("'") ? raw.slice(1) : raw;
      return '';
    }
    return formatValue(v, typeof v === 'number' ? this.format(row, col) : undefined, this.locale);
  }

  classes(row: number, col: number): string {
    const v = this.value(row, col);
    let cls = typeof v === 'number' ? 'num' : typeof v === 'boolean' ? 'bool' : v !== null && typeof v === 'object' ? 'err' : '';
    const raw = rawAt(this.sheet, row, col);
    if (typeof raw === 'string' && raw.startsWith('=')) cls += ' formula';
    const diags = this.diagnostics.get(`${this.sheetIndex}:${row}:${col}`);
    if (diags) {
      const sev = diags.some((d) => d.severity === 'error') ? 'error' : diags.some((d) => d.severity === 'warning') ? 'warning' : 'info';
      cls += ` diag-${sev}`;
    }
    if (this.trace) {
      const key = `${row}:${col}`;
      if (this.trace.precedents.has(key)) cls += ' precedent';
      if (this.trace.dependents.has(key)) cls += ' dependent';
    }
    return cls;
  }

  title(row: number, col: number): string | undefined {
    const parts: string[] = [];
    const v = this.value(row, col);
    if (v !== null && typeof v === 'object') parts.push(`${v.error} ${v.message || ERROR_MEANING[v.error] || ''}`.trim());
    for (const d of this.diagnostics.get(`${this.sheetIndex}:${row}:${col}`) ?? []) parts.push(`${d.code}: ${d.message}`);
    return parts.length ? parts.join('\n') : undefined;
  }

  isEmpty(row: number, col: number): boolean {
    const raw = rawAt(this.sheet, row, col);
    return (raw === null || raw === undefined || raw === '') && this.value(row, col) === null;
  }

  columnLabel(col: number): string | undefined {
    return this.sheet.columns?.[col]?.header;
  }

  columnWidth(col: number): number {
    const w = this.sheet.columns?.[col]?.width;
    return typeof w === 'number' && w >= 8 ? w : col === 0 ? FIRST_COLUMN_WIDTH : DEFAULT_COLUMN_WIDTH;
  }
}
