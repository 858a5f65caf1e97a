/**
 * How two versions of a workbook correspond: which sheet became which (kept, renamed,
 * moved), and within each kept sheet which row and column became which, so that rows and
 * columns inserted or deleted are recognised as such and old formulas can be rewritten into
 * the new version's coordinates before they are compared.
 */
import type { RawCell, SheetSpec, Workbook } from '../model/workbook';
import { align, type Pairs } from './align';
import { relativeSignature, rewriteRefs, type RefEnd } from './references';
import type { SheetEdit, StructureEdit } from './types';

/** A sheet of the old version and the sheet it became. */
export interface SheetPair {
  oldIndex: number;
  newIndex: number;
  oldSheet: SheetSpec;
  newSheet: SheetSpec;
  /** Old row -> new row, -1 when deleted. */
  rows: Int32Array;
  /** Old column -> new column, -1 when deleted. */
  cols: Int32Array;
  newRowCount: number;
  newColCount: number;
  /** True when no row or column moved. */
  identity: boolean;
}

export interface Correspondence {
  pairs: SheetPair[];
  /** Old sheet name (upper case) -> its pair. */
  byOldName: Map<string, SheetPair>;
  sheetEdits: SheetEdit[];
  structure: StructureEdit[];
  /** True when every sheet kept its name, position, rows and columns. */
  identity: boolean;
}

/** Cell content as compared for alignment: formulas relative to their cell, rows only. */
function cellSignature(raw: RawCell | undefined, row: number, col: number): string {
  if (typeof raw === 'string') return raw.startsWith('=') ? relativeSignature(raw, row, col, true) : 's' + raw;
  return raw === undefined || raw === null ? '' : typeof raw === 'number' ? 'n' + raw : 'b' + raw;
}

/** Every cell's signature, by row. */
function signatures(sheet: SheetSpec): string[][] {
  return sheet.rows.map((row, r) => {
    const out: string[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) out[c] = cellSignature(row[c], r, c);
    return out;
  });
}

function width(sheet: SheetSpec): number {
  let w = sheet.columns?.length ?? 0;
  for (const row of sheet.rows) if (row.length > w) w = row.length;
  return w;
}

/** Multiset overlap of two bags of signatures, 0..1. */
function overlap(a: Map<string, number>, b: Map<string, number>, totalA: number, totalB: number): number {
  const total = Math.max(totalA, totalB);
  if (total === 0) return 1;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, n] of small) common += Math.min(n, large.get(k) ?? 0);
  return common / total;
}

function bag(values: Iterable<string>): { bag: Map<string, number>; total: number } {
  const out = new Map<string, number>();
  let total = 0;
  for (const v of values) {
    if (v === '') continue;
    out.set(v, (out.get(v) ?? 0) + 1);
    total++;
  }
  return { bag: out, total };
}

function* columnValues(sigs: string[][], c: number): Iterable<string> {
  for (const row of sigs) yield row[c] ?? '';
}

const SIMILAR = 0.5;

/** Column pairs of two versions of a sheet. */
function alignColumns(oldSheet: SheetSpec, newSheet: SheetSpec, oldSigs: string[][], newSigs: string[][]): Pairs {
  const wOld = width(oldSheet), wNew = width(newSheet);
  const key = (sheet: SheetSpec, sigs: string[][], c: number): string => {
    let k = (sheet.columns?.[c]?.header ?? '') + '\u0000';
    for (const row of sigs) k += (row[c] ?? '') + '\u0001';
    return k;
  };
  const oldKeys = Array.from({ length: wOld }, (_, c) => key(oldSheet, oldSigs, c));
  const newKeys = Array.from({ length: wNew }, (_, c) => key(newSheet, newSigs, c));
  const oldBags = new Map<number, ReturnType<typeof bag>>();
  const newBags = new Map<number, ReturnType<typeof bag>>();
  const bagOf = (cache: Map<number, ReturnType<typeof bag>>, sigs: string[][], c: number) => {
    let b = cache.get(c);
    if (!b) { b = bag(columnValues(sigs, c)); cache.set(c, b); }
    return b;
  };
  return align(oldKeys, newKeys, (i, j) => {
    const h1 = oldSheet.columns?.[i]?.header, h2 = newSheet.columns?.[j]?.header;
    if (h1 && h2) return h1 === h2;
    const a = bagOf(oldBags, oldSigs, i), b = bagOf(newBags, newSigs, j);
    return overlap(a.bag, b.bag, a.total, b.total) >= SIMILAR;
  });
}

/** Row pairs, comparing only the cells of paired columns. */
function alignRows(oldSigs: string[][], newSigs: string[][], cols: Pairs): Pairs {
  const oldKey = (row: string[]): string[] => cols.map(([i]) => row[i] ?? '');
  const newKey = (row: string[]): string[] => cols.map(([, j]) => row[j] ?? '');
  const oldRows = oldSigs.map(oldKey);
  const newRows = newSigs.map(newKey);
  return align(oldRows.map((r) => r.join('\u0001')), newRows.map((r) => r.join('\u0001')), (i, j) => {
    const a = oldRows[i]!, b = newRows[j]!;
    let same = 0, filled = 0;
    for (let c = 0; c < a.length; c++) {
      if (a[c] === '' && b[c] === '') continue;
      filled++;
      if (a[c] === b[c]) same++;
    }
    return filled === 0 || same / filled >= SIMILAR;
  });
}

function toMap(pairs: Pairs, oldCount: number): Int32Array {
  const map = new Int32Array(oldCount).fill(-1);
  for (const [i, j] of pairs) map[i] = j;
  return map;
}

function isIdentity(map: Int32Array, newCount: number): boolean {
  if (map.length !== newCount) return false;
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}

/** Runs of deleted old indices and inserted new indices. */
function runs(map: Int32Array, newCount: number, sheet: string, insert: StructureEdit['kind'], remove: StructureEdit['kind']): StructureEdit[] {
  const out: StructureEdit[] = [];
  for (let i = 0; i < map.length; i++) {
    if (map[i] !== -1) continue;
    let n = 0;
    while (i + n < map.length && map[i + n] === -1) n++;
    out.push({ sheet, kind: remove, at: i, count: n });
    i += n;
  }
  const hit = new Uint8Array(newCount);
  for (const j of map) if (j >= 0) hit[j] = 1;
  for (let j = 0; j < newCount; j++) {
    if (hit[j]) continue;
    let n = 0;
    while (j + n < newCount && !hit[j + n]) n++;
    out.push({ sheet, kind: insert, at: j, count: n });
    j += n;
  }
  return out;
}

/** Pair sheets: same name (case-insensitive), then renamed ones by content. */
function pairSheets(oldWb: Workbook, newWb: Workbook, sigsOf: (side: 'old' | 'new', i: number) => string[][]): Pairs {
  const pairs: Pairs = [];
  const newByName = new Map(newWb.sheets.map((s, j) => [s.name.toUpperCase(), j]));
  const usedNew = new Set<number>();
  const unmatchedOld: number[] = [];
  oldWb.sheets.forEach((s, i) => {
    const j = newByName.get(s.name.toUpperCase());
    if (j === undefined) unmatchedOld.push(i);
    else { pairs.push([i, j]); usedNew.add(j); }
  });
  const unmatchedNew = newWb.sheets.map((_, j) => j).filter((j) => !usedNew.has(j));
  const flat = (sigs: string[][]) => bag(sigs.flat());
  const candidates: [number, number, number][] = [];
  for (const i of unmatchedOld) {
    const a = flat(sigsOf('old', i));
    for (const j of unmatchedNew) {
      const b = flat(sigsOf('new', j));
      const score = overlap(a.bag, b.bag, a.total, b.total);
      if (score >= SIMILAR) candidates.push([score, i, j]);
    }
  }
  candidates.sort((x, y) => y[0] - x[0]);
  const takenOld = new Set<number>(), takenNew = new Set<number>();
  for (const [, i, j] of candidates) {
    if (takenOld.has(i) || takenNew.has(j)) continue;
    takenOld.add(i); takenNew.add(j);
    pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** Indices (into `seq`) of a longest increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const best: number[] = seq.map(() => 1), prev: number[] = seq.map(() => -1);
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) if (seq[j]! < seq[i]! && best[j]! + 1 > best[i]!) { best[i] = best[j]! + 1; prev[i] = j; }
  }
  let at = best.indexOf(Math.max(0, ...best));
  const out = new Set<number>();
  while (at >= 0) { out.add(at); at = prev[at]!; }
  return out;
}

/** How `newWb`'s sheets, rows and columns correspond to `oldWb`'s. */
export function correspond(oldWb: Workbook, newWb: Workbook): Correspondence {
  const cache = new Map<string, string[][]>();
  const sigsOf = (side: 'old' | 'new', i: number): string[][] => {
    const k = `${side}${i}`;
    let s = cache.get(k);
    if (!s) { s = signatures((side === 'old' ? oldWb : newWb).sheets[i]!); cache.set(k, s); }
    return s;
  };
  const sheetPairs = pairSheets(oldWb, newWb, sigsOf);
  const pairs: SheetPair[] = [];
  const structure: StructureEdit[] = [];
  for (const [i, j] of sheetPairs) {
    const oldSheet = oldWb.sheets[i]!, newSheet = newWb.sheets[j]!;
    // Unchanged sheets (most of them in a review) skip the signatures.
    const same = JSON.stringify(oldSheet.rows) === JSON.stringify(newSheet.rows);
    const wNew = width(newSheet);
    let rows: Int32Array, cols: Int32Array;
    if (same) {
      rows = Int32Array.from(oldSheet.rows, (_, r) => r);
      cols = Int32Array.from({ length: width(oldSheet) }, (_, c) => c);
      if (cols.length !== wNew) cols = toMap(alignColumns(oldSheet, newSheet, sigsOf('old', i), sigsOf('new', j)), width(oldSheet));
    } else {
      const oldSigs = sigsOf('old', i), newSigs = sigsOf('new', j);
      const colPairs = alignColumns(oldSheet, newSheet, oldSigs, newSigs);
      cols = toMap(colPairs, width(oldSheet));
      rows = toMap(alignRows(oldSigs, newSigs, colPairs), oldSheet.rows.length);
    }
    const pair: SheetPair = {
      oldIndex: i, newIndex: j, oldSheet, newSheet, rows, cols,
      newRowCount: newSheet.rows.length, newColCount: wNew,
      identity: isIdentity(rows, newSheet.rows.length) && isIdentity(cols, wNew),
    };
    pairs.push(pair);
    structure.push(
      ...runs(rows, pair.newRowCount, newSheet.name, 'insertRows', 'deleteRows'),
      ...runs(cols, pair.newColCount, newSheet.name, 'insertColumns', 'deleteColumns'),
    );
  }

  const sheetEdits: SheetEdit[] = [];
  const pairedOld = new Set(pairs.map((p) => p.oldIndex)), pairedNew = new Set(pairs.map((p) => p.newIndex));
  oldWb.sheets.forEach((s, i) => { if (!pairedOld.has(i)) sheetEdits.push({ kind: 'removed', name: s.name, oldIndex: i }); });
  newWb.sheets.forEach((s, j) => { if (!pairedNew.has(j)) sheetEdits.push({ kind: 'added', name: s.name, newIndex: j }); });
  for (const p of pairs) {
    if (p.oldSheet.name !== p.newSheet.name) sheetEdits.push({ kind: 'renamed', name: p.newSheet.name, oldName: p.oldSheet.name, oldIndex: p.oldIndex, newIndex: p.newIndex });
  }
  // Moved: kept sheets outside the longest run that kept its relative order.
  const kept = longestIncreasing(pairs.map((p) => p.newIndex));
  pairs.forEach((p, k) => {
    if (!kept.has(k)) sheetEdits.push({ kind: 'moved', name: p.newSheet.name, oldIndex: p.oldIndex, newIndex: p.newIndex });
  });

  const identity = sheetEdits.length === 0 && pairs.every((p) => p.identity);
  return { pairs, byOldName: new Map(pairs.map((p) => [p.oldSheet.name.toUpperCase(), p])), sheetEdits, structure, identity };
}

/** Where old index `i` went; beyond the old data, indices shift with the data's growth. */
function mapIndex(map: Int32Array, newCount: number, i: number, side: 'start' | 'end' | 'single'): number {
  if (i >= map.length) return i - map.length + newCount;
  if (map[i]! >= 0 || side === 'single') return map[i]!;
  // A range end whose row was deleted: the range shrinks to the rows that are left.
  if (side === 'start') { for (let k = i + 1; k < map.length; k++) if (map[k]! >= 0) return map[k]!; return newCount; }
  for (let k = i - 1; k >= 0; k--) if (map[k]! >= 0) return map[k]!;
  return -1;
}

/**
 * An old formula (or assert, or override address) written in the new version's coordinates:
 * references follow their rows, columns and renamed sheets, as a spreadsheet rewrites them
 * when rows are inserted; a reference to deleted cells becomes `#REF!`. `sheet` is the old
 * sheet unqualified references mean.
 */
export function toNewCoordinates(c: Correspondence, formula: string, sheet: string | undefined): string {
  if (c.identity) return formula;
  return rewriteRefs(formula, (ref) => {
    const target = ref.sheet ?? sheet;
    const pair = target !== undefined ? c.byOldName.get(target.toUpperCase()) : undefined;
    if (!pair) return ref;
    const newSheet = ref.sheet !== undefined && pair.oldSheet.name !== pair.newSheet.name ? pair.newSheet.name : ref.sheet;
    if (pair.identity) return { ...ref, sheet: newSheet };
    const moveEnd = (e: RefEnd, side: 'start' | 'end' | 'single'): RefEnd | undefined => {
      const row = e.row === undefined ? undefined : mapIndex(pair.rows, pair.newRowCount, e.row, side);
      const col = e.col === undefined ? undefined : mapIndex(pair.cols, pair.newColCount, e.col, side);
      if (row === -1 || col === -1) return undefined;
      return { ...e, row, col };
    };
    const start = moveEnd(ref.start, ref.end ? 'start' : 'single');
    const end = ref.end ? moveEnd(ref.end, 'end') : undefined;
    if (!start || (ref.end && !end)) return null;
    if (end && ((start.row ?? 0) > (end.row ?? 0) || (start.col ?? 0) > (end.col ?? 0))) return null;
    return { sheet: newSheet, start, end };
  });
}
