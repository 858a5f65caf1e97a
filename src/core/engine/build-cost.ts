/**
 * What building the engine on a workbook costs, estimated before building: the extension's
 * export commands and the webview's grid build HyperFormula on a UI thread (the extension host's,
 * the webview's), where a hostile file would freeze the window; validation and the CLI build in
 * a worker with a memory limit and a timer instead. Past `ENGINE_BUILD_BUDGET` those callers say
 * so rather than build.
 *
 * Units are about a microsecond each (HyperFormula 3.5, measured for docs/limits.md): reading
 * a cell 1, building a formula 10, materialising a cell of a large range 3 (3 s per million
 * cells). Only ranges over `LARGE_RANGE` cells are charged, each distinct one once
 * (HyperFormula shares a range written the same way; smaller ranges are the ordinary case).
 */
import type { Workbook } from '../model/workbook';
import { largeRanges, usedExtent } from './formula-lexer';

/** About 10 s of building on an idle machine; the 500,000-formula benchmark costs about 6,000,000. */
export const ENGINE_BUILD_BUDGET = 10_000_000;
const LARGE_RANGE = 100_000;

export interface EngineBuildCost { cost: number; cells: number; formulas: number; rangeCells: number }

/** The estimate for `workbook` (its cells, formulas, checks, and large ranges). */
export function engineBuildCost(workbook: Workbook): EngineBuildCost {
  const extent = usedExtent(workbook.sheets);
  const ranges = new Map<string, number>();
  let cells = 0;
  let formulas = 0;
  // `where`: the sheet an unqualified range is on (the same text elsewhere is another range).
  const formula = (text: string, where: number): void => {
    formulas++;
    for (const r of largeRanges(text, extent, LARGE_RANGE)) {
      if (r.unit !== 'characters' && r.unit !== 'levels') ranges.set(`${r.text.includes('!') ? '' : where}|${r.text.toUpperCase()}`, r.size);
    }
  };
  workbook.sheets.forEach((sheet, s) => {
    for (const row of sheet.rows) {
      cells += row.length;
      for (const v of row) if (typeof v === 'string' && v.charCodeAt(0) === 61 /* = */) formula(v, s);
    }
  });
  for (const check of workbook.checks ?? []) if (typeof check.assert === 'string') formula(check.assert, 0);
  let rangeCells = 0;
  for (const size of ranges.values()) rangeCells += size;
  return { cost: cells + 10 * formulas + 3 * rangeCells, cells, formulas, rangeCells };
}

/** Why the engine should not be built here on `workbook`, or undefined when it may be. */
export function engineBuildProblem(workbook: Workbook, budget = ENGINE_BUILD_BUDGET): string | undefined {
  const c = engineBuildCost(workbook);
  if (c.cost <= budget) return undefined;
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const ranges = c.rangeCells > 0 ? ` and ranges of ${fmt(c.rangeCells)} cells` : '';
  return `the workbook is too large to compute here (${fmt(c.cells)} cells, ${fmt(c.formulas)} formulas${ranges}: `
    + `about ${fmt(c.cost)} units of work, more than ${fmt(budget)})`;
}
