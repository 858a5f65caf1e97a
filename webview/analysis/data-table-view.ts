/**
 * Sensitivity tools: one- and two-variable data tables of a result cell over parameter
 * ranges (Excel's What-If Data Table), and a tornado chart ranking parameters by how far the
 * result moves between each one's min and max (±10% when unbounded). Both export as CSV;
 * the tornado chart also as PNG/SVG.
 */
import {
  dataTable1Rows, dataTable2Rows, linearRange, safeFileStem, tornadoRows,
} from '../../src/core/analysis/index';
import type { CsvValue } from '../../src/core/csv/index';
import type { WorkbookEngine } from '../../src/core/engine/index';
import type { CellValue, DataTable1Result, DataTable2Result } from '../../src/core/engine/types';
import { baseOption, ChartBox, readTheme } from './charts';
import { button, el, formatNumber, parseNumber, saveCsv, select, setOptions, statusLine, table, textField, selectedValue, type ValueElement, setUnlessTyping } from './dom';
import { errorText, suggestedCell, type AnalysisHost, type AnalysisView } from './host';
import { valueText } from './summary-view';

const NONE = '(none)';
const DEFAULT_STEPS = 11;

/** Inputs for one parameter axis: name, from, to, number of values. */
class Axis {
  readonly param: ValueElement;
  readonly from: ValueElement;
  readonly to: ValueElement;
  readonly steps: ValueElement;
  readonly row: HTMLElement;
  private lastParam = '';

  constructor(id: string, label: string) {
    const p = select(`${id}-param`, label, []);
    const from = textField(`${id}-from`, 'From');
    const to = textField(`${id}-to`, 'To');
    const steps = textField(`${id}-steps`, 'Values', String(DEFAULT_STEPS));
    this.param = p.field;
    this.from = from.field;
    this.to = to.field;
    this.steps = steps.field;
    this.param.addEventListener('change', () => this.fillRange());
    this.row = el('div', { className: 'an-actions' }, p.row, from.row, to.row, steps.row);
  }

  engine: WorkbookEngine | undefined;

  /** Offers the parameters; a newly chosen parameter gets its min..max (or ±50%) as the range. */
  update(engine: WorkbookEngine, params: string[]): void {
    this.engine = engine;
    setOptions(this.param, params);
    if (selectedValue(this.param) !== this.lastParam) this.fillRange();
  }

  private fillRange(): void {
    this.lastParam = selectedValue(this.param);
    const spec = this.engine?.workbook.parameters?.[selectedValue(this.param)];
    if (!spec) return;
    const v = typeof spec.value === 'number' ? spec.value : 0;
    setUnlessTyping(this.from, String(spec.min ?? (v === 0 ? 0 : v * 0.5)));
    setUnlessTyping(this.to, String(spec.max ?? (v === 0 ? 1 : v * 1.5)));
  }

  values(): number[] {
    const from = parseNumber(this.from.value);
    const to = parseNumber(this.to.value);
    const steps = parseNumber(this.steps.value);
    if (from === undefined || to === undefined || steps === undefined) throw new RangeError('Enter numbers for From, To and Values.');
    return linearRange(from, to, steps);
  }
}

export class DataTableView implements AnalysisView {
  readonly id = 'data-table';
  readonly label = 'Data Table';
  readonly element = el('div', { className: 'an-view', id: 'an-data-table' });
  private readonly cell: ValueElement;
  private readonly rows = new Axis('dt-row', 'Parameter');
  private readonly cols = new Axis('dt-col', 'Second parameter');
  private readonly status = statusLine('data-table-status');
  private readonly output = el('div', { className: 'an-output' });
  private exportRows: CsvValue[][] | undefined;

  constructor(private readonly host: AnalysisHost) {
    const cell = textField('dt-cell', 'Result cell', '', 'Sheet!B5');
    this.cell = cell.field;
    this.element.append(
      el('div', { className: 'an-actions' }, cell.row,
        button('dt-use-active', 'Use active cell', () => { this.cell.value = this.host.activeCell(); }, { secondary: true }),
        button('dt-run', 'Compute', () => void this.run()),
        button('dt-export', 'Export CSV', () => this.export(), { secondary: true })),
      this.rows.row, this.cols.row, this.status, this.output);
  }

  refresh(): void {
    const engine = this.host.engine();
    if (!engine) return;
    const params = engine.parameterNames();
    this.rows.update(engine, params);
    this.cols.update(engine, [NONE, ...params]);
    if (!this.cell.value) setUnlessTyping(this.cell, suggestedCell(this.host));
  }

  /** Bumped per run: a newer run (or a changed model) ends an older one at its next yield. */
  private runToken = 0;

  /**
   * Computes in slices with a yield in between: a 20x20 table of a 10k-formula model takes
   * several seconds (docs/PERFORMANCE.md, 5.gen.table), which must not freeze the grid.
   */
  private async run(): Promise<void> {
    const engine = this.host.engine();
    if (!engine) return;
    const token = ++this.runToken;
    const scenario = this.host.scenario();
    const cell = this.cell.value.trim();
    const t0 = performance.now();
    try {
      const rowValues = this.rows.values();
      const rowParam = selectedValue(this.rows.param);
      const colParam = selectedValue(this.cols.param);
      const two = colParam !== NONE;
      const colValues = two ? this.cols.values() : [];
      // Work in slices of about 50 ms (a row segment, or a run of values), then let the page
      // paint: the slice size adapts to the model's recalculation time.
      const total = two ? rowValues.length * colValues.length : rowValues.length;
      const results: CellValue[][] = two ? rowValues.map(() => []) : [];
      let done = 0;
      let size = two ? colValues.length : 10;
      let lastYield = performance.now();
      while (done < total) {
        const start = performance.now();
        if (two) {
          const i = Math.floor(done / colValues.length);
          const j = done % colValues.length;
          const cols = colValues.slice(j, j + size);
          results[i]!.push(...engine.dataTable2({ cell, rowParam, rowValues: [rowValues[i]!], colParam, colValues: cols }).results[0]!);
          done += cols.length;
        } else {
          const part = rowValues.slice(done, done + size);
          results.push(...engine.dataTable1({ cell, param: rowParam, values: part }).rows.map((r) => [r.result]));
          done += part.length;
        }
        const ms = Math.max(1, performance.now() - start);
        size = Math.max(1, Math.min(two ? colValues.length : rowValues.length, Math.round((size * 50) / ms)));
        if (done < total && performance.now() - lastYield > 50) {
          this.status.textContent = `Computing… ${Math.round((100 * done) / total)}%`;
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = performance.now();
          if (token !== this.runToken) return;
          if (this.host.engine() !== engine || this.host.scenario() !== scenario) {
            this.status.textContent = 'The workbook or scenario changed while computing: compute again.';
            return;
          }
        }
      }
      const param = engine.parameterNames().find((n) => n.toUpperCase() === rowParam.toUpperCase()) ?? rowParam;
      if (!two) {
        const t: DataTable1Result = { cell, param, rows: rowValues.map((value, i) => ({ value, result: results[i]![0]! })) };
        this.exportRows = dataTable1Rows(t);
        this.output.replaceChildren(table('data-table', `${cell} by ${t.param}`, [t.param, cell],
          t.rows.map((r) => [{ text: formatNumber(r.value), className: 'num' }, { text: valueText(r.result), className: 'num' }])));
      } else {
        const t: DataTable2Result = { cell, rowParam: param, colParam, rowValues, colValues, results };
        this.exportRows = dataTable2Rows(t);
        this.output.replaceChildren(table('data-table', `${cell} by ${t.rowParam} and ${t.colParam}`,
          [`${t.rowParam} \\ ${t.colParam}`, ...t.colValues.map(formatNumber)],
          t.rowValues.map((rv, i) => [{ text: formatNumber(rv), className: 'num' },
            ...(t.results[i] ?? []).map((v) => ({ text: valueText(v), className: 'num' }))])));
      }
      const n = rowValues.length;
      this.status.textContent = `${cell} under "${scenario}": ${n} row${n === 1 ? '' : 's'} in ${Math.round(performance.now() - t0)} ms.`;
    } catch (e) {
      this.exportRows = undefined;
      this.output.replaceChildren();
      this.status.textContent = errorText(e);
    }
  }

  private export(): void {
    if (!this.exportRows) { this.status.textContent = 'Compute the table first.'; return; }
    saveCsv(`data-table-${safeFileStem(this.cell.value)}.csv`, this.exportRows);
  }
}

export class TornadoView implements AnalysisView {
  readonly id = 'tornado';
  readonly label = 'Tornado';
  readonly element = el('div', { className: 'an-view', id: 'an-tornado' });
  private readonly cell: ValueElement;
  private readonly status = statusLine('tornado-status');
  private readonly chart = new ChartBox('tornado-chart', 'Tornado chart', () => this.run());
  private readonly output = el('div', { className: 'an-output' });
  private exportRows: CsvValue[][] | undefined;

  constructor(private readonly host: AnalysisHost) {
    const cell = textField('tornado-cell', 'Result cell', '', 'Sheet!B5');
    this.cell = cell.field;
    this.element.append(
      el('div', { className: 'an-actions' }, cell.row,
        button('tornado-use-active', 'Use active cell', () => { this.cell.value = this.host.activeCell(); }, { secondary: true }),
        button('tornado-run', 'Rank parameters', () => this.run()),
        button('tornado-export-csv', 'CSV', () => this.export(), { secondary: true, title: 'Export the table as CSV' }),
        button('tornado-export-png', 'PNG', () => this.chart.export('png', `tornado-${safeFileStem(this.cell.value)}`), { secondary: true, title: 'Export the chart as PNG' }),
        button('tornado-export-svg', 'SVG', () => this.chart.export('svg', `tornado-${safeFileStem(this.cell.value)}`), { secondary: true, title: 'Export the chart as SVG' })),
      this.status, this.chart.element, this.output);
  }

  refresh(): void {
    if (!this.cell.value) setUnlessTyping(this.cell, suggestedCell(this.host));
  }

  private run(): void {
    const engine = this.host.engine();
    if (!engine) return;
    const cell = this.cell.value.trim();
    try {
      const t = engine.tornado({ cell });
      this.exportRows = tornadoRows(t);
      const base = typeof t.baseResult === 'number' ? t.baseResult : 0;
      const bars = [...t.bars].filter((b) => !Number.isNaN(b.swing)).reverse(); // largest at the top
      // One readable bar per parameter: the chart grows with their number (CSSOM, allowed by the CSP).
      this.chart.element.style.height = `${Math.max(300, bars.length * 24 + 100)}px`;
      const theme = readTheme();
      const option = baseOption(theme, `${cell}: effect of each parameter (base ${valueText(t.baseResult)})`);
      const low = (b: (typeof bars)[number]) => (b.lowResult as number) - base;
      const high = (b: (typeof bars)[number]) => (b.highResult as number) - base;
      this.chart.show({
        ...option,
        tooltip: { ...(option.tooltip as object), trigger: 'item' },
        legend: { data: ['at low', 'at high'], bottom: 0, textStyle: { color: theme.foreground } },
        xAxis: { ...(option.xAxis as object), type: 'value', name: `change in ${cell}` },
        yAxis: { ...(option.yAxis as object), type: 'category', data: bars.map((b) => `${b.param} (${formatNumber(b.low)}–${formatNumber(b.high)})`) },
        series: [
          { name: 'at low', type: 'bar', data: bars.map(low), itemStyle: { color: theme.series[0] } },
          { name: 'at high', type: 'bar', barGap: '-100%', data: bars.map(high), itemStyle: { color: theme.series[1] } },
        ],
      }, `Tornado chart of ${cell}: ${bars.slice().reverse().map((b) => `${b.param} swing ${formatNumber(b.swing)}`).join(', ')}`);
      this.output.replaceChildren(table('tornado-table', 'Tornado', this.exportRows[0]!.map(String),
        this.exportRows.slice(1).map((r) => r.map((v) => ({ text: typeof v === 'number' ? formatNumber(v) : String(v ?? '') })))));
      const skipped = t.skipped.map((s) => `${s.param} (${s.reason})`).join('; ');
      this.status.textContent = `${t.bars.length} parameter${t.bars.length === 1 ? '' : 's'} ranked under "${this.host.scenario()}".${skipped ? ` Skipped: ${skipped}.` : ''}`;
    } catch (e) {
      this.exportRows = undefined;
      this.chart.clear();
      this.output.replaceChildren();
      this.status.textContent = errorText(e);
    }
  }

  private export(): void {
    if (!this.exportRows) { this.status.textContent = 'Rank the parameters first.'; return; }
    saveCsv(`tornado-${safeFileStem(this.cell.value)}.csv`, this.exportRows);
  }
}
