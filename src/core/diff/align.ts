/**
 * Alignment of two sequences (rows, columns, sheets) by their keys: a longest common
 * subsequence of equal keys (Myers' O((N+M)D) algorithm, after trimming the common prefix
 * and suffix), then, between two matched items, the unmatched runs paired by similarity so
 * an edited row pairs with its old self and an inserted one stays inserted.
 */

/** Matched index pairs `[old, new]`, increasing in both. */
export type Pairs = [number, number][];

/** Past this many differences Myers' trace would cost too much memory: the middle becomes one run. */
const MAX_DIFFERENCES = 2000;
/** Largest run pair (old length x new length) paired by similarity; larger runs pair by position. */
const MAX_GAP_CELLS = 250_000;

/**
 * Align `oldKeys` with `newKeys`. `similar(i, j)` says whether old item i and new item j, with
 * different keys, are the same item edited; runs of equal length between matches pair by
 * position without asking.
 */
export function align(oldKeys: readonly string[], newKeys: readonly string[], similar: (i: number, j: number) => boolean): Pairs {
  const ids = new Map<string, number>();
  const id = (k: string): number => {
    let v = ids.get(k);
    if (v === undefined) { v = ids.size; ids.set(k, v); }
    return v;
  };
  const a = Int32Array.from(oldKeys, id);
  const b = Int32Array.from(newKeys, id);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let endA = a.length, endB = b.length;
  while (endA > lo && endB > lo && a[endA - 1] === b[endB - 1]) { endA--; endB--; }

  const exact: Pairs = [];
  for (let i = 0; i < lo; i++) exact.push([i, i]);
  const middle = myers(a.subarray(lo, endA), b.subarray(lo, endB));
  for (const [i, j] of middle ?? []) exact.push([i + lo, j + lo]);
  for (let i = endA, j = endB; i < a.length; i++, j++) exact.push([i, j]);

  // Pair the unmatched runs between exact matches.
  const out: Pairs = [];
  let pi = 0, pj = 0;
  for (const [i, j] of [...exact, [a.length, b.length] as [number, number]]) {
    if (i > pi || j > pj) out.push(...pairRun(pi, i, pj, j, similar));
    if (i < a.length) out.push([i, j]);
    pi = i + 1;
    pj = j + 1;
  }
  return out;
}

/** Pairs of the LCS of `a` and `b`, or undefined when they differ in more than MAX_DIFFERENCES items. */
function myers(a: Int32Array, b: Int32Array): Pairs | undefined {
  const n = a.length, m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, MAX_DIFFERENCES);
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number): Pairs {
  const pairs: Pairs = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!;
    const get = (k: number): number => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && get(k - 1) < get(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = get(prevK);
    const startX = down ? prevX : prevX + 1;
    const startY = startX - k;
    while (x > startX && y > startY) { x--; y--; pairs.push([x, y]); }
    x = prevX;
    y = prevX - prevK;
  }
  while (x > 0 && y > 0) { x--; y--; pairs.push([x, y]); }
  return pairs.reverse();
}

/** Pairs within the unmatched runs old [i0, i1) and new [j0, j1). */
function pairRun(i0: number, i1: number, j0: number, j1: number, similar: (i: number, j: number) => boolean): Pairs {
  const k = i1 - i0, m = j1 - j0;
  const out: Pairs = [];
  if (k === 0 || m === 0) return out;
  if (k === m || k * m > MAX_GAP_CELLS) {
    // Equal runs: the items were edited in place. Huge runs: position is the only cheap guess.
    if (k === m) for (let t = 0; t < k; t++) out.push([i0 + t, j0 + t]);
    else for (let t = 0; t < Math.min(k, m); t++) if (similar(i0 + t, j0 + t)) out.push([i0 + t, j0 + t]);
    return out;
  }
  // LCS under `similar`, by dynamic programming over the run.
  const w = m + 1;
  const dp = new Int32Array((k + 1) * w);
  for (let i = k - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = similar(i0 + i, j0 + j)
        ? dp[(i + 1) * w + j + 1]! + 1
        : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  let i = 0, j = 0;
  while (i < k && j < m) {
    if (dp[i * w + j] === dp[(i + 1) * w + j + 1]! + 1 && similar(i0 + i, j0 + j)) { out.push([i0 + i, j0 + j]); i++; j++; }
    else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}
