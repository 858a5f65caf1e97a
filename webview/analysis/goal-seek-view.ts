/**
 * Goal seek: set cell, to value, by changing parameter (within its min/max). Shows the
 * answer and every iteration; writes nothing until the user applies the answer to the
 * shown scenario or saves it as a new scenario.
 */
import { scenarioNameProblem } from '../../src/core/analysis/index';
import type { GoalSeekResult } from '../../src/core/engine/types';
import { BASE_SCENARIO } from '../../src/core/model/workbook';
import { button, el, formatNumber, parseNumber, select, setOptions, statusLine, table, textField, selectedValue, type ValueElement, setUnlessTyping } from './dom';
import { errorText, suggestedCell, type AnalysisView, type ToolHost } from './host';

export class GoalSeekView implements AnalysisView {
  readonly id = 'goal-seek';
  readonly label = 'Goal Seek';
  readonly element = el('div', { className: 'an-view', id: 'an-goal-seek' });
  private readonly setCell: ValueElement;
  private readonly to: ValueElement;
  private readonly by: ValueElement;
  private readonly newName: ValueElement;
  private readonly answer = el('div', { id: 'goal-seek-answer', className: 'an-answer' });
  private readonly status = statusLine('goal-seek-status');
  private readonly iterations = el('div', { className: 'an-output' });
  private readonly applyRow: HTMLElement;
  private readonly applyButton: HTMLElement;
  private result: { param: string; value: number; scenario: string } | undefined;

  constructor(private readonly host: ToolHost) {
    const setCell = textField('goal-seek-cell', 'Set cell', '', 'Sheet!B5');
    const to = textField('goal-seek-to', 'To value');
    const by = select('goal-seek-param', 'By changing', []);
    const newName = textField('goal-seek-new-name', 'New scenario');
    this.setCell = setCell.field;
    this.to = to.field;
    this.by = by.field;
    this.newName = newName.field;
    this.applyButton = button('goal-seek-apply', 'Apply to shown scenario', () => this.applyCurrent());
    this.applyRow = el('div', { className: 'an-actions', hidden: true }, this.applyButton, newName.row,
      button('goal-seek-save-new', 'Save as new scenario', () => this.applyNew(), { secondary: true }));
    const form = el('div', { className: 'an-actions' }, setCell.row,
      button('goal-seek-use-active', 'Use active cell', () => { this.setCell.value = this.host.activeCell(); }, { secondary: true }),
      to.row, by.row, button('goal-seek-run', 'Solve', () => this.run()));
    // Enter in a field solves, as in a dialog (no <form>: a vscode-button might submit it twice).
    form.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.target !== this.by) { e.preventDefault(); this.run(); } });
    this.element.append(form, this.status, this.answer, this.applyRow, this.iterations);
  }

  refresh(): void {
    const engine = this.host.engine();
    if (!engine) return;
    setOptions(this.by, engine.parameterNames());
    if (!this.setCell.value) setUnlessTyping(this.setCell, suggestedCell(this.host));
    // An answer found under another scenario or model must not be applied to this one.
    if (this.result && this.result.scenario !== this.host.scenario()) this.clearResult();
  }

  private clearResult(): void {
    this.result = undefined;
    this.applyRow.hidden = true;
    this.answer.textContent = '';
    this.iterations.replaceChildren();
  }

  private run(): void {
    const engine = this.host.engine();
    if (!engine) return;
    this.clearResult();
    const to = parseNumber(this.to.value);
    if (to === undefined) { this.status.textContent = 'Enter the value the cell should reach.'; return; }
    const cell = this.setCell.value.trim();
    const param = selectedValue(this.by);
    let r: GoalSeekResult;
    try {
      r = engine.goalSeek({ set: cell, to, by: param });
    } catch (e) {
      this.status.textContent = errorText(e);
      return;
    }
    const steps = r.iterations.length;
    this.iterations.replaceChildren(table('goal-seek-iterations', 'Goal seek iterations', ['#', param, cell],
      r.iterations.map((s, i) => [{ text: String(i + 1) }, { text: formatNumber(s.x), className: 'num' },
        { text: s.y === null ? '—' : formatNumber(s.y), className: 'num' }])));
    if (!r.ok) {
      this.status.textContent = `No solution after ${steps} iteration${steps === 1 ? '' : 's'}: ${r.reason}`;
      return;
    }
    const scenario = this.host.scenario();
    this.result = { param, value: r.value, scenario };
    this.status.textContent = `Found after ${steps} iteration${steps === 1 ? '' : 's'} under "${scenario}".`;
    this.answer.textContent = `${param} = ${formatNumber(r.value)} gives ${cell} = ${formatNumber(r.achieved)}`;
    this.applyButton.textContent = `Apply to "${scenario}"`;
    this.applyRow.hidden = false;
  }

  /** Writes the answer into the shown scenario: its override, or the parameter itself for Baseline. */
  private applyCurrent(): void {
    const r = this.result;
    const wb = this.host.workbook();
    if (!r || !wb) return;
    const set = wb.scenarios?.[r.scenario]?.set ?? {};
    const key = Object.keys(set).find((k) => k.toUpperCase() === r.param.toUpperCase());
    if (r.scenario === BASE_SCENARIO && key === undefined) this.host.edit([{ kind: 'setParameter', name: r.param, value: r.value }]);
    else this.host.edit([{ kind: 'setScenarioOverride', scenario: r.scenario, target: key ?? r.param, value: r.value }]);
    this.status.textContent = `Applied ${r.param} = ${formatNumber(r.value)} to "${r.scenario}".`;
    this.clearResult();
  }

  /** A copy of the shown scenario with the answer as its override, in one undo step. */
  private applyNew(): void {
    const r = this.result;
    if (!r) return;
    const name = this.newName.value;
    const problem = scenarioNameProblem(name, this.host.engine()?.scenarioNames() ?? []);
    if (problem) { this.status.textContent = problem; return; }
    const copy = this.host.workbook()?.scenarios?.[r.scenario] ? { copyFrom: r.scenario } : {};
    this.host.edit([
      { kind: 'addScenario', name, description: `Goal seek: ${r.param} = ${formatNumber(r.value)}`, ...copy },
      { kind: 'setScenarioOverride', scenario: name, target: r.param, value: r.value },
    ]);
    this.host.showWhenCreated(name);
    this.status.textContent = `Saved as scenario "${name}".`;
    this.clearResult();
  }
}
