/**
 * The virtualized spreadsheet grid. Only the visible rows and columns exist in the DOM: a
 * fixed pool of row elements (slot = row % poolRows) each holding a pool of cells
 * (slot = col % poolCols), so a scroll by one row rewrites one row of cells. A sticky
 * canvas covers the scroller's viewport and everything in it is positioned from the scroll
 * offsets in one pass, which keeps the frozen header row and first column in step with the
 * body. Cell text is always set with `textContent`.
 */
import { columnLetters } from './address';

export interface GridSource {
  readonly rowCount: number;
  readonly colCount: number;
  /** Displayed text of a cell. */
  text(row: number, col: number): string;
  /** Extra classes for a cell: `num`, `bool`, `err`, `diag-error`, ... (space-separated). */
  classes(row: number, col: number): string;
  /** Tooltip: error reason or diagnostic message. */
  title(row: number, col: number): string | undefined;
  /** True when the cell has no content (for Ctrl+arrow data edges). */
  isEmpty(row: number, col: number): boolean;
  columnLabel(col: number): string | undefined;
  columnWidth(col: number): number;
}

export interface CellRange { top: number; left: number; bottom: number; right: number }

export interface Selection {
  row: number;
  col: number;
  /** The other corner of the range (equals row/col for a single cell). */
  anchorRow: number;
  anchorCol: number;
}

export type MoveAfterEdit = 'down' | 'up' | 'right' | 'left' | 'none';

export interface GridCallbacks {
  onSelectionChange(sel: Selection): void;
  /** Raw text an edit starts with for the active cell (the formula as written). */
  editText(row: number, col: number): string;
  onCommit(row: number, col: number, text: string): void;
  /** Delete/Backspace over the selected range. */
  onClear(range: CellRange): void;
  /** Ctrl+D / Ctrl+R. */
  onFill(range: CellRange, direction: 'down' | 'right'): void;
  onColumnResize(col: number, width: number): void;
  onScroll(): void;
  /** Live text of the in-cell editor, mirrored into the formula bar. */
  onEditorInput(text: string): void;
  /** Right click (or the Menu key / Shift+F10) on a row header, column header or cell. */
  onContextMenu?(target: 'row' | 'column' | 'cell', clientX: number, clientY: number): void;
  /** Ctrl+Shift+= (insert) / Ctrl+- (delete) rows or columns of the selection. */
  onStructureKey?(action: 'insert' | 'delete'): void;
  /** Escape with nothing being edited (cancels a pending cut, as in Excel). */
  onEscape?(): void;
  /**
   * A click (`start`) or drag over cells while something may be edited: true when it was taken
   * as a reference for the formula being typed (point mode); then the selection stays put.
   */
  onPoint?(range: CellRange, start: boolean): boolean;
  /** The fill handle (the selection's corner) was dragged from `source` out to `target`. */
  onFillDrag?(source: CellRange, target: CellRange): void;
}

export type MarkKind = 'cut' | 'point' | 'fill';
const MARK_KINDS: readonly MarkKind[] = ['cut', 'point', 'fill'];

export const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 38;
const MIN_POOL_COL_WIDTH = 24;
const FROZEN_COLS = 1;

interface CellEl extends HTMLDivElement { _vis: boolean; _row: number; _col: number; _x: number; _w: number; _cls: string; _text: string; _title: string }
interface RowEl extends HTMLDivElement { _vis: boolean; _row: number; _header: HTMLDivElement; _frozen: CellEl; _strip: HTMLDivElement; _cells: CellEl[]; _x: number }

export function normalizeRange(sel: Selection): CellRange {
  return {
    top: Math.min(sel.row, sel.anchorRow), bottom: Math.max(sel.row, sel.anchorRow),
    left: Math.min(sel.col, sel.anchorCol), right: Math.max(sel.col, sel.anchorCol),
  };
}

export class Grid {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly rowsLayer: HTMLDivElement;
  private readonly headerRow: HTMLDivElement;
  private readonly headerStrip: HTMLDivElement;
  private readonly frozenHeader: HTMLDivElement;
  private readonly editor: HTMLInputElement;
  private source: GridSource;
  private rows: RowEl[] = [];
  private headerCells: HTMLDivElement[] = [];
  private poolCols = 0;
  /** x of each scrolling column (index >= FROZEN_COLS) from the strip's origin; colX[colCount] = total. */
  private colX: number[] = [0];
  private rowHeaderWidth = 48;
  private frozenWidth = 0;
  private viewW = 0;
  private viewH = 0;
  private sel: Selection = { row: 0, col: 0, anchorRow: 0, anchorCol: 0 };
  private range: CellRange = { top: 0, left: 0, bottom: 0, right: 0 };
  private editing: { row: number; col: number; caretMode: boolean } | undefined;
  private dragging: 'select' | { col: number; startX: number; startW: number } | { pointFrom: { row: number; col: number } } | { fill: CellRange; to: CellRange } | undefined;
  /** The small square at the selection's bottom-right corner: drag it to fill. */
  private readonly handle: HTMLDivElement;
  /** The last mouse-down inserted a reference: its double click must not start an edit. */
  private pointed = false;
  private widthOverride = new Map<number, number>();
  /** Ranges drawn with a border: cells cut and waiting for the paste, the range a formula points at. */
  private marks: Record<MarkKind, CellRange | undefined> = { cut: undefined, point: undefined, fill: undefined };

  /** `readOnly`: nothing starts an edit (the diff view shows a version, it does not edit it). */
  constructor(private readonly cb: GridCallbacks, source: GridSource, private readonly options: { readOnly?: boolean } = {}) {
    this.source = source;
    const el = (cls: string, tag = 'div') => { const e = document.createElement(tag); e.className = cls; return e; };
    this.element = el('grid') as HTMLDivElement;
    this.element.id = 'grid';
    this.element.setAttribute('role', 'grid');
    this.element.tabIndex = 0;
    this.element.setAttribute('aria-multiselectable', 'true');
    this.spacer = el('grid-spacer') as HTMLDivElement;
    this.canvas = el('grid-canvas') as HTMLDivElement;
    this.rowsLayer = el('grid-rows') as HTMLDivElement;
    this.headerRow = el('grid-header') as HTMLDivElement;
    this.headerRow.setAttribute('role', 'row');
    this.headerRow.setAttribute('aria-rowindex', '1');
    const corner = el('corner') as HTMLDivElement;
    corner.setAttribute('role', 'columnheader');
    corner.setAttribute('aria-colindex', '1');
    this.frozenHeader = el('col-header frozen') as HTMLDivElement;
    this.frozenHeader.setAttribute('role', 'columnheader');
    this.frozenHeader.setAttribute('aria-colindex', '2');
    this.frozenHeader.append(headerSpans());
    this.headerStrip = el('grid-strip') as HTMLDivElement;
    this.headerRow.append(corner, this.frozenHeader, this.headerStrip);
    this.editor = el('grid-editor', 'input') as HTMLInputElement;
    this.editor.id = 'cell-editor';
    this.editor.hidden = true;
    this.editor.spellcheck = false;
    this.editor.setAttribute('aria-label', 'Cell editor');
    this.handle = el('fill-handle') as HTMLDivElement;
    this.handle.title = 'Drag to fill';
    this.handle.hidden = true;
    this.canvas.append(this.rowsLayer, this.handle, this.headerRow, this.editor);
    this.element.append(this.spacer, this.canvas);

    this.element.addEventListener('scroll', () => { this.render(); this.cb.onScroll(); }, { passive: true });
    this.element.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.element.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.element.addEventListener('dblclick', (e) => {
      const hit = this.hitTest(e.clientX, e.clientY);
      // A double click on a column header's right edge fits the column to its content (Excel).
      if (hit && hit.row === -1 && hit.col >= 0 && hit.nearRightEdge) { this.autosize(hit.col); return; }
      if (hit && hit.row >= 0 && hit.col >= 0 && !this.pointed && !this.editing) this.startEdit(undefined);
    });
    this.element.addEventListener('contextmenu', (e) => this.onContextMenu(e));
    window.addEventListener('mousemove', (e) => this.onMouseMove(e));
    window.addEventListener('mouseup', () => this.onMouseUp());
    this.editor.addEventListener('keydown', (e) => this.onEditorKey(e));
    this.editor.addEventListener('input', () => this.cb.onEditorInput(this.editor.value));
    // Clicking elsewhere (e.g. the formula bar) commits without taking the focus back.
    this.editor.addEventListener('blur', () => { if (this.editing) this.commitEdit('none', false); });
    new ResizeObserver(() => this.layout()).observe(this.element);
  }

  // ----- public API -------------------------------------------------------------------

  setSource(source: GridSource): void {
    this.source = source;
    this.widthOverride.clear();
    this.layout();
  }

  /** New data with the same column widths (values, formats or diagnostics changed). */
  setSourceKeepLayout(source: GridSource): void {
    const sameShape = source.rowCount === this.source.rowCount && source.colCount === this.source.colCount;
    this.source = source;
    if (sameShape) this.refresh(); else this.layout();
  }

  /** Re-reads every visible cell (values changed). */
  refresh(): void {
    for (const r of this.rows) r._row = -1;
    this.updateHeaders();
    this.render();
  }

  /**
   * Draws (or with undefined removes) a border around `range`: `cut` dashed for a pending cut,
   * `point` for the reference a formula being typed just got by a click.
   */
  setMark(range: CellRange | undefined, kind: MarkKind = 'cut'): void {
    const old = this.marks[kind];
    if (!old && !range) return;
    this.marks[kind] = range && { ...range };
    this.restyle();
  }

  get selection(): Selection { return { ...this.sel }; }
  get selectedRange(): CellRange { return { ...this.range }; }
  get isEditing(): boolean { return this.editing !== undefined; }

  /** The in-cell editor (for point mode; its value is the text being edited). */
  get editorInput(): HTMLInputElement { return this.editor; }

  /** Ends the in-cell edit without committing or refocusing: the text moves elsewhere. */
  detachEdit(): void {
    if (!this.editing) return;
    this.editing = undefined;
    this.editor.hidden = true;
  }

  select(row: number, col: number, extend = false, reveal = true): void {
    const r = clamp(row, 0, this.source.rowCount - 1);
    const c = clamp(col, 0, this.source.colCount - 1);
    this.sel = extend ? { ...this.sel, row: r, col: c } : { row: r, col: c, anchorRow: r, anchorCol: c };
    this.range = normalizeRange(this.sel);
    if (reveal) this.reveal(r, c);
    this.restyle();
    this.cb.onSelectionChange(this.selection);
  }

  selectRange(sel: Selection): void {
    this.sel = { ...sel };
    this.range = normalizeRange(this.sel);
    this.restyle();
    this.cb.onSelectionChange(this.selection);
  }

  get scroll(): { top: number; left: number } {
    return { top: this.element.scrollTop, left: this.element.scrollLeft };
  }

  setScroll(top: number, left: number): void {
    this.element.scrollTop = top;
    this.element.scrollLeft = left;
    this.render();
  }

  /** Scrolls so that the cell is fully visible. */
  reveal(row: number, col: number): void {
    const bodyH = this.viewH - HEADER_HEIGHT;
    const y = row * ROW_HEIGHT;
    let top = this.element.scrollTop;
    if (y < top) top = y;
    else if (y + ROW_HEIGHT > top + bodyH) top = y + ROW_HEIGHT - bodyH;
    let left = this.element.scrollLeft;
    if (col >= FROZEN_COLS) {
      const x = this.colX[col - FROZEN_COLS];
      const w = this.width(col);
      const bodyW = this.viewW - this.rowHeaderWidth - this.frozenWidth;
      if (x < left) left = x;
      else if (x + w > left + bodyW) left = Math.min(x, x + w - bodyW);
    }
    if (top !== this.element.scrollTop || left !== this.element.scrollLeft) this.setScroll(top, left);
  }

  /** Starts editing the active cell; `initial` replaces its content (typing over a cell). */
  startEdit(initial: string | undefined): void {
    if (this.options.readOnly) return;
    const { row, col } = this.sel;
    this.editing = { row, col, caretMode: initial === undefined };
    this.editor.value = initial ?? this.cb.editText(row, col);
    this.editor.hidden = false;
    this.positionEditor();
    this.editor.focus();
    const end = this.editor.value.length;
    this.editor.setSelectionRange(end, end);
    this.cb.onEditorInput(this.editor.value);
  }

  cancelEdit(): void {
    if (!this.editing) return;
    this.editing = undefined;
    this.setMark(undefined, 'point');
    this.editor.hidden = true;
    this.cb.onEditorInput(this.cb.editText(this.sel.row, this.sel.col));
    this.element.focus();
  }

  commitEdit(move: MoveAfterEdit, refocus = true): void {
    const ed = this.editing;
    if (!ed) return;
    this.editing = undefined;
    this.setMark(undefined, 'point');
    const text = this.editor.value;
    this.editor.hidden = true;
    this.cb.onCommit(ed.row, ed.col, text);
    if (refocus) this.element.focus();
    this.move(move);
  }

  focus(): void { this.element.focus(); }

  /**
   * Fits column `col` to its widest text (cells and header label), measured in the cells' own
   * fonts. Only the first 20,000 rows are measured, so that a double click stays instant.
   */
  autosize(col: number): void {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return;
    const row = this.rows.find((r) => r._row >= 0);
    const cellEl = row && (col < FROZEN_COLS ? row._frozen : row._cells[0]);
    const style = getComputedStyle(cellEl ?? this.element);
    const pad = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0) + 8;
    ctx.font = style.font;
    let widest = 0;
    const rows = Math.min(this.source.rowCount, 20_000);
    for (let r = 0; r < rows; r++) {
      const t = this.source.text(r, col);
      if (t) widest = Math.max(widest, ctx.measureText(t).width);
    }
    const label = this.source.columnLabel(col);
    const labelEl = this.headerRow.querySelector('.col-label');
    if (label && labelEl) {
      ctx.font = getComputedStyle(labelEl).font;
      widest = Math.max(widest, ctx.measureText(label).width);
    }
    const w = Math.round(clamp(Math.ceil(widest) + pad, 24, 2000));
    if (w === this.width(col)) return;
    this.widthOverride.set(col, w);
    this.layout();
    this.cb.onColumnResize(col, w);
  }

  // ----- layout and rendering ---------------------------------------------------------

  private width(col: number): number {
    return this.widthOverride.get(col) ?? this.source.columnWidth(col);
  }

  private layout(): void {
    const src = this.source;
    const digits = String(Math.max(1, src.rowCount)).length;
    this.rowHeaderWidth = Math.max(40, 14 + digits * 8);
    this.frozenWidth = src.colCount > 0 ? this.width(0) : 0;
    const colX = [0];
    let minW = Infinity;
    for (let c = FROZEN_COLS; c < src.colCount; c++) {
      const w = this.width(c);
      minW = Math.min(minW, w);
      colX.push(colX[colX.length - 1] + w);
    }
    this.colX = colX;
    const totalW = this.rowHeaderWidth + this.frozenWidth + colX[colX.length - 1];
    const totalH = HEADER_HEIGHT + src.rowCount * ROW_HEIGHT;
    this.spacer.style.width = `${totalW}px`;
    this.spacer.style.height = `${totalH}px`;
    // The rows layer is as tall as all rows, so its bounds (and raster tiling) stay put as rows are recycled.
    this.rowsLayer.style.height = `${src.rowCount * ROW_HEIGHT}px`;
    this.viewW = this.element.clientWidth;
    this.viewH = this.element.clientHeight;
    this.canvas.style.width = `${this.viewW}px`;
    this.canvas.style.height = `${this.viewH}px`;
    this.element.setAttribute('aria-rowcount', String(src.rowCount + 1));
    this.element.setAttribute('aria-colcount', String(src.colCount + 1));

    const poolRows = Math.max(1, Math.ceil(Math.max(0, this.viewH - HEADER_HEIGHT) / ROW_HEIGHT) + 2);
    const bodyW = Math.max(0, this.viewW - this.rowHeaderWidth - this.frozenWidth);
    const poolCols = Math.max(1, Math.ceil(bodyW / Math.max(MIN_POOL_COL_WIDTH, Number.isFinite(minW) ? minW : 100)) + 2);
    if (poolRows !== this.rows.length || poolCols !== this.poolCols) this.buildPool(poolRows, poolCols);
    for (const r of this.rows) {
      r._header.style.width = `${this.rowHeaderWidth}px`;
      r._frozen.style.left = `${this.rowHeaderWidth}px`;
      r._frozen.style.width = `${this.frozenWidth}px`;
      r._strip.style.left = `${this.rowHeaderWidth + this.frozenWidth}px`;
    }
    (this.headerRow.firstChild as HTMLDivElement).style.width = `${this.rowHeaderWidth}px`;
    this.frozenHeader.style.left = `${this.rowHeaderWidth}px`;
    this.frozenHeader.style.width = `${this.frozenWidth}px`;
    this.headerStrip.style.left = `${this.rowHeaderWidth + this.frozenWidth}px`;
    this.refresh();
  }

  private buildPool(poolRows: number, poolCols: number): void {
    this.poolCols = poolCols;
    this.rowsLayer.replaceChildren();
    this.rows = [];
    for (let i = 0; i < poolRows; i++) {
      const row = document.createElement('div') as RowEl;
      row.className = 'grid-row';
      row.setAttribute('role', 'row');
      row._row = -1;
      row._x = NaN;
      row._header = document.createElement('div');
      row._header.className = 'row-header';
      row._header.setAttribute('role', 'rowheader');
      row._header.setAttribute('aria-colindex', '1');
      row._frozen = makeCell('cell frozen');
      row._strip = document.createElement('div');
      row._strip.className = 'grid-strip';
      row._cells = [];
      for (let j = 0; j < poolCols; j++) {
        const cell = makeCell('cell');
        row._cells.push(cell);
        row._strip.append(cell);
      }
      row.append(row._header, row._frozen, row._strip);
      row.hidden = true;
      row._vis = false;
      this.rows.push(row);
      this.rowsLayer.append(row);
    }
    this.headerCells = [];
    this.headerStrip.replaceChildren();
    for (let j = 0; j < poolCols; j++) {
      const h = document.createElement('div');
      h.className = 'col-header';
      h.setAttribute('role', 'columnheader');
      h.append(headerSpans());
      (h as HTMLDivElement & { _col: number })._col = -1;
      this.headerCells.push(h);
      this.headerStrip.append(h);
    }
  }

  private visibleCols(): [number, number] {
    const left = this.element.scrollLeft;
    const right = left + this.viewW - this.rowHeaderWidth - this.frozenWidth;
    const n = this.source.colCount;
    if (n <= FROZEN_COLS) return [FROZEN_COLS, FROZEN_COLS - 1];
    // Binary search for the first scrolling column whose right edge is past `left`.
    let lo = 0;
    let hi = n - FROZEN_COLS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.colX[mid + 1] <= left) lo = mid + 1; else hi = mid;
    }
    let last = lo;
    while (last + 1 < n - FROZEN_COLS && this.colX[last + 1] < right && last - lo + 2 <= this.poolCols) last++;
    return [lo + FROZEN_COLS, last + FROZEN_COLS];
  }

  private updateHeaders(): void {
    const [c0, c1] = this.visibleCols();
    this.setHeader(this.frozenHeader, 0);
    for (const h of this.headerCells) (h as HTMLDivElement & { _col: number })._col = -1;
    for (let c = c0; c <= c1; c++) this.setHeader(this.headerCells[c % this.poolCols], c);
    for (const h of this.headerCells) if ((h as HTMLDivElement & { _col: number })._col === -1) h.hidden = true;
  }

  private setHeader(h: HTMLDivElement, c: number): void {
    (h as HTMLDivElement & { _col: number })._col = c;
    h.hidden = c >= this.source.colCount;
    if (h !== this.frozenHeader) {
      h.style.transform = `translateX(${this.colX[c - FROZEN_COLS]}px)`;
      h.style.width = `${this.width(c)}px`;
    }
    h.setAttribute('aria-colindex', String(c + 2));
    (h.firstChild as HTMLElement).textContent = columnLetters(c);
    const label = this.source.columnLabel(c) ?? '';
    (h.lastChild as HTMLElement).textContent = label;
    h.title = label;
    h.classList.toggle('selected-col', c >= this.range.left && c <= this.range.right);
  }

  /** One pass over the visible area; called on every scroll event. */
  render(): void {
    const src = this.source;
    const top = this.element.scrollTop;
    const left = this.element.scrollLeft;
    const poolRows = this.rows.length;
    const r0 = Math.floor(top / ROW_HEIGHT);
    const r1 = Math.min(src.rowCount - 1, r0 + poolRows - 1,
      Math.floor((top + this.viewH - HEADER_HEIGHT) / ROW_HEIGHT));
    const [c0, c1] = this.visibleCols();
    this.rowsLayer.style.transform = `translateY(${HEADER_HEIGHT - top}px)`;
    this.headerStrip.style.transform = `translateX(${-left}px)`;
    // Headers whose column changed.
    for (let c = c0; c <= c1; c++) {
      const h = this.headerCells[c % this.poolCols] as HTMLDivElement & { _col: number };
      if (h._col !== c) { this.setHeader(h, c); h.hidden = false; }
    }
    for (const h of this.headerCells as (HTMLDivElement & { _col: number })[]) {
      const visible = h._col >= c0 && h._col <= c1;
      if (h.hidden === visible) h.hidden = !visible;
    }
    for (let r = r0; r <= r1; r++) {
      const row = this.rows[r % poolRows];
      const fresh = row._row !== r;
      if (fresh) {
        row._row = r;
        row.style.transform = `translateY(${r * ROW_HEIGHT}px)`;
        row.setAttribute('aria-rowindex', String(r + 2));
        row._header.textContent = String(r + 1);
        row._header.classList.toggle('selected-row', r >= this.range.top && r <= this.range.bottom);
        this.fill(row._frozen, r, 0);
      }
      if (row._x !== left) { row._x = left; row._strip.style.transform = `translateX(${-left}px)`; }
      const cells = row._cells;
      for (let c = c0; c <= c1; c++) {
        const cell = cells[c % this.poolCols];
        if (fresh || cell._col !== c || cell._row !== r) this.fill(cell, r, c);
      }
      for (const cell of cells) {
        const visible = cell._col >= c0 && cell._col <= c1 && cell._row === r;
        if (cell._vis !== visible) {
          cell._vis = visible;
          cell.hidden = !visible;
          if (!visible) forget(cell);
        }
      }
    }
    for (const row of this.rows) {
      const visible = row._row >= r0 && row._row <= r1;
      if (row._vis !== visible) {
        row._vis = visible;
        row.hidden = !visible;
        if (!visible) { forget(row._frozen); row._cells.forEach(forget); }
      }
      if (!visible) row._row = -1;
    }
    if (this.editing) this.positionEditor();
    this.positionHandle();
  }

  private positionHandle(): void {
    const { bottom, right } = this.range;
    const r = this.cellRect(bottom, right);
    const x = r.x + r.w;
    const y = r.y + r.h;
    const left = right < FROZEN_COLS ? this.rowHeaderWidth : this.rowHeaderWidth + this.frozenWidth;
    // Hidden while editing (the editor covers the corner) and when the corner is scrolled away.
    const hide = this.editing !== undefined || this.source.rowCount === 0 || y <= HEADER_HEIGHT || y > this.viewH || x <= left || x > this.viewW;
    if (this.handle.hidden !== hide) this.handle.hidden = hide;
    if (!hide) this.handle.style.transform = `translate(${x - 4}px, ${y - 4}px)`;
  }

  private fill(cell: CellEl, r: number, c: number): void {
    const src = this.source;
    if (cell._row !== r) { cell._row = r; cell.setAttribute('data-row', String(r)); }
    // A recycled slot usually keeps its column: only touch what changed, to keep style work small.
    const x = c >= FROZEN_COLS ? this.colX[c - FROZEN_COLS] : 0;
    const w = this.width(c);
    if (cell._col !== c || cell._x !== x || cell._w !== w) {
      cell._col = c;
      cell._x = x;
      cell._w = w;
      cell.setAttribute('data-col', String(c));
      cell.setAttribute('aria-colindex', String(c + 2));
      if (c >= FROZEN_COLS) {
        cell.style.transform = `translateX(${x}px)`;
        cell.style.width = `${w}px`;
      }
    }
    const text = src.text(r, c);
    if (cell._text !== text) { cell._text = text; cell.textContent = text; }
    const title = src.title(r, c) ?? '';
    if (cell._title !== title) { cell._title = title; if (title) cell.title = title; else cell.removeAttribute('title'); }
    this.styleCell(cell, src.classes(r, c));
  }

  private styleCell(cell: CellEl, base: string): void {
    const { top, left, bottom, right } = this.range;
    const r = cell._row;
    const c = cell._col;
    let cls = `cell${c < FROZEN_COLS ? ' frozen' : ''}${base ? ` ${base}` : ''}`;
    const inRange = r >= top && r <= bottom && c >= left && c <= right;
    if (inRange && (top !== bottom || left !== right)) cls += ' in-range';
    const active = r === this.sel.row && c === this.sel.col;
    if (active) cls += ' active';
    for (const kind of MARK_KINDS) {
      const m = this.marks[kind];
      if (!m || r < m.top || r > m.bottom || c < m.left || c > m.right) continue;
      cls += ` ${kind}-mark`;
      if (r === m.top) cls += ` ${kind}-t`;
      if (r === m.bottom) cls += ` ${kind}-b`;
      if (c === m.left) cls += ` ${kind}-l`;
      if (c === m.right) cls += ` ${kind}-r`;
    }
    if (cell._cls !== cls) {
      cell._cls = cls;
      cell.className = cls;
      cell.setAttribute('aria-selected', String(inRange));
    }
    if (active) cell.id = 'active-cell'; else if (cell.id) cell.removeAttribute('id');
  }

  /** Re-applies selection classes to the visible cells and headers. */
  private restyle(): void {
    for (const row of this.rows) {
      if (row._row < 0) continue;
      row._header.classList.toggle('selected-row', row._row >= this.range.top && row._row <= this.range.bottom);
      this.styleCell(row._frozen, this.source.classes(row._row, 0));
      for (const cell of row._cells) if (cell._row === row._row && cell._col >= 0) this.styleCell(cell, this.source.classes(cell._row, cell._col));
    }
    const hs = [this.frozenHeader, ...this.headerCells] as (HTMLDivElement & { _col: number })[];
    for (const h of hs) h.classList.toggle('selected-col', h._col >= this.range.left && h._col <= this.range.right);
    this.element.setAttribute('aria-activedescendant', 'active-cell');
    this.positionHandle();
  }

  /** Viewport rectangle of a cell, relative to the canvas. */
  cellRect(row: number, col: number): { x: number; y: number; w: number; h: number } {
    const y = HEADER_HEIGHT + row * ROW_HEIGHT - this.element.scrollTop;
    const x = col < FROZEN_COLS ? this.rowHeaderWidth : this.rowHeaderWidth + this.frozenWidth + this.colX[col - FROZEN_COLS] - this.element.scrollLeft;
    return { x, y, w: this.width(col), h: ROW_HEIGHT };
  }

  private positionEditor(): void {
    if (!this.editing) return;
    const { x, y, w, h } = this.cellRect(this.editing.row, this.editing.col);
    this.editor.style.transform = `translate(${x}px, ${y}px)`;
    this.editor.style.width = `${Math.max(w, 60)}px`;
    this.editor.style.height = `${h}px`;
  }

  /** Maps a pointer position to a cell; row -1 is the header, col -1 the row header. */
  private hitTest(clientX: number, clientY: number): { row: number; col: number; nearRightEdge?: boolean } | undefined {
    const rect = this.element.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    if (x < 0 || y < 0 || x > this.viewW || y > this.viewH) return undefined;
    const row = y < HEADER_HEIGHT ? -1 : Math.floor((y - HEADER_HEIGHT + this.element.scrollTop) / ROW_HEIGHT);
    let col: number;
    let edge: number;
    if (x < this.rowHeaderWidth) return { row, col: -1 };
    if (x < this.rowHeaderWidth + this.frozenWidth) {
      col = 0;
      edge = this.rowHeaderWidth + this.frozenWidth;
    } else {
      const sx = x - this.rowHeaderWidth - this.frozenWidth + this.element.scrollLeft;
      let lo = 0;
      let hi = this.colX.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.colX[mid] <= sx) lo = mid; else hi = mid - 1;
      }
      col = lo + FROZEN_COLS;
      edge = this.rowHeaderWidth + this.frozenWidth + this.colX[lo + 1] - this.element.scrollLeft;
    }
    if (row >= this.source.rowCount) return undefined;
    return { row, col: Math.min(col, this.source.colCount - 1), nearRightEdge: Math.abs(x - edge) <= 4 };
  }

  // ----- input ------------------------------------------------------------------------

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0 || e.target === this.editor) return;
    if (e.target === this.handle && this.cb.onFillDrag) {
      e.preventDefault();
      if (this.editing) this.commitEdit('none');
      this.dragging = { fill: { ...this.range }, to: { ...this.range } };
      this.setMark(this.range, 'fill');
      return;
    }
    const hit = this.hitTest(e.clientX, e.clientY);
    if (!hit) return;
    this.pointed = hit.row >= 0 && hit.col >= 0 && this.cb.onPoint?.({ top: hit.row, left: hit.col, bottom: hit.row, right: hit.col }, true) === true;
    if (this.pointed) {
      // Point mode: the focus stays in the formula being typed.
      e.preventDefault();
      this.dragging = { pointFrom: { row: hit.row, col: hit.col } };
      return;
    }
    if (this.editing) this.commitEdit('none');
    if (hit.row === -1 && hit.col >= 0 && hit.nearRightEdge) {
      this.dragging = { col: hit.col, startX: e.clientX, startW: this.width(hit.col) };
      e.preventDefault();
      return;
    }
    e.preventDefault();
    this.element.focus();
    const last = { row: this.source.rowCount - 1, col: this.source.colCount - 1 };
    if (hit.row === -1 && hit.col >= 0) {
      // Column header: the whole column (Shift extends from the anchor column).
      this.selectRange({ row: 0, col: hit.col, anchorRow: last.row, anchorCol: e.shiftKey ? this.sel.anchorCol : hit.col });
      return;
    }
    if (hit.col === -1 && hit.row >= 0) {
      this.selectRange({ row: hit.row, col: 0, anchorRow: e.shiftKey ? this.sel.anchorRow : hit.row, anchorCol: last.col });
      return;
    }
    if (hit.row < 0 || hit.col < 0) return;
    this.select(hit.row, hit.col, e.shiftKey, false);
    this.dragging = 'select';
  }

  /** Whole rows or whole columns selected (a header click, Shift+Space, Ctrl+Space). */
  get selectionKind(): 'row' | 'column' | 'cell' {
    const last = { row: this.source.rowCount - 1, col: this.source.colCount - 1 };
    if (this.range.top === 0 && this.range.bottom >= last.row && last.row > 0) return 'column';
    if (this.range.left === 0 && this.range.right >= last.col && last.col > 0) return 'row';
    return 'cell';
  }

  private onContextMenu(e: MouseEvent): void {
    if (!this.cb.onContextMenu || e.target === this.editor) return;
    const hit = this.hitTest(e.clientX, e.clientY);
    if (!hit) return;
    e.preventDefault();
    if (this.editing) this.commitEdit('none');
    this.element.focus();
    const last = { row: this.source.rowCount - 1, col: this.source.colCount - 1 };
    const { top, left, bottom, right } = this.range;
    // A right click outside the selection selects what was clicked first, as spreadsheets do.
    if (hit.row === -1 && hit.col >= 0) {
      if (this.selectionKind !== 'column' || hit.col < left || hit.col > right) this.selectRange({ row: 0, col: hit.col, anchorRow: last.row, anchorCol: hit.col });
      this.cb.onContextMenu('column', e.clientX, e.clientY);
    } else if (hit.col === -1 && hit.row >= 0) {
      if (this.selectionKind !== 'row' || hit.row < top || hit.row > bottom) this.selectRange({ row: hit.row, col: 0, anchorRow: hit.row, anchorCol: last.col });
      this.cb.onContextMenu('row', e.clientX, e.clientY);
    } else if (hit.row >= 0 && hit.col >= 0) {
      if (hit.row < top || hit.row > bottom || hit.col < left || hit.col > right) this.select(hit.row, hit.col, false, false);
      this.cb.onContextMenu('cell', e.clientX, e.clientY);
    }
  }

  private onMouseMove(e: MouseEvent): void {
    if (!this.dragging) return;
    if (typeof this.dragging === 'object' && 'pointFrom' in this.dragging) {
      const from = this.dragging.pointFrom;
      const hit = this.hitTest(e.clientX, e.clientY);
      if (hit && hit.row >= 0 && hit.col >= 0) this.cb.onPoint?.(normalizeRange({ row: hit.row, col: hit.col, anchorRow: from.row, anchorCol: from.col }), false);
      return;
    }
    if (typeof this.dragging === 'object' && 'fill' in this.dragging) {
      const d = this.dragging;
      const hit = this.hitTest(e.clientX, e.clientY);
      if (!hit || hit.row < 0 || hit.col < 0) return;
      d.to = fillTarget(d.fill, hit.row, hit.col);
      this.setMark(d.to, 'fill');
      return;
    }
    if (this.dragging === 'select') {
      // Dragging past an edge scrolls that way and extends to the cell at the edge.
      const rect = this.element.getBoundingClientRect();
      const top = rect.top + HEADER_HEIGHT;
      const left = rect.left + this.rowHeaderWidth + this.frozenWidth;
      const right = rect.left + this.viewW - 1;
      const bottom = rect.top + this.viewH - 1;
      let dy = 0;
      let dx = 0;
      if (e.clientY < top) dy = -ROW_HEIGHT; else if (e.clientY > bottom) dy = ROW_HEIGHT;
      if (e.clientX < left && this.element.scrollLeft > 0) dx = -40; else if (e.clientX > right) dx = 40;
      if (dx || dy) this.setScroll(this.element.scrollTop + dy, this.element.scrollLeft + dx);
      const hit = this.hitTest(clamp(e.clientX, left, right), clamp(e.clientY, top, bottom));
      if (hit && hit.row >= 0 && hit.col >= 0 && (hit.row !== this.sel.row || hit.col !== this.sel.col)) this.select(hit.row, hit.col, true, false);
      return;
    }
    const d = this.dragging;
    const w = Math.round(clamp(d.startW + e.clientX - d.startX, 24, 2000));
    this.widthOverride.set(d.col, w);
    this.layout();
  }

  private onMouseUp(): void {
    const d = this.dragging;
    this.dragging = undefined;
    if (d && d !== 'select' && 'fill' in d) {
      this.setMark(undefined, 'fill');
      const { fill: src, to } = d;
      if (to.top !== src.top || to.bottom !== src.bottom || to.left !== src.left || to.right !== src.right) {
        this.selectRange({ row: to.top, col: to.left, anchorRow: to.bottom, anchorCol: to.right });
        this.cb.onFillDrag?.(src, to);
      }
      return;
    }
    if (d && d !== 'select' && 'col' in d) {
      const w = this.widthOverride.get(d.col);
      if (w !== undefined && w !== d.startW) this.cb.onColumnResize(d.col, w);
    }
  }

  private move(dir: MoveAfterEdit): void {
    const { row, col } = this.sel;
    if (dir === 'down') this.select(row + 1, col);
    else if (dir === 'up') this.select(row - 1, col);
    else if (dir === 'right') this.select(row, col + 1);
    else if (dir === 'left') this.select(row, col - 1);
  }

  /** Excel's Ctrl+arrow: to the edge of the current data block, or the next non-empty cell. */
  private dataEdge(dr: number, dc: number): { row: number; col: number } {
    const src = this.source;
    let r = this.sel.row;
    let c = this.sel.col;
    const inside = (rr: number, cc: number) => rr >= 0 && cc >= 0 && rr < src.rowCount && cc < src.colCount;
    if (!inside(r + dr, c + dc)) return { row: r, col: c };
    const filled = (rr: number, cc: number) => !src.isEmpty(rr, cc);
    if (filled(r, c) && filled(r + dr, c + dc)) {
      while (inside(r + dr, c + dc) && filled(r + dr, c + dc)) { r += dr; c += dc; }
    } else {
      r += dr; c += dc;
      while (inside(r + dr, c + dc) && !filled(r, c)) { r += dr; c += dc; }
    }
    return { row: r, col: c };
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.target === this.editor || this.editing) return;
    const mod = e.ctrlKey || e.metaKey;
    const pageRows = Math.max(1, Math.floor((this.viewH - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const { row, col } = this.sel;
    const go = (r: number, c: number) => { e.preventDefault(); this.select(r, c, e.shiftKey); };
    if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && this.cb.onContextMenu) {
      e.preventDefault();
      const rect = this.element.getBoundingClientRect();
      const cell = this.cellRect(row, col);
      this.cb.onContextMenu(this.selectionKind, rect.left + cell.x + cell.w / 2, rect.top + cell.y + cell.h);
      return;
    }
    // Ctrl+Shift+= (Ctrl++ on many layouts) inserts, Ctrl+- deletes, as in Excel.
    if (mod && !e.altKey && this.cb.onStructureKey && ((e.shiftKey && (e.key === '+' || e.key === '=')) || e.key === '-')) {
      e.preventDefault();
      this.cb.onStructureKey(e.key === '-' ? 'delete' : 'insert');
      return;
    }
    switch (e.key) {
      case 'ArrowDown': case 'ArrowUp': case 'ArrowLeft': case 'ArrowRight': {
        const [dr, dc] = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key] as [number, number];
        if (mod) { const t = this.dataEdge(dr, dc); go(t.row, t.col); } else go(row + dr, col + dc);
        return;
      }
      case 'PageDown': go(row + pageRows, col); return;
      case 'PageUp': go(row - pageRows, col); return;
      case 'Home': go(mod ? 0 : row, 0); return;
      case 'End': {
        if (mod) { go(this.source.rowCount - 1, this.source.colCount - 1); return; }
        let c = this.source.colCount - 1;
        while (c > 0 && this.source.isEmpty(row, c)) c--;
        go(row, c);
        return;
      }
      case 'Tab': e.preventDefault(); this.select(row, col + (e.shiftKey ? -1 : 1)); return;
      case 'Enter': e.preventDefault(); this.startEdit(undefined); return;
      case 'F2': e.preventDefault(); this.startEdit(undefined); return;
      case 'Escape': this.select(row, col); this.cb.onEscape?.(); return;
      case 'Delete': case 'Backspace': e.preventDefault(); this.cb.onClear(this.selectedRange); return;
      case ' ':
        // Ctrl+Space selects the column, Shift+Space the row (as in Excel).
        if (mod || e.shiftKey) {
          e.preventDefault();
          const last = { row: this.source.rowCount - 1, col: this.source.colCount - 1 };
          // The active cell moves to the range's first corner, as a header click does.
          if (mod) this.selectRange({ row: 0, col, anchorRow: last.row, anchorCol: col });
          else this.selectRange({ row, col: 0, anchorRow: row, anchorCol: last.col });
          return;
        }
        break;
    }
    if (mod && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'a') {
        e.preventDefault();
        this.selectRange({ row: 0, col: 0, anchorRow: this.source.rowCount - 1, anchorCol: this.source.colCount - 1 });
      } else if (k === 'd' || k === 'r') {
        e.preventDefault();
        this.cb.onFill(this.selectedRange, k === 'd' ? 'down' : 'right');
      }
      // Ctrl+Z/Ctrl+Y/Ctrl+C/Ctrl+V fall through untouched: VS Code's undo and the clipboard events.
      return;
    }
    // AltGr arrives as Ctrl+Alt: still a character to type.
    if (e.key.length === 1 && (!e.altKey || e.ctrlKey) && !e.isComposing) {
      e.preventDefault();
      this.startEdit(e.key);
    }
  }

  private onEditorKey(e: KeyboardEvent): void {
    const ed = this.editing;
    if (!ed) return;
    e.stopPropagation();
    switch (e.key) {
      case 'Enter': e.preventDefault(); this.commitEdit(e.shiftKey ? 'up' : 'down'); return;
      case 'Tab': e.preventDefault(); this.commitEdit(e.shiftKey ? 'left' : 'right'); return;
      case 'Escape': e.preventDefault(); this.cancelEdit(); return;
      case 'F2': e.preventDefault(); ed.caretMode = !ed.caretMode; return;
      case 'ArrowDown': case 'ArrowUp': case 'ArrowLeft': case 'ArrowRight':
        if (!ed.caretMode) {
          e.preventDefault();
          this.commitEdit(({ ArrowDown: 'down', ArrowUp: 'up', ArrowLeft: 'left', ArrowRight: 'right' } as const)[e.key]);
        }
        return;
    }
  }
}

/**
 * A hidden cell drops its address so that `[data-row][data-col]` only ever finds the one
 * visible cell showing that address (tests and tools rely on it).
 */
function forget(cell: CellEl): void {
  cell._row = -1;
  cell._col = -1;
  cell.removeAttribute('data-row');
  cell.removeAttribute('data-col');
}

/** Column letter over the column's header label. */
function headerSpans(): DocumentFragment {
  const f = document.createDocumentFragment();
  const letter = document.createElement('span');
  letter.className = 'col-letter';
  const label = document.createElement('span');
  label.className = 'col-label';
  f.append(letter, label);
  return f;
}

function makeCell(cls: string): CellEl {
  const cell = document.createElement('div') as CellEl;
  cell.className = cls;
  cell.setAttribute('role', 'gridcell');
  cell._row = -1;
  cell._col = -1;
  cell._vis = true;
  cell._x = NaN;
  cell._w = NaN;
  cell._cls = cls;
  cell._text = '';
  cell._title = '';
  return cell;
}

/**
 * Where a fill drag from `src` to the cell under the pointer reaches: the selection extended
 * along one axis only, whichever the pointer has moved further out along (as in Excel).
 */
export function fillTarget(src: CellRange, row: number, col: number): CellRange {
  const dr = row > src.bottom ? row - src.bottom : row < src.top ? row - src.top : 0;
  const dc = col > src.right ? col - src.right : col < src.left ? col - src.left : 0;
  if (dr === 0 && dc === 0) return { ...src };
  if (Math.abs(dr) >= Math.abs(dc)) return dr > 0 ? { ...src, bottom: row } : { ...src, top: row };
  return dc > 0 ? { ...src, right: col } : { ...src, left: col };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
