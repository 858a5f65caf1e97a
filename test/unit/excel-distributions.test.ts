/**
 * Excel's distribution functions through the engine (the plugin in
 * src/core/engine/excel-distributions.ts) give the exact value to Excel's 15 digits: each
 * formula of test/fixtures/engine/distribution-formulas.json (mpmath at 60 digits, from
 * scripts/distribution-reference.py) to 1e-14 relative, plus Excel's errors at the edges and
 * its argument forms for NORMSDIST, LOGNORMDIST and BETADIST.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { WorkbookEngine, type CellValue } from '../../src/core/engine';

const formulas = JSON.parse(readFileSync(new URL('../fixtures/engine/distribution-formulas.json', import.meta.url), 'utf8')) as [string, number][];

function evaluate(list: string[]): CellValue[] {
  const e = WorkbookEngine.create({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows: list.map((f) => [f]) }] });
  try { return e.getSheetValues(0).map((r) => r[0]!); } finally { e.dispose(); }
}

describe('engine: Excel distributions to 15 digits', () => {
  it('every reference formula agrees with mpmath to 1e-14 relative', () => {
    const got = evaluate(formulas.map((f) => f[0]));
    const bad = formulas.filter(([, want], i) => typeof got[i] !== 'number' || Math.abs((got[i] as number) - want) > 1e-14 * Math.abs(want))
      .map(([f, want]) => `${f} = ${JSON.stringify(got[formulas.findIndex((x) => x[0] === f)])}, exact ${want}`);
    assert.deepEqual(bad, []);
  });

  it('gives Excel\'s errors: #NUM! at probability 1 or 0 where the quantile is infinite, for GAMMA(0), outside BETA.DIST\'s [A, B]', () => {
    const got = evaluate(['=CHISQ.INV(1,3)', '=CHIINV(0,3)', '=F.INV(1,2,3)', '=FINV(0,2,3)', '=NORM.S.INV(1)', '=T.INV(0,3)', '=GAMMA(0)', '=GAMMA(-2)',
      '=BETA.DIST(0.5,2,3,TRUE,1,3)', '=BETA.INV(0.5,2,3,3,3)', '=BINOM.DIST(11,10,0.5,TRUE)', '=GAMMA(172)']);
    assert.deepEqual(got.map((v) => (v as { error?: string }).error), Array(12).fill('#NUM!'));
    assert.deepEqual(evaluate(['=CONFIDENCE.T(0.05,1,1)']).map((v) => (v as { error?: string }).error), ['#DIV/0!']);
  });

  it('takes Excel\'s arguments for the older names: NORMSDIST(z), LOGNORMDIST(x, mean, sd) and BETADIST(x, alpha, beta) are cumulative', () => {
    const [n, l, b, be] = evaluate(['=NORMSDIST(1)-NORM.S.DIST(1,TRUE)', '=LOGNORMDIST(2,0,1)-LOGNORM.DIST(2,0,1,TRUE)', '=BETADIST(0.5,2,3)', '=BETA.DIST(1,2,3,TRUE,1,3)']);
    assert.deepEqual([n, l, b, be], [0, 0, 0.6875, 0]);
  });
});
