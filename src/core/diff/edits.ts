/**
 * What was edited between two versions of a workbook: parameters, scenarios, checks,
 * column headers and cells. Cells and formulas are compared after the old version is
 * rewritten into the new one's coordinates (see `toNewCoordinates`), so a formula that
 * changed only because a row was inserted above it is not an edit.
 */
import { columnLetters, qualifiedAddress } from '../model/a1';
import type { CheckSpec, OverrideValue, RawCell, SheetSpec, Workbook } from '../model/workbook';
import { canonicalFormula } from './references';
import { toNewCoordinates, type Correspondence } from './structure';
import type { CellEdit, CheckEdit, ColumnEdit, FieldChange, ParameterEdit, ScenarioEdit } from './types';

function same(a: unknown, b: unknown): boolean {
  return a === b || (a !== null && b !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

function fieldChanges<T extends object>(a: T, b: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) if (!same(a[f], b[f])) out.push({ field: f, old: a[f], new: b[f] });
  return out;
}

/** Added, removed and changed entries of two name -> spec records, in the new version's order. */
function keyed<T, E>(
  a: Record<string, T> | undefined, b: Record<string, T> | undefined,
  make: (name: string, kind: 'added' | 'removed' | 'changed', old: T | undefined, neu: T | undefined) => E | undefined,
): E[] {
  const out: E[] = [];
  const oldRec = a ?? {}, newRec = b ?? {};
  for (const [name, spec] of Object.entries(newRec)) {
    const e = Object.hasOwn(oldRec, name) ? make(name, 'changed', oldRec[name], spec) : make(name, 'added', undefined, spec);
    if (e) out.push(e);
  }
  for (const [name, spec] of Object.entries(oldRec)) {
    if (!Object.hasOwn(newRec, name)) { const e = make(name, 'removed', spec, undefined); if (e) out.push(e); }
  }
  return out;
}

export function parameterEdits(a: Workbook, b: Workbook): ParameterEdit[] {
  return keyed(a.parameters, b.parameters, (name, kind, old, neu) => {
    if (kind !== 'changed') return { name, kind, changes: [] };
    const changes = fieldChanges(old!, neu!, ['value', 'min', 'max', 'unit', 'description', 'source']);
    return changes.length ? { name, kind, changes } : undefined;
  });
}

/** Whether two raw cells (or overrides) say the same thing; formulas are compared canonically. */
function sameContent(a: RawCell | undefined, b: RawCell | undefined): boolean {
  const x = a === undefined || a === '' ? null : a, y = b === undefined || b === '' ? null : b;
  if (typeof x === 'string' && typeof y === 'string' && x.startsWith('=') && y.startsWith('=')) return x === y || canonicalFormula(x) === canonicalFormula(y);
  return Object.is(x, y);
}

/** An old formula or override value in the new version's coordinates. */
function moved(c: Correspondence, v: OverrideValue | undefined, sheet: string | undefined): OverrideValue | undefined {
  return typeof v === 'string' && v.startsWith('=') ? toNewCoordinates(c, v, sheet) : v;
}

export function scenarioEdits(a: Workbook, b: Workbook, c: Correspondence): ScenarioEdit[] {
  const firstOld = a.sheets[0]?.name;
  return keyed(a.scenarios, b.scenarios, (name, kind, old, neu) => {
    // Cell override keys (`Sheet!B3`) follow their cells; parameter names are left alone.
    const oldSet = new Map(Object.entries(old?.set ?? {}).map(([k, v]) => [k.includes('!') ? toNewCoordinates(c, k, firstOld) : k, moved(c, v, firstOld)]));
    const newSet = new Map(Object.entries(neu?.set ?? {}));
    const norm = (k: string): string => k.replace(/\$/g, '').toUpperCase();
    const oldByNorm = new Map([...oldSet].map(([k, v]) => [norm(k), { k, v }]));
    const overrides: ScenarioEdit['overrides'] = [];
    const seen = new Set<string>();
    for (const [k, v] of newSet) {
      const o = oldByNorm.get(norm(k));
      seen.add(norm(k));
      if (!o || !sameContent(o.v, v)) overrides.push({ target: k, old: o?.v, new: v });
    }
    for (const [n, o] of oldByNorm) if (!seen.has(n)) overrides.push({ target: o.k, old: o.v, new: undefined });
    const changes = old && neu ? fieldChanges(old, neu, ['description']) : [];
    if (kind === 'changed' && overrides.length === 0 && changes.length === 0) return undefined;
    return { name, kind, overrides, changes };
  });
}

export function checkEdits(a: Workbook, b: Workbook, c: Correspondence): CheckEdit[] {
  const byName = (list: CheckSpec[] | undefined) => {
    const rec: Record<string, CheckSpec> = {};
    for (const ch of list ?? []) if (!Object.hasOwn(rec, ch.name)) rec[ch.name] = ch;
    return rec;
  };
  const firstOld = a.sheets[0]?.name;
  return keyed(byName(a.checks), byName(b.checks), (name, kind, old, neu) => {
    if (kind !== 'changed') return { name, kind, changes: [] };
    const changes: FieldChange[] = [];
    const oldAssert = String(old!.assert), newAssert = String(neu!.assert);
    const withEq = (s: string) => (s.startsWith('=') ? s : `=${s}`);
    if (!sameContent(toNewCoordinates(c, withEq(oldAssert), firstOld), withEq(newAssert))) changes.push({ field: 'assert', old: oldAssert, new: newAssert });
    if ((old!.severity ?? 'error') !== (neu!.severity ?? 'error')) changes.push({ field: 'severity', old: old!.severity ?? 'error', new: neu!.severity ?? 'error' });
    if (old!.message !== neu!.message) changes.push({ field: 'message', old: old!.message, new: neu!.message });
    return changes.length ? { name, kind, changes } : undefined;
  });
}

/** The sheet's first text cell in a row (its label), without a leading apostrophe. */
export function rowLabel(sheet: SheetSpec, row: number): string {
  for (const v of sheet.rows[row] ?? []) {
    if (typeof v === 'string' && v !== '' && !v.startsWith('=')) return v.startsWith("'") ? v.slice(1) : v;
  }
  return '';
}

/** `Stockpile cost, Neodymium`: the column header and the row label, whichever exist. */
export function cellLabelText(sheet: SheetSpec, row: number, col: number, rowLabels?: Map<number, string>): string {
  const header = sheet.columns?.[col]?.header ?? '';
  let label = rowLabels?.get(row);
  if (label === undefined) { label = rowLabel(sheet, row); rowLabels?.set(row, label); }
  return [header, label].filter((s) => s !== '').join(', ');
}

export function columnEdits(c: Correspondence): ColumnEdit[] {
  const out: ColumnEdit[] = [];
  for (const p of c.pairs) {
    p.cols.forEach((j, i) => {
      if (j < 0) return;
      const a = p.oldSheet.columns?.[i] ?? {}, b = p.newSheet.columns?.[j] ?? {};
      const changes = fieldChanges(a, b, ['header', 'format']) as FieldChange<string>[];
      if (changes.length) out.push({ sheet: p.newSheet.name, column: columnLetters(j), changes });
    });
  }
  return out;
}

/** Cells of kept rows and columns whose content changed beyond their references moving. */
export function cellEdits(c: Correspondence): CellEdit[] {
  const out: CellEdit[] = [];
  for (const p of c.pairs) {
    const labels = new Map<number, string>();
    const oldName = p.oldSheet.name;
    for (let r = 0; r < p.rows.length; r++) {
      const nr = p.rows[r]!;
      if (nr < 0) continue;
      const oldRow = p.oldSheet.rows[r]!, newRow = p.newSheet.rows[nr]!;
      // Every new column is a kept old one or an inserted one (a structure edit, not cell edits).
      for (let col = 0; col < p.cols.length; col++) {
        const nc = p.cols[col]!;
        if (nc < 0) continue;
        const o = oldRow[col], n = newRow[nc];
        if (o === n && (c.identity || typeof o !== 'string' || !o.startsWith('='))) continue;
        if (sameContent(moved(c, o, oldName), n)) continue;
        out.push({
          sheet: p.newSheet.name, address: qualifiedAddress(p.newSheet.name, nr, nc), oldAddress: qualifiedAddress(oldName, r, col),
          label: cellLabelText(p.newSheet, nr, nc, labels), old: o ?? null, new: n ?? null,
        });
      }
    }
  }
  return out;
}
