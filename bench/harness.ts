/**
 * Timing harness: warm-up, repetitions, median and best, forced GC between samples, and
 * interleaved A/B measurement so that both sides of a ratio see the same machine load.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gcFn = runInNewContext('gc') as (() => void) | undefined;

/** Collect garbage outside the timed region, so one sample does not pay for the previous one. */
export function collectGarbage(): void {
  if (typeof gcFn === 'function') {
    gcFn();
    gcFn();
  }
}

export interface Stats {
  /** Milliseconds per operation, one per sample. */
  samples: number[];
  median: number;
  best: number;
  /** Operations per sample (for sub-millisecond operations). */
  inner: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

function stats(samples: number[], inner: number): Stats {
  return { samples, median: median(samples), best: Math.min(...samples), inner };
}

export interface Case<T> {
  /** Untimed preparation for one sample (e.g. a fresh engine to edit). */
  setup?: () => unknown;
  /** The timed operation; receives what `setup` returned and the operation index. */
  run: (prepared: never, i: number) => T;
  /** Untimed clean-up (e.g. dispose the engine just built). */
  teardown?: (result: T, prepared: never) => void;
}

export interface MeasureOptions {
  warmup: number;
  reps: number;
  /** Operations per sample; the sample is the mean time per operation. Default 1. */
  inner?: number;
}

function sample<T>(c: Case<T>, inner: number, counter: { i: number }): number {
  const prepared = c.setup?.() as never;
  collectGarbage();
  const results: T[] = [];
  const t0 = performance.now();
  for (let k = 0; k < inner; k++) results.push(c.run(prepared, counter.i++));
  const dt = (performance.now() - t0) / inner;
  if (c.teardown) for (const r of results) c.teardown(r, prepared);
  return dt;
}

/** Measure one case. */
export function measure<T>(c: Case<T>, o: MeasureOptions): Stats {
  const inner = o.inner ?? 1;
  const counter = { i: 0 };
  for (let w = 0; w < o.warmup; w++) sample(c, inner, counter);
  const xs: number[] = [];
  for (let r = 0; r < o.reps; r++) xs.push(sample(c, inner, counter));
  return stats(xs, inner);
}

/**
 * Measure ours and the raw library, interleaved (ABBA order), so drifting machine load
 * affects both alike. Returns both stats and the ratio of medians and of bests.
 */
export function measurePair<A, B>(ours: Case<A>, raw: Case<B>, o: MeasureOptions): PairStats {
  const inner = o.inner ?? 1;
  const ca = { i: 0 };
  const cb = { i: 0 };
  for (let w = 0; w < o.warmup; w++) {
    sample(raw, inner, cb);
    sample(ours, inner, ca);
  }
  const xa: number[] = [];
  const xb: number[] = [];
  for (let r = 0; r < o.reps; r++) {
    if (r % 2 === 0) {
      xb.push(sample(raw, inner, cb));
      xa.push(sample(ours, inner, ca));
    } else {
      xa.push(sample(ours, inner, ca));
      xb.push(sample(raw, inner, cb));
    }
  }
  const a = stats(xa, inner);
  const b = stats(xb, inner);
  return { ours: a, raw: b, ratio: a.median / b.median, ratioBest: a.best / b.best };
}

export interface PairStats {
  ours: Stats;
  raw: Stats;
  /** median(ours) / median(raw). */
  ratio: number;
  /** best(ours) / best(raw). */
  ratioBest: number;
}

/** Heap in use after a full collection, in MB. */
export function heapMb(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1e6; // external includes array buffers
}
