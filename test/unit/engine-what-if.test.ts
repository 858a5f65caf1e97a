/**
 * What-if tools against hand-computed answers: goal seek (linear, nonlinear, bounded, no root,
 * a jump, an error value), data tables and tornado ranking. Each must leave the engine as it was.
 */
import { strict as assert } from 'node:assert';
import { solve, UnknownParameterError, WorkbookEngine, type GoalSeekResult } from '../../src/core/engine';
import type { ParameterSpec, Workbook } from '../../src/core/model/workbook';

function model(formula: string, parameters: Record<string, ParameterSpec>, scenarios?: Workbook['scenarios']): Workbook {
  return {
    format: 'minerals-workbook', version: 1, title: 'what-if', parameters,
    sheets: [{ name: 'M', rows: [[1200, formula]] }],
    ...(scenarios ? { scenarios } : {}),
  };
}

function withEngine<T>(wb: Workbook, fn: (e: WorkbookEngine) => T): T {
  const e = WorkbookEngine.create(wb);
  try { return fn(e); } finally { e.dispose(); }
}

function ok(r: GoalSeekResult): { value: number; achieved: number } {
  assert.ok(r.ok, `expected success, got: ${r.ok ? '' : r.reason}`);
  return r;
}

describe('engine: goal seek', () => {
  it('solves a linear model and restores the parameter', () => {
    withEngine(model('=A1*Days/365', { Days: { value: 90, min: 0, max: 365 } }), (e) => {
      const before = e.getCellValue('M!B1');
      const r = ok(e.goalSeek({ set: 'M!B1', to: 600, by: 'Days' }));
      assert.ok(Math.abs(r.value - 182.5) < 1e-6, String(r.value)); // 600 * 365 / 1200
      assert.ok(Math.abs(r.achieved - 600) < 1e-4);
      assert.deepEqual(e.getCellValue('M!B1'), before);
    });
  });

  it('solves a nonlinear model within the bounds (x^2 + x = 12 -> 3, not -4)', () => {
    withEngine(model('=Rate^2+Rate', { Rate: { value: 1, min: 0, max: 100 } }), (e) => {
      const r = ok(e.goalSeek({ set: 'M!B1', to: 12, by: 'Rate' }));
      assert.ok(Math.abs(r.value - 3) < 1e-6, String(r.value));
    });
  });

  it('finds the lower root when started below it without bounds (x^2 + x = 12 from -10)', () => {
    withEngine(model('=Rate^2+Rate', { Rate: { value: -10 } }), (e) => {
      const r = ok(e.goalSeek({ set: 'M!B1', to: 12, by: 'Rate' }));
      assert.ok(Math.abs(r.value + 4) < 1e-6, String(r.value));
    });
  });

  it('never leaves min/max and says so when the target needs a value outside them', () => {
    withEngine(model('=A1*Days/365', { Days: { value: 90, min: 0, max: 365 } }), (e) => {
      const r = e.goalSeek({ set: 'M!B1', to: 6000, by: 'Days' });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, /no value of Days from 0 to 365/);
      assert.match(r.ok ? '' : r.reason, /ranges from 0 to 1200/);
      assert.ok(r.iterations.length > 0);
      for (const it of r.iterations) assert.ok(it.x >= 0 && it.x <= 365, `x = ${it.x}`);
    });
  });

  it('reports no root when the cell never reaches the target', () => {
    withEngine(model('=Rate^2+1', { Rate: { value: 3 } }), (e) => {
      const r = e.goalSeek({ set: 'M!B1', to: 0, by: 'Rate', maxIterations: 60 });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, /no value of Rate/);
    });
  });

  it('says so when the cell does not depend on the parameter', () => {
    withEngine(model('=A1*2', { Rate: { value: 1, min: 0, max: 10 } }), (e) => {
      const r = e.goalSeek({ set: 'M!B1', to: 5, by: 'Rate' });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, /M!B1 stays 2400 .* it does not depend on Rate/);
    });
  });

  it('reports a jump when an IF step skips over the target', () => {
    withEngine(model('=IF(Rate<5,0,10)', { Rate: { value: 1 } }), (e) => {
      const r = e.goalSeek({ set: 'M!B1', to: 5, by: 'Rate' });
      assert.equal(r.ok, false);
      const reason = r.ok ? '' : r.reason;
      assert.match(reason, /jumps from (0 to 10|10 to 0) at Rate ≈ 5/);
    });
  });

  it('reports an error value instead of a number', () => {
    withEngine(model('=1/(Rate-Rate)', { Rate: { value: 1 } }), (e) => {
      const r = e.goalSeek({ set: 'M!B1', to: 5, by: 'Rate' });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, /M!B1 is #DIV\/0! when Rate = 1/);
    });
  });

  it('seeks under a scenario and comes back to the current one', () => {
    const wb = model('=A1*Days/365*Share', { Days: { value: 90, min: 0, max: 365 }, Share: { value: 1 } }, { Half: { set: { Share: 0.5 } } });
    withEngine(wb, (e) => {
      const r = ok(e.goalSeek({ set: 'M!B1', to: 300, by: 'Days', scenario: 'Half' }));
      assert.ok(Math.abs(r.value - 182.5) < 1e-6, String(r.value)); // 300 = 1200 * d / 365 * 0.5
      assert.equal(e.scenario, 'Baseline');
      assert.ok(Math.abs((e.getCellValue('M!B1') as number) - 1200 * 90 / 365) < 1e-6);
    });
  });

  it('refuses an unknown parameter with a typed error', () => {
    withEngine(model('=A1', { Days: { value: 1 } }), (e) => {
      assert.throws(() => e.goalSeek({ set: 'M!B1', to: 1, by: 'Nope' }), UnknownParameterError);
    });
  });

  it('solve() converges on a steep nonlinear function in few evaluations', () => {
    const r = solve({ f: (x) => Math.exp(x), target: 1000, x0: 0, tolerance: 1e-9, maxIterations: 100, cellName: 'c', paramName: 'x' });
    assert.ok(r.ok && Math.abs(r.value - Math.log(1000)) < 1e-9);
    assert.ok(r.iterations.length < 40, `${r.iterations.length} evaluations`);
  });
});

describe('engine: data tables', () => {
  const wb = model('=A1*Days/365*Price', { Days: { value: 73, min: 0, max: 365 }, Price: { value: 2 } });

  it('one-variable table gives the cell for each value and restores the parameter', () => {
    withEngine(wb, (e) => {
      const t = e.dataTable1({ cell: 'M!B1', param: 'Days', values: [0, 73, 365] });
      assert.deepEqual(t.rows.map((r) => r.value), [0, 73, 365]);
      assert.deepEqual(t.rows.map((r) => r.result), [0, 480, 2400]); // 1200 * d / 365 * 2
      assert.equal(e.getCellValue('M!B1'), 480);
    });
  });

  it('two-variable table: results[i][j] for rowValues[i], colValues[j]', () => {
    withEngine(wb, (e) => {
      const t = e.dataTable2({ cell: 'M!B1', rowParam: 'Days', rowValues: [73, 146], colParam: 'Price', colValues: [1, 3] });
      assert.deepEqual(t.results, [[240, 720], [480, 1440]]);
      assert.equal(e.getCellValue('M!B1'), 480);
    });
  });
});

describe('engine: tornado', () => {
  // 2A + 10B + C: A swings 0..10 (20), B 0..1 (10), C has no bounds: ±10% of 300 (60).
  const wb = model('=2*A+10*B+C', { A: { value: 5, min: 0, max: 10 }, B: { value: 0.5, min: 0, max: 1 }, C: { value: 300 } });

  it('ranks parameters by swing, using ±10% for unbounded ones', () => {
    withEngine(wb, (e) => {
      const t = e.tornado({ cell: 'M!B1' });
      assert.deepEqual(t.bars.map((b) => [b.param, b.basis, b.swing]), [['C', 'percent', 60], ['A', 'bounds', 20], ['B', 'bounds', 10]]);
      assert.equal(t.baseResult, 315);
      const c = t.bars[0]!;
      assert.deepEqual([c.low, c.high, c.lowResult, c.highResult], [270, 330, 285, 345]);
      assert.equal(e.getCellValue('M!B1'), 315);
    });
  });

  it('puts a parameter whose swing gives an error value last, with a NaN swing', () => {
    const errs = model('=IF(A>5,1/0,A)+B', { A: { value: 5, min: 0, max: 10 }, B: { value: 0.5, min: 0, max: 1 } });
    withEngine(errs, (e) => {
      const t = e.tornado({ cell: 'M!B1' });
      assert.deepEqual(t.bars.map((b) => b.param), ['B', 'A']);
      assert.equal(t.bars[0]!.swing, 1);
      assert.ok(Number.isNaN(t.bars[1]!.swing));
      assert.deepEqual(t.bars[1]!.highResult, { error: '#DIV/0!' });
    });
  });

  it('skips unbounded parameters when asked, and says why', () => {
    withEngine(wb, (e) => {
      const t = e.tornado({ cell: 'M!B1', unbounded: 'skip' });
      assert.deepEqual(t.bars.map((b) => b.param), ['A', 'B']);
      assert.deepEqual(t.skipped, [{ param: 'C', reason: 'no min and max' }]);
    });
  });
});
