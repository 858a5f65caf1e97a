/**
 * Charts: a result cell across every scenario (bar chart), or a row/column range of a sheet
 * under the shown scenario (line chart, one line per column or row). Exports PNG and SVG.
 */
import { findSheetIndex, parseRange, safeFileStem } from '../../src/core/analysis/index';
import { cellLabel, columnLetters } from '../../src/core/engine/index';
import { baseOption, ChartBox, readTheme } from './charts';
import { button, el, formatNumber, select, selectedValue, statusLine, textField, type ValueElement, setUnlessTyping } from './dom';
import { errorText, RecomputeCost, suggestedCell, type AnalysisHost, type AnalysisView } from './host';

const ACROSS = 'Result across scenarios';
const RANGE = 'Row or column range';
/** More points than this make an unreadable line chart (and a slow one). */
const MAX_POINTS = 2000;

export class ChartView implements AnalysisView {
  readonly id = 'charts';
  readonly label = 'Charts';
  readonly element = el('div', { className: 'an-view', id: 'an-charts' });
  private readonly kind: ValueElement;
  private readonly source: ValueElement;
  private readonly status = statusLine('chart-status');
  private readonly chart = new ChartBox('analysis-chart', 'Chart', () => this.draw());
  private drawn = false;
  private readonly cost = new RecomputeCost();

  constructor(private readonly host: AnalysisHost) {
    const kind = select('chart-kind', 'Chart', [ACROSS, RANGE], ACROSS);
    const source = textField('chart-source', 'Cell or range', '', 'Sheet!C3 or Sheet!B1:B9');
    this.kind = kind.field;
    this.source = source.field;
    this.source.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.draw(); });
    const stem = () => `chart-${safeFileStem(this.source.value)}`;
    this.element.append(
      el('div', { className: 'an-actions' }, kind.row, source.row,
        button('chart-use-active', 'Use selection', () => { this.source.value = this.host.selectedRange(); }, { secondary: true }),
        button('chart-draw', 'Draw', () => this.draw()),
        button('chart-export-png', 'PNG', () => this.chart.export('png', stem()), { secondary: true, title: 'Export the chart as PNG' }),
        button('chart-export-svg', 'SVG', () => this.chart.export('svg', stem()), { secondary: true, title: 'Export the chart as SVG' })),
      this.status, this.chart.element);
  }

  refresh(auto?: boolean): void {
    if (!this.source.value) setUnlessTyping(this.source, suggestedCell(this.host));
    if (!this.drawn) return;
    // Values follow the scenario and the file: redraw what is shown, unless that is slow.
    if (this.cost.deferred(auto)) { this.status.textContent = this.cost.staleText('Draw'); return; }
    this.draw();
  }

  private draw(): void {
    try {
      this.cost.time(() => { if (selectedValue(this.kind) === RANGE) this.drawRange(); else this.drawAcross(); });
      this.drawn = true;
    } catch (e) {
      this.drawn = false;
      this.chart.clear();
      this.status.textContent = errorText(e);
    }
  }

  private drawAcross(): void {
    const engine = this.host.engine();
    if (!engine) return;
    const cell = this.source.value.trim();
    const summary = engine.compare([cell]);
    const names = summary.scenarios.map((s) => s.name);
    const values = summary.scenarios.map((s) => s.cells[cell]);
    const numbers = values.map((v) => (typeof v === 'number' ? v : null));
    const theme = readTheme();
    const option = baseOption(theme, `${cell} by scenario`);
    this.chart.show({
      ...option,
      xAxis: { ...(option.xAxis as object), type: 'category', data: names, axisLabel: { color: theme.foreground, interval: 0, overflow: 'truncate', width: 120 } },
      yAxis: { ...(option.yAxis as object), type: 'value' },
      series: [{
        name: cell, type: 'bar', data: numbers.map((n, i) => ({
          value: n,
          // The shown scenario stands out; the others share the first series colour.
          itemStyle: { color: names[i] === this.host.scenario() ? theme.series[1] : theme.series[0] },
        })),
        label: { show: true, position: 'top', color: theme.foreground, formatter: (p: { value: number | null }) => (p.value === null ? '' : formatNumber(p.value)) },
      }],
    }, `Bar chart of ${cell} by scenario: ${names.map((n, i) => `${n} ${numbers[i] ?? 'not a number'}`).join(', ')}`);
    const missing = numbers.filter((n) => n === null).length;
    this.status.textContent = `${cell} under ${names.length} scenarios${missing ? `; ${missing} not a number` : ''}.`;
  }

  private drawRange(): void {
    const engine = this.host.engine();
    const wb = this.host.workbook();
    if (!engine || !wb) return;
    const range = parseRange(this.source.value);
    if (!range) throw new RangeError('Write a range such as Sheet!B1:B9 or Sheet!B2:F2.');
    // Without a sheet in the range, the active cell's sheet.
    const sheetName = range.sheet ?? parseRange(this.host.activeCell())?.sheet ?? '';
    const sheetIndex = findSheetIndex(wb, sheetName);
    if (sheetIndex < 0) throw new RangeError(`There is no sheet "${sheetName}".`);
    const sheet = wb.sheets[sheetIndex]!;
    const rows = range.bottom - range.top + 1;
    const cols = range.right - range.left + 1;
    if (rows * cols > MAX_POINTS) throw new RangeError(`At most ${MAX_POINTS} cells in a chart.`);
    // The longer side is the x axis; each line is one column (or row) of the range.
    const down = rows >= cols;
    const rowLabel = (r: number) => {
      const first = sheet.rows[r]?.[0];
      return typeof first === 'string' && !first.startsWith('=') && range.left > 0 ? first.replace(/^'/, '') : String(r + 1);
    };
    const colLabel = (c: number) => sheet.columns?.[c]?.header ?? columnLetters(c);
    const categories = down ? Array.from({ length: rows }, (_, i) => rowLabel(range.top + i)) : Array.from({ length: cols }, (_, i) => colLabel(range.left + i));
    const lines = down ? Array.from({ length: cols }, (_, i) => range.left + i) : Array.from({ length: rows }, (_, i) => range.top + i);
    const series = lines.map((line) => ({
      name: down ? colLabel(line) : rowLabel(line),
      type: 'line',
      showSymbol: categories.length <= 60,
      data: categories.map((_, i) => {
        const v = down ? engine.getValueAt(sheetIndex, range.top + i, line) : engine.getValueAt(sheetIndex, line, range.left + i);
        return typeof v === 'number' ? v : null;
      }),
    }));
    const theme = readTheme();
    const first = cellLabel(sheet.name, range.top, range.left);
    const title = `${first}:${columnLetters(range.right)}${range.bottom + 1} under "${this.host.scenario()}"`;
    const option = baseOption(theme, title);
    this.chart.show({
      ...option,
      legend: { bottom: 0, textStyle: { color: theme.foreground } },
      grid: { left: 16, right: 24, top: 40, bottom: 32, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { ...(option.xAxis as object), type: 'category', data: categories },
      yAxis: { ...(option.yAxis as object), type: 'value' },
      series,
    }, `Line chart of ${title}`);
    this.status.textContent = `${series.length} line${series.length === 1 ? '' : 's'} of ${categories.length} points.`;
  }
}
