/**
 * The workbook diff view's page (dist/diff-view.js): the new version's grid, read-only, with
 * edited cells (`diff-edited`) and changed results (`diff-changed`) marked and "old → new" on
 * hover; a side list of every change (a click selects the cell, switching sheets); Alt+F5 /
 * Shift+Alt+F5 and buttons for the next/previous change; a scenario picker; "Show as Text".
 * Everything from the host is set with textContent.
 */
import '../styles/main.css';
import './diff.css';
import { formatValue } from '../format/number-format';
import { cellAddress } from '../grid/address';
import { Grid, type GridSource } from '../grid/grid';
import type { DiffHostMessage, DiffMark, DiffSheet, DiffViewMessage, DiffViewModel } from '../../src/shared/diff-protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void };
const vscodeApi = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage: () => undefined };
const post = (m: DiffViewMessage) => vscodeApi.postMessage(m);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

const noop = () => undefined;

class DiffApp {
  private model: DiffViewModel | undefined;
  private sheet = 0;
  /** Index in model.marks of the change navigation is at (-1: none yet). */
  private current = -1;
  /** `row,col` -> marks of the current sheet. */
  private marksHere = new Map<string, DiffMark[]>();
  private readonly grid: Grid;
  private readonly scenario = el('select', { id: 'diff-scenario', title: 'Scenario whose effects are shown' });
  private readonly summary = el('span', { id: 'diff-summary' });
  private readonly tabs = el('div', { id: 'sheet-tabs' });
  private readonly list = el('ol', { id: 'diff-changes' });
  private readonly others = el('ul', { id: 'diff-other-edits' });
  private readonly position = el('span', { id: 'diff-position' });

  constructor(root: HTMLElement) {
    this.grid = new Grid({
      onSelectionChange: () => this.syncCurrent(),
      editText: () => '',
      onCommit: noop, onClear: noop, onFill: noop, onColumnResize: noop, onScroll: noop, onEditorInput: noop,
    }, this.source(undefined), { readOnly: true });
    this.scenario.addEventListener('change', () => post({ type: 'scenario', name: this.scenario.value }));
    const button = (id: string, text: string, title: string, run: () => void) => {
      const b = el('button', { id, type: 'button', title, className: 'diff-button' }, text);
      b.addEventListener('click', run);
      return b;
    };
    const toolbar = el('div', { className: 'toolbar' },
      el('label', {}, 'Scenario ', this.scenario),
      button('diff-prev', '↑ Previous', 'Previous change (Shift+Alt+F5)', () => this.go(-1)),
      button('diff-next', '↓ Next', 'Next change (Alt+F5)', () => this.go(1)),
      this.position, this.summary,
      button('diff-show-text', 'Show as Text', 'Open the diff as a text document', () => post({ type: 'showText' })));
    const side = el('aside', { id: 'diff-side' }, el('h3', {}, 'Changes'), this.list, el('h3', {}, 'Other edits'), this.others);
    const gridArea = el('div', { className: 'grid-area' }, this.grid.element, el('div', { className: 'sheet-bar' }, this.tabs));
    root.append(toolbar, el('div', { className: 'main' }, gridArea, side));
    window.addEventListener('keydown', (e) => {
      if (e.key === 'F5' && e.altKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); this.go(e.shiftKey ? -1 : 1); }
    });
    window.addEventListener('message', (e: MessageEvent<DiffHostMessage>) => { if (e.data?.type === 'model') this.show(e.data.model); });
    post({ type: 'ready' });
  }

  private source(s: DiffSheet | undefined): GridSource {
    const rows = s?.values ?? [];
    const colCount = Math.max(5, s?.headers.length ?? 0, ...rows.map((r) => r.length)) + 1;
    const value = (r: number, c: number) => rows[r]?.[c] ?? null;
    return {
      rowCount: Math.max(20, rows.length + 1),
      colCount,
      text: (r, c) => {
        const v = value(r, c);
        return v === null ? '' : formatValue(v, s?.cellFormats[cellAddress(r, c)] ?? s?.formats[c]);
      },
      classes: (r, c) => {
        const v = value(r, c);
        const base = typeof v === 'number' ? 'num' : typeof v === 'string' && v.startsWith('#') ? 'err' : '';
        const kinds = new Set((this.marksHere.get(`${r},${c}`) ?? []).map((m) => `diff-${m.kind}`));
        return [base, ...kinds].filter(Boolean).join(' ');
      },
      title: (r, c) => this.marksHere.get(`${r},${c}`)?.map((m) => `${m.kind === 'edited' ? 'Edited' : 'Result'}: ${m.old} → ${m.new}`).join('\n'),
      isEmpty: (r, c) => value(r, c) === null,
      columnLabel: (c) => s?.headers[c],
      columnWidth: () => 110,
    };
  }

  private show(model: DiffViewModel): void {
    const keepSheet = this.model?.sheets[this.sheet]?.name;
    this.model = model;
    this.scenario.replaceChildren(...model.scenarios.map((n) => el('option', { value: n, selected: n === model.scenario }, n)));
    const c = model.counts;
    this.summary.textContent = `${c.edits} edit${c.edits === 1 ? '' : 's'} (${c.cells} cell${c.cells === 1 ? '' : 's'}); under ${model.scenario}: ${c.values} result${c.values === 1 ? '' : 's'} changed, ${c.checks} check${c.checks === 1 ? '' : 's'} flipped`
      + (model.effectsError ? `; effects not computed: ${model.effectsError}` : '');
    this.list.replaceChildren(...model.marks.map((m, i) => {
      const pct = m.relative === null || m.relative === undefined ? '' : ` (${m.relative >= 0 ? '+' : ''}${Number((m.relative * 100).toPrecision(4))}%)`;
      const li = el('li', { className: `diff-item diff-${m.kind}`, tabIndex: 0 },
        el('span', { className: 'diff-kind' }, m.kind === 'edited' ? 'edit' : 'result'), ' ',
        el('span', { className: 'diff-address' }, m.address), m.label ? ` (${m.label})` : '', `: ${m.old} → ${m.new}${pct}`);
      li.dataset.index = String(i);
      li.addEventListener('click', () => this.goTo(i));
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.goTo(i); });
      return li;
    }));
    this.others.replaceChildren(...[...model.otherEdits, ...model.checkFlips].map((l) => el('li', {}, l)));
    this.tabs.replaceChildren(...model.sheets.map((s, i) => {
      const n = model.marks.filter((m) => m.sheet === s.name).length;
      const b = el('button', { className: 'sheet-tab', type: 'button', id: `sheet-tab-${i}` }, s.name, n ? ` (${n})` : '');
      b.addEventListener('click', () => this.showSheet(i));
      return b;
    }));
    const again = model.sheets.findIndex((s) => s.name === keepSheet);
    this.current = -1;
    this.showSheet(again >= 0 ? again : 0);
  }

  private showSheet(i: number): void {
    const model = this.model;
    if (!model) return;
    this.sheet = Math.max(0, Math.min(i, model.sheets.length - 1));
    const s = model.sheets[this.sheet];
    this.marksHere = new Map();
    for (const m of model.marks) {
      if (m.sheet !== s?.name) continue;
      const k = `${m.row},${m.col}`;
      this.marksHere.set(k, [...(this.marksHere.get(k) ?? []), m]);
    }
    this.tabs.querySelectorAll('.sheet-tab').forEach((b, j) => b.classList.toggle('active', j === this.sheet));
    this.grid.setSource(this.source(s));
    this.syncCurrent();
  }

  private go(step: number): void {
    const n = this.model?.marks.length ?? 0;
    if (!n) return;
    this.goTo(this.current < 0 ? (step > 0 ? 0 : n - 1) : (this.current + step + n) % n);
  }

  private goTo(i: number): void {
    const m = this.model?.marks[i];
    if (!m || !this.model) return;
    const sheet = this.model.sheets.findIndex((s) => s.name === m.sheet);
    if (sheet !== this.sheet && sheet >= 0) this.showSheet(sheet);
    this.current = i;
    this.grid.select(m.row, m.col);
    this.grid.element.focus();
    this.syncCurrent();
  }

  /** The list follows the selection: the change at the selected cell is highlighted. */
  private syncCurrent(): void {
    const model = this.model;
    if (!model) return;
    const { row, col } = this.grid.selection;
    const sheet = model.sheets[this.sheet]?.name;
    const here = model.marks[this.current];
    if (!here || here.sheet !== sheet || here.row !== row || here.col !== col) {
      this.current = model.marks.findIndex((m) => m.sheet === sheet && m.row === row && m.col === col);
    }
    this.list.querySelectorAll('li').forEach((li, j) => li.classList.toggle('current', j === this.current));
    this.list.children[this.current]?.scrollIntoView({ block: 'nearest' });
    this.position.textContent = model.marks.length ? `${this.current >= 0 ? this.current + 1 : '–'} of ${model.marks.length}` : 'No changes';
  }
}

new DiffApp(document.getElementById('diff-app') ?? document.body);
