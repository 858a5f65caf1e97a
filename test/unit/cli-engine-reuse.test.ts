/**
 * One engine per command: eval, export, compare and goal-seek report the model diagnostics
 * with the engine they computed with, not a second build and evaluation of the workbook.
 */
import assert from 'node:assert/strict';
import { modelDiagnostics, WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';
import { parseWorkbookText } from '../../src/core/parse';
import { runCli } from '../fixtures/cli/memory-io';

/** Runs `f` (and awaits it) counting the engines built meanwhile. */
async function countingBuilds<T>(f: () => T | Promise<T>): Promise<{ value: T; builds: number }> {
  const create = WorkbookEngine.create.bind(WorkbookEngine);
  let builds = 0;
  WorkbookEngine.create = (...args: Parameters<typeof WorkbookEngine.create>) => { builds++; return create(...args); };
  try {
    return { value: await f(), builds };
  } finally {
    WorkbookEngine.create = create;
  }
}

describe('cli: one engine per command', () => {
  for (const argv of [
    ['eval', 'stockpile.minerals.json'],
    ['eval', 'stockpile.minerals.json', '--scenario', 'Cheap magnets'],
    ['export', 'stockpile.minerals.json', '--sheet', 'Stockpile', '--scenario', 'Long stockpile'],
    ['export', 'stockpile.minerals.json', '--sheet', 'Stockpile', '--formulas', '--scenario', 'cheap MAGNETS'],
    ['compare', 'stockpile.minerals.json'],
    ['goal-seek', 'stockpile.minerals.json', '--set', "'Summary table'!B2", '--to', '20000', '--by', 'StockpileDays'],
  ]) {
    it(`${argv.join(' ')} builds the workbook once`, async () => {
      const { value: r, builds } = await countingBuilds(() => runCli(argv));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(builds, 1);
    });
  }

  it('export --formulas with an unknown scenario is bad usage without building an engine', async () => {
    const { value: r, builds } = await countingBuilds(() => runCli(['export', 'stockpile.minerals.json', '--sheet', 'Stockpile', '--formulas', '--scenario', 'Nope']));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown scenario "Nope"; the workbook has "Baseline", "Long stockpile", "Cheap magnets"/);
    assert.equal(builds, 0);
  });
});

describe('engine: modelDiagnostics with a given engine', () => {
  const workbook: Workbook = {
    format: 'minerals-workbook', version: 1, title: 't',
    parameters: { Share: { value: 0.5 } },
    scenarios: { Zero: { set: { Share: 0 } }, Bad: { set: { 'S!A1': '=NOPE()' } } },
    sheets: [{ name: 'S', rows: [[1, '=A1/Share', '=1+']] }],
    checks: [{ name: 'Finite', assert: '=ISNUMBER(S!B1)', severity: 'error' }],
  };
  const text = JSON.stringify(workbook, null, 2);
  const { sourceMap } = parseWorkbookText(text);

  it('finds what a fresh engine finds, leaves the engine under its scenario, usable, with its values', async () => {
    const fresh = modelDiagnostics(workbook, sourceMap);
    const engine = WorkbookEngine.create(workbook, { scenario: 'Zero' });
    try {
      const before = engine.getSheetValues(0);
      const { value: reused, builds } = await countingBuilds(() => modelDiagnostics(workbook, sourceMap, { engine }));
      assert.equal(builds, 0);
      assert.deepEqual(reused, fresh);
      assert.ok(reused.some((d) => d.code === 'MW4001') && reused.some((d) => d.scenario === 'Zero') && reused.some((d) => d.scenario === 'Bad'));
      assert.equal(engine.scenario, 'Zero');
      assert.deepEqual(engine.getSheetValues(0), before);
      assert.deepEqual(modelDiagnostics(workbook, sourceMap, { engine, scenarios: ['Zero'] }), modelDiagnostics(workbook, sourceMap, { scenarios: ['Zero'] }));
    } finally {
      engine.dispose();
    }
  });
});
