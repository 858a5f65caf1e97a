/**
 * Scenario manager: the file's scenarios with switch, new, duplicate, rename and delete, and
 * the selected scenario's overrides (parameter or `Sheet!B3` -> value) to edit. Every change
 * is an edit intent; the panel redraws from the next document, never from its own guess.
 */
import { scenarioNameProblem } from '../../src/core/analysis/index';
import { BASE_SCENARIO, type RawCell, type Workbook } from '../../src/core/model/workbook';
import { parseTypedInput, rawToText } from '../edit/raw-input';
import { button, el, statusLine, textField, type ValueElement } from './dom';
import type { AnalysisView, ToolHost } from './host';

export class ScenarioManager implements AnalysisView {
  readonly id = 'scenarios';
  readonly label = 'Scenarios';
  readonly element = el('div', { className: 'an-view', id: 'an-scenarios' });
  private selected = BASE_SCENARIO;
  /**
   * A scenario this manager just created or renamed: it stays selected while the document
   * that has it is on its way, even if a refresh runs before it arrives.
   */
  private awaited: string | undefined;
  private confirmDelete = false;
  private overridesSig = '';
  private readonly list = el('div', { id: 'scenario-list', className: 'an-list' });
  private readonly name: ValueElement;
  private readonly overrides = el('div', { id: 'scenario-overrides' });
  private readonly status = statusLine('scenario-status');
  private readonly deleteButton: HTMLElement;
  private readonly target: ValueElement;
  private readonly value: ValueElement;

  constructor(private readonly host: ToolHost) {
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', 'Scenarios');
    this.list.tabIndex = 0;
    this.list.addEventListener('keydown', (e) => this.onListKey(e));
    const name = textField('scenario-name', 'Name');
    this.name = name.field;
    this.deleteButton = button('scenario-delete', 'Delete', () => this.remove(), { secondary: true });
    const actions = el('div', { className: 'an-actions' },
      name.row,
      button('scenario-new', 'New', () => this.create(false), { title: 'A new scenario with no overrides' }),
      button('scenario-duplicate', 'Duplicate', () => this.create(true), { secondary: true, title: 'A copy of the selected scenario under the new name' }),
      button('scenario-rename', 'Rename', () => this.rename(), { secondary: true }),
      this.deleteButton);
    const target = textField('override-target', 'Override', '', 'Parameter or Sheet!B3');
    const value = textField('override-value', 'Value');
    this.target = target.field;
    this.value = value.field;
    const add = el('div', { className: 'an-actions' }, target.row, value.row,
      button('override-add', 'Set', () => this.setOverride(this.target.value.trim(), this.value.value), { title: 'Set this override in the selected scenario' }));
    const left = el('div', { className: 'an-col' }, el('h3', {}, 'Scenarios'), this.list);
    const right = el('div', { className: 'an-col an-grow' }, actions, el('h3', { id: 'overrides-heading' }, 'Overrides'), this.overrides, add, this.status);
    this.element.append(el('div', { className: 'an-columns' }, left, right));
  }

  refresh(): void {
    const wb = this.host.workbook();
    const engine = this.host.engine();
    if (!wb || !engine) return;
    const names = engine.scenarioNames();
    if (this.awaited !== undefined && names.includes(this.awaited)) this.awaited = undefined;
    else if (!names.includes(this.selected) && this.selected !== this.awaited) this.selected = this.host.scenario();
    this.confirmDelete = false;
    this.deleteButton.textContent = 'Delete';
    this.list.replaceChildren(...names.map((n) => {
      const item = el('div', { className: 'an-list-item', id: `scenario-item-${names.indexOf(n)}` });
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', String(n === this.selected));
      item.dataset.scenario = n;
      const label = el('span', { className: 'an-list-name' }, n);
      const count = Object.keys(wb.scenarios?.[n]?.set ?? {}).length;
      const meta = el('span', { className: 'an-muted' }, n === this.host.scenario() ? ` shown · ${count} set` : ` ${count} set`);
      item.title = wb.scenarios?.[n]?.description ?? '';
      item.append(label, meta);
      item.addEventListener('click', () => this.select(n));
      item.addEventListener('dblclick', () => this.host.setScenario(n));
      return item;
    }));
    this.list.setAttribute('aria-activedescendant', `scenario-item-${names.indexOf(this.selected)}`);
    this.renderOverrides(wb);
  }

  private select(name: string): void {
    this.selected = name;
    this.awaited = undefined;
    this.name.value = name;
    // Selecting a scenario here also shows it: overrides and values are read together.
    if (name !== this.host.scenario()) this.host.setScenario(name); else this.refresh();
  }

  private onListKey(e: KeyboardEvent): void {
    const names = this.host.engine()?.scenarioNames() ?? [];
    const i = names.indexOf(this.selected);
    const d = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!d || i < 0) return;
    e.preventDefault();
    this.select(names[Math.min(names.length - 1, Math.max(0, i + d))]!);
  }

  /** A redraw waits for the focus to leave the overrides (see renderOverrides). */
  private redrawOnLeave = false;

  private renderOverrides(wb: Workbook): void {
    const set = wb.scenarios?.[this.selected]?.set ?? {};
    // Unchanged overrides are not redrawn: an input being edited keeps its focus and text.
    const sig = JSON.stringify([this.selected, set, wb.parameters ?? {}]);
    if (sig === this.overridesSig) return;
    if (this.overrides.contains(document.activeElement)) {
      // An override being typed in keeps its text and focus: redrawn once the focus leaves.
      if (!this.redrawOnLeave) {
        this.redrawOnLeave = true;
        this.overrides.addEventListener('focusout', () => {
          this.redrawOnLeave = false;
          const latest = this.host.workbook();
          if (latest) this.renderOverrides(latest);
        }, { once: true });
      }
      return;
    }
    this.overridesSig = sig;
    const heading = this.element.querySelector('#overrides-heading');
    if (heading) heading.textContent = `Overrides in "${this.selected}"`;
    const entries = Object.entries(set);
    if (entries.length === 0) {
      this.overrides.replaceChildren(el('div', { className: 'an-muted' },
        this.selected === BASE_SCENARIO ? 'Baseline is the file as written.' : 'No overrides: this scenario equals Baseline.'));
      return;
    }
    const rows = entries.map(([target, value], i) => {
      const input = el('input', { type: 'text', className: 'an-input', value: rawToText(value as RawCell), id: `override-value-${i}` });
      input.setAttribute('aria-label', `Value of ${target}`);
      input.addEventListener('change', () => this.setOverride(target, input.value));
      const base = wb.parameters?.[target]?.value;
      const remove = button(`override-remove-${i}`, 'Remove', () => this.send([{ kind: 'setScenarioOverride', scenario: this.selected, target }]), { secondary: true });
      return el('tr', {},
        el('th', { scope: 'row' }, target),
        el('td', {}, input),
        el('td', { className: 'an-muted' }, base !== undefined ? `base ${rawToText(base)}` : ''),
        el('td', {}, remove));
    });
    this.overrides.replaceChildren(el('table', { className: 'an-table', id: 'overrides-table' }, el('tbody', {}, ...rows)));
  }

  private setOverride(target: string, text: string): void {
    if (!target) { this.status.textContent = 'Enter a parameter name or a cell such as Sheet!B3.'; return; }
    if (this.selected === BASE_SCENARIO && !this.host.workbook()?.scenarios?.[BASE_SCENARIO]) {
      this.status.textContent = 'Baseline is the file as written: change the parameter itself, or pick another scenario.';
      return;
    }
    const value = parseTypedInput(text);
    if (value === null) { this.status.textContent = 'Enter a value (use Remove to drop an override).'; return; }
    this.send([{ kind: 'setScenarioOverride', scenario: this.selected, target, value }]);
    this.target.value = '';
    this.value.value = '';
  }

  private create(copy: boolean): void {
    const name = this.name.value;
    const problem = scenarioNameProblem(name, this.host.engine()?.scenarioNames() ?? []);
    if (problem) { this.status.textContent = problem; return; }
    // Baseline without an entry in the file has nothing to copy: the copy starts empty.
    const copyFrom = copy && this.host.workbook()?.scenarios?.[this.selected] ? { copyFrom: this.selected } : {};
    this.send([{ kind: 'addScenario', name, ...copyFrom }]);
    this.selected = name;
    this.awaited = name;
    this.host.showWhenCreated(name);
  }

  private rename(): void {
    const name = this.name.value;
    if (this.selected === BASE_SCENARIO) { this.status.textContent = 'Baseline keeps its name: it is the base every scenario is compared with.'; return; }
    const others = (this.host.engine()?.scenarioNames() ?? []).filter((n) => n !== this.selected);
    const problem = scenarioNameProblem(name, others);
    if (problem) { this.status.textContent = problem; return; }
    const shown = this.host.scenario() === this.selected;
    this.send([{ kind: 'renameScenario', scenario: this.selected, name }]);
    this.selected = name;
    this.awaited = name;
    if (shown) this.host.showWhenCreated(name);
  }


  private remove(): void {
    if (this.selected === BASE_SCENARIO) { this.status.textContent = 'Baseline cannot be deleted.'; return; }
    // Two steps instead of confirm(), which webviews do not offer.
    if (!this.confirmDelete) {
      this.confirmDelete = true;
      this.deleteButton.textContent = `Delete "${this.selected}"?`;
      this.status.textContent = 'Click again to delete the scenario (Undo brings it back).';
      return;
    }
    this.send([{ kind: 'deleteScenario', scenario: this.selected }]);
    if (this.host.scenario() === this.selected) this.host.setScenario(BASE_SCENARIO);
    this.selected = BASE_SCENARIO;
  }

  private send(edits: Parameters<ToolHost['edit']>[0]): void {
    this.status.textContent = '';
    this.host.edit(edits);
  }
}
