/**
 * The workbook webview: toolbar, formula bar, grid, sheet tabs and parameters panel, driven
 * by the host's `document` messages. The TextDocument is the truth: edits are applied to
 * the local engine for instant feedback, posted as intents, and the next `document`
 * message replaces the local state.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { HyperFormula } from 'hyperformula';
import { engineBuildProblem, WorkbookEngine } from '../src/core/engine/index';
import type { CellValue, TracedRef } from '../src/core/engine/types';
import { BASE_SCENARIO, scenarioNames, type RawCell, type Workbook } from '../src/core/model/workbook';
import { applyIntentsToModel, setModelCell } from '../src/core/edit/apply-model';
import type { EditIntent, GridDiagnostic, HostMessage } from '../src/shared/protocol';
import { parseHtmlTable, parseTsv, toTsv } from './clipboard/tsv';
import { parseTypedInput, rawToText } from './edit/raw-input';
import { PointMode } from './edit/point-mode';
import { shiftFormula, shiftRaw } from './edit/shift-references';
import { fillLine } from './edit/fill-series';
import { sortBlock } from './edit/sort-rows';
import { selectionStats, statsText } from './ui/selection-stats';
import { cellAddress, columnLetters, qualifiedAddress } from './grid/address';
import { quoteSheetName } from '../src/core/model/a1';
import { Grid, type CellRange, type Selection } from './grid/grid';
import { AnalysisPanel } from './analysis/analysis-panel';
import { el } from './analysis/dom';
import { ParametersPanel, type ParameterLayer } from './ui/parameters-panel';
import { keepSelectAllInTextFields } from './ui/select-all';
import { ConfirmBar, ContextMenu, type MenuItem } from './structure/menu';
import { bindF4 } from './edit/absolute-ref';
import { FormulaCompletion } from './completion/formula-completion';
import { deleteSheetEdits, moveEdits, shiftDeleteEdits, structureEdits, type ShiftDelete, type StructureOp } from './structure/structure-edits';
import { parseForView } from './parse-fast';
import { recordOpen } from './open-timing';
import { loadState, post, saveState } from './vscode-api';
import { asWorkbook, indexDiagnostics, rawAt, SheetSource, type CellDiagnostics, type Trace } from './workbook-view';

interface ViewState {
  sheet: number;
  scenario: string;
  /** Per sheet name: selection and scroll. */
  sheets: Record<string, { sel: Selection; top: number; left: number }>;
  paramsOpen: boolean;
  trace: boolean;
  analysisOpen?: boolean;
  analysisTab?: string;
}

/** Most cells a precedents/dependents highlight expands a range into. */
const MAX_TRACE_CELLS = 5000;

/** Clipboard type for raw cells copied inside the grid (formulas shift when pasted). */
const RAW_MIME = 'application/x-minerals-cells';

/** ` (line L, column C)` of a text offset, 1-based as editors show it. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${offset - before.lastIndexOf('\n')})`;
}

type SelectElement = HTMLElement & { value: string };

/** What the grid puts on the clipboard under RAW_MIME; `cut` names a pending cut. */
interface RawClip { top: number; left: number; cells: RawCell[][]; cut?: string }

/** Cells cut and waiting for their paste: nothing changes until then (Excel's cut is a move). */
interface PendingCut { id: string; sheet: number; range: CellRange; cells: RawCell[][] }

export class App {
  private workbook: Workbook | undefined;
  private engine: WorkbookEngine | undefined;
  private version = 0;
  private sheetIndex = 0;
  private scenario = BASE_SCENARIO;
  private locale = 'en-US';
  private hostDiagnostics: GridDiagnostic[] = [];
  private cellDiagnostics: CellDiagnostics = new Map();
  private source: SheetSource | undefined;
  private nextRequestId = 1;
  private readonly pending = new Map<number, EditIntent[]>();
  private lastGoodText = '';
  private view: ViewState;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private selTimer: ReturnType<typeof setTimeout> | undefined;
  private previewFrame = 0;
  private applyingDocument = false;
  private trace: Trace | undefined;
  /**
   * Runs after each applied document until it returns true: the document a structure edit
   * waits for may arrive after others (a save, an edit from a split editor).
   */
  private afterDocument: (() => boolean) | undefined;
  /** Ids of this editor's cuts start with it: a stale one is told apart from another editor's. */
  private readonly clipOwner = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private cutCount = 0;
  private cut: PendingCut | undefined;
  private readonly point = new PointMode();
  /**
   * The cell the formula bar's text belongs to while pointing on another sheet took the view
   * away from it (Excel's cross-sheet point mode); undefined: the grid's active cell.
   */
  private formulaHome: { sheet: number; row: number; col: number } | undefined;
  /** Something was typed in the formula bar since it got the focus (a click then commits it). */
  private formulaBarTyped = false;
  private readonly menu = new ContextMenu();
  private readonly confirm = new ConfirmBar();

  private readonly grid: Grid;
  private readonly title = el('h1', { id: 'workbook-title' });
  private readonly scenarioSelect = document.createElement('vscode-single-select') as SelectElement;
  private readonly tabs = el('div', { id: 'sheet-tabs' });
  private readonly banner = el('div', { id: 'error-banner', hidden: true });
  private readonly bannerText = el('span', { className: 'banner-text' });
  private readonly address = el('div', { id: 'cell-address' });
  private readonly formulaBar = el('input', { id: 'formula-bar', type: 'text', spellcheck: false });
  private readonly live = el('div', { id: 'grid-status', className: 'visually-hidden' });
  private readonly checks = el('span', { id: 'checks-status', className: 'checks-status' });
  /** Sum / Average / Count of the selection, at the grid's foot as in Excel's status bar. */
  private readonly stats = el('span', { id: 'selection-stats', className: 'selection-stats' });
  private statsTimer: ReturnType<typeof setTimeout> | undefined;
  private showFormulas = false;
  /** Which layer typing writes: Baseline or the shown scenario's override (see cellLayer). */
  private readonly editLayer = el('span', { id: 'edit-layer', className: 'edit-layer' });
  private readonly editBaselineButton = el('button', { id: 'edit-baseline', type: 'button', className: 'edit-baseline', hidden: true });
  /** The user chose to edit Baseline although the shown scenario overrides what is edited. */
  private editBaseline = false;
  private readonly params: ParametersPanel;
  private readonly analysis: AnalysisPanel;

  constructor(root: HTMLElement) {
    const saved = loadState<ViewState>();
    this.view = {
      sheet: typeof saved.sheet === 'number' ? saved.sheet : 0,
      scenario: typeof saved.scenario === 'string' ? saved.scenario : BASE_SCENARIO,
      sheets: typeof saved.sheets === 'object' && saved.sheets !== null ? saved.sheets : {},
      paramsOpen: saved.paramsOpen !== false,
      trace: saved.trace === true,
    };
    this.sheetIndex = this.view.sheet;
    this.scenario = this.view.scenario;

    this.grid = new Grid({
      onSelectionChange: (sel) => this.onSelection(sel),
      editText: (r, c) => this.rawText(r, c),
      onCommit: (r, c, text) => this.commitText(r, c, text),
      onClear: (range) => this.clearRange(range),
      onFill: (range, dir) => this.fill(range, dir),
      onFillDrag: (src, to) => this.fillDrag(src, to),
      onColumnResize: (col, width) => this.resizeColumn(col, width),
      onScroll: () => this.scheduleSave(),
      onEditorInput: (text) => {
        if (document.activeElement !== this.formulaBar) this.formulaBar.value = text;
        this.grid.setMark(undefined, 'point'); // typed on: the reference is no longer being pointed
      },
      onContextMenu: (target, x, y) => this.openGridMenu(target, x, y),
      onStructureKey: (action) => this.structureKey(action),
      onEscape: () => { if (this.cut) { this.cancelCut(); this.live.textContent = 'Cut cancelled'; } },
      onPoint: (range, start) => this.onPoint(range, start),
    }, this.emptySource());
    this.params = new ParametersPanel({
      onPreview: (name, value) => this.previewParameter(name, value),
      onCommit: (name, value) => this.commitParameter(name, value),
      onEditBaseline: (on) => this.setEditBaseline(on),
    });
    this.params.element.hidden = !this.view.paramsOpen;
    this.analysis = new AnalysisPanel({
      engine: () => this.engine,
      workbook: () => this.workbook,
      scenario: () => this.scenario,
      setScenario: (name) => this.setScenario(name),
      activeCell: () => qualifiedAddress(this.workbook?.sheets[this.sheetIndex]?.name ?? '', this.grid.selection.row, this.grid.selection.col),
      selectedRange: () => this.selectionLabel(this.grid.selectedRange),
      edit: (edits) => this.send(edits),
    }, { open: saved.analysisOpen === true, tab: saved.analysisTab });

    this.buildLayout(root);
    window.addEventListener('message', (e: MessageEvent) => this.onMessage(e.data));
    document.addEventListener('copy', (e) => this.onCopy(e, false));
    document.addEventListener('cut', (e) => this.onCopy(e, true));
    document.addEventListener('paste', (e) => this.onPaste(e));
    keepSelectAllInTextFields(document);
    post({ type: 'ready' });
  }

  // ----- layout -------------------------------------------------------------------------

  private buildLayout(root: HTMLElement): void {
    this.scenarioSelect.id = 'scenario-select';
    this.scenarioSelect.setAttribute('aria-label', 'Scenario');
    this.scenarioSelect.addEventListener('change', () => this.setScenario(this.scenarioSelect.value));
    const openText = el('vscode-button', { id: 'open-text', title: 'Open the workbook as JSON text' }, 'Open as Text');
    openText.setAttribute('secondary', '');
    openText.addEventListener('click', () => post({ type: 'openText' }));
    const bannerButton = el('vscode-button', { id: 'banner-open-text' }, 'Open as Text');
    bannerButton.addEventListener('click', () => post({ type: 'openText' }));
    const exportCsv = el('vscode-button', { id: 'export-csv', title: 'Export the current sheet under the current scenario as CSV' }, 'Export CSV');
    exportCsv.setAttribute('secondary', '');
    exportCsv.addEventListener('click', () => post({ type: 'exportCsv', sheet: this.sheetIndex, scenario: this.scenario }));
    const toggleParams = el('vscode-button', { id: 'toggle-parameters', title: 'Show or hide the parameters panel' }, 'Parameters');
    toggleParams.setAttribute('secondary', '');
    toggleParams.addEventListener('click', () => {
      this.view.paramsOpen = this.params.element.hidden;
      this.params.element.hidden = !this.view.paramsOpen;
      this.scheduleSave();
    });

    const traceButton = el('vscode-button', { id: 'trace-toggle', title: 'Highlight the active cell\'s precedents (blue) and dependents (orange)' }, 'Trace');
    traceButton.setAttribute('secondary', '');
    traceButton.setAttribute('aria-pressed', String(this.view.trace));
    traceButton.addEventListener('click', () => {
      this.view.trace = !this.view.trace;
      traceButton.setAttribute('aria-pressed', String(this.view.trace));
      this.updateTrace();
      this.scheduleSave();
    });

    const toggleAnalysis = el('vscode-button', { id: 'toggle-analysis', title: 'Scenario tools: manager, summary, goal seek, data tables, charts, checks' }, 'Analysis');
    toggleAnalysis.setAttribute('secondary', '');
    toggleAnalysis.addEventListener('click', () => { this.analysis.toggle(); this.scheduleSave(); });
    this.analysis.bindToggle(toggleAnalysis);

    // The checks summary opens the checks under every scenario (analysis panel).
    this.checks.setAttribute('role', 'button');
    this.checks.tabIndex = 0;
    const openChecks = () => { this.analysis.toggle(true, 'checks'); this.scheduleSave(); };
    this.checks.addEventListener('click', openChecks);
    this.checks.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openChecks(); } });

    const toolbar = el('div', { className: 'toolbar', role: 'toolbar' },
      this.title,
      el('label', { htmlFor: 'scenario-select' }, 'Scenario'),
      this.scenarioSelect,
      this.checks,
      el('div', { className: 'spacer' }),
      toggleAnalysis, traceButton, toggleParams, exportCsv, openText);
    this.banner.setAttribute('role', 'alert');
    this.banner.append(this.bannerText, bannerButton);
    this.formulaBar.setAttribute('aria-label', 'Formula bar: content of the active cell');
    this.formulaBar.addEventListener('keydown', (e) => this.onFormulaBarKey(e));
    // F4 cycles $ in the reference at the caret, in the formula bar and the in-cell editor.
    bindF4(this.formulaBar);
    bindF4(this.grid.editorInput);
    this.formulaBar.addEventListener('input', () => { this.formulaBarTyped = true; this.grid.setMark(undefined, 'point'); });
    this.formulaBar.addEventListener('focus', () => {
      if (this.formulaHome) return;
      this.formulaBar.value = this.rawText(this.grid.selection.row, this.grid.selection.col);
      this.formulaBarTyped = false;
    });
    // Pointing keeps the focus here; leaving the bar otherwise while it points at another sheet
    // drops the typing (as Escape does) and shows its cell again, rather than editing the wrong cell.
    this.formulaBar.addEventListener('blur', () => {
      this.grid.setMark(undefined, 'point');
      if (!this.formulaHome) return;
      this.returnHome();
      this.formulaBar.value = this.rawText(this.grid.selection.row, this.grid.selection.col);
    });
    let functions: string[] | undefined;
    const completion = new FormulaCompletion(this.formulaBar, () => ({
      // Read once: the list does not change while the webview lives.
      functions: (functions ??= HyperFormula.getRegisteredFunctionNames('enGB')),
      parameters: Object.keys(this.workbook?.parameters ?? {}),
    }));
    this.editLayer.setAttribute('aria-live', 'polite');
    this.editBaselineButton.addEventListener('click', () => this.setEditBaseline(!this.editBaseline));
    const formulaRow = el('div', { className: 'formula-row' }, this.address, el('span', { className: 'fx' }, 'fx'), this.formulaBar, this.editLayer, this.editBaselineButton, completion.element);
    this.tabs.setAttribute('role', 'tablist');
    this.tabs.setAttribute('aria-label', 'Sheets');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('aria-atomic', 'true');
    // The add button sits beside the tab list: a tablist holds only tabs.
    const addSheet = el('button', { className: 'sheet-tab add-sheet', type: 'button', id: 'add-sheet', title: 'Add a sheet' }, '+');
    addSheet.setAttribute('aria-label', 'Add sheet');
    addSheet.addEventListener('click', () => this.addSheet());
    const gridArea = el('div', { className: 'grid-area' }, this.grid.element, el('div', { className: 'sheet-bar' }, this.tabs, addSheet, this.stats));
    const main = el('div', { className: 'main' }, gridArea, this.params.element);
    root.replaceChildren(toolbar, this.banner, this.confirm.element, formulaRow, main, this.analysis.element, this.live, this.menu.element);
  }

  // ----- host messages ------------------------------------------------------------------

  private onMessage(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const msg = data as HostMessage;
    switch (msg.type) {
      case 'document':
        if (typeof msg.text === 'string' && typeof msg.version === 'number') this.onDocument(msg.text, msg.version);
        break;
      case 'diagnostics':
        if (Array.isArray(msg.items)) {
          this.hostDiagnostics = msg.items;
          this.cellDiagnostics = indexDiagnostics(this.hostDiagnostics, this.scenario);
          // Only the markers change: keep the shown source (its values stay cached).
          if (this.source && this.workbook?.sheets[this.sheetIndex]) {
            this.source.setDiagnostics(this.cellDiagnostics);
            this.grid.refresh();
          } else {
            this.renderSheet(false);
          }
        }
        break;
      case 'toggleFormulas':
        this.showFormulas = !this.showFormulas;
        this.grid.element.classList.toggle('show-formulas', this.showFormulas);
        this.renderSheet(false);
        this.live.textContent = this.showFormulas ? 'Showing formulas (Ctrl+` shows values)' : 'Showing values';
        break;
      case 'reveal':
        if (this.workbook && Number.isInteger(msg.sheet) && msg.sheet >= 0 && msg.sheet < this.workbook.sheets.length) {
          if (msg.sheet !== this.sheetIndex) this.switchSheet(msg.sheet);
          this.grid.select(msg.row, msg.col);
          this.grid.focus();
        }
        break;
      case 'editResult':
        this.pending.delete(msg.requestId);
        if (msg.ok && typeof msg.version === 'number') {
          // The host's text is ours with this edit, at `version`; it sends no text for it.
          this.version = msg.version;
          // The model is past the last text received: an undo back to that text is a change.
          this.lastGoodText = '';
        } else if (!msg.ok) {
          this.showBanner(`The edit could not be applied: ${msg.error ?? 'unknown error'}`);
          this.afterDocument = undefined; // what it waited for will not come
          // The document did not change: drop the optimistic state (diffed against the last
          // text; after an acknowledged edit there is none, and the host's text follows).
          const text = this.lastGoodText;
          this.lastGoodText = '';
          if (text !== '') this.onDocument(text, this.version);
        }
        break;
      case 'settings':
        if (typeof msg.settings?.numberLocale === 'string') {
          this.locale = msg.settings.numberLocale;
          this.renderSheet(false);
        }
        break;
      default:
        post({ type: 'log', level: 'warn', message: `webview dropped an unknown message` });
    }
  }

  private onDocument(text: string, version: number): void {
    this.version = version;
    // Same text again (e.g. a re-sent document): nothing to parse or recalculate.
    if (text === this.lastGoodText && this.workbook && this.pending.size === 0) return;
    this.applyingDocument = true;
    try {
      this.applyDocument(text);
    } finally {
      this.applyingDocument = false;
    }
    if (this.afterDocument?.()) this.afterDocument = undefined;
  }

  private applyDocument(text: string): void {
    const start = performance.now();
    const parsed = parseForView(text);
    const wb = asWorkbook(parsed.value);
    const firstError = parsed.diagnostics.find((d) => d.severity === 'error');
    if (!wb || ['MW1001', 'MW1004', 'MW1005'].includes(firstError?.code ?? '')) {
      const where = firstError ? lineColumn(text, firstError.start) : '';
      const why = firstError ? `${firstError.message}${where}` : 'The file is not a workbook: it needs a "sheets" array of sheets with "name" and "rows".';
      this.showBanner(`The file has errors; fix them in the text editor. ${why}`);
      return; // keep the last good view
    }
    if (this.engine && this.workbook && this.applyIncrementally(wb)) {
      this.hideBanner();
      this.lastGoodText = text;
      for (const edits of this.pending.values()) this.applyLocal(edits);
      this.analysis.modelChanged();
      this.renderChrome();
      this.renderSheet(true);
      return;
    }
    // The engine is built on this page's only thread: past the budget it is not built at all
    // (a hostile file would freeze the editor); the file is untouched.
    const tooLarge = engineBuildProblem(wb);
    if (tooLarge !== undefined) {
      this.showBanner(`Not calculated: ${tooLarge}. The text is unchanged: edit it in the text editor, or compute it with the command line (minerals eval / export).`);
      return;
    }
    let engine: WorkbookEngine;
    const createStart = performance.now();
    try {
      const scenarios = scenarioNames(wb);
      engine = WorkbookEngine.create(wb, { scenario: scenarios.includes(this.scenario) ? this.scenario : BASE_SCENARIO });
    } catch (e) {
      this.showBanner(`The workbook could not be calculated: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.hideBanner();
    this.engine?.dispose();
    this.engine = engine;
    this.workbook = wb;
    this.lastGoodText = text;
    this.scenario = engine.scenario;
    // Edits not yet acknowledged are re-applied so typing ahead of the host does not flicker.
    for (const edits of this.pending.values()) this.applyLocal(edits);
    const first = this.source === undefined;
    if (this.sheetIndex >= wb.sheets.length) this.sheetIndex = 0;
    this.analysis.modelChanged();
    this.renderChrome();
    this.renderSheet(true);
    recordOpen(start, createStart, engine.hyperFormulaBuildMs);
    if (first) {
      this.restoreSheetView();
      // Typing works at once when the editor opens.
      this.grid.focus();
    }
  }

  /**
   * When only cell contents and display metadata changed (the usual echo of our own edit, an
   * undo, a small external change), updates the live engine cell by cell instead of rebuilding
   * it: a rebuild of a 100,000-row workbook takes seconds. Returns false when a rebuild is needed.
   */
  private applyIncrementally(next: Workbook): boolean {
    const cur = this.workbook!;
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    if (cur.sheets.length !== next.sheets.length) return false;
    if (!same(cur.parameters, next.parameters) || !same(cur.scenarios, next.scenarios) || !same(cur.checks, next.checks)) return false;
    const changes: [number, number, number, RawCell][] = [];
    for (let s = 0; s < cur.sheets.length; s++) {
      const a = cur.sheets[s];
      const b = next.sheets[s];
      if (a.name !== b.name) return false;
      const rows = Math.max(a.rows.length, b.rows.length);
      for (let r = 0; r < rows; r++) {
        const ra = a.rows[r] ?? [];
        const rb = b.rows[r] ?? [];
        const cols = Math.max(ra.length, rb.length);
        for (let c = 0; c < cols; c++) {
          const va = ra[c] ?? null;
          const vb = rb[c] ?? null;
          if (va !== vb) {
            changes.push([s, r, c, vb]);
            if (changes.length > 5000) return false;
          }
        }
      }
    }
    this.batch(() => { for (const [s, r, c, v] of changes) this.setLocalCell(s, r, c, v); });
    // Display metadata comes from the new text; the engine keeps the (now equal) old rows.
    for (let s = 0; s < cur.sheets.length; s++) {
      const a = cur.sheets[s];
      const b = next.sheets[s];
      a.rows.length = b.rows.length;
      a.columns = b.columns;
      a.formats = b.formats;
      a.description = b.description;
    }
    cur.title = next.title;
    cur.description = next.description;
    return true;
  }

  // ----- rendering ----------------------------------------------------------------------

  private emptySource(): SheetSource {
    return new SheetSource({ name: '', rows: [] }, 0, () => null, new Map(), this.locale);
  }

  /** Reads one computed value straight from HyperFormula: no whole-sheet copy per render. */
  private valueReader(): (row: number, col: number) => CellValue {
    const engine = this.engine;
    if (!engine) return () => null;
    const sheet = this.sheetIndex;
    return (row, col) => {
      try {
        return engine.getValueAt(sheet, row, col);
      } catch {
        return null;
      }
    };
  }

  private renderChrome(): void {
    const wb = this.workbook!;
    this.title.textContent = typeof wb.title === 'string' ? wb.title : 'Untitled workbook';
    this.title.title = [this.title.textContent, typeof wb.description === 'string' ? wb.description : ''].filter(Boolean).join('\n\n');
    // Scenario picker: rebuilt only when the names change.
    const names = this.engine!.scenarioNames();
    const sig = names.join('\u0000');
    if (this.scenarioSelect.dataset.names !== sig) {
      this.scenarioSelect.dataset.names = sig;
      this.scenarioSelect.replaceChildren(...names.map((n) => {
        const o = document.createElement('vscode-option') as HTMLElement & { value: string };
        o.value = n;
        o.textContent = n;
        o.title = wb.scenarios?.[n]?.description ?? '';
        return o;
      }));
    }
    this.scenarioSelect.value = this.scenario;
    // Sheet tabs.
    const tabs = wb.sheets.map((s, i) => {
      const b = el('button', { className: 'sheet-tab', type: 'button', id: `sheet-tab-${i}` }, s.name);
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(i === this.sheetIndex));
      b.tabIndex = i === this.sheetIndex ? 0 : -1;
      b.title = s.description ?? '';
      // While a formula is at an insertion point, the tab shows its sheet for pointing at:
      // the mouse-down must not take the focus (and the typing) away from the formula.
      b.addEventListener('mousedown', (e) => { if (e.button === 0 && this.pointingInput()) e.preventDefault(); });
      b.addEventListener('click', () => this.clickSheetTab(i));
      this.sheetTabActions(b, i);
      b.addEventListener('keydown', (e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d || e.altKey) return;
        const next = (i + d + wb.sheets.length) % wb.sheets.length;
        this.switchSheet(next);
        (this.tabs.children[next] as HTMLElement | undefined)?.focus();
      });
      return b;
    });
    this.tabs.replaceChildren(...tabs);
    this.params.update(wb, (n) => this.parameterLayer(n));
  }

  /** Rebuilds the grid's source; `structure` when the sheet's shape may have changed. */
  private renderSheet(structure: boolean): void {
    const wb = this.workbook;
    if (!wb) return;
    const sheet = wb.sheets[this.sheetIndex];
    if (!sheet) {
      // A workbook without sheets: an empty grid, nothing to address.
      this.source = this.emptySource();
      this.grid.setSource(this.source);
      this.address.textContent = '';
      this.formulaBar.value = '';
      this.updateChecks();
      return;
    }
    this.trace = this.computeTrace();
    this.grid.setMark(this.cut?.sheet === this.sheetIndex ? this.cut.range : undefined);
    this.source = new SheetSource(sheet, this.sheetIndex, this.valueReader(), this.cellDiagnostics, this.locale, this.trace);
    this.source.showFormulas = this.showFormulas;
    // Under a scenario, cells whose value differs from Baseline are marked.
    const shown = this.analysis.decorate(this.source, this.sheetIndex);
    if (structure) this.grid.setSource(shown); else this.grid.setSourceKeepLayout(shown);
    this.updateFormulaBar();
    this.updateStats();
    this.updateChecks();
  }

  /**
   * "Checks 3/4 under "High"": the analyst's assertions under the shown scenario, failures in
   * the tooltip. The status bar counts checks failing under any scenario, and says so.
   */
  private updateChecks(): void {
    let results: ReturnType<WorkbookEngine['evaluateChecks']> = [];
    try {
      results = this.engine?.evaluateChecks() ?? [];
    } catch {
      results = [];
    }
    this.checks.hidden = results.length === 0;
    const failed = results.filter((c) => !c.passed);
    const under = `under "${this.scenario}"`;
    this.checks.textContent = `${failed.length ? '✗' : '✓'} Checks ${results.length - failed.length}/${results.length} ${under}`;
    this.checks.classList.toggle('failing', failed.some((c) => c.severity === 'error'));
    this.checks.classList.toggle('warning', failed.length > 0 && !failed.some((c) => c.severity === 'error'));
    this.checks.title = (failed.length
      ? failed.map((c) => `${c.severity}: ${c.name}${c.message ? ` — ${c.message}` : ''}`).join('\n')
      : 'All checks pass under this scenario.') +
      `\n\nCounted under the shown scenario ("${this.scenario}"); the status bar counts checks failing under any scenario. Click for every scenario.`;
  }

  private updateFormulaBar(): void {
    const wb = this.workbook;
    if (!wb) return;
    const sheet = wb.sheets[this.sheetIndex];
    if (!sheet) return;
    const { row, col } = this.grid.selection;
    this.address.textContent = qualifiedAddress(sheet.name, row, col);
    if (document.activeElement !== this.formulaBar && !this.grid.isEditing) this.formulaBar.value = this.rawText(row, col);
    this.updateEditLayer(sheet.name, row, col);
  }

  /** Says which layer typing into the active cell writes, with the one-step switch to Baseline. */
  private updateEditLayer(sheetName: string, row: number, col: number): void {
    const key = this.engine?.cellOverride(this.sheetIndex, row, col);
    const address = qualifiedAddress(sheetName, row, col);
    if (key === undefined) {
      this.editLayer.textContent = this.scenario === BASE_SCENARIO ? 'Editing: Baseline' : `Editing: Baseline ("${this.scenario}" does not override ${address})`;
    } else if (this.editBaseline) {
      this.editLayer.textContent = `Editing: Baseline (the shown value is "${this.scenario}"'s override)`;
    } else {
      this.editLayer.textContent = `Editing: scenario "${this.scenario}" override of ${address}`;
    }
    this.editBaselineButton.hidden = key === undefined;
    this.editBaselineButton.textContent = this.editBaseline ? `Edit "${this.scenario}" override` : 'Edit Baseline instead';
    this.editBaselineButton.setAttribute('aria-pressed', String(this.editBaseline));
  }

  private setEditBaseline(on: boolean): void {
    if (on === this.editBaseline) return;
    this.editBaseline = on;
    if (this.workbook) this.params.update(this.workbook, (n) => this.parameterLayer(n));
    this.updateFormulaBar();
  }

  /**
   * The override of the shown scenario that an edit of this cell writes, or undefined for
   * Baseline: typing edits what the cell shows (docs/extension.md, "Editing under a scenario").
   */
  private cellLayer(row: number, col: number): { scenario: string; key: string } | undefined {
    if (this.editBaseline) return undefined;
    const key = this.engine?.cellOverride(this.sheetIndex, row, col);
    return key === undefined ? undefined : { scenario: this.scenario, key };
  }

  private rawText(row: number, col: number): string {
    const sheet = this.workbook?.sheets[this.sheetIndex];
    if (!sheet) return '';
    const layer = this.cellLayer(row, col);
    if (layer) return rawToText(this.workbook?.scenarios?.[layer.scenario]?.set?.[layer.key] as RawCell ?? null);
    return rawToText(rawAt(sheet, row, col));
  }

  private onSelection(_sel: Selection): void {
    this.updateFormulaBar();
    this.updateStats();
    const { row, col } = this.grid.selection;
    const text = this.source?.text(row, col) ?? '';
    this.live.textContent = `${this.address.textContent} ${text || 'empty'}`;
    this.scheduleSave();
    if (this.view.trace) this.updateTrace();
    // Only the user's own moves are reported: nothing is posted in response to a document.
    if (this.applyingDocument) return;
    clearTimeout(this.selTimer);
    this.selTimer = setTimeout(() => post({ type: 'selectionChanged', sheet: this.sheetIndex, row, col }), 150);
  }

  /**
   * Recounted a moment after the selection or the values change (a drag selects many ranges in
   * a row), over the part of the selection that has data: Ctrl+A on a long sheet stays cheap.
   */
  private updateStats(): void {
    clearTimeout(this.statsTimer);
    this.statsTimer = setTimeout(() => {
      const sheet = this.workbook?.sheets[this.sheetIndex];
      const { top, left, bottom, right } = this.grid.selectedRange;
      let width = 0;
      for (const r of sheet?.rows.slice(top, bottom + 1) ?? []) width = Math.max(width, r?.length ?? 0);
      const s = sheet ? selectionStats(this.valueReader(), top, left, Math.min(bottom, sheet.rows.length - 1), Math.min(right, width - 1)) : undefined;
      this.stats.textContent = s ? statsText(s, this.locale) : '';
    }, 50);
  }

  private updateTrace(): void {
    // Only the highlight changes: the shown source (and any decorate wrapper, which reads its
    // classes live) is kept; skip it when tracing is off and nothing is highlighted.
    if (!this.trace && !this.view.trace) return;
    this.trace = this.computeTrace();
    this.source?.setTrace(this.trace);
    this.grid.refresh();
  }

  /** Direct precedents and dependents of the active cell on the shown sheet (HyperFormula's graph). */
  private computeTrace(): Trace | undefined {
    if (!this.view.trace || !this.engine) return undefined;
    const shown = this.sheetIndex;
    const { row, col } = this.grid.selection;
    const collect = (list: TracedRef[]): Set<string> => {
      const out = new Set<string>();
      for (const a of list) {
        if (a.sheet !== shown) continue;
        if ('start' in a) {
          for (let r = a.start.row; r <= a.end.row && out.size < MAX_TRACE_CELLS; r++) {
            for (let c = a.start.col; c <= a.end.col && out.size < MAX_TRACE_CELLS; c++) out.add(`${r}:${c}`);
          }
        } else out.add(`${a.row}:${a.col}`);
      }
      return out;
    };
    try {
      // Throws for a sheet index with no sheet (an empty workbook): no trace then.
      const { precedents, dependents } = this.engine.precedentsAndDependents(shown, row, col, MAX_TRACE_CELLS);
      return { precedents: collect(precedents), dependents: collect(dependents) };
    } catch {
      return undefined;
    }
  }

  /** A sheet tab clicked: in point mode the formula stays open and its cell is remembered. */
  private clickSheetTab(i: number): void {
    const input = this.pointingInput();
    if (!input || !this.workbook || i === this.sheetIndex) { this.switchSheet(i); return; }
    const { row, col } = this.grid.selection;
    this.formulaHome ??= { sheet: this.sheetIndex, row, col };
    if (input === this.grid.editorInput) {
      // The in-cell editor belongs to the cell on this sheet: the edit goes on in the formula bar.
      const text = input.value;
      const caret = input.selectionStart ?? text.length;
      this.point.moveTo(input, this.formulaBar);
      this.grid.detachEdit();
      this.formulaBar.focus();
      this.formulaBar.value = text;
      this.formulaBar.setSelectionRange(caret, caret);
    }
    this.switchSheet(i);
    this.formulaBar.focus();
  }

  /** The input a formula is being typed in: the in-cell editor, else a focused formula bar. */
  private formulaInput(): HTMLInputElement | undefined {
    if (this.grid.isEditing) return this.grid.editorInput;
    return document.activeElement === this.formulaBar ? this.formulaBar : undefined;
  }

  /** The formula input when a click would insert a reference into it. */
  private pointingInput(): HTMLInputElement | undefined {
    const input = this.formulaInput();
    return input && this.point.canPoint(input) ? input : undefined;
  }

  /** A reference to `range` as the formula being typed should spell it (qualified off its sheet). */
  private pointRef(range: CellRange): string {
    const a = cellAddress(range.top, range.left);
    const ref = range.top === range.bottom && range.left === range.right ? a : `${a}:${cellAddress(range.bottom, range.right)}`;
    const home = this.formulaHome?.sheet ?? this.sheetIndex;
    const name = this.workbook?.sheets[this.sheetIndex]?.name;
    return home === this.sheetIndex || name === undefined ? ref : `${quoteSheetName(name)}!${ref}`;
  }

  /** A click or drag on cells while a formula may be open (see Grid's onPoint). */
  private onPoint(range: CellRange, start: boolean): boolean {
    const input = this.formulaInput();
    if (!input) return false;
    if (this.point.point(input, this.pointRef(range))) {
      if (input !== this.formulaBar) this.formulaBar.value = input.value;
      this.grid.setMark(range, 'point');
      return true;
    }
    // Not at an insertion point: the click commits what was typed in the formula bar, as in
    // Excel (text merely shown there may be stale: an undo does not refresh a focused bar).
    if (!start || input !== this.formulaBar || (!this.formulaBarTyped && !this.formulaHome) || !this.commitFormulaBar()) return false;
    this.grid.focus(); // the click went back to the formula's sheet: it selects nothing there
    return true;
  }

  /**
   * Commits the formula bar's text to the cell it edits. True when that cell is on another
   * sheet than the one shown: the view went back to it (the click that caused it is consumed).
   */
  private commitFormulaBar(): boolean {
    const home = this.formulaHome ?? { sheet: this.sheetIndex, ...this.grid.selection };
    const text = this.formulaBar.value;
    const away = this.returnHome();
    this.commitText(home.row, home.col, text);
    return away;
  }

  /** Shows the formula bar's home cell again after pointing on other sheets. */
  private returnHome(): boolean {
    const home = this.formulaHome;
    this.formulaHome = undefined;
    if (!home || home.sheet === this.sheetIndex) return false;
    this.switchSheet(home.sheet);
    this.grid.select(home.row, home.col);
    return true;
  }

  private switchSheet(i: number): void {
    if (!this.workbook || i === this.sheetIndex) return;
    this.grid.setMark(undefined, 'point');
    this.grid.commitEdit('none');
    this.rememberSheetView();
    this.sheetIndex = i;
    this.renderChrome();
    this.renderSheet(true);
    this.restoreSheetView();
  }

  private setScenario(name: string): void {
    if (!this.engine || name === this.scenario || !this.engine.scenarioNames().includes(name)) return;
    this.engine.setScenario(name);
    this.scenario = name;
    this.scenarioSelect.value = name;
    this.analysis.scenarioChanged();
    this.cellDiagnostics = indexDiagnostics(this.hostDiagnostics, this.scenario);
    // A new scenario starts with the rule again: its own overrides are what typing edits.
    this.editBaseline = false;
    this.params.update(this.workbook!, (n) => this.parameterLayer(n));
    this.renderSheet(false);
    this.scheduleSave();
  }

  // ----- view state ---------------------------------------------------------------------

  private rememberSheetView(): void {
    const name = this.workbook?.sheets[this.sheetIndex]?.name;
    if (name === undefined) return;
    const { top, left } = this.grid.scroll;
    this.view.sheets[name] = { sel: this.grid.selection, top, left };
  }

  private restoreSheetView(): void {
    const name = this.workbook?.sheets[this.sheetIndex]?.name;
    const v = name !== undefined ? this.view.sheets[name] : undefined;
    if (v && v.sel) {
      this.grid.selectRange(v.sel);
      this.grid.setScroll(v.top, v.left);
    } else {
      this.grid.select(0, 0);
    }
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.rememberSheetView();
      this.view.sheet = this.sheetIndex;
      this.view.scenario = this.scenario;
      this.view.analysisOpen = this.analysis.isOpen;
      this.view.analysisTab = this.analysis.tab;
      saveState(this.view);
    }, 200);
  }

  private showBanner(text: string): void {
    this.bannerText.textContent = text;
    this.banner.hidden = false;
  }

  private hideBanner(): void {
    this.banner.hidden = true;
  }

  // ----- editing ------------------------------------------------------------------------

  /** `applied`: applyLocal has put these edits into the model as the text will have them. */
  private send(edits: EditIntent[], applied = false): void {
    // Any edit ends a pending cut, as in Excel (the cells it would move may have changed).
    this.cancelCut();
    const requestId = this.nextRequestId++;
    this.pending.set(requestId, edits);
    post({ type: 'edit', requestId, baseVersion: this.version, edits, ...(applied ? { applied: true } : {}) });
  }

  /** Applies cell edits to the local workbook and engine (optimistic). */
  private applyLocal(edits: EditIntent[]): void {
    const wb = this.workbook;
    if (!wb) return;
    this.batch(() => this.applyLocalNow(wb, edits));
    // Overrides of the shown scenario are applied again outside the batch (setScenario runs
    // its own batch, and HyperFormula's batches do not nest).
    if (edits.some((e) => e.kind === 'setScenarioOverride' && e.scenario === this.scenario)) {
      try {
        this.engine?.setScenario(this.scenario);
      } catch (e) {
        post({ type: 'log', level: 'warn', message: `local recalculation failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  }

  /** Runs engine writes as one HyperFormula batch: one recalculation for a whole paste. */
  private batch(fn: () => void): void {
    if (this.engine) this.engine.batch(fn); else fn();
  }

  private applyLocalNow(wb: Workbook, edits: EditIntent[]): void {
    for (const e of edits) {
      // As the host's text edit does it (padding, the trim after a clear): the host then
      // acknowledges the edit with a version and sends no text.
      if (e.kind === 'setCell' || e.kind === 'setRange') applyIntentsToModel(wb, [e], (s, r, c, v) => this.setEngineCell(s, r, c, v));
      else if (e.kind === 'setScenarioOverride' && e.value !== undefined) {
        // Typed under a scenario and not yet in the file: shown again after a rebuild.
        const set = wb.scenarios?.[e.scenario]?.set;
        if (!set || !Object.hasOwn(set, e.target)) continue;
        set[e.target] = e.value;
      } else if (e.kind === 'setColumnWidth') {
        const sheet = wb.sheets[e.sheet];
        if (!sheet) continue;
        sheet.columns ??= [];
        while (sheet.columns.length <= e.col) sheet.columns.push({});
        sheet.columns[e.col] = { ...sheet.columns[e.col], width: e.width };
      }
    }
  }

  private setLocalCell(s: number, row: number, col: number, raw: RawCell): void {
    const sheet = this.workbook?.sheets[s];
    if (!sheet) return;
    setModelCell(sheet, row, col, raw);
    this.setEngineCell(s, row, col, raw);
  }

  private setEngineCell(s: number, row: number, col: number, raw: RawCell): void {
    try {
      this.engine?.setCell(s, row, col, raw);
    } catch (e) {
      post({ type: 'log', level: 'warn', message: `local recalculation failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private edit(edits: EditIntent[]): void {
    this.applyLocal(edits);
    this.send(edits, edits.every((e) => e.kind === 'setCell' || e.kind === 'setRange'));
    this.analysis.modelChanged();
    this.renderSheet(edits.some((e) => e.kind !== 'setCell'));
  }

  private commitText(row: number, col: number, text: string): void {
    if (!this.workbook) return;
    const raw = parseTypedInput(text);
    const layer = this.cellLayer(row, col);
    if (layer) {
      const set = this.workbook.scenarios?.[layer.scenario]?.set;
      if (!set || set[layer.key] === raw) return;
      set[layer.key] = raw;
      this.engine?.setOverride({ sheet: this.sheetIndex, row, col }, raw);
      this.send([{ kind: 'setScenarioOverride', scenario: layer.scenario, target: layer.key, value: raw }]);
      this.analysis.modelChanged();
      this.renderSheet(false);
      return;
    }
    const before = rawAt(this.workbook.sheets[this.sheetIndex], row, col) ?? null;
    if (raw === before) return;
    this.edit([{ kind: 'setCell', sheet: this.sheetIndex, row, col, raw }]);
  }

  private clearRange(range: CellRange): void {
    const sheet = this.workbook?.sheets[this.sheetIndex];
    if (!sheet) return;
    // Only the part of the range that has content: Ctrl+A, Delete stays a small edit.
    const bottom = Math.min(range.bottom, sheet.rows.length - 1);
    let right = range.left - 1;
    for (let r = range.top; r <= bottom; r++) right = Math.max(right, Math.min(range.right, (sheet.rows[r]?.length ?? 0) - 1));
    if (bottom < range.top || right < range.left) return;
    if (range.top === bottom && range.left === right) {
      if ((rawAt(sheet, range.top, range.left) ?? null) === null) return;
      this.edit([{ kind: 'setCell', sheet: this.sheetIndex, row: range.top, col: range.left, raw: null }]);
      return;
    }
    const values = Array.from({ length: bottom - range.top + 1 }, () => new Array<RawCell>(right - range.left + 1).fill(null));
    this.edit([{ kind: 'setRange', sheet: this.sheetIndex, row: range.top, col: range.left, values }]);
  }

  private fill(range: CellRange, dir: 'down' | 'right'): void {
    const sheet = this.workbook?.sheets[this.sheetIndex];
    if (!sheet) return;
    let { top, left } = range;
    const { bottom, right } = range;
    // A single cell fills from its neighbour above (or to the left), as in Excel.
    if (dir === 'down' && top === bottom) top = Math.max(0, top - 1);
    if (dir === 'right' && left === right) left = Math.max(0, left - 1);
    if ((dir === 'down' && top === bottom) || (dir === 'right' && left === right)) return;
    const values: RawCell[][] = [];
    const r0 = dir === 'down' ? top + 1 : top;
    const c0 = dir === 'right' ? left + 1 : left;
    for (let r = r0; r <= bottom; r++) {
      const row: RawCell[] = [];
      for (let c = c0; c <= right; c++) {
        const src = dir === 'down' ? rawAt(sheet, top, c) : rawAt(sheet, r, left);
        row.push(shiftRaw(src ?? null, dir === 'down' ? r - top : 0, dir === 'right' ? c - left : 0));
      }
      values.push(row);
    }
    this.edit([{ kind: 'setRange', sheet: this.sheetIndex, row: r0, col: c0, values }]);
  }

  /**
   * The fill handle dragged from `src` out to `to` (one axis): series, dates, counted text and
   * shifted formulas, as Excel's AutoFill writes them; one setRange, so one undo step.
   */
  private fillDrag(src: CellRange, to: CellRange): void {
    const sheet = this.workbook?.sheets[this.sheetIndex];
    if (!sheet) return;
    const vertical = to.top !== src.top || to.bottom !== src.bottom;
    const backward = vertical ? to.top < src.top : to.left < src.left;
    const count = vertical ? to.bottom - to.top - (src.bottom - src.top) : to.right - to.left - (src.right - src.left);
    const out = vertical ? { top: backward ? to.top : src.bottom + 1, left: src.left, rows: count, cols: src.right - src.left + 1 }
      : { top: src.top, left: backward ? to.left : src.right + 1, rows: src.bottom - src.top + 1, cols: count };
    const values: RawCell[][] = Array.from({ length: out.rows }, () => new Array<RawCell>(out.cols).fill(null));
    const lines = vertical ? src.right - src.left + 1 : src.bottom - src.top + 1;
    for (let j = 0; j < lines; j++) {
      const source: RawCell[] = [];
      if (vertical) for (let r = src.top; r <= src.bottom; r++) source.push(rawAt(sheet, r, src.left + j) ?? null);
      else for (let c = src.left; c <= src.right; c++) source.push(rawAt(sheet, src.top + j, c) ?? null);
      const shift = (f: string, steps: number) => (vertical ? shiftFormula(f, steps, 0) : shiftFormula(f, 0, steps));
      const line = fillLine(source, count, backward, shift);
      line.forEach((v, k) => {
        // k = 0 is the cell next to the source; backward fills run from the source outwards.
        const i = backward ? count - 1 - k : k;
        if (vertical) values[i]![j] = v; else values[j]![i] = v;
      });
    }
    this.edit([{ kind: 'setRange', sheet: this.sheetIndex, row: out.top, col: out.left, values }]);
    this.live.textContent = `Filled ${this.selectionLabel({ top: out.top, left: out.left, bottom: out.top + out.rows - 1, right: out.left + out.cols - 1 })}`;
  }

  private resizeColumn(col: number, width: number): void {
    const w = Math.round(Math.min(2000, Math.max(8, width)));
    const edits: EditIntent[] = [{ kind: 'setColumnWidth', sheet: this.sheetIndex, col, width: w }];
    this.applyLocal(edits);
    this.send(edits);
  }

  private onFormulaBarKey(e: KeyboardEvent): void {
    const { row, col } = this.formulaHome ?? this.grid.selection;
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      this.commitFormulaBar();
      this.grid.focus();
      this.grid.select(row + (e.key === 'Enter' ? (e.shiftKey ? -1 : 1) : 0), col + (e.key === 'Tab' ? (e.shiftKey ? -1 : 1) : 0));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.returnHome();
      this.formulaBar.value = this.rawText(row, col);
      this.grid.focus();
    }
  }

  // ----- structure: rows, columns, sheets ----------------------------------------------

  /** Carries out an insert/delete with every moved reference rewritten: one edit message. */
  private structure(op: StructureOp): void {
    const wb = this.workbook;
    if (!wb) return;
    this.grid.commitEdit('none');
    let edits: EditIntent[];
    try {
      edits = structureEdits(wb, op);
    } catch (e) {
      this.showBanner(`Could not change the sheet's structure: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (edits.length === 0) return;
    this.send(edits);
    const what = op.kind.endsWith('Rows') ? 'row' : 'column';
    this.live.textContent = `${op.kind.startsWith('insert') ? 'Inserted' : 'Deleted'} ${op.count} ${what}${op.count > 1 ? 's' : ''}`;
  }

  /**
   * Rows (or columns, when whole columns are selected) of the selection: Ctrl+Shift+= / Ctrl+-.
   * Ctrl+- on cells asks first, as Excel does (people also press it to zoom out).
   */
  private structureKey(action: 'insert' | 'delete'): void {
    const { top, left, bottom, right } = this.grid.selectedRange;
    if (action === 'delete' && this.grid.selectionKind === 'cell') { this.askDeleteCells(); return; }
    const columns = this.grid.selectionKind === 'column';
    const at = columns ? left : top;
    // Blank rows shown below the data (reached by Ctrl+A or Shift+Space) do not count.
    const count = columns ? right - left + 1 : Math.min(bottom, Math.max(top, (this.workbook?.sheets[this.sheetIndex]?.rows.length ?? 0) - 1)) - top + 1;
    const kind = `${action}${columns ? 'Columns' : 'Rows'}` as StructureOp['kind'];
    this.structure({ kind, sheet: this.sheetIndex, at, count: Math.max(1, count) });
  }

  /** Excel's Delete dialog for a selection of cells: shift up / left, entire rows / columns, Cancel. */
  private askDeleteCells(): void {
    const range = this.grid.selectedRange;
    const { top, left, bottom, right } = range;
    const sheet = this.sheetIndex;
    const rows = bottom - top + 1;
    const cols = right - left + 1;
    const n = (k: number, word: string) => (k > 1 ? `${k} ${word}s` : `entire ${word}`);
    const shift = (dir: ShiftDelete['shift']) => () => this.shiftDelete({ sheet, ...range, shift: dir });
    this.confirm.choose(`Delete ${this.selectionLabel(range)}:`, [
      { id: 'delete-shift-up', label: 'Shift cells up', run: shift('up') },
      { id: 'delete-shift-left', label: 'Shift cells left', run: shift('left') },
      { id: 'delete-rows', label: `Delete ${n(rows, 'row')}`, run: () => this.structure({ kind: 'deleteRows', sheet, at: top, count: rows }) },
      { id: 'delete-columns', label: `Delete ${n(cols, 'column')}`, run: () => this.structure({ kind: 'deleteColumns', sheet, at: left, count: cols }) },
    ]);
  }

  private shiftDelete(d: ShiftDelete): void {
    const wb = this.workbook;
    if (!wb) return;
    let edits: EditIntent[];
    try {
      edits = shiftDeleteEdits(wb, d);
    } catch (e) {
      this.showBanner(`Could not delete the cells: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (edits.length === 0) return;
    this.send(edits);
    this.live.textContent = `Deleted ${this.selectionLabel(d)}, cells shifted ${d.shift}`;
  }

  private openGridMenu(target: 'row' | 'column' | 'cell', x: number, y: number): void {
    const { top, left, bottom, right } = this.grid.selectedRange;
    const sheet = this.sheetIndex;
    const rows = bottom - top + 1;
    const cols = right - left + 1;
    const n = (k: number, word: string) => (k > 1 ? `${k} ${word}s` : word);
    const items: MenuItem[] = [];
    if (target !== 'column') {
      items.push(
        { label: `Insert ${n(rows, 'row')} above`, shortcut: 'Ctrl+Shift+=', run: () => this.structure({ kind: 'insertRows', sheet, at: top, count: rows }) },
        { label: `Insert ${n(rows, 'row')} below`, run: () => this.structure({ kind: 'insertRows', sheet, at: bottom + 1, count: rows }) },
        { label: `Delete ${n(rows, 'row')}`, shortcut: target === 'row' ? 'Ctrl+-' : undefined, run: () => this.structure({ kind: 'deleteRows', sheet, at: top, count: rows }) },
      );
    }
    if (target !== 'row') {
      items.push(
        { label: `Insert ${n(cols, 'column')} left`, shortcut: target === 'column' ? 'Ctrl+Shift+=' : undefined, run: () => this.structure({ kind: 'insertColumns', sheet, at: left, count: cols }) },
        { label: `Insert ${n(cols, 'column')} right`, run: () => this.structure({ kind: 'insertColumns', sheet, at: right + 1, count: cols }) },
        { label: `Delete ${n(cols, 'column')}`, shortcut: target === 'column' ? 'Ctrl+-' : undefined, run: () => this.structure({ kind: 'deleteColumns', sheet, at: left, count: cols }) },
      );
    }
    if (target === 'cell') items.push({ label: 'Delete cells…', shortcut: 'Ctrl+-', run: () => this.askDeleteCells() });
    if (target === 'cell') {
      const key = columnLetters(this.grid.selection.col);
      items.push(
        { label: `Sort ascending by column ${key}`, run: () => this.sortRows(false) },
        { label: `Sort descending by column ${key}`, run: () => this.sortRows(true) },
      );
    }
    this.menu.open(items, x, y, target === 'cell' ? 'Cell' : target === 'row' ? 'Row' : 'Column');
  }

  /**
   * Sorts rows by the active cell's column: the selected rows and columns, or with one row
   * selected the data block around the active cell (whole rows), as Excel's Sort picks its
   * range. One setRange, so one undo step; formulas follow their rows (see sort-rows.ts).
   */
  private sortRows(descending: boolean): void {
    const sheet = this.workbook?.sheets[this.sheetIndex];
    if (!sheet) return;
    const { row, col } = this.grid.selection;
    let { top, left, bottom, right } = this.grid.selectedRange;
    const filled = (r: number) => (sheet.rows[r] ?? []).some((v) => v !== null && v !== '');
    if (top === bottom) {
      if (!filled(row)) return;
      top = row;
      bottom = row;
      while (top > 0 && filled(top - 1)) top--;
      while (bottom + 1 < sheet.rows.length && filled(bottom + 1)) bottom++;
      left = 0;
      right = Math.max(...sheet.rows.slice(top, bottom + 1).map((r) => r.length)) - 1;
    }
    bottom = Math.min(bottom, sheet.rows.length - 1);
    if (bottom <= top || right < left) return;
    const rows = Array.from({ length: bottom - top + 1 }, (_, i) => Array.from({ length: right - left + 1 }, (_, j) => rawAt(sheet, top + i, left + j) ?? null));
    const read = this.valueReader();
    const keys = rows.map((_, i) => read(top + i, col));
    const sorted = sortBlock({ top, left, rows }, keys, descending);
    const range = this.selectionLabel({ top, left, bottom, right });
    if (!sorted) { this.live.textContent = `${range} is already sorted`; return; }
    this.edit([{ kind: 'setRange', sheet: this.sheetIndex, row: top, col: left, values: sorted }]);
    this.live.textContent = `Sorted ${range} by column ${columnLetters(col)}, ${descending ? 'descending' : 'ascending'}`;
  }

  /** Double-click/F2 renames, right click/Shift+F10 opens the sheet menu, drag reorders, Delete asks to delete. */
  private sheetTabActions(tab: HTMLButtonElement, i: number): void {
    tab.draggable = true;
    tab.addEventListener('dblclick', () => this.renameSheetInline(i));
    tab.addEventListener('contextmenu', (e) => { e.preventDefault(); this.switchSheet(i); this.openSheetMenu(i, e.clientX, e.clientY); });
    tab.addEventListener('keydown', (e) => {
      if (e.key === 'F2') { e.preventDefault(); this.renameSheetInline(i); }
      else if (e.key === 'Delete') { e.preventDefault(); this.askDeleteSheet(i); }
      else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        e.preventDefault();
        const r = tab.getBoundingClientRect();
        this.openSheetMenu(i, r.left, r.top - 4);
      } else if (e.altKey && e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        e.preventDefault();
        this.moveSheet(i, i + (e.key === 'ArrowLeft' ? -1 : 1));
      }
    });
    tab.addEventListener('dragstart', (e) => { e.dataTransfer?.setData('application/x-minerals-sheet', String(i)); });
    tab.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('application/x-minerals-sheet')) e.preventDefault(); });
    tab.addEventListener('drop', (e) => {
      const from = Number(e.dataTransfer?.getData('application/x-minerals-sheet'));
      if (!Number.isInteger(from)) return;
      e.preventDefault();
      this.moveSheet(from, i);
    });
  }

  private openSheetMenu(i: number, x: number, y: number): void {
    const count = this.workbook?.sheets.length ?? 0;
    this.menu.open([
      { label: 'Rename…', shortcut: 'F2', run: () => this.renameSheetInline(i) },
      { label: 'Move left', shortcut: 'Alt+Shift+←', disabled: i === 0, run: () => this.moveSheet(i, i - 1) },
      { label: 'Move right', shortcut: 'Alt+Shift+→', disabled: i >= count - 1, run: () => this.moveSheet(i, i + 1) },
      { label: 'Add sheet', run: () => this.addSheet() },
      { label: 'Delete…', shortcut: 'Delete', disabled: count <= 1, run: () => this.askDeleteSheet(i) },
    ], x, y, 'Sheet');
  }

  /** Selects the sheet called `name` once the document that has it arrives. */
  private showSheetAfterEdit(name: string): void {
    this.afterDocument = () => {
      const i = this.workbook?.sheets.findIndex((s) => s.name === name) ?? -1;
      if (i < 0) return false;
      if (i !== this.sheetIndex) this.switchSheet(i);
      (this.tabs.children[this.sheetIndex] as HTMLElement | undefined)?.focus();
      return true;
    };
  }

  private addSheet(): void {
    const names = new Set(this.workbook?.sheets.map((s) => s.name.toLowerCase()) ?? []);
    let k = (this.workbook?.sheets.length ?? 0) + 1;
    while (names.has(`sheet${k}`)) k++;
    const name = `Sheet${k}`;
    this.showSheetAfterEdit(name);
    this.send([{ kind: 'addSheet', name }]);
  }

  private moveSheet(from: number, to: number): void {
    const wb = this.workbook;
    if (!wb || from === to || to < 0 || to >= wb.sheets.length || !wb.sheets[from]) return;
    const shown = wb.sheets[this.sheetIndex]?.name;
    this.afterDocument = () => {
      const i = this.workbook?.sheets.findIndex((s) => s.name === shown) ?? -1;
      if (i >= 0 && i !== this.sheetIndex) { this.sheetIndex = i; this.renderChrome(); this.renderSheet(true); }
      (this.tabs.children[to] as HTMLElement | undefined)?.focus();
      return true;
    };
    this.send([{ kind: 'moveSheet', sheet: from, to, sheetName: wb.sheets[from].name }]);
  }

  private askDeleteSheet(i: number): void {
    const wb = this.workbook;
    const sheet = wb?.sheets[i];
    if (!wb || !sheet) return;
    if (wb.sheets.length <= 1) { this.showBanner('A workbook needs at least one sheet; add another before deleting this one.'); return; }
    this.confirm.ask(`Delete sheet "${sheet.name}" and all its cells? Formulas that refer to it will show #REF! (Undo brings it back).`, 'Delete sheet', () => {
      const next = wb.sheets[i === 0 ? 1 : i - 1]!.name;
      this.showSheetAfterEdit(next);
      this.send(deleteSheetEdits(wb, i));
    });
  }

  /** Replaces the tab's label with a text box: Enter renames, Escape or an unchanged name cancels. */
  private renameSheetInline(i: number): void {
    const tab = this.tabs.children[i] as HTMLElement | undefined;
    const old = this.workbook?.sheets[i]?.name;
    if (!tab || old === undefined) return;
    const input = el('input', { className: 'sheet-rename', type: 'text', value: old, spellcheck: false, id: 'sheet-rename' });
    input.setAttribute('aria-label', `New name for sheet ${old}`);
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      input.replaceWith(tab);
      if (save && name && name !== old) {
        const clash = this.workbook?.sheets.some((s, j) => j !== i && s.name.toLowerCase() === name.toLowerCase());
        if (clash) { this.showBanner(`A sheet named "${name}" already exists.`); tab.focus(); return; }
        // The remembered selection and scroll are keyed by name: they go with the sheet.
        if (this.view.sheets[old]) { this.view.sheets[name] = this.view.sheets[old]; delete this.view.sheets[old]; }
        this.showSheetAfterEdit(name);
        this.send([{ kind: 'renameSheet', sheet: i, name, sheetName: old }]);
      } else tab.focus();
    };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') { e.preventDefault(); finish(true); }
      else if (e.key === 'Escape') { e.preventDefault(); finish(false); }
    });
    input.addEventListener('blur', () => finish(true));
    tab.replaceWith(input);
    input.focus();
    input.select();
  }

  // ----- parameters ---------------------------------------------------------------------

  /** The key in the shown scenario's `set` that sets parameter `name`, if any (names are case-insensitive). */
  private parameterOverrideKey(name: string): string | undefined {
    const set = this.workbook?.scenarios?.[this.scenario]?.set ?? {};
    return Object.keys(set).find((k) => k.toUpperCase() === name.toUpperCase());
  }

  /** What the parameter's input edits: the shown scenario's override when it sets one, else Baseline. */
  private parameterLayer(name: string): ParameterLayer {
    const wb = this.workbook;
    const key = this.parameterOverrideKey(name);
    const editingBaseline = key !== undefined && this.editBaseline;
    const v = key !== undefined && !editingBaseline ? wb?.scenarios?.[this.scenario]?.set?.[key] : wb?.parameters?.[name]?.value;
    return {
      value: typeof v === 'number' ? v : Number(v ?? 0),
      ...(key !== undefined ? { overriddenBy: this.scenario } : {}),
      editingBaseline,
      ...(this.scenario !== BASE_SCENARIO ? { scenario: this.scenario } : {}),
    };
  }

  /** The override key a parameter edit writes, or undefined when it writes Baseline. */
  private parameterEditKey(name: string): string | undefined {
    return this.editBaseline ? undefined : this.parameterOverrideKey(name);
  }

  /** Live recalculation while a slider moves: the named expression changes in the engine only. */
  private previewParameter(name: string, value: number): void {
    const engine = this.engine;
    if (!engine) return;
    const override = this.parameterEditKey(name) !== undefined;
    cancelAnimationFrame(this.previewFrame);
    this.previewFrame = requestAnimationFrame(() => {
      try {
        // Through the engine, so its scenario state knows the live value (of the layer edited).
        if (override) engine.setOverride({ parameter: name }, value); else engine.setParameter(name, value);
      } catch {
        return;
      }
      this.renderSheet(false);
    });
  }

  private commitParameter(name: string, value: number): void {
    const wb = this.workbook;
    if (!wb?.parameters?.[name]) return;
    const key = this.parameterEditKey(name);
    const set = wb.scenarios?.[this.scenario]?.set;
    if (key !== undefined && set) {
      // The shown scenario sets this parameter: its value is what the user sees and edits.
      set[key] = value;
      this.send([{ kind: 'setScenarioOverride', scenario: this.scenario, target: key, value }]);
    } else {
      wb.parameters[name].value = value;
      this.send([{ kind: 'setParameter', name, value }]);
    }
  }

  // ----- clipboard ----------------------------------------------------------------------

  private gridHasFocus(): boolean {
    return this.grid.element.contains(document.activeElement) && !this.grid.isEditing;
  }

  private onCopy(e: ClipboardEvent, cut: boolean): void {
    if (!this.gridHasFocus() || !this.workbook || !this.source || !e.clipboardData) return;
    const { top, left, bottom, right } = this.grid.selectedRange;
    const sheet = this.workbook.sheets[this.sheetIndex];
    const maxRow = Math.min(bottom, Math.max(top, sheet.rows.length - 1));
    const shown: string[][] = [];
    const raw: RawCell[][] = [];
    for (let r = top; r <= maxRow; r++) {
      const s: string[] = [];
      const w: RawCell[] = [];
      for (let c = left; c <= right; c++) { s.push(this.source.text(r, c)); w.push(rawAt(sheet, r, c) ?? null); }
      shown.push(s);
      raw.push(w);
    }
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(shown));
    const table = el('table');
    for (const row of shown) table.append(el('tr', {}, ...row.map((t) => el('td', {}, t))));
    e.clipboardData.setData('text/html', table.outerHTML);
    const clip: RawClip = { top, left, cells: raw };
    this.cancelCut();
    if (cut) {
      // Nothing changes until the paste: the block is only marked.
      clip.cut = `${this.clipOwner}:${++this.cutCount}`;
      this.cut = { id: clip.cut, sheet: this.sheetIndex, range: { top, left, bottom: maxRow, right }, cells: raw };
      this.grid.setMark(this.cut.range);
      this.live.textContent = `Cut ${this.selectionLabel(this.cut.range)}: paste to move it, Escape cancels`;
    }
    e.clipboardData.setData(RAW_MIME, JSON.stringify(clip));
  }

  private cancelCut(): void {
    if (!this.cut) return;
    this.cut = undefined;
    this.grid.setMark(undefined);
  }

  private selectionLabel(r: CellRange): string {
    const first = qualifiedAddress(this.workbook?.sheets[this.sheetIndex]?.name ?? '', r.top, r.left);
    return r.top === r.bottom && r.left === r.right ? first : `${first}:${cellAddress(r.bottom, r.right)}`;
  }

  /**
   * The paste of a pending cut: the block moves to `row`/`col` with its formulas unshifted and
   * every reference to it following (one edit message, one undo step). A cut pastes once.
   */
  private pasteCut(cut: PendingCut, row: number, col: number): void {
    const wb = this.workbook;
    if (!wb) return;
    if (cut.sheet !== this.sheetIndex) {
      // HyperFormula's move leaves the moved formulas' own references on the old sheet.
      this.showBanner(`Cut cells move only within their sheet ("${wb.sheets[cut.sheet]?.name ?? '?'}"). To place them on another sheet, copy (Ctrl+C) and paste, then delete the originals.`);
      return;
    }
    const sheet = wb.sheets[cut.sheet]!;
    const { top, left, bottom, right } = cut.range;
    const now: RawCell[][] = [];
    for (let r = top; r <= bottom; r++) { const w: RawCell[] = []; for (let c = left; c <= right; c++) w.push(rawAt(sheet, r, c) ?? null); now.push(w); }
    this.cancelCut();
    if (JSON.stringify(now) !== JSON.stringify(cut.cells)) {
      this.showBanner('The cut cells changed after the cut (edited elsewhere or undone), so nothing was moved. Cut them again.');
      return;
    }
    let edits: EditIntent[];
    try {
      edits = moveEdits(wb, { sheet: cut.sheet, top, left, bottom, right, toRow: row, toCol: col });
    } catch (e) {
      this.showBanner(`Could not move the cells: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const to = { top: row, left: col, bottom: row + bottom - top, right: col + right - left };
    this.grid.selectRange({ row, col, anchorRow: to.bottom, anchorCol: to.right });
    if (edits.length === 0) return;
    this.send(edits);
    this.live.textContent = `Moved ${this.selectionLabel(cut.range)} to ${this.selectionLabel(to)}`;
  }

  private onPaste(e: ClipboardEvent): void {
    if (!this.gridHasFocus() || !this.workbook || !e.clipboardData) return;
    e.preventDefault();
    const { row, col } = { row: this.grid.selectedRange.top, col: this.grid.selectedRange.left };
    let values: RawCell[][] | undefined;
    const own = e.clipboardData.getData(RAW_MIME);
    if (own) {
      let data: RawClip | undefined;
      try {
        data = JSON.parse(own) as RawClip;
      } catch {
        data = undefined;
      }
      if (typeof data?.cut === 'string') {
        const cut = this.cut;
        if (cut && data.cut === cut.id) { this.pasteCut(cut, row, col); return; }
        // This editor's cut that was pasted or cancelled: nothing to paste, as in Excel.
        if (data.cut.startsWith(`${this.clipOwner}:`)) { this.live.textContent = 'Nothing to paste: the cut was already pasted or cancelled'; return; }
        // A cut in another editor pastes here as a copy.
      }
      if (data && Array.isArray(data.cells)) values = data.cells.map((r) => r.map((v) => shiftRaw(v, row - data.top, col - data.left)));
    }
    if (!values) {
      const html = e.clipboardData.getData('text/html');
      const fromHtml = html ? parseHtmlTable(html, new DOMParser()) : undefined;
      const text = fromHtml ?? parseTsv(e.clipboardData.getData('text/plain'));
      values = text.map((r) => r.map((t) => parseTypedInput(t)));
    }
    if (values.length === 0 || values.every((r) => r.length === 0)) return;
    const width = Math.max(...values.map((r) => r.length));
    values = values.map((r) => (r.length < width ? [...r, ...new Array<RawCell>(width - r.length).fill(null)] : r));
    this.edit([{ kind: 'setRange', sheet: this.sheetIndex, row, col, values }]);
    this.grid.selectRange({ row, col, anchorRow: row + values.length - 1, anchorCol: col + width - 1 });
  }
}
