/**
 * Goal seek as a pure one-dimensional root finder: expand a bracket from the starting value
 * (within the parameter's bounds), then Brent's method (secant / inverse quadratic steps
 * safeguarded by bisection). Knows nothing about HyperFormula: `f` evaluates the model.
 */
import type { CellValue, GoalSeekResult, GoalSeekStep } from './types';

export interface SolveRequest {
  /** Evaluates the target cell with the varied value set to x. */
  f: (x: number) => CellValue;
  target: number;
  x0: number;
  lo?: number;
  hi?: number;
  tolerance: number;
  maxIterations: number;
  /** Names used in failure messages, e.g. `Budget!B12` and `StockpileDays`. */
  cellName: string;
  paramName: string;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10))));

function describe(v: CellValue): string {
  if (v === null) return 'empty';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'string') return `the text "${v}"`;
  return String(v).toUpperCase();
}

/** Finds x with f(x) = target within tolerance; never throws for model behaviour. */
export function solve(req: SolveRequest): GoalSeekResult {
  const { target, tolerance, cellName, paramName } = req;
  const lo = req.lo ?? -Infinity;
  const hi = req.hi ?? Infinity;
  const iterations: GoalSeekStep[] = [];
  let budget = req.maxIterations;
  const fail = (reason: string): GoalSeekResult => ({ ok: false, reason, iterations });
  /** g(x) = f(x) - target, or a non-numeric CellValue. */
  const g = (x: number): number | { bad: CellValue } => {
    budget--;
    const v = req.f(x);
    const y = typeof v === 'number' && Number.isFinite(v) ? v : null;
    iterations.push({ x, y });
    return y === null ? { bad: v } : y - target;
  };
  const done = (x: number, gx: number): GoalSeekResult => ({ ok: true, value: x, achieved: gx + target, iterations });

  const x0 = Math.min(hi, Math.max(lo, req.x0));
  const g0 = g(x0);
  if (typeof g0 !== 'number') {
    return fail(`${cellName} is ${describe(g0.bad)} when ${paramName} = ${fmt(x0)}, not a number`);
  }
  if (Math.abs(g0) <= tolerance) return done(x0, g0);

  // 1. Bracket: step outwards in both directions, doubling, until g changes sign.
  let a = NaN, ga = NaN, b = NaN, gb = NaN;
  let minY = g0 + target, maxY = g0 + target;
  // `away`: the last step in this direction moved the cell away from the target; such a side
  // is only tried every fourth round while the other side is moving towards it.
  const dirs = [
    { last: x0, glast: g0, open: x0 < hi, sign: 1, away: false },
    { last: x0, glast: g0, open: x0 > lo, sign: -1, away: false },
  ];
  let badSeen: { x: number; v: CellValue } | undefined;
  // First step: 10% of the start value, but never vanishingly small (a start of 1e-300 must
  // still reach the whole bounded range, or useful magnitudes when unbounded).
  const bounded = Number.isFinite(lo) && Number.isFinite(hi);
  let step = Math.max(Math.abs(x0) * 0.1, bounded ? (hi - lo) * 1e-4 : x0 === 0 ? 1 : 1e-6);
  for (let k = 0; k < 80 && Number.isNaN(a) && budget > 0 && (dirs[0]!.open || dirs[1]!.open); k++) {
    for (const d of dirs) {
      if (!d.open || !Number.isNaN(a) || budget <= 0) continue;
      const other = d === dirs[0] ? dirs[1]! : dirs[0]!;
      if (d.away && other.open && !other.away && k % 4 !== 0) continue;
      let x = x0 + d.sign * step;
      if (x >= hi) { x = hi; d.open = false; }
      if (x <= lo) { x = lo; d.open = false; }
      if (!Number.isFinite(x) || Math.abs(x) > 1e300) { d.open = false; continue; }
      const gx = g(x);
      if (typeof gx !== 'number') { badSeen ??= { x, v: gx.bad }; d.open = false; continue; }
      minY = Math.min(minY, gx + target);
      maxY = Math.max(maxY, gx + target);
      if (Math.abs(gx) <= tolerance) return done(x, gx);
      if (Math.sign(gx) !== Math.sign(d.glast)) {
        a = d.last; ga = d.glast; b = x; gb = gx;
      }
      d.away = Math.abs(gx) > Math.abs(d.glast);
      d.last = x; d.glast = gx;
    }
    step *= 2;
  }
  if (Number.isNaN(a)) {
    if (budget <= 0) return fail(`no value of ${paramName} found within ${req.maxIterations} evaluations`);
    const range = `from ${fmt(dirs[1]!.last)} to ${fmt(dirs[0]!.last)}`;
    const bad = badSeen ? `; beyond that ${cellName} is ${describe(badSeen.v)} (at ${paramName} = ${fmt(badSeen.x)})` : '';
    if (minY === maxY && !badSeen) {
      return fail(`${cellName} stays ${fmt(minY)} for every value of ${paramName} tried (${range}): it does not depend on ${paramName}`);
    }
    return fail(`no value of ${paramName} ${range} brings ${cellName} to ${fmt(target)}: it only ranges from ${fmt(minY)} to ${fmt(maxY)}${bad}`);
  }

  // 2. Brent's method on [a, b] with g(a), g(b) of opposite signs.
  let c = a, gc = ga, d = b - a, e = d;
  while (budget > 0) {
    if (Math.sign(gb) === Math.sign(gc)) { c = a; gc = ga; d = b - a; e = d; }
    if (Math.abs(gc) < Math.abs(gb)) { a = b; b = c; c = a; ga = gb; gb = gc; gc = ga; }
    const xtol = 2 * Number.EPSILON * Math.abs(b) + 1e-15;
    const m = 0.5 * (c - b);
    if (Math.abs(gb) <= tolerance) return done(b, gb);
    if (Math.abs(m) <= xtol) {
      // The bracket collapsed onto a point where the value jumps over the target.
      return fail(`${cellName} jumps from ${fmt(gc + target)} to ${fmt(gb + target)} at ${paramName} ≈ ${fmt(b)}: no value of ${paramName} gives exactly ${fmt(target)}`);
    }
    if (Math.abs(e) >= xtol && Math.abs(ga) > Math.abs(gb)) {
      // Interpolate: secant when only two points, inverse quadratic otherwise.
      let p: number, q: number;
      const s = gb / ga;
      if (a === c) {
        p = 2 * m * s; q = 1 - s;
      } else {
        const qq = ga / gc, r = gb / gc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q; else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(xtol * q), Math.abs(e * q))) { e = d; d = p / q; } else { d = m; e = m; }
    } else {
      d = m; e = m;
    }
    a = b; ga = gb;
    b += Math.abs(d) > xtol ? d : (m > 0 ? xtol : -xtol);
    const gx = g(b);
    if (typeof gx !== 'number') {
      return fail(`${cellName} is ${describe(gx.bad)} when ${paramName} = ${fmt(b)}, not a number`);
    }
    gb = gx;
  }
  return fail(`goal seek did not converge within ${req.maxIterations} evaluations (last ${paramName} = ${fmt(b)}, ${cellName} = ${fmt(gb + target)})`);
}
