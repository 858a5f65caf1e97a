/**
 * Scenario summary (Excel's Scenario Summary): each scenario's parameter values, the chosen
 * result cells and the checks side by side, differences from Baseline marked; the CSV export
 * is the same table as `minerals compare --format csv`.
 */
import { defaultResultCells, differenceFromBase, resultLabel, safeFileStem, splitCellList, summaryTable } from '../../src/core/analysis/index';
import type { CellValue, ScenarioSummary } from '../../src/core/engine/types';
import { button, el, formatNumber, saveCsv, statusLine, table, textField, type TableCell, type ValueElement, setUnlessTyping } from './dom';
import { errorText, RecomputeCost, type AnalysisHost, type AnalysisView } from './host';

/** A value as the summary shows it. */
export function valueText(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return v.error;
  return v;
}

export class SummaryView implements AnalysisView {
  readonly id = 'summary';
  readonly label = 'Summary';
  readonly element = el('div', { className: 'an-view', id: 'an-summary' });
  private readonly cells: ValueElement;
  private readonly output = el('div', { className: 'an-output' });
  private readonly status = statusLine('summary-status');
  private summary: ScenarioSummary | undefined;
  private readonly cost = new RecomputeCost();
  /** Cells typed by the user; until then the default follows the workbook. */
  private chosen = false;

  constructor(private readonly host: AnalysisHost) {
    const cells = textField('summary-cells', 'Result cells', '', 'Sheet!B5, Sheet!C7');
    this.cells = cells.field;
    // Typing makes the list the user's own at once: a refresh never replaces it with defaults.
    this.cells.addEventListener('input', () => { this.chosen = true; });
    this.cells.addEventListener('change', () => { this.chosen = true; this.refresh(); });
    this.element.append(el('div', { className: 'an-actions' }, cells.row,
      button('summary-refresh', 'Refresh', () => this.refresh()),
      button('summary-add-cell', 'Add active cell', () => this.addActive(), { secondary: true }),
      button('summary-export', 'Export CSV', () => this.export(), { secondary: true })),
    this.status, this.output);
  }

  refresh(auto?: boolean): void {
    const engine = this.host.engine();
    const wb = this.host.workbook();
    if (!engine || !wb) return;
    if (this.cost.deferred(auto)) { this.status.textContent = this.cost.staleText('Refresh'); return; }
    if (!this.chosen) setUnlessTyping(this.cells, defaultResultCells(wb).join(', '));
    const list = splitCellList(this.cells.value);
    try {
      this.summary = this.cost.time(() => engine.compare(list));
    } catch (e) {
      this.summary = undefined;
      this.status.textContent = errorText(e);
      this.output.replaceChildren();
      return;
    }
    this.status.textContent = `${this.summary.scenarios.length} scenarios; changed from Baseline are marked.`;
    this.output.replaceChildren(this.render(this.summary));
  }

  private render(s: ScenarioSummary): HTMLTableElement {
    const header = ['', ...s.scenarios.map((c) => c.name)];
    const rows: TableCell[][] = [];
    const wb = this.host.workbook();
    const units = wb?.parameters ?? {};
    for (const p of s.parameters) {
      rows.push([{ text: units[p]?.unit ? `${p} (${units[p]!.unit})` : p, className: 'an-param' },
        ...s.scenarios.map((c) => this.valueCell(c.parameters[p], s.base.parameters[p], c.changedParameters.includes(p)))]);
    }
    for (const cell of s.cells) {
      const label = wb ? resultLabel(wb, cell) : '';
      rows.push([{ text: label ? `${cell} ${label}` : cell, className: 'an-result' },
        ...s.scenarios.map((c) => this.valueCell(c.cells[cell], s.base.cells[cell], c.changedCells.includes(cell)))]);
    }
    (s.base.checks ?? []).forEach((check, i) => {
      rows.push([{ text: `check: ${check.name}` }, ...s.scenarios.map((c) => {
        const passed = c.checks[i]?.passed;
        return { text: passed ? '✓ pass' : '✗ fail', className: passed ? 'an-pass' : `an-fail an-${c.checks[i]?.severity ?? 'error'}` };
      })]);
    });
    return table('summary-table', 'Scenario summary', header, rows);
  }

  private valueCell(v: CellValue | undefined, base: CellValue | undefined, changed: boolean): TableCell {
    const diff = changed ? differenceFromBase(v ?? null, base ?? null) : undefined;
    const text = valueText(v);
    if (!changed) return { text, className: typeof v === 'number' ? 'num' : '' };
    const node = el('span', {}, text);
    if (diff !== undefined) node.append(el('span', { className: 'an-diff' }, ` (${diff > 0 ? '+' : ''}${formatNumber(diff)})`));
    return { text, node, className: `changed${typeof v === 'number' ? ' num' : ''}`, title: `Baseline: ${valueText(base)}` };
  }

  private addActive(): void {
    const cell = this.host.activeCell();
    const current = this.cells.value.trim();
    this.cells.value = current ? `${current}, ${cell}` : cell;
    this.chosen = true;
    this.refresh();
  }

  private export(): void {
    if (!this.summary) { this.status.textContent = 'Nothing to export yet.'; return; }
    const title = this.host.workbook()?.title;
    saveCsv(`${safeFileStem(typeof title === 'string' ? title : 'workbook')}-scenario-summary.csv`, summaryTable(this.summary));
  }
}
