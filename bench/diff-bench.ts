/**
 * Benchmark 8: `minerals diff` of two versions of a generated 100,000-formula workbook with
 * 10 scenarios, against the floor any semantic diff has to pay: building both versions and
 * reading every value under every scenario. Budgets (issue 13): at most 1.3x that floor, and
 * the edits alone (no engine) under 1 s.
 */
import { diffEdits, diffWorkbooks } from '../src/core/diff/index';
import { WorkbookEngine } from '../src/core/engine/index';
import { scenarioNames, type Workbook } from '../src/core/model/workbook';
import { generateFormulaWorkbook } from './generate';
import { measure, measurePair } from './harness';
import { failed, judge, type Figure } from './report';
import type { BenchOptions } from './core-benches';

/** The reviewed change: a parameter, ten inputs spread over the model, and one formula. */
function edited(wb: Workbook, editRow: number): Workbook {
  const next = structuredClone(wb);
  next.parameters!.GrowthRate!.value = (wb.parameters!.GrowthRate!.value as number) * 1.1;
  const supply = next.sheets[0]!.rows;
  for (let k = 0; k < 10; k++) {
    const row = supply[Math.floor(((k + 0.5) / 10) * supply.length)]!;
    row[3] = (row[3] as number) * 1.05; // demand
  }
  supply[editRow]![11] = `${supply[editRow]![11] as string}*1.1`; // at-risk imports
  return next;
}

/** Both versions built and every value read under every scenario of either: what any diff must do. */
function evaluateBoth(a: Workbook, b: Workbook): number {
  const names = [...new Set([...scenarioNames(b), ...scenarioNames(a)])];
  let n = 0;
  for (const wb of [a, b]) {
    const engine = WorkbookEngine.create(wb);
    try {
      for (const s of names) {
        engine.setScenario(scenarioNames(wb).includes(s) ? s : 'Baseline');
        for (let i = 0; i < wb.sheets.length; i++) n += engine.getSheetValues(i).length;
        n += engine.evaluateChecks().length;
      }
    } finally {
      engine.dispose();
    }
  }
  return n;
}

export function benchDiff(o: BenchOptions): Figure[] {
  const size = o.quick ? 10_000 : 100_000;
  const label = `${Math.round(size / 1000)}k formula cells`;
  const budgetEdits = { on: 'ms', max: 1000 } as const;
  const budgetDiff = { on: 'ratio', max: 1.3 } as const;
  try {
    const g = generateFormulaWorkbook(size);
    const oldWb = g.workbook;
    const newWb = edited(oldWb, g.editCell.row);
    const scenarios = scenarioNames(newWb).length;
    o.log(`  ${g.formulaCells} formula cells, ${scenarios} scenarios`);
    const check = diffWorkbooks(oldWb, newWb);
    const changed = check.effects.reduce((n, e) => n + e.values.length, 0);
    const opts = o.quick ? { warmup: 0, reps: 2 } : { warmup: 0, reps: 3 };
    const edits = measure({ run: () => diffEdits(oldWb, newWb) }, o.quick ? { warmup: 1, reps: 3 } : { warmup: 1, reps: 5 });
    const pair = measurePair({ run: () => diffWorkbooks(oldWb, newWb) }, { run: () => evaluateBoth(oldWb, newWb) }, opts);
    return [
      judge({
        id: '8.edits', title: `diff edits only (no evaluation), ${label}`, ours: edits, budget: budgetEdits,
        note: `${check.edits.cells.length} cell edits, ${check.edits.parameters.length} parameter edit`,
      }),
      judge({
        id: '8.diff', title: `diff with effects under ${scenarios} scenarios, ${label}`, ...pair,
        against: 'evaluating both versions under every scenario', budget: budgetDiff,
        note: `${changed} changed values over all scenarios`,
      }),
    ];
  } catch (err) {
    return [failed('8.edits', `diff edits only, ${label}`, err, budgetEdits), failed('8.diff', `diff with effects, ${label}`, err, budgetDiff)];
  }
}
