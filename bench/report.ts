/**
 * Figures, budgets and the printed table. A budget is never asserted by the tests: the
 * bench reports PASS/FAIL and exits 0 unless `--strict` is given.
 */
import type { Stats } from './harness';

export type Status = 'PASS' | 'FAIL' | 'INFO' | 'NOT MEASURED' | 'ERROR';

export interface Budget {
  /** What is compared against `max`: the ratio to the raw library, or our median in ms. */
  on: 'ratio' | 'ms';
  max: number;
}

export interface Figure {
  id: string;
  title: string;
  /** Our figure (ms per operation). */
  ours?: Stats;
  /** The raw library's figure on the same data, same run (ms per operation). */
  raw?: Stats;
  /** median(ours) / median(raw). */
  ratio?: number;
  /** best(ours) / best(raw). */
  ratioBest?: number;
  /** Label of the denominator when it is not a raw library (e.g. "one plain evaluation"). */
  against?: string;
  budget?: Budget;
  status: Status;
  note?: string;
  extra?: Record<string, unknown>;
}

export function judge(f: Omit<Figure, 'status'>): Figure {
  if (!f.budget) return { ...f, status: 'INFO' };
  const value = f.budget.on === 'ratio' ? f.ratio : f.ours?.median;
  if (value === undefined || !Number.isFinite(value)) return { ...f, status: 'NOT MEASURED' };
  return { ...f, status: value <= f.budget.max ? 'PASS' : 'FAIL' };
}

export function notMeasured(id: string, title: string, note: string, budget?: Budget): Figure {
  return { id, title, status: 'NOT MEASURED', note, ...(budget ? { budget } : {}) };
}

export function failed(id: string, title: string, err: unknown, budget?: Budget): Figure {
  const message = err instanceof Error ? err.message : String(err);
  return { id, title, status: 'ERROR', note: message.split('\n')[0], ...(budget ? { budget } : {}) };
}

function ms(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

function cell(s?: Stats): string {
  return s ? `${ms(s.median)} (${ms(s.best)})` : '-';
}

function budgetText(b?: Budget): string {
  if (!b) return '';
  return b.on === 'ratio' ? `<= ${b.max}x` : `< ${b.max} ms`;
}

/** The table printed at the end of a run. */
export function formatTable(figures: readonly Figure[]): string {
  const head = ['#', 'figure', 'ours ms median (best)', 'baseline ms median (best)', 'ratio', 'budget', 'status'];
  const rows = figures.map((f) => [
    f.id,
    f.title,
    cell(f.ours),
    cell(f.raw),
    f.ratio !== undefined ? `${f.ratio.toFixed(2)}x` : '',
    budgetText(f.budget),
    f.status,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const [i, r] of rows.entries()) {
    out.push(line(r));
    const f = figures[i];
    const notes = [f.against ? `baseline: ${f.against}` : '', f.note ?? ''].filter(Boolean).join('; ');
    if (notes) out.push(`${' '.repeat(widths[0] + 2)}${notes}`);
  }
  return out.join('\n');
}

/** The same figures as a Markdown table, for docs/PERFORMANCE.md. */
export function formatMarkdown(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| # | figure | ours ms, median (best) | baseline ms, median (best) | ratio | budget | status | notes |', '|---|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    const notes = [f.against ? `baseline: ${f.against}` : '', f.note ?? ''].filter(Boolean).join('; ');
    out.push(`| ${f.id} | ${esc(f.title.trim())} | ${cell(f.ours)} | ${cell(f.raw)} | ${f.ratio !== undefined ? `${f.ratio.toFixed(2)}x` : ''} | ${esc(budgetText(f.budget))} | ${f.status} | ${esc(notes)} |`);
  }
  return out.join('\n');
}
