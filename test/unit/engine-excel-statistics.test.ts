/**
 * Excel functions added as HyperFormula plugins (src/core/engine/excel-statistics.ts), each
 * checked against the example on its Microsoft documentation page, plus COUNTBLANK counting
 * formulas that return "" as Excel's documentation says it does.
 */
import { strict as assert } from 'node:assert';
import { WorkbookEngine, type CellValue } from '../../src/core/engine';
import type { Workbook } from '../../src/core/model/workbook';

function values(rows: Workbook['sheets'][number]['rows']): CellValue[][] {
  const e = WorkbookEngine.create({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }] });
  try { return e.getSheetValues(0); } finally { e.dispose(); }
}
/** Column A holds `data`; B1.. hold `formulas`; returns B1.. values. */
function over(data: (number | string | boolean | null)[], formulas: string[]): CellValue[] {
  const n = Math.max(data.length, formulas.length);
  const rows = Array.from({ length: n }, (_, i) => [data[i] ?? null, formulas[i] ?? null]);
  return values(rows).slice(0, formulas.length).map((r) => r[1]!);
}
const close = (actual: CellValue, expected: number, digits: number): void => {
  assert.equal(typeof actual, 'number', `got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs((actual as number) - expected) < 10 ** -digits, `${actual as number} vs ${expected}`);
};
const isError = (v: CellValue, code: string): void => assert.equal((v as { error?: string }).error, code, JSON.stringify(v));

const DOC_DATA = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7];

describe('engine: Excel statistics functions HyperFormula lacks', () => {
  it('SKEW and KURT give the documented examples (0.359543, -0.151799637)', () => {
    const [s, k] = over(DOC_DATA, ['=SKEW(A1:A10)', '=KURT(A1:A10)']);
    close(s!, 0.359543, 6);
    close(k!, -0.151799637, 9);
  });
  it('SKEW and KURT ignore text and booleans in a range, and need 3 / 4 values', () => {
    const [s, k, few] = over([...DOC_DATA, 'n/a', true], ['=SKEW(A1:A12)', '=KURT(A1:A12)', '=KURT(A1:A3)']);
    close(s!, 0.359543, 6);
    close(k!, -0.151799637, 9);
    isError(few!, '#DIV/0!');
  });
  it('RANK, RANK.EQ and RANK.AVG give the documented examples', () => {
    const r = over([7, 3.5, 3.5, 1, 2], ['=RANK(A3,A1:A5,1)', '=RANK(A1,A1:A5)', '=RANK.EQ(A1,A1:A5,1)', '=RANK.EQ(A5,A1:A5)', '=RANK.AVG(A2,A1:A5)', '=RANK.EQ(99,A1:A5)']);
    assert.deepEqual(r.slice(0, 5), [3, 1, 5, 4, 2.5]);
    isError(r[5]!, '#N/A');
    assert.deepEqual(over([89, 88, 92, 101, 94, 97, 95], ['=RANK.AVG(94,A1:A7)']), [4]);
  });
  it('MODE.SNGL and MODE give the documented example, and #N/A when nothing repeats', () => {
    const r = over([5.6, 4, 4, 3, 2, 4], ['=MODE.SNGL(A1:A6)', '=MODE(A1:A6)', '=MODE(1,2,3)', '=MODE(A1:A6,5.6,5.6)']);
    assert.deepEqual(r.slice(0, 2), [4, 4]);
    isError(r[2]!, '#N/A');
    assert.equal(r[3], 5.6);
  });
  it('ERROR.TYPE numbers the errors as Excel does; #N/A for a value that is no error', () => {
    const r = over([], ['=ERROR.TYPE(1/0)', '=ERROR.TYPE(NA())', '=ERROR.TYPE(VALUE("x"))', '=ERROR.TYPE(SQRT(-1))', '=ERROR.TYPE(5)']);
    assert.deepEqual(r.slice(0, 4), [2, 7, 3, 6]);
    isError(r[4]!, '#N/A');
  });
  it('COUNTBLANK counts cells whose formula returns ""', () => {
    const r = over([1, null, '=IF(1,"","")', 'x'], ['=COUNTBLANK(A1:A4)']);
    assert.deepEqual(r, [2]);
  });
});

describe('engine: FORECAST, FORECAST.LINEAR and INTERCEPT', () => {
  it('give the documented examples, from ranges and from array constants', () => {
    const ys = [6, 7, 9, 15, 21], xs = [20, 28, 31, 38, 40];
    const rows: (number | string | null)[][] = ys.map((y, i) => [y, xs[i]!, null]);
    rows[0]![2] = '=FORECAST(30,A1:A5,B1:B5)';
    rows[1]![2] = '=FORECAST.LINEAR(30,A1:A5,B1:B5)';
    rows[2]![2] = '=INTERCEPT({2,3,9,1,8},{6,5,11,7,5})';
    const r = values(rows).map((row) => row[2]!);
    close(r[0]!, 10.607253, 6);
    close(r[1]!, 10.607253, 6);
    close(r[2]!, 0.0483871, 7);
  });
  it('ignore pairs with text or blanks; #N/A for unequal sizes, #DIV/0! for constant x', () => {
    const r = over([1, 'x', 3], ['=INTERCEPT({1,"x",3},{1,2,3})', '=INTERCEPT({1,2},{1,2,3})', '=FORECAST(1,{1,2},{5,5})']);
    close(r[0]!, 0, 12);
    isError(r[1]!, '#N/A');
    isError(r[2]!, '#DIV/0!');
  });
});

describe('engine: DATEDIF', () => {
  it('reads its unit case-insensitively, as Excel does', () => {
    const units = ['y', 'Y', 'm', 'd', 'ym', 'Ym', 'md', 'yd', 'YD'];
    const r = over([], units.map((u) => `=DATEDIF(DATE(2020,1,15),DATE(2024,3,1),"${u}")`));
    // 2020-01-15 to 2024-03-01: 4 years, 49 months, 1507 days, 1 month past the anniversary,
    // 15 days past the 15th of the month before, 46 days past the anniversary (Excel's examples' rules).
    assert.deepEqual(r, [4, 4, 49, 1507, 1, 1, 15, 46, 46]);
  });
  it('keeps #NUM! for an unknown unit and a start after the end', () => {
    const r = over([], ['=DATEDIF(1,2,"q")', '=DATEDIF(2,1,"d")']);
    isError(r[0]!, '#NUM!');
    isError(r[1]!, '#NUM!');
  });
});

describe('engine: VALUE', () => {
  it('reads thousands separators and currency as Excel does', () => {
    const r = over([], ['=VALUE("1,480.5")', '=VALUE("$1,000")', '=VALUE("(1,000)")', '=VALUE("-$5.25")', '=VALUE(" 12 ")', '=VALUE("50%")', '=VALUE("1,234,567")']);
    assert.deepEqual(r, [1480.5, 1000, -1000, -5.25, 12, 0.5, 1234567]);
  });
  it('still gives #VALUE! for text that is no number', () => {
    const r = over([], ['=VALUE("abc")', '=VALUE("1,2")', '=VALUE("")', '=VALUE("$")']);
    for (const v of r) isError(v, '#VALUE!');
  });
  it('keeps reading dates and times', () => {
    const r = over([], ['=VALUE("2024-01-01")', '=VALUE("12:00")']);
    assert.deepEqual(r, [45292, 0.5]);
  });
});

describe('engine: MATCH with match_type 0', () => {
  it('takes wildcards as Excel does (*, ?, ~), over ranges and array constants', () => {
    const r = over(['Lithium carbonate', 'Cobalt', 'Nickel sulphate', 'a*b'],
      ['=MATCH("Nick*",A1:A4,0)', '=MATCH("c?balt",A1:A4,0)', '=MATCH("a~*b",A1:A4,0)', '=MATCH("*sul*",{"x","Nickel sulphate"},0)', '=MATCH("Cobalt",A1:A4,0)', '=MATCH("Zinc*",A1:A4,0)']);
    assert.deepEqual(r.slice(0, 5), [3, 2, 4, 2, 2]);
    isError(r[5]!, '#N/A');
  });
  it('keeps approximate matching as before', () => {
    assert.deepEqual(over([10, 20, 30], ['=MATCH(25,A1:A3)', '=MATCH(25,A1:A3,1)']), [2, 2]);
  });
});

describe('engine: XMATCH', () => {
  it('gives the documented examples and each match and search mode', () => {
    const r = over(['Apple', 'Grape', 'Pear', 'Banana', 'Cherry'],
      ['=XMATCH("Gra?e",A1:A5,2)', '=XMATCH("pear",A1:A5)', '=XMATCH(24,{10,20,30})', '=XMATCH(24,{10,20,30},-1)', '=XMATCH(24,{10,20,30},1)',
        '=XMATCH(5,{5,1,5},0,-1)', '=XMATCH("B*",A1:A5,2)', '=XMATCH(40,{10,20,30},1)']);
    assert.deepEqual(r.slice(0, 7).map((v) => (typeof v === 'number' ? v : (v as { error: string }).error)), [2, 3, '#N/A', 2, 3, 3, 4]);
    isError(r[7]!, '#N/A');
  });
});
