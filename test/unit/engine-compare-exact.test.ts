/**
 * `compare` switches scenarios on one engine (only the overridden parameters and cells are
 * written; HyperFormula recalculates their dependents) and is what the .xlsx export's
 * Scenarios sheet is made of. Every value it reports must be what a fresh engine built on
 * that scenario computes, and the engine must be left on the scenario it was on.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbookEngine } from '../../src/core/engine';
import { defaultResultCells } from '../../src/core/analysis/index';
import type { Workbook } from '../../src/core/model/workbook';
import { generateFormulaWorkbook } from '../../bench/generate';

const samplesDir = join(__dirname, '..', '..', 'samples');

function samples(): [string, Workbook][] {
  return readdirSync(samplesDir)
    .filter((f) => f.endsWith('.minerals.json') && !f.startsWith('broken'))
    .map((f) => [f, JSON.parse(readFileSync(join(samplesDir, f), 'utf8')) as Workbook]);
}

/** compare() on one engine started on `start`, against a fresh engine per scenario. */
function assertExact(workbook: Workbook, start: string): void {
  const cells = defaultResultCells(workbook, Infinity);
  const engine = WorkbookEngine.create(workbook, { scenario: start });
  try {
    const before = engine.evaluate();
    const summary = engine.compare(cells);
    assert.deepEqual(summary.scenarios.map((s) => s.name), engine.scenarioNames(), 'columns in scenario order');
    assert.equal(engine.scenario, start, 'left on the scenario it was on');
    assert.deepEqual(engine.evaluate(), before, 'every value as before the compare');
    for (const column of summary.scenarios) {
      const fresh = WorkbookEngine.create(workbook, { scenario: column.name });
      try {
        for (const c of cells) assert.deepEqual(column.cells[c], fresh.getCellValue(c), `${column.name} ${c}`);
        for (const p of fresh.parameterNames()) {
          const v = fresh.getParameterValue(p);
          assert.ok(Object.is(column.parameters[p], typeof v === 'number' ? v : Number.NaN), `${column.name} ${p}`);
        }
        assert.deepEqual(column.checks, fresh.evaluateChecks(), `${column.name} checks`);
      } finally {
        fresh.dispose();
      }
    }
  } finally {
    engine.dispose();
  }
}

describe('engine: compare is exact', () => {
  for (const [file, workbook] of samples()) {
    it(`${file}: every scenario's cells, parameters and checks equal a fresh engine's`, () => {
      const probe = WorkbookEngine.create(workbook);
      const all = probe.scenarioNames();
      probe.dispose();
      assert.ok(all.length > 1, 'the sample has scenarios');
      // Started on Baseline and on the last scenario (visited last, not switched back to).
      assertExact(workbook, all[0]!);
      assertExact(workbook, all[all.length - 1]!);
    });
  }

  it('the generated 2,000-formula workbook (11 scenarios, parameters feeding every row)', () => {
    const { workbook } = generateFormulaWorkbook(2_000);
    assertExact(workbook, 'Baseline');
    assertExact(workbook, 'Export controls');
  });
});
