/**
 * Edit intents -> minimal text edits on a `*.minerals.json` document.
 *
 * Pure (no `vscode`): the extension host turns each webview `edit` message into one
 * WorkspaceEdit from `applyEditIntents`, and the unit tests check the exact text.
 * Formatting rules keep files diff-friendly: 2-space indentation, one row of cells per line,
 * a cell edit replaces only that cell's characters, existing formatting is left alone.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { EditIntent } from './intent';
import type { RawCell } from '../model/workbook';
import { cellAddress, columnLetters } from '../model/a1';
import { DEFAULT_PARSE_LIMITS } from '../parse';
import { EditError } from './edit-error';
import { sameName } from '../model/names';
import { locateValue } from './fast-locate';
import { checkEditOutput } from './output-check';
import { renameSheetInFormula, sheetRefMatches, sheetRefPrefix } from './sheet-refs';

export { renameSheetInFormula, quoteSheetName } from './sheet-refs';
export { EditError } from './edit-error';

/**
 * How many empty rows, or empty cells in a row, one edit may add only to reach its target:
 * a value typed at XFD1048576 of a small sheet would otherwise write a million `[]` lines
 * (12.7 MB for one cell). Rows are dense arrays in the format, so the bound is on the gap.
 */
export const MAX_PADDING = 10_000;

/** One replacement in the original text: `length` characters at `offset` become `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

const INDENT = '  ';

/** Applies non-overlapping edits (any order) to `text`. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  let out = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.offset + e.length > lastStart) throw new Error('overlapping text edits');
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
    lastStart = e.offset;
  }
  return out;
}

/** The single smallest replacement that turns `before` into `after` (common prefix/suffix trimmed). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) { endB--; endA--; }
  // Never split a CRLF or a surrogate pair across the edit boundary.
  if (start > 0 && isLowHalf(before, start)) start--;
  if (endB < before.length && isLowHalf(before, endB) && endA < after.length) { endB++; endA++; }
  return { offset: start, length: endB - start, content: after.slice(start, endA) };
}

function isLowHalf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 0xdc00 && c <= 0xdfff) || (c === 10 && s.charCodeAt(i - 1) === 13);
}

/**
 * Applies a sequence of intents (one webview message) in order. Returns the final text and the
 * edits against the original text that produce it, to be applied together as ONE change so
 * one user action is one undo step. A single intent keeps its own (trimmed) edits; several
 * intents collapse to one minimal replacement.
 * @throws EditError when any intent cannot be applied (nothing is applied then).
 */
export function applyEditIntents(text: string, intents: readonly EditIntent[]): { text: string; edits: TextEdit[] } {
  if (intents.length === 1) {
    const fast = valueOverwrite(text, intents[0]!);
    const edits = fast ? [fast] : computeTextEdits(text, intents[0]!);
    const after = applyTextEdits(text, edits);
    const trimmed = edits
      .map((e) => {
        const m = minimalEdit(text.slice(e.offset, e.offset + e.length), e.content);
        return m && { offset: e.offset + m.offset, length: m.length, content: m.content };
      })
      .filter((e): e is TextEdit => e !== undefined)
      .sort((a, b) => a.offset - b.offset);
    // A cell value over a cell value stays within the schema (any RawCell is a valid cell):
    // only the size limit needs checking, which keeps typing free of a full validation.
    if (!fast || after.length > SAFE_OVERWRITE_CHARS) checkEditOutput(text, after);
    return { text: after, edits: trimmed };
  }
  let current = text;
  for (const intent of intents) current = applyTextEdits(current, computeTextEdits(current, intent));
  checkEditOutput(text, current);
  const edit = minimalEdit(text, current);
  return { text: current, edits: edit ? [edit] : [] };
}

/** Below this size (a third of the parse limit: a character is at most 3 UTF-8 bytes) no text can exceed the parse limit. */
const SAFE_OVERWRITE_CHARS = Math.floor(DEFAULT_PARSE_LIMITS.maxBytes / 3);

/** Fast path for the commonest edit, a value typed over an existing cell: no full parse. */
function valueOverwrite(text: string, intent: EditIntent): TextEdit | undefined {
  // Clearing a cell may leave a row or the sheet with empty ends to trim: the full path.
  if (intent.kind !== 'setCell' || intent.raw === null) return undefined;
  const r = locateValue(text, ['sheets', intent.sheet, 'rows', intent.row, intent.col]);
  return r && { offset: r.offset, length: r.length, content: inlineJson(intent.raw) };
}

/**
 * The text edits that carry out one intent on `text`.
 * @throws EditError when the target no longer exists or the intent conflicts with the document.
 */
export function computeTextEdits(text: string, intent: EditIntent): TextEdit[] {
  const fast = valueOverwrite(text, intent);
  if (fast) return [fast];
  const doc = new Doc(text);
  switch (intent.kind) {
    case 'setCell':
      return clearedTrimmed(doc, intent.sheet, intent.row, [[intent.raw]], doc.setCells(intent.sheet, intent.row, intent.col, [[intent.raw]]));
    case 'setRange':
      return clearedTrimmed(doc, intent.sheet, intent.row, intent.values, doc.setCells(intent.sheet, intent.row, intent.col, intent.values));
    case 'replaceRows':
      return doc.replaceRows(intent.sheet, intent.rows);
    case 'replaceSheetLayout':
      return doc.replaceSheetLayout(intent.sheet, intent.columns, intent.formats);
    case 'setCheckAssert':
      return doc.setCheckAssert(intent.index, intent.assert);
    case 'setParameter':
      return doc.setParameter(intent.name, intent.value);
    case 'setColumnWidth':
      return doc.setColumnWidth(intent.sheet, intent.col, intent.width);
    case 'addSheet':
      return doc.addSheet(intent.name, intent.rows ?? []);
    case 'renameSheet':
      return doc.renameSheet(doc.sheetIndex(intent.sheet, intent.sheetName), intent.name);
    case 'deleteSheet':
      return doc.deleteSheet(doc.sheetIndex(intent.sheet, intent.sheetName));
    case 'moveSheet':
      return doc.moveSheet(doc.sheetIndex(intent.sheet, intent.sheetName), intent.to);
    case 'setScenarioOverride':
      return doc.setScenarioOverride(intent.scenario, intent.target, intent.value);
    case 'addScenario':
      return doc.addScenario(intent.name, intent.description, intent.copyFrom);
    case 'renameScenario':
      return doc.renameScenario(intent.scenario, intent.name);
    case 'deleteScenario':
      return doc.deleteScenario(intent.scenario);
    default: {
      const never: never = intent;
      throw new EditError(`Unknown edit ${JSON.stringify(never)}`);
    }
  }
}

/**
 * `edits` (writing `values` from row `row0` of `sheet`) followed, when they cleared a cell, by
 * the trim of what the clearing left empty: trailing nulls of the written rows, and empty rows
 * at the end of the sheet. Cleared cells then leave no `null`s or `[]` rows behind for a diff
 * (or MW3007) to show. One edit when a trim was needed.
 */
function clearedTrimmed(doc: Doc, sheet: number, row0: number, values: RawCell[][], edits: TextEdit[]): TextEdit[] {
  if (!values.some((r) => r.some((v) => v === null))) return edits;
  const after = applyTextEdits(doc.text, edits);
  const trims = new Doc(after).trimRows(sheet, row0, row0 + values.length - 1);
  if (trims.length === 0) return edits;
  const edit = minimalEdit(doc.text, applyTextEdits(after, trims));
  return edit ? [edit] : [];
}

/** JSON on one line with a space after `,` and `:` (`{ "a": 1 }`, `[1, "x"]`). */
export function inlineJson(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map(inlineJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inlineJson(x)}`).join(', ')} }`;
  }
  // Protocol-validated numbers are finite; JSON has no NaN/Infinity, so write null for them.
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v) ?? 'null';
}

/**
 * The node at `path` under `root`. Where an object has a key more than once, the LAST
 * occurrence is taken, as the parser and the grid do (MW1002 "this later value is the one
 * used"): jsonc-parser's findNodeAtLocation takes the first, which would write into the
 * ignored copy and the typed value would vanish from the grid.
 */
export function findNodeAtLocation(root: Node | undefined, path: ReadonlyArray<string | number>): Node | undefined {
  let node = root;
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === 'string') {
      if (node.type !== 'object') return undefined;
      node = lastProperty(node, step)?.children?.[1];
    } else {
      if (node.type !== 'array' || !Number.isInteger(step) || step < 0) return undefined;
      node = node.children?.[step];
    }
  }
  return node;
}

/** The last property node of `object` named `key`. */
function lastProperty(object: Node | undefined, key: string): Node | undefined {
  const props = object?.children ?? [];
  for (let i = props.length - 1; i >= 0; i--) if (props[i]!.children?.[0]?.value === key) return props[i];
  return undefined;
}

/** A parsed view of the document with helpers that produce formatting-preserving edits. */
class Doc {
  readonly root: Node;
  readonly eol: string;

  constructor(readonly text: string) {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    if (!root || errors.length > 0 || root.type !== 'object') {
      throw new EditError('The file is not valid JSON right now; fix it in the text editor, then edit the grid again.');
    }
    this.root = root;
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  node(path: (string | number)[]): Node | undefined {
    return findNodeAtLocation(this.root, path);
  }

  sheetsNode(): Node {
    const n = this.node(['sheets']);
    if (!n || n.type !== 'array') throw new EditError('The workbook has no "sheets" array.');
    return n;
  }

  sheet(index: number): Node {
    const sheets = this.sheetsNode();
    const s = sheets.children?.[index];
    if (!s || s.type !== 'object') {
      throw new EditError(`Sheet ${index + 1} no longer exists (the workbook has ${sheets.children?.length ?? 0} sheets).`);
    }
    return s;
  }

  /**
   * `index`, after checking that the sheet there is still named `expected` (when given): an
   * operation the user confirmed on one sheet must not land on another after a reorder.
   */
  sheetIndex(index: number, expected: string | undefined): number {
    if (expected === undefined) return index;
    const actual = this.sheetNames()[index];
    if (actual !== expected) {
      const now = this.sheetNames().indexOf(expected);
      const where = now < 0 ? `there is no sheet "${expected}" any more` : `"${expected}" is now sheet ${now + 1}`;
      throw new EditError(`The workbook changed: sheet ${index + 1} is ${actual === undefined ? 'gone' : `now "${actual}"`} and ${where}. ` +
        'Nothing was changed; the grid now shows the current sheets, please try again.');
    }
    return index;
  }

  sheetNames(): string[] {
    return (this.sheetsNode().children ?? []).map((s) => {
      const n = findNodeAtLocation(s, ['name']);
      return typeof n?.value === 'string' ? n.value : '';
    });
  }

  /** Indentation (leading whitespace) of the line containing `offset`. */
  indentAt(offset: number): string {
    let lineStart = offset;
    while (lineStart > 0 && this.text[lineStart - 1] !== '\n' && this.text[lineStart - 1] !== '\r') lineStart--;
    let i = lineStart;
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    return this.text.slice(lineStart, i);
  }

  isMultiline(n: Node): boolean {
    const s = this.text.slice(n.offset, n.offset + n.length);
    return s.includes('\n') || s.includes('\r');
  }

  replace(n: Node, content: string): TextEdit {
    return { offset: n.offset, length: n.length, content };
  }

  /**
   * Appends elements (already serialized, each possibly multi-line with the given base indent
   * applied by the caller) to an array, one per line when the array is multi-line or `multiline`.
   * `render(indent)` returns one element's text for an element at that indentation.
   */
  appendToArray(arr: Node, renders: ((indent: string) => string)[], multiline: boolean): TextEdit {
    const children = arr.children ?? [];
    if (children.length === 0) {
      const outer = this.indentAt(arr.offset);
      const inner = outer + INDENT;
      if (!multiline) return { offset: arr.offset, length: arr.length, content: `[${renders.map((r) => r('')).join(', ')}]` };
      const body = renders.map((r) => inner + r(inner)).join(',' + this.eol);
      return { offset: arr.offset, length: arr.length, content: `[${this.eol}${body}${this.eol}${outer}]` };
    }
    const last = children[children.length - 1]!;
    const lastEnd = last.offset + last.length;
    if (this.isMultiline(arr) || multiline) {
      const indent = this.isMultiline(arr) ? this.indentAt(last.offset) : this.indentAt(arr.offset) + INDENT;
      if (!this.isMultiline(arr)) {
        // A one-line array that must become multi-line: rewrite it whole.
        const outer = this.indentAt(arr.offset);
        const existing = children.map((c) => indent + this.text.slice(c.offset, c.offset + c.length));
        const body = [...existing, ...renders.map((r) => indent + r(indent))].join(',' + this.eol);
        return { offset: arr.offset, length: arr.length, content: `[${this.eol}${body}${this.eol}${outer}]` };
      }
      const content = renders.map((r) => ',' + this.eol + indent + r(indent)).join('');
      return { offset: lastEnd, length: 0, content };
    }
    return { offset: lastEnd, length: 0, content: renders.map((r) => ', ' + r('')).join('') };
  }

  /** Inserts `"key": value` into an object, inline or on its own line to match the object's style. */
  insertProperty(obj: Node, key: string, render: (indent: string) => string): TextEdit {
    const props = obj.children ?? [];
    const keyText = JSON.stringify(key);
    if (props.length === 0) {
      if (this.isMultiline(obj) || obj === this.root) {
        const outer = this.indentAt(obj.offset);
        const inner = outer + INDENT;
        return this.replace(obj, `{${this.eol}${inner}${keyText}: ${render(inner)}${this.eol}${outer}}`);
      }
      return this.replace(obj, `{ ${keyText}: ${render('')} }`);
    }
    const last = props[props.length - 1]!;
    const end = last.offset + last.length;
    if (this.isMultiline(obj)) {
      const indent = this.indentAt(last.offset);
      return { offset: end, length: 0, content: `,${this.eol}${indent}${keyText}: ${render(indent)}` };
    }
    return { offset: end, length: 0, content: `, ${keyText}: ${render('')}` };
  }

  /** Removes one property (or array element) node together with its separating comma. */
  removeChild(parent: Node, child: Node): TextEdit {
    const siblings = parent.children ?? [];
    const i = siblings.indexOf(child);
    if (siblings.length === 1) {
      // Keep the container's own brackets; drop everything between them.
      const open = parent.offset + 1;
      const close = parent.offset + parent.length - 1;
      return { offset: open, length: close - open, content: '' };
    }
    if (i < siblings.length - 1) {
      const next = siblings[i + 1]!;
      return { offset: child.offset, length: next.offset - child.offset, content: '' };
    }
    const prev = siblings[i - 1]!;
    const prevEnd = prev.offset + prev.length;
    return { offset: prevEnd, length: child.offset + child.length - prevEnd, content: '' };
  }

  // ---------------------------------------------------------------------------------------
  // Cells

  setCells(sheet: number, row0: number, col0: number, values: RawCell[][]): TextEdit[] {
    const sheetNode = this.sheet(sheet);
    const rowsNode = findNodeAtLocation(sheetNode, ['rows']);
    if (!rowsNode || rowsNode.type !== 'array') {
      // A sheet without rows (schema violation) gets a fresh rows array.
      checkPadding(sheet, row0, col0, 0, 0);
      const rows: RawCell[][] = [];
      values.forEach((vals, dr) => { rows[row0 + dr] = padRow([], col0, vals); });
      const filled = Array.from(rows, (r) => r ?? []);
      return [this.insertProperty(sheetNode, 'rows', (indent) => this.rowsText(filled, indent))];
    }
    const rowNodes = rowsNode.children ?? [];
    checkPadding(sheet, row0, col0, rowNodes.length, 0);
    const existing = Math.max(0, Math.min(values.length, rowNodes.length - row0));
    if (existing > 0 && existing < values.length && !this.isMultiline(rowsNode)) {
      // Appending to a one-line rows array rewrites the whole array, which would overlap the
      // edits to its existing rows: apply those first, then append on the result.
      const mid = applyTextEdits(this.text, this.setCells(sheet, row0, col0, values.slice(0, existing)));
      const after = applyTextEdits(mid, new Doc(mid).setCells(sheet, row0 + existing, col0, values.slice(existing)));
      const edit = minimalEdit(this.text, after);
      return edit ? [edit] : [];
    }
    const edits: TextEdit[] = [];
    const newRows: RawCell[][] = [];
    values.forEach((vals, dr) => {
      const r = row0 + dr;
      const rowNode = rowNodes[r];
      if (!rowNode) {
        newRows[r - rowNodes.length] = padRow([], col0, vals);
        return;
      }
      if (rowNode.type !== 'array') throw new EditError(`Row ${r + 1} of sheet ${sheet + 1} is not an array of cells.`);
      const cells = rowNode.children ?? [];
      checkPadding(sheet, r, col0, r + 1, cells.length);
      const tail: RawCell[] = [];
      vals.forEach((v, dc) => {
        const c = col0 + dc;
        if (c < cells.length) edits.push(this.replace(cells[c]!, inlineJson(v)));
        else tail[c - cells.length] = v;
      });
      if (tail.length > 0) {
        const items = Array.from(tail, (v) => inlineJson(v === undefined ? null : v));
        if (cells.length === 0) edits.push(this.replace(rowNode, `[${items.join(', ')}]`));
        else {
          const last = cells[cells.length - 1]!;
          edits.push({ offset: last.offset + last.length, length: 0, content: items.map((s) => ', ' + s).join('') });
        }
      }
    });
    if (newRows.length > 0) {
      const rows = Array.from(newRows, (r) => r ?? []);
      edits.push(this.appendToArray(rowsNode, rows.map((r) => () => inlineJson(r)), true));
    }
    return edits;
  }

  /**
   * Removes trailing `null` cells of rows `first`..`last` of a sheet and, when those reach
   * the sheet's last row, every empty row at its end (a row of nulls counts as empty).
   */
  trimRows(sheet: number, first: number, last: number): TextEdit[] {
    const rowsNode = findNodeAtLocation(this.sheet(sheet), ['rows']);
    if (!rowsNode || rowsNode.type !== 'array') return [];
    const rowNodes = rowsNode.children ?? [];
    /** Index of the first of the row's trailing nulls (its length when it ends in a value). */
    const filled = (row: Node): number => {
      const cells = row.children ?? [];
      let k = cells.length;
      while (k > 0 && cells[k - 1]!.type === 'null') k--;
      return k;
    };
    let end = rowNodes.length;
    if (last >= rowNodes.length - 1) {
      while (end > 0 && rowNodes[end - 1]!.type === 'array' && filled(rowNodes[end - 1]!) === 0) end--;
    }
    const edits: TextEdit[] = [];
    for (let r = first; r <= Math.min(last, end - 1); r++) {
      const row = rowNodes[r];
      if (row?.type !== 'array') continue;
      const cells = row.children ?? [];
      const k = filled(row);
      if (k === cells.length) continue;
      if (k === 0) { edits.push(this.replace(row, '[]')); continue; }
      const from = cells[k - 1]!.offset + cells[k - 1]!.length;
      edits.push({ offset: from, length: cells[cells.length - 1]!.offset + cells[cells.length - 1]!.length - from, content: '' });
    }
    if (end < rowNodes.length) {
      const lastRow = rowNodes[rowNodes.length - 1]!;
      // From the end of the last row kept (or the opening bracket) to the end of the last row.
      const from = end > 0 ? rowNodes[end - 1]!.offset + rowNodes[end - 1]!.length : rowsNode.offset + 1;
      const to = end > 0 ? lastRow.offset + lastRow.length : rowsNode.offset + rowsNode.length - 1;
      edits.push({ offset: from, length: to - from, content: '' });
    }
    return edits;
  }

  /** Rows one per line (an empty array stays `[]`). */
  rowsText(rows: RawCell[][], indent: string): string {
    return this.listText(rows, indent);
  }

  replaceRows(sheet: number, rows: RawCell[][]): TextEdit[] {
    const sheetNode = this.sheet(sheet);
    const rowsNode = findNodeAtLocation(sheetNode, ['rows']);
    if (!rowsNode) return [this.insertProperty(sheetNode, 'rows', (indent) => this.rowsText(rows, indent))];
    return [this.replace(rowsNode, this.rowsText(rows, this.indentAt(rowsNode.offset)))];
  }

  /** Sets (or with `null` removes) a sheet's `columns` and `formats`; `undefined` leaves one alone. */
  replaceSheetLayout(sheet: number, columns: object[] | null | undefined, formats: Record<string, string> | null | undefined): TextEdit[] {
    const sheetNode = this.sheet(sheet);
    const edits: TextEdit[] = [];
    const set = (key: string, value: unknown, render: (indent: string) => string) => {
      const node = findNodeAtLocation(sheetNode, [key]);
      const prop = node?.parent;
      if (value === undefined) return;
      if (value === null) { if (prop) edits.push(this.removeChild(sheetNode, prop)); return; }
      if (node) edits.push(this.replace(node, render(this.indentAt(node.offset))));
      else edits.push(this.insertProperty(sheetNode, key, render));
    };
    set('columns', columns, (indent) => this.listText(columns ?? [], indent));
    set('formats', formats, () => inlineJson(formats));
    // Two inserts at the same end of the object would overlap: merge them into one.
    if (edits.length === 2 && edits[0]!.length === 0 && edits[1]!.length === 0 && edits[0]!.offset === edits[1]!.offset) {
      return [{ offset: edits[0]!.offset, length: 0, content: edits[0]!.content + edits[1]!.content }];
    }
    return edits;
  }

  setCheckAssert(index: number, assert: string): TextEdit[] {
    const check = this.node(['checks', index]);
    if (!check || check.type !== 'object') throw new EditError(`Check ${index + 1} no longer exists.`);
    const node = findNodeAtLocation(check, ['assert']);
    if (!node) return [this.insertProperty(check, 'assert', () => JSON.stringify(assert))];
    return [this.replace(node, JSON.stringify(assert))];
  }

  setColumnWidth(sheet: number, col: number, width: number): TextEdit[] {
    const sheetNode = this.sheet(sheet);
    const w = Math.round(width);
    const columns = findNodeAtLocation(sheetNode, ['columns']);
    if (!columns || columns.type !== 'array') {
      if (col > MAX_PADDING) throw new EditError(paddingMessage(sheet, `Column ${columnLetters(col)}`, col, 'column specs'));
      const cols: object[] = Array.from({ length: col }, () => ({}));
      cols.push({ width: w });
      return [this.insertProperty(sheetNode, 'columns', (indent) => this.listText(cols, indent))];
    }
    const colNodes = columns.children ?? [];
    const colNode = colNodes[col];
    if (colNode) {
      if (colNode.type !== 'object') throw new EditError(`Column ${col + 1} of sheet ${sheet + 1} is not an object.`);
      const existing = findNodeAtLocation(colNode, ['width']);
      if (existing) return [this.replace(existing, String(w))];
      return [this.insertProperty(colNode, 'width', () => String(w))];
    }
    if (col - colNodes.length > MAX_PADDING) throw new EditError(paddingMessage(sheet, `Column ${columnLetters(col)}`, col - colNodes.length, 'column specs'));
    const pads = Array.from({ length: col - colNodes.length }, () => () => '{}');
    return [this.appendToArray(columns, [...pads, () => inlineJson({ width: w })], true)];
  }

  /** An array with each item inline on its own line, at `indent`. */
  listText(items: unknown[], indent: string): string {
    if (items.length === 0) return '[]';
    const inner = indent + INDENT;
    return `[${this.eol}${items.map((r) => inner + inlineJson(r)).join(',' + this.eol)}${this.eol}${indent}]`;
  }

  // ---------------------------------------------------------------------------------------
  // Parameters

  setParameter(name: string, value: number): TextEdit[] {
    if (!Number.isFinite(value)) throw new EditError(`Parameter ${name} must be a finite number.`);
    const params = this.node(['parameters']);
    // Only existing parameters are set: one deleted meanwhile in the text is not silently recreated.
    const param = params?.type === 'object' ? findNodeAtLocation(params, [name]) : undefined;
    if (!param) throw new EditError(`Parameter ${name} no longer exists; the value ${value} was not saved.`);
    if (param.type !== 'object') throw new EditError(`Parameter ${name} is not an object in the file.`);
    const num = inlineJson(value);
    const v = findNodeAtLocation(param, ['value']);
    if (v) return [this.replace(v, num)];
    return [this.insertProperty(param, 'value', () => num)];
  }

  // ---------------------------------------------------------------------------------------
  // Sheets

  addSheet(name: string, rows: RawCell[][]): TextEdit[] {
    const trimmed = name.trim();
    if (trimmed.length === 0) throw new EditError('A sheet name cannot be empty.');
    if (this.sheetNames().some((n) => sameName(n, trimmed))) {
      throw new EditError(`A sheet named "${trimmed}" already exists.`);
    }
    const sheets = this.sheetsNode();
    return [this.appendToArray(sheets, [(indent) => this.sheetObjectText(trimmed, rows, indent)], true)];
  }

  /** A new sheet object `{ "name", "rows" }` laid out on several lines at `indent`. */
  sheetObjectText(name: string, rows: RawCell[][], indent: string): string {
    const inner = indent + INDENT;
    return `{${this.eol}${inner}"name": ${JSON.stringify(name)},${this.eol}${inner}"rows": ${this.rowsText(rows, inner)}${this.eol}${indent}}`;
  }

  renameSheet(sheet: number, name: string): TextEdit[] {
    const sheetNode = this.sheet(sheet);
    const nameNode = findNodeAtLocation(sheetNode, ['name']);
    const oldName = typeof nameNode?.value === 'string' ? nameNode.value : undefined;
    const newName = name.trim();
    if (newName.length === 0) throw new EditError('A sheet name cannot be empty.');
    if (oldName === newName) return [];
    if (this.sheetNames().some((n, i) => i !== sheet && sameName(n, newName))) {
      throw new EditError(`A sheet named "${newName}" already exists.`);
    }
    const edits: TextEdit[] = [];
    if (nameNode) edits.push(this.replace(nameNode, JSON.stringify(newName)));
    else edits.push(this.insertProperty(sheetNode, 'name', () => JSON.stringify(newName)));
    if (oldName === undefined || oldName === '') return edits;

    const rewrite = (n: Node | undefined) => {
      if (!n || n.type !== 'string' || typeof n.value !== 'string' || !n.value.startsWith('=')) return;
      const next = renameSheetInFormula(n.value, oldName, newName);
      if (next !== n.value) edits.push(this.replace(n, JSON.stringify(next)));
    };
    // Formulas in every sheet's cells.
    for (const s of this.sheetsNode().children ?? []) {
      const rows = findNodeAtLocation(s, ['rows']);
      for (const r of rows?.children ?? []) for (const c of r.children ?? []) rewrite(c);
    }
    // Check assertions.
    for (const check of this.node(['checks'])?.children ?? []) rewrite(findNodeAtLocation(check, ['assert']));
    // Scenario override addresses (keys) and formula values.
    const scenarios = this.node(['scenarios']);
    for (const prop of scenarios?.children ?? []) {
      const set = prop.children?.[1] && findNodeAtLocation(prop.children[1], ['set']);
      for (const entry of set?.children ?? []) {
        const [keyNode, valueNode] = entry.children ?? [];
        if (keyNode && typeof keyNode.value === 'string') {
          const prefix = sheetRefPrefix(keyNode.value);
          if (prefix && sheetRefMatches(prefix.sheet, oldName)) {
            const newKey = renameSheetInFormula(keyNode.value, oldName, newName);
            edits.push(this.replace(keyNode, JSON.stringify(newKey)));
          }
        }
        rewrite(valueNode);
      }
    }
    return edits;
  }

  deleteSheet(sheet: number): TextEdit[] {
    const sheets = this.sheetsNode();
    const s = this.sheet(sheet);
    if ((sheets.children?.length ?? 0) <= 1) throw new EditError('A workbook needs at least one sheet; add another before deleting this one.');
    return [this.removeChild(sheets, s)];
  }

  moveSheet(sheet: number, to: number): TextEdit[] {
    const sheets = this.sheetsNode();
    const children = sheets.children ?? [];
    this.sheet(sheet);
    if (to >= children.length) throw new EditError(`Cannot move the sheet to position ${to + 1}: the workbook has ${children.length} sheets.`);
    if (to === sheet) return [];
    const texts = children.map((c) => this.text.slice(c.offset, c.offset + c.length));
    const [moved] = texts.splice(sheet, 1);
    texts.splice(to, 0, moved!);
    const first = children[0]!;
    const last = children[children.length - 1]!;
    // Keep the separators exactly as they are; only the elements trade places.
    const seps = children.slice(1).map((c, i) => this.text.slice(children[i]!.offset + children[i]!.length, c.offset));
    const content = texts.map((t, i) => (i === 0 ? t : seps[i - 1] + t)).join('');
    return [{ offset: first.offset, length: last.offset + last.length - first.offset, content }];
  }

  // ---------------------------------------------------------------------------------------
  // Scenarios

  scenariosNode(): Node | undefined {
    const n = this.node(['scenarios']);
    if (n && n.type !== 'object') throw new EditError('"scenarios" is not an object.');
    return n;
  }

  scenario(name: string): { prop: Node; value: Node } {
    const scenarios = this.scenariosNode();
    const prop = lastProperty(scenarios, name);
    const value = prop?.children?.[1];
    if (!prop || !value) throw new EditError(`Scenario "${name}" no longer exists.`);
    if (value.type !== 'object') throw new EditError(`Scenario "${name}" is not an object in the file.`);
    return { prop, value };
  }

  setScenarioOverride(scenario: string, target: string, value: RawCell | undefined): TextEdit[] {
    const s = this.scenario(scenario);
    const set = findNodeAtLocation(s.value, ['set']);
    if (set && set.type !== 'object') throw new EditError(`"set" of scenario "${scenario}" is not an object.`);
    const entry = lastProperty(set, target);
    if (value === undefined) {
      if (!set || !entry) return [];
      return [this.removeChild(set, entry)];
    }
    if (!set) return [this.insertProperty(s.value, 'set', () => inlineJson({ [target]: value }))];
    if (entry?.children?.[1]) return [this.replace(entry.children[1], inlineJson(value))];
    return [this.insertProperty(set, target, () => inlineJson(value))];
  }

  addScenario(name: string, description: string | undefined, copyFrom: string | undefined): TextEdit[] {
    const scenarios = this.scenariosNode();
    if (scenarios?.children?.some((p) => typeof p.children?.[0]?.value === 'string' && sameName(p.children[0].value, name))) throw new EditError(`A scenario named "${name}" already exists.`);
    let set: Record<string, unknown> = {};
    if (copyFrom !== undefined) {
      const src = this.scenario(copyFrom);
      const srcSet = findNodeAtLocation(src.value, ['set']);
      set = Object.create(null) as Record<string, unknown>;
      for (const p of srcSet?.children ?? []) {
        const k = p.children?.[0]?.value;
        const v = p.children?.[1];
        if (typeof k === 'string' && v) set[k] = JSON.parse(this.text.slice(v.offset, v.offset + v.length));
      }
    }
    const obj = description !== undefined ? { description, set } : { set };
    if (!scenarios) {
      return [this.insertProperty(this.root, 'scenarios', (indent) =>
        `{${this.eol}${indent}${INDENT}${JSON.stringify(name)}: ${inlineJson(obj)}${this.eol}${indent}}`)];
    }
    return [this.insertProperty(scenarios, name, () => inlineJson(obj))];
  }

  renameScenario(scenario: string, name: string): TextEdit[] {
    const s = this.scenario(scenario);
    if (scenario === name) return [];
    // A case-only rename of this scenario is fine; any other scenario of that name is not.
    if (this.scenariosNode()?.children?.some((p) => p.children?.[0]?.value !== scenario && typeof p.children?.[0]?.value === 'string' && sameName(p.children[0].value, name))) throw new EditError(`A scenario named "${name}" already exists.`);
    return [this.replace(s.prop.children![0]!, JSON.stringify(name))];
  }

  deleteScenario(scenario: string): TextEdit[] {
    const s = this.scenario(scenario);
    return [this.removeChild(this.scenariosNode()!, s.prop)];
  }
}

/**
 * @throws EditError when writing at (row, col0) would add more than MAX_PADDING empty rows
 * after the sheet's `rowCount` rows, or empty cells after the row's `rowLength` cells.
 */
function checkPadding(sheet: number, row: number, col0: number, rowCount: number, rowLength: number): void {
  const where = `Cell ${cellAddress(row, col0)}`;
  if (row - rowCount > MAX_PADDING) throw new EditError(paddingMessage(sheet, `${where} (row ${row + 1})`, row - rowCount, 'rows'));
  if (col0 - rowLength > MAX_PADDING) throw new EditError(paddingMessage(sheet, `${where} (column ${columnLetters(col0)})`, col0 - rowLength, 'cells'));
}

function paddingMessage(sheet: number, target: string, gap: number, what: string): string {
  return `${target} is ${gap.toLocaleString('en-US')} ${what} past the end of sheet ${sheet + 1}; writing there would add that many empty ${what} ` +
    `to the file (at most ${MAX_PADDING.toLocaleString('en-US')} per edit). Fill the ${what} nearer the data first.`;
}

/** `vals` placed at column `col0` of `row`, with null padding for any gap. */
function padRow(row: RawCell[], col0: number, vals: RawCell[]): RawCell[] {
  const out = [...row];
  while (out.length < col0) out.push(null);
  vals.forEach((v, i) => { out[col0 + i] = v; });
  return Array.from(out, (v) => (v === undefined ? null : v));
}
