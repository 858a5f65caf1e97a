/**
 * The one message protocol between the extension host and the workbook webview.
 * Both sides import this module. Every message is a discriminated union on `type`;
 * messages arriving from the webview are untrusted and go through `parseWebviewMessage`,
 * which returns `undefined` for anything unexpected (the caller logs and drops it).
 */
import type { EditIntent } from '../core/edit/intent';
import type { ColumnSpec, RawCell, Severity } from '../core/model/workbook';

/** Upper bounds on what a single message may carry; larger payloads are dropped. */
export const PROTOCOL_LIMITS = {
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxCellsPerEdit: 1_000_000,
  maxStringLength: 1_000_000,
  maxNameLength: 255,
} as const;

// Edit intents are the model's own type (src/core/edit/intent.ts); the protocol carries them.
export type { EditIntent };

// ---------------------------------------------------------------------------------------
// Host -> webview

/** A diagnostic as the grid needs it: located by JSON pointer, not by text offset. */
export interface GridDiagnostic {
  pointer: string;
  severity: Severity;
  code: string;
  message: string;
  scenario?: string;
}

export type HostMessage =
  /**
   * The document's full text at `version`; sent on open and after every change but the view's
   * own cell edits, which `editResult` acknowledges with their version instead.
   */
  | { type: 'document'; text: string; version: number }
  | { type: 'diagnostics'; items: GridDiagnostic[] }
  /** Select and scroll to a cell (e.g. after a click on a problem). */
  | { type: 'reveal'; sheet: number; row: number; col: number }
  /**
   * Outcome of an `edit` request. With `version`, the document is now the view's own text with
   * these edits applied, at that version, and no `document` message follows for it.
   */
  | { type: 'editResult'; requestId: number; ok: boolean; error?: string; version?: number }
  | { type: 'settings'; settings: WebviewSettings }
  /** Ctrl+` (a keybinding, so that the terminal does not open): show formulas or values. */
  | { type: 'toggleFormulas' };

export interface WebviewSettings {
  /** Locale used for number display, e.g. `en-IN` for lakh/crore grouping. */
  numberLocale: string;
}

// ---------------------------------------------------------------------------------------
// Webview -> host

export type WebviewMessage =
  | { type: 'ready' }
  /**
   * Edits made against document `baseVersion`, applied by the host in order, one at a time.
   * `applied`: the view already applied them to its own model (core/edit/apply-model), so for
   * cell edits the host answers with the new version instead of the text.
   */
  | { type: 'edit'; requestId: number; baseVersion: number; edits: EditIntent[]; applied?: boolean }
  | { type: 'openText' }
  | { type: 'exportCsv'; sheet: number; scenario?: string; formulas?: boolean }
  | { type: 'selectionChanged'; sheet: number; row: number; col: number }
  /** Open the text editor at check `index` of `workbook.checks` (from the checks panel). */
  | { type: 'revealCheck'; index: number }
  /**
   * Save an analysis export through a save dialog. `data` is the file's text for csv and svg,
   * base64 for png; `suggestedName` is a bare file name (no folders), checked by the host.
   */
  | { type: 'saveExport'; format: ExportFormat; suggestedName: string; data: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** File formats the analysis panels export. */
export type ExportFormat = 'csv' | 'png' | 'svg';

/** Largest export a webview may send (a PNG chart at 2x is well under 5 MB). */
export const MAX_EXPORT_CHARS = 20_000_000;

/** A bare file name with the format's extension: no path separators, no leading dot. */
export function isExportFileName(name: unknown, format: ExportFormat): name is string {
  return typeof name === 'string' && name.length <= PROTOCOL_LIMITS.maxNameLength &&
    /^[A-Za-z0-9][A-Za-z0-9 _.()-]*$/.test(name) && !name.includes('..') && name.toLowerCase().endsWith(`.${format}`);
}

// ---------------------------------------------------------------------------------------
// Validation of untrusted messages from the webview.

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < max;
}

function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= PROTOCOL_LIMITS.maxNameLength;
}

function isOptionalName(v: unknown): v is string | undefined {
  return v === undefined || (typeof v === 'string' && v.length <= PROTOCOL_LIMITS.maxNameLength);
}

function isRawCell(v: unknown): v is RawCell {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && v.length <= PROTOCOL_LIMITS.maxStringLength;
}

function isColumnSpec(v: unknown): v is ColumnSpec {
  if (!isObj(v) || !hasOnlyKeys(v, ['header', 'format', 'width'])) return false;
  return (v.header === undefined || (typeof v.header === 'string' && v.header.length <= PROTOCOL_LIMITS.maxStringLength)) &&
    (v.format === undefined || (typeof v.format === 'string' && v.format.length <= PROTOCOL_LIMITS.maxNameLength)) &&
    (v.width === undefined || (typeof v.width === 'number' && Number.isFinite(v.width) && v.width >= 8 && v.width <= 2000));
}

/** Per-cell formats: A1 addresses to format strings. */
function isFormats(v: unknown): v is Record<string, string> {
  if (!isObj(v) || Object.keys(v).length > PROTOCOL_LIMITS.maxColumns * 64) return false;
  return Object.entries(v).every(([k, f]) => /^[A-Za-z]{1,3}[0-9]{1,7}$/.test(k) && typeof f === 'string' && f.length <= PROTOCOL_LIMITS.maxNameLength);
}

function isCellMatrix(v: unknown, maxCells: number): v is RawCell[][] {
  if (!Array.isArray(v) || v.length > PROTOCOL_LIMITS.maxRows) return false;
  let cells = 0;
  for (const row of v) {
    if (!Array.isArray(row) || row.length > PROTOCOL_LIMITS.maxColumns) return false;
    cells += row.length;
    if (cells > maxCells) return false;
    for (const cell of row) if (!isRawCell(cell)) return false;
  }
  return true;
}

/** Keys a message object may carry, by type/kind; anything else makes it malformed. */
function hasOnlyKeys(o: Obj, allowed: readonly string[]): boolean {
  return Object.keys(o).every((k) => allowed.includes(k));
}

const { maxRows, maxColumns, maxCellsPerEdit } = PROTOCOL_LIMITS;
const MAX_SHEETS = 10_000;

/** Returns the edit intent if `v` is a well-formed one, else `undefined`. */
export function parseEditIntent(v: unknown): EditIntent | undefined {
  if (!isObj(v)) return undefined;
  const ok = (keys: readonly string[], valid: boolean) =>
    valid && hasOnlyKeys(v, ['kind', ...keys]) ? (v as unknown as EditIntent) : undefined;
  switch (v.kind) {
    case 'setCell':
      return ok(['sheet', 'row', 'col', 'raw'], isIndex(v.sheet, MAX_SHEETS) && isIndex(v.row, maxRows) &&
        isIndex(v.col, maxColumns) && 'raw' in v && isRawCell(v.raw));
    case 'setRange':
      return ok(['sheet', 'row', 'col', 'values'], isIndex(v.sheet, MAX_SHEETS) && isIndex(v.row, maxRows) &&
        isIndex(v.col, maxColumns) && isCellMatrix(v.values, maxCellsPerEdit));
    case 'replaceRows':
      return ok(['sheet', 'rows'], isIndex(v.sheet, MAX_SHEETS) && isCellMatrix(v.rows, maxCellsPerEdit));
    case 'replaceSheetLayout':
      return ok(['sheet', 'columns', 'formats'], isIndex(v.sheet, MAX_SHEETS) &&
        (v.columns === undefined || v.columns === null || (Array.isArray(v.columns) && v.columns.length <= maxColumns && v.columns.every(isColumnSpec))) &&
        (v.formats === undefined || v.formats === null || isFormats(v.formats)));
    case 'setCheckAssert':
      return ok(['index', 'assert'], isIndex(v.index, maxRows) && typeof v.assert === 'string' &&
        v.assert.length > 0 && v.assert.length <= PROTOCOL_LIMITS.maxStringLength);
    case 'setParameter':
      return ok(['name', 'value'], isName(v.name) && typeof v.value === 'number' && Number.isFinite(v.value));
    case 'setColumnWidth':
      return ok(['sheet', 'col', 'width'], isIndex(v.sheet, MAX_SHEETS) && isIndex(v.col, maxColumns) &&
        typeof v.width === 'number' && Number.isFinite(v.width) && v.width >= 8 && v.width <= 2000);
    case 'addSheet':
      return ok(['name', 'rows'], isName(v.name) && (v.rows === undefined || isCellMatrix(v.rows, maxCellsPerEdit)));
    case 'renameSheet':
      return ok(['sheet', 'name', 'sheetName'], isIndex(v.sheet, MAX_SHEETS) && isName(v.name) && isOptionalName(v.sheetName));
    case 'deleteSheet':
      return ok(['sheet', 'sheetName'], isIndex(v.sheet, MAX_SHEETS) && isOptionalName(v.sheetName));
    case 'moveSheet':
      return ok(['sheet', 'to', 'sheetName'], isIndex(v.sheet, MAX_SHEETS) && isIndex(v.to, MAX_SHEETS) && isOptionalName(v.sheetName));
    case 'setScenarioOverride':
      return ok(['scenario', 'target', 'value'], isName(v.scenario) && isName(v.target) &&
        (v.value === undefined || isRawCell(v.value)));
    case 'addScenario':
      return ok(['name', 'description', 'copyFrom'], isName(v.name) &&
        (v.description === undefined || (typeof v.description === 'string' && v.description.length <= 10_000)) &&
        (v.copyFrom === undefined || isName(v.copyFrom)));
    case 'renameScenario':
      return ok(['scenario', 'name'], isName(v.scenario) && isName(v.name));
    case 'deleteScenario':
      return ok(['scenario'], isName(v.scenario));
    default:
      return undefined;
  }
}

/**
 * Checks a message received from the webview. Returns it typed when it is exactly one of
 * `WebviewMessage`, else `undefined`: unknown types, extra keys, wrong types, out-of-range
 * indexes and oversize payloads are all rejected.
 */
export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isObj(v)) return undefined;
  const ok = (keys: readonly string[], valid: boolean) =>
    valid && hasOnlyKeys(v, ['type', ...keys]) ? (v as unknown as WebviewMessage) : undefined;
  switch (v.type) {
    case 'ready':
      return ok([], true);
    case 'openText':
      return ok([], true);
    case 'edit': {
      if (!isIndex(v.requestId, Number.MAX_SAFE_INTEGER) || !isIndex(v.baseVersion, Number.MAX_SAFE_INTEGER)) return undefined;
      if (!Array.isArray(v.edits) || v.edits.length === 0 || v.edits.length > 10_000) return undefined;
      const edits: EditIntent[] = [];
      for (const e of v.edits) {
        const parsed = parseEditIntent(e);
        if (!parsed) return undefined;
        edits.push(parsed);
      }
      if (v.applied !== undefined && typeof v.applied !== 'boolean') return undefined;
      return ok(['requestId', 'baseVersion', 'edits', 'applied'], true) &&
        { type: 'edit', requestId: v.requestId, baseVersion: v.baseVersion, edits, ...(v.applied ? { applied: true } : {}) };
    }
    case 'exportCsv':
      return ok(['sheet', 'scenario', 'formulas'], isIndex(v.sheet, MAX_SHEETS) &&
        (v.scenario === undefined || isName(v.scenario)) && (v.formulas === undefined || typeof v.formulas === 'boolean'));
    case 'selectionChanged':
      return ok(['sheet', 'row', 'col'], isIndex(v.sheet, MAX_SHEETS) && isIndex(v.row, maxRows) && isIndex(v.col, maxColumns));
    case 'revealCheck':
      return ok(['index'], isIndex(v.index, maxRows));
    case 'saveExport': {
      const format = v.format;
      if (format !== 'csv' && format !== 'png' && format !== 'svg') return undefined;
      const data = v.data;
      if (typeof data !== 'string' || data.length === 0 || data.length > MAX_EXPORT_CHARS) return undefined;
      if (format === 'png' && !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return undefined;
      return ok(['format', 'suggestedName', 'data'], isExportFileName(v.suggestedName, format));
    }
    case 'log':
      return ok(['level', 'message'], (v.level === 'info' || v.level === 'warn' || v.level === 'error') &&
        typeof v.message === 'string' && v.message.length <= 10_000);
    default:
      return undefined;
  }
}
