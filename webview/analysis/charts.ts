/**
 * Charts for the analysis panels, drawn with Apache ECharts.
 *
 * Why ECharts: it is actively maintained (Apache), tree-shakes to the bar and line charts we
 * use, and has both an SVG and a canvas renderer, so one chart exports as SVG and as PNG.
 * CSP (`default-src 'none'`, no `unsafe-eval`, no `unsafe-inline` styles): ECharts and
 * zrender use no eval/new Function in the modules imported here; the SVG renderer sets
 * styles through `element.style` (CSSOM, which the CSP allows), and only its string export
 * (`renderToSVGString`, never put into the page) may contain a `<style>` element. Tooltips
 * use the `richText` mode, drawn by the chart itself, because the HTML tooltip writes markup
 * with inline `style` attributes through innerHTML (blocked by the CSP, and a path for
 * workbook text to become HTML). PNG export draws the same option once with the canvas
 * renderer off-screen and reads `toDataURL` (no image loading, so `img-src` does not matter).
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { el, saveExport } from './dom';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer, CanvasRenderer]);

/** VS Code theme colours for charts, read from the webview's CSS variables. */
export interface ChartTheme {
  foreground: string;
  muted: string;
  background: string;
  grid: string;
  font: string;
  series: string[];
  positive: string;
  negative: string;
}

/** Reads the current theme; VS Code updates the variables on a theme change. */
export function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-editor-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    background: v('--vscode-editor-background', '#1e1e1e'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040')),
    font: v('--vscode-font-family', 'sans-serif'),
    series: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple',
      '--vscode-charts-yellow', '--vscode-charts-red'].map((n, i) => v(n, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'][i]!)),
    positive: v('--vscode-charts-green', '#89d185'),
    negative: v('--vscode-charts-red', '#f14c4c'),
  };
}

/** Options every chart shares: theme colours, font, no animation (instant and exportable). */
export function baseOption(theme: ChartTheme, title: string): EChartsCoreOption {
  const axis = {
    axisLine: { lineStyle: { color: theme.grid } },
    axisLabel: { color: theme.foreground, fontFamily: theme.font },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted, fontFamily: theme.font },
  };
  return {
    animation: false,
    color: theme.series,
    textStyle: { color: theme.foreground, fontFamily: theme.font },
    title: { text: title, left: 'center', textStyle: { color: theme.foreground, fontFamily: theme.font, fontSize: 13, fontWeight: 'normal' } },
    tooltip: { renderMode: 'richText', trigger: 'axis', backgroundColor: theme.background, borderColor: theme.grid, textStyle: { color: theme.foreground } },
    grid: { left: 16, right: 24, top: 40, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { ...axis },
    yAxis: { ...axis },
  };
}

/** A chart in a panel: drawn with the SVG renderer, resized with its box, exportable. */
export class ChartBox {
  readonly element: HTMLElement;
  private chart: echarts.ECharts | undefined;
  private option: EChartsCoreOption | undefined;
  private readonly resize = new ResizeObserver(() => this.chart?.resize());
  /** VS Code changes the body's theme class (vscode-dark, vscode-light, ...) on a theme switch. */
  private readonly themeWatch = new MutationObserver(() => { if (this.option) this.redraw(); });

  /** `redraw` draws the chart again (with `readTheme()`) after a theme change. */
  constructor(id: string, label: string, private readonly redraw: () => void) {
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.element = el('div', { id, className: 'an-chart' });
    this.element.setAttribute('role', 'img');
    this.element.setAttribute('aria-label', label);
    this.resize.observe(this.element);
  }

  /** Draws `option` (merged over nothing: each call replaces the chart). */
  show(option: EChartsCoreOption, description: string): void {
    this.option = option;
    this.element.setAttribute('aria-label', description);
    this.chart ??= echarts.init(this.element, undefined, { renderer: 'svg' });
    this.chart.setOption(option, { notMerge: true });
  }

  clear(): void {
    this.option = undefined;
    this.chart?.clear();
  }

  get hasChart(): boolean { return this.option !== undefined; }

  /** The chart as a standalone SVG document. */
  toSvg(): string {
    if (!this.chart) return '';
    return this.chart.renderToSVGString();
  }

  /** The chart as PNG (base64, no data-URL prefix), at twice the on-screen size for sharpness. */
  toPngBase64(): string {
    if (!this.option) return '';
    const width = Math.max(320, this.element.clientWidth);
    const height = Math.max(200, this.element.clientHeight);
    // An off-screen box: the canvas renderer needs a laid-out element of the chart's size.
    const box = el('div');
    box.style.position = 'fixed';
    box.style.left = '-10000px';
    box.style.top = '0';
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
    document.body.append(box);
    const canvas = echarts.init(box, undefined, { renderer: 'canvas', width, height });
    try {
      canvas.setOption(this.option);
      const url = canvas.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: readTheme().background });
      return url.slice(url.indexOf(',') + 1);
    } finally {
      canvas.dispose();
      box.remove();
    }
  }

  /** Saves the chart through the host's save dialog. */
  export(format: 'png' | 'svg', stem: string): void {
    if (!this.hasChart) return;
    saveExport(format, `${stem}.${format}`, format === 'png' ? this.toPngBase64() : this.toSvg());
  }

  dispose(): void {
    this.resize.disconnect();
    this.themeWatch.disconnect();
    this.chart?.dispose();
  }
}
