/**
 * What Excel's fill handle writes when a selection is dragged past its edge. Pure.
 *
 * Along one line (a column when dragging down or up, a row when dragging right or left):
 * - numbers alone: one number is copied; two or more continue as a linear series (two give
 *   the step, more the least-squares trend, as Excel's AutoFill does);
 * - ISO dates (`2026-01-31`): one steps a day; two or more step by their difference, in
 *   months when they fall on the same day of the month;
 * - text ending in a number (`Q1`, `Item 7`) counts on (`Q` quarters wrap after 4), month and
 *   weekday names go round;
 * - formulas are copied with their relative references shifted by the distance moved;
 * - anything else is copied, the source pattern repeating.
 */
import type { RawCell } from '../../src/core/model/workbook';

/** Shifts a formula's relative references by `steps` cells along the fill direction. */
export type ShiftFn = (formula: string, steps: number) => string;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The `count` cells after `source` (or before it, `backward`: dragging up or left), in the order
 * they sit on the sheet going away from the source. `source` is in sheet order.
 */
export function fillLine(source: readonly RawCell[], count: number, backward: boolean, shift: ShiftFn): RawCell[] {
  const n = source.length;
  if (n === 0 || count <= 0) return [];
  const out: RawCell[] = [];
  const numbers = source.every((v) => typeof v === 'number') ? (source as number[]) : undefined;
  const dates = !numbers ? isoDates(source) : undefined;
  const fit = numbers && n >= 2 ? linearFit(numbers) : undefined;
  const counted = !numbers && !dates && n >= 2 ? textSeries(source) : undefined;
  for (let k = 1; k <= count; k++) {
    // Position of the new cell relative to the source's first cell (negative when backward).
    const pos = backward ? -k : n - 1 + k;
    if (fit) { out.push(tidy(fit.a + fit.b * pos)); continue; }
    if (dates) { out.push(dates(pos)); continue; }
    if (counted) { out.push(counted(pos)); continue; }
    // The source cell this one repeats, and how many whole patterns away it is.
    const i = ((pos % n) + n) % n;
    const reps = Math.floor(pos / n);
    const src = source[i] ?? null;
    const steps = pos - i;
    if (typeof src === 'string' && src.startsWith('=')) out.push(shift(src, steps));
    else if (typeof src === 'string') out.push(countOn(src, reps));
    else out.push(src);
  }
  return out;
}

const NUMBERED = /^(.*?)(\d+)$/;

/** `Q1, Q2` or `Item 2, Item 4`: one prefix, numbers in a series (as Excel continues them). */
function textSeries(source: readonly RawCell[]): ((pos: number) => string) | undefined {
  let prefix: string | undefined;
  let width = 1;
  const nums: number[] = [];
  for (const v of source) {
    const m = typeof v === 'string' && !v.startsWith('=') ? NUMBERED.exec(v) : null;
    if (!m || (prefix !== undefined && m[1] !== prefix)) return undefined;
    prefix = m[1]!;
    width = m[2]!.length;
    nums.push(Number(m[2]));
  }
  const fit = linearFit(nums);
  return (pos) => countOn(`${prefix}${String(nums[0]).padStart(width, '0')}`, Math.round(fit.a + fit.b * pos) - nums[0]!);
}

function linearFit(ys: readonly number[]): { a: number; b: number } {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; });
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

/** 0.1 + 0.2 steps should read 0.3, not 0.30000000000000004. */
function tidy(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
}

/** Text with a trailing number or a month/day name, `reps` patterns on (negative: back). */
function countOn(text: string, reps: number): string {
  if (reps === 0) return text;
  for (const names of [MONTHS, DAYS]) {
    const full = names.findIndex((m) => m.toLowerCase() === text.toLowerCase());
    const short = names.findIndex((m) => m.slice(0, 3).toLowerCase() === text.toLowerCase());
    const idx = full >= 0 ? full : short;
    if (idx >= 0) {
      const name = names[(((idx + reps) % names.length) + names.length) % names.length]!;
      const word = full >= 0 ? name : name.slice(0, 3);
      return text === text.toUpperCase() ? word.toUpperCase() : text === text.toLowerCase() ? word.toLowerCase() : word;
    }
  }
  const m = NUMBERED.exec(text);
  if (!m) return text;
  const [, prefix, digits] = m as unknown as [string, string, string];
  const quarter = /^q(tr)?\s*$/i.test(prefix) && Number(digits) >= 1 && Number(digits) <= 4;
  let v = Number(digits) + reps;
  if (quarter) v = ((((v - 1) % 4) + 4) % 4) + 1;
  // Excel stops at zero going back (`Item 1` dragged up gives `Item 0`, then `Item 1` again).
  v = Math.abs(v);
  return `${prefix}${String(v).padStart(digits.length, '0')}`;
}

/** A function from position to date when every source cell is an ISO date, else undefined. */
function isoDates(source: readonly RawCell[]): ((pos: number) => string) | undefined {
  const ds: Date[] = [];
  for (const v of source) {
    const m = typeof v === 'string' ? ISO_DATE.exec(v) : null;
    if (!m) return undefined;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.toISOString().slice(0, 10) !== v) return undefined;
    ds.push(d);
  }
  const first = ds[0]!;
  if (ds.length >= 2 && ds.every((d) => d.getUTCDate() === first.getUTCDate())) {
    const months = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
    const step = months(ds[1]!) - months(first);
    if (step !== 0) return (pos) => iso(addMonths(first, step * pos));
  }
  const DAY = 86_400_000;
  const step = ds.length >= 2 ? Math.round((ds[1]!.getTime() - first.getTime()) / DAY) : 1;
  return (pos) => iso(new Date(first.getTime() + step * pos * DAY));
}

function addMonths(d: Date, k: number): Date {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + k;
  const y = Math.floor(total / 12);
  const mo = total - y * 12;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, mo, Math.min(d.getUTCDate(), last)));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
