/**
 * What the edits did to the results: both versions evaluated under every scenario of either
 * (a version without the scenario is evaluated as its Baseline), every formula cell of a kept
 * row and column compared, and every check's outcome.
 */
import { toPlainValue, type CellValue, type CheckResult, type WorkbookEngine } from '../engine/index';
import { qualifiedAddress } from '../model/a1';
import { BASE_SCENARIO, scenarioNames, type RawCell, type Workbook } from '../model/workbook';
import { cellLabelText } from './edits';
import type { Correspondence } from './structure';
import type { CheckFlip, PlainValue, ScenarioEffect, ValueChange } from './types';

const isFormula = (v: RawCell | undefined): boolean => typeof v === 'string' && v.startsWith('=');

/** Equal values; numbers within 1e-12 relative count as equal (floating-point noise of a reordered sum). */
function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return a.error === b.error;
  return Object.is(a, b);
}

/** Scenario names of both versions: the new version's order, then those only the old one has. */
export function unionScenarios(a: Workbook, b: Workbook): string[] {
  const names = scenarioNames(b);
  for (const n of scenarioNames(a)) if (!names.includes(n)) names.push(n);
  return names;
}

/** Sort key: non-numeric changes and changes from zero first, then by |relative| change. */
function rank(v: ValueChange): number {
  return v.relative === null ? Infinity : Math.abs(v.relative);
}

/** The cells compared: formula cells (on either side) of kept rows and columns. */
interface Compared { pair: number; oldRow: number; oldCol: number; newRow: number; newCol: number }

function comparedCells(c: Correspondence): Compared[] {
  const out: Compared[] = [];
  c.pairs.forEach((p, k) => {
    for (let r = 0; r < p.rows.length; r++) {
      const nr = p.rows[r]!;
      if (nr < 0) continue;
      const oldRow = p.oldSheet.rows[r]!, newRow = p.newSheet.rows[nr]!;
      for (let col = 0; col < p.cols.length; col++) {
        const nc = p.cols[col]!;
        if (nc >= 0 && (isFormula(newRow[nc]) || isFormula(oldRow[col]))) out.push({ pair: k, oldRow: r, oldCol: col, newRow: nr, newCol: nc });
      }
    }
  });
  return out;
}

function checkFlips(a: CheckResult[], b: CheckResult[]): CheckFlip[] {
  const oldByName = new Map<string, CheckResult>();
  for (const r of a) if (!oldByName.has(r.name)) oldByName.set(r.name, r);
  const out: CheckFlip[] = [];
  const seen = new Set<string>();
  for (const r of b) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    const o = oldByName.get(r.name);
    if (o && o.passed === r.passed) continue;
    out.push({ name: r.name, old: o ? o.passed : null, new: r.passed, severity: r.severity, ...(r.message !== undefined ? { message: r.message } : {}) });
  }
  for (const [name, o] of oldByName) {
    if (!seen.has(name)) out.push({ name, old: o.passed, new: null, severity: o.severity, ...(o.message !== undefined ? { message: o.message } : {}) });
  }
  return out;
}

/** Effects under every scenario of either version, with engines already built on both. */
export function scenarioEffects(c: Correspondence, oldWb: Workbook, newWb: Workbook, oldEngine: WorkbookEngine, newEngine: WorkbookEngine): ScenarioEffect[] {
  const cells = comparedCells(c);
  const labels = new Map<number, string>();
  const labelOf = (i: number): string => {
    let l = labels.get(i);
    if (l === undefined) {
      const cell = cells[i]!;
      const sheet = c.pairs[cell.pair]!.newSheet;
      l = cellLabelText(sheet, cell.newRow, cell.newCol);
      labels.set(i, l);
    }
    return l;
  };
  const oldNames = new Set(scenarioNames(oldWb)), newNames = new Set(scenarioNames(newWb));
  return unionScenarios(oldWb, newWb).map((scenario) => {
    const inOld = oldNames.has(scenario), inNew = newNames.has(scenario);
    oldEngine.setScenario(inOld ? scenario : BASE_SCENARIO);
    newEngine.setScenario(inNew ? scenario : BASE_SCENARIO);
    const oldValues = c.pairs.map((p) => oldEngine.getSheetValues(p.oldIndex));
    const newValues = c.pairs.map((p) => newEngine.getSheetValues(p.newIndex));
    const values: ValueChange[] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const o = oldValues[cell.pair]![cell.oldRow]?.[cell.oldCol] ?? null;
      const n = newValues[cell.pair]![cell.newRow]?.[cell.newCol] ?? null;
      if (sameValue(o, n)) continue;
      const po: PlainValue = toPlainValue(o), pn: PlainValue = toPlainValue(n);
      const numeric = typeof po === 'number' && typeof pn === 'number';
      const sheet = c.pairs[cell.pair]!.newSheet.name;
      values.push({
        sheet, address: qualifiedAddress(sheet, cell.newRow, cell.newCol), label: labelOf(i), old: po, new: pn,
        absolute: numeric ? pn - po : null,
        relative: numeric && po !== 0 ? (pn - po) / Math.abs(po) : null,
      });
    }
    values.sort((x, y) => rank(y) - rank(x) || Math.abs(y.absolute ?? 0) - Math.abs(x.absolute ?? 0));
    const checks = checkFlips(oldEngine.evaluateChecks(), newEngine.evaluateChecks());
    return { scenario, inOld, inNew, values, checks, changed: values.length > 0 || checks.length > 0 };
  });
}
