/**
 * The analysis panel under the grid: scenario manager, scenario summary, goal seek, data
 * tables, tornado, charts and checks as tabs. Also marks the grid's cells whose value under
 * the shown scenario differs from Baseline.
 */
import '../styles/analysis.css';
import { changedCells } from '../../src/core/analysis/index';
import type { CellValue } from '../../src/core/engine/types';
import { BASE_SCENARIO } from '../../src/core/model/workbook';
import type { GridSource } from '../grid/grid';
import { ChartView } from './chart-view';
import { ChecksView } from './checks-view';
import { DataTableView, TornadoView } from './data-table-view';
import { el } from './dom';
import { GoalSeekView } from './goal-seek-view';
import type { AnalysisHost, AnalysisView, ToolHost } from './host';
import { ScenarioManager } from './scenario-manager';
import { SummaryView, valueText } from './summary-view';

export type { AnalysisHost } from './host';

/** Sheets larger than this are not compared cell by cell with Baseline (it would stall typing). */
const MAX_MARKED_CELLS = 200_000;

export class AnalysisPanel {
  readonly element = el('section', { id: 'analysis-panel', hidden: true });
  private readonly tabBar = el('div', { className: 'an-tabs' });
  private readonly body = el('div', { className: 'an-body' });
  private readonly views: AnalysisView[];
  private readonly manager: ScenarioManager;
  private active = 0;
  /** Bumped when the file or a value changes (not on a scenario switch): keys the caches below. */
  private generation = 0;
  /** The shown sheet's values under Baseline: reused across scenario switches. */
  private baseValues: { key: string; values: CellValue[][] } | undefined;
  private marks: { key: string; changed: Set<string> } | undefined;
  /** A scenario to show once the document that creates it (new, duplicate, rename, goal seek) arrives. */
  private pendingShow: string | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private toggleButton: HTMLElement | undefined;

  constructor(private readonly host: AnalysisHost, options: { open?: boolean; tab?: string } = {}) {
    const tools: ToolHost = { ...host, showWhenCreated: (name) => { this.pendingShow = name; } };
    this.manager = new ScenarioManager(tools);
    this.views = [this.manager, new SummaryView(host), new GoalSeekView(tools), new DataTableView(host),
      new TornadoView(host), new ChartView(host), new ChecksView(host)];
    this.element.setAttribute('aria-label', 'Scenario analysis');
    this.tabBar.setAttribute('role', 'tablist');
    this.tabBar.setAttribute('aria-label', 'Analysis tools');
    const close = el('button', { type: 'button', className: 'an-close', id: 'analysis-close', title: 'Close the analysis panel' }, '×');
    close.setAttribute('aria-label', 'Close the analysis panel');
    close.addEventListener('click', () => this.toggle(false));
    this.views.forEach((v, i) => {
      const tab = el('button', { type: 'button', className: 'an-tab', id: `analysis-tab-${v.id}` }, v.label);
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', `analysis-view-${v.id}`);
      tab.addEventListener('click', () => this.show(i));
      tab.addEventListener('keydown', (e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        const next = (i + d + this.views.length) % this.views.length;
        this.show(next);
        (this.tabBar.children[next] as HTMLElement | undefined)?.focus();
      });
      this.tabBar.append(tab);
      const panel = el('div', { id: `analysis-view-${v.id}`, className: 'an-tabpanel', hidden: true });
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.append(v.element);
      this.body.append(panel);
    });
    this.element.append(el('div', { className: 'an-header' }, this.tabBar, close), this.body);
    const tab = this.views.findIndex((v) => v.id === options.tab);
    this.active = tab >= 0 ? tab : 0;
    this.selectTab(this.active);
    this.element.hidden = options.open !== true;
  }

  get isOpen(): boolean { return !this.element.hidden; }

  /** The toolbar button that opens the panel: told whether the panel is open (aria-expanded). */
  bindToggle(button: HTMLElement): void {
    this.toggleButton = button;
    button.setAttribute('aria-controls', this.element.id);
    button.setAttribute('aria-expanded', String(this.isOpen));
  }
  get tab(): string { return this.views[this.active]!.id; }

  /** Opens (or closes) the panel; `tab` picks a tool by id (`summary`, `goal-seek`, ...). */
  toggle(open = this.element.hidden, tab?: string): void {
    this.element.hidden = !open;
    this.toggleButton?.setAttribute('aria-expanded', String(open));
    const i = tab ? this.views.findIndex((v) => v.id === tab) : -1;
    if (i >= 0) this.selectTab(i);
    if (open) {
      clearTimeout(this.refreshTimer);
      this.views[this.active]!.refresh();
      // Keyboard users land on the tools they opened.
      (this.tabBar.children[this.active] as HTMLElement | undefined)?.focus();
    }
  }

  /** The workbook or a value changed: refresh what is visible. */
  modelChanged(): void {
    this.generation++;
    this.baseValues = undefined;
    this.scenarioChanged();
  }

  /** The shown scenario changed (Baseline's values did not): refresh what is visible. */
  scenarioChanged(): void {
    this.marks = undefined;
    const engine = this.host.engine();
    // A scenario the manager just created or renamed is shown once the file has it.
    const pending = this.pendingShow;
    if (pending && engine?.scenarioNames().includes(pending)) {
      this.pendingShow = undefined;
      if (pending !== this.host.scenario()) { this.host.setScenario(pending); return; }
    }
    // Debounced: a burst of edits (paste, typing ahead of the host) refreshes once.
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => { if (this.isOpen) this.views[this.active]!.refresh(true); }, 100);
  }

  /**
   * The grid source with cells that differ from Baseline marked (class `scenario-changed`,
   * Baseline's value in the tooltip). Under Baseline the source is returned as is.
   */
  decorate(source: GridSource, sheetIndex: number): GridSource {
    const engine = this.host.engine();
    const scenario = this.host.scenario();
    if (!engine || scenario === BASE_SCENARIO) return source;
    const key = `${this.generation}:${scenario}:${sheetIndex}`;
    if (this.marks?.key !== key) {
      const rows = engine.workbook.sheets[sheetIndex]?.rows ?? [];
      let cells = 0;
      for (const r of rows) cells += r.length;
      if (cells > MAX_MARKED_CELLS) return source;
      const current = engine.getSheetValues(sheetIndex);
      const baseKey = `${this.generation}:${sheetIndex}`;
      if (this.baseValues?.key !== baseKey) {
        // Two scenario switches: paid once per file change, not on every switch.
        engine.setScenario(BASE_SCENARIO);
        try {
          this.baseValues = { key: baseKey, values: engine.getSheetValues(sheetIndex) };
        } finally {
          engine.setScenario(scenario);
        }
      }
      this.marks = { key, changed: changedCells(current, this.baseValues.values) };
    }
    const { changed } = this.marks;
    const base = this.baseValues?.values ?? [];
    if (changed.size === 0) return source;
    return {
      get rowCount() { return source.rowCount; },
      get colCount() { return source.colCount; },
      text: (r, c) => source.text(r, c),
      classes: (r, c) => (changed.has(`${r}:${c}`) ? `${source.classes(r, c)} scenario-changed` : source.classes(r, c)),
      title: (r, c) => {
        const t = source.title(r, c);
        if (!changed.has(`${r}:${c}`)) return t;
        const note = `Changed by scenario "${scenario}" (Baseline: ${valueText(base[r]?.[c] ?? null) || 'empty'})`;
        return t ? `${note}\n${t}` : note;
      },
      isEmpty: (r, c) => source.isEmpty(r, c),
      columnLabel: (c) => source.columnLabel(c),
      columnWidth: (c) => source.columnWidth(c),
    };
  }

  private show(i: number): void {
    this.selectTab(i);
    // This refresh covers any model change still waiting for the debounced one.
    clearTimeout(this.refreshTimer);
    this.views[i]!.refresh();
  }

  private selectTab(i: number): void {
    this.active = i;
    for (let j = 0; j < this.views.length; j++) {
      const tab = this.tabBar.children[j] as HTMLElement;
      tab.setAttribute('aria-selected', String(i === j));
      tab.tabIndex = i === j ? 0 : -1;
      (this.body.children[j] as HTMLElement).hidden = i !== j;
    }
  }
}
