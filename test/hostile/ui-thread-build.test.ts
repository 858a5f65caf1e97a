/**
 * The engine built on a UI thread (issue 9, "Work on the UI threads"): the extension's export
 * commands build it on the extension host's thread and the webview's grid on its page's, with
 * no worker, memory limit or timer. A 2 KB workbook of 40 formulas over distinct million-cell
 * ranges took minutes to build there (4 of them: 9 s). `engineBuildProblem` is the gate both
 * consult before building; the host side is tested in real VS Code (integration/export.test.ts).
 */
import { strict as assert } from 'node:assert';
import { generateFormulaWorkbook } from '../../bench/generate';
import { ENGINE_BUILD_BUDGET, engineBuildCost, engineBuildProblem } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate/index';

/** `n` formulas, each summing its own 999,990-cell range (A1:J99999, A2:J100000, ...). */
function distinctRanges(n: number, same = false): Workbook {
  const formulas = Array.from({ length: n }, (_, i) => (same ? '=SUM(A1:J99999)' : `=SUM(A${i + 1}:J${i + 99_999})`));
  return { format: 'minerals-workbook', version: 1, title: 'ranges', sheets: [{ name: 'S', rows: [[1], formulas] }] };
}

describe('hostile: the engine is not built on a UI thread past the build budget', () => {
  it('40 formulas over distinct million-cell ranges: refused, saying why, in milliseconds', () => {
    const t0 = performance.now();
    const problem = engineBuildProblem(distinctRanges(40));
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(problem, 'the workbook is too large to compute here (41 cells, 40 formulas and ranges of 39,999,600 cells: '
      + 'about 119,999,241 units of work, more than 10,000,000)');
  });

  it('the same range written in many formulas is one range (HyperFormula shares it)', () => {
    assert.deepEqual(engineBuildCost(distinctRanges(1000, true)), { cost: 1_000 + 1 + 10_000 + 3 * 999_990, cells: 1_001, formulas: 1_000, rangeCells: 999_990 });
    assert.equal(engineBuildProblem(distinctRanges(1000, true)), undefined);
  });

  it('an unqualified range on two sheets is two ranges (written qualified it counts apart again: an overestimate)', () => {
    const wb = distinctRanges(1, true);
    wb.sheets.push({ name: 'T', rows: [['=SUM(A1:J99999)', "=SUM('S'!A1:J99999)"]] });
    assert.equal(engineBuildCost(wb).rangeCells, 3 * 999_990);
  });

  it('the 500,000-formula benchmark workbook is within the budget', () => {
    const { workbook } = generateFormulaWorkbook(500_000);
    const c = engineBuildCost(workbook);
    assert.ok(c.formulas > 490_000 && c.cost < ENGINE_BUILD_BUDGET, JSON.stringify(c));
    assert.equal(engineBuildProblem(workbook), undefined);
  });
});

// The extension's validation worker checks the workspace's files one after another: a file
// that takes the worker's whole time limit would hold back every other file's problems (seen in
// e2e: a typed #NAME? took over 15 s to reach the Problems panel behind such a file).
describe('hostile: the editor\'s validation skips the engine past the build budget', () => {
  it('40 distinct million-cell ranges: one MW4007 warning naming the CLI, at once; schema and names still checked', () => {
    const wb = distinctRanges(40);
    (wb as unknown as { parameters: unknown }).parameters = { Bad: { value: 'x' } };
    const text = JSON.stringify(wb, null, 2);
    const t0 = performance.now();
    const result = validateWorkbookText(text, { buildBudget: ENGINE_BUILD_BUDGET });
    assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
    const skipped = result.diagnostics.filter((d) => d.code === 'MW4007');
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0].severity, 'warning');
    assert.match(skipped[0].message, /formulas not checked in the editor: the workbook is too large to compute here .*Run "minerals validate"/);
    assert.ok(result.diagnostics.some((d) => d.code !== 'MW4007' && /parameters\/Bad/.test(d.pointer)), 'the schema still reports the bad parameter');
  });

  it('a workbook within the budget is evaluated as before (its #DIV/0! is reported)', () => {
    const text = JSON.stringify({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows: [[1, '=A1/0']] }] });
    const result = validateWorkbookText(text, { buildBudget: ENGINE_BUILD_BUDGET });
    assert.ok(!result.diagnostics.some((d) => d.code === 'MW4007'));
    assert.ok(result.diagnostics.some((d) => /DIV/.test(d.message)), JSON.stringify(result.diagnostics));
  });
});
