/**
 * Formulas the engine would answer differently from Excel, or refuses for a reason that is not
 * syntax, get MW4006 with what to write instead (src/core/engine/excel-forms.ts), and every
 * replacement a hint names is a function that works here.
 */
import { strict as assert } from 'node:assert';
import { HyperFormula } from 'hyperformula';
import { modelDiagnostics, WorkbookEngine } from '../../src/core/engine';
import { formIssues } from '../../src/core/engine/excel-forms';
import { EXCEL_ONLY_FUNCTIONS } from '../../src/core/engine/excel-functions';
import type { RawCell, Workbook } from '../../src/core/model/workbook';
import { parseWorkbookText } from '../../src/core/parse';

const wb = (rows: RawCell[][]): Workbook => ({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }] });
function diagnose(workbook: Workbook): { code: string; pointer: string; message: string }[] {
  return modelDiagnostics(workbook, parseWorkbookText(JSON.stringify(workbook, null, 2)).sourceMap);
}
function valueOf(rows: RawCell[][], cell: string): unknown {
  const e = WorkbookEngine.create(wb(rows));
  try { return e.getCellValue(`S!${cell}`); } finally { e.dispose(); }
}
/** Data 1..5 in A1:A5, n = 3 in B1, the formula in C1. */
const withData = (formula: string): RawCell[][] => [[1, 3, formula], [2], [3], [4], [5]];

describe('engine: diagnostics for forms that differ from Excel', () => {
  it('OFFSET with a computed argument is MW4006 with a rewrite, not a syntax error, and the rewrites give Excel\'s value', () => {
    for (const f of ['=OFFSET(A1,B1,0)', '=SUM(OFFSET(A1,0,0,B1,1))']) {
      const ds = diagnose(wb(withData(f)));
      assert.deepEqual(ds.map((d) => d.code), ['MW4006'], f);
      assert.doesNotMatch(ds[0]!.message, /syntax/);
      assert.match(ds[0]!.message, /INDEX\(A1:A100, n\).*SUMPRODUCT\(A1:A100\*\(SEQUENCE\(100\)<=n\)\)/);
    }
    // OFFSET(A1,3,0) is A4 = 4; SUM(OFFSET(A1,0,0,3,1)) = 1+2+3.
    assert.equal(valueOf(withData('=INDEX(A1:A5,B1+1)'), 'C1'), 4);
    assert.equal(valueOf(withData('=SUMPRODUCT(A1:A5*(SEQUENCE(5)<=B1))'), 'C1'), 6);
  });
  it('INDIRECT is MW4006 naming INDEX and CHOOSE, not a syntax error', () => {
    const ds = diagnose(wb([['=INDIRECT("A2")'], [5]]));
    assert.deepEqual(ds.map((d) => d.code), ['MW4006']);
    assert.match(ds[0]!.message, /INDEX\(A1:Z100, row, column\).*CHOOSE/);
    assert.equal(valueOf([['=CHOOSE(2,B1,A2)', 7], [5]], 'A1'), 5);
  });
  it('FILTER with if_empty is MW4006 even when the cell shows no error; the rewrite answers "none"', () => {
    // The third argument, a range of the same size, would silently act as a condition.
    const ds = diagnose(wb([[1, 0, '=SUM(FILTER(A1:A3,A1:A3>1,B1:B3))'], [2, 0], [3, 1]]));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [['MW4006', '/sheets/0/rows/0/2']]);
    assert.match(ds[0]!.message, /IFERROR\(FILTER\(array, include\), "none"\)/);
    assert.equal(valueOf([[1, '=IFERROR(FILTER(A1:A2,A1:A2>5),"none")'], [2]], 'B1'), 'none');
  });
  it('MODE.MULT without room below, and regression over several x variables, are MW4006 with what to write', () => {
    const ds = diagnose(wb([[1, 1, '=MODE.MULT(A1:B2)'], [2, 9, 'x'], [null, null, '=INDEX(LINEST(A1:A2,A1:B2),1,1)']]));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [['MW4006', '/sheets/0/rows/0/2'], ['MW4006', '/sheets/0/rows/2/2']]);
    assert.match(ds[0]!.message, /INDEX\(MODE\.MULT\(\.\.\.\), k\)/);
    assert.match(ds[1]!.message, /several x variables .* fit one x at a time/);
    assert.equal(valueOf([[1, 1, '=INDEX(MODE.MULT(A1:B2),1)'], [2, 9, 'x']], 'C1'), 1);
  });
  it('the rewrites of the MW4006/MW4009 hints give Excel\'s value', () => {
    const rows: RawCell[][] = [['Lithium', 1, '=XLOOKUP("lith*",A1:A2,B1:B2,,2)'], ['lithium', 2, '=COMBIN(INT(4.5),INT(2))'], [null, null, '=IF(0=0,0,CEILING(2.5,0))']];
    assert.deepEqual(['C1', 'C2', 'C3'].map((c) => valueOf(rows, c)), [1, 6, 0]);
    // Excel's documented examples for the current forms the legacy names point to.
    const close = (cell: string, f: string, v: number): void => assert.ok(Math.abs((valueOf([[f]], cell) as number) - v) < 1e-6, f);
    close('A1', '=LOGNORM.DIST(4,3.5,1.2,TRUE)', 0.0390836);
    close('A1', '=HYPGEOM.DIST(1,4,8,20,FALSE)', 0.3632611);
    close('A1', '=NEGBINOM.DIST(10,5,0.25,FALSE)', 0.0550487);
    close('A1', '=BETA.DIST(2,8,10,TRUE,1,3)', 0.6854706);
  });
  it('the distributions, exact now, carry no "may differ" warning (MW4009); T.TEST, still HyperFormula\'s, does', () => {
    const facts = { filterIfEmpty: false };
    for (const f of ['=T.INV.2T(0.05,10)', '=T.DIST(1,2,TRUE)+TINV(0.05,3)+TDIST(1,3,2)', '=CHISQ.INV(0.9,2)+GAMMA(2.5)', '=BETA.DIST(0.5,2,3,TRUE)+BETA.INV(0.3,2,5)+BETAINV(0.3,2,5)', '=CONFIDENCE.T(0.05,1,50)']) {
      assert.deepEqual(formIssues(f, facts), [], f);
    }
    assert.deepEqual(formIssues('=LOGNORMDIST(4,3.5,1.2)+BETADIST(2,8,10,1,3)', facts), []);
    assert.deepEqual(formIssues('=T.TEST(A1:A3,B1:B3,2,1)', facts).map((i) => i.code), ['MW4009']);
  });
  it('every function a hint names as a replacement is one the engine has', () => {
    const have = new Set(HyperFormula.getRegisteredFunctionNames('enGB').map((n) => n.toUpperCase()));
    const facts = { filterIfEmpty: false };
    const forms = [
      ...formIssues('=FILTER(A1:A2,A1:A2>1,0)', facts),
      ...formIssues('=OFFSET(A1,B1,0)', facts, { error: '#ERROR!', message: 'Parsing error. Second argument to OFFSET is not a static number' }),
      ...formIssues('=MODE.MULT(A1:A3)', facts, { error: '#SPILL!' }),
      ...formIssues('=LINEST(A1:A3,B1:C3)', facts, { error: '#VALUE!', message: 'Only one x variable is supported' }),
      ...formIssues('=LOGNORMDIST(4,3.5,1.2)+HYPGEOMDIST(1,4,8,20)+NEGBINOMDIST(10,5,0.25)+BETADIST(2,8,10,1,3)', facts),
      ...formIssues('=COMBIN(4.5,2)', facts, { error: '#NUM!' }),
      ...formIssues('=CEILING(2.5,0)', facts, { error: '#DIV/0!' }),
      ...formIssues('=VLOOKUP("li*",A1:B3,2,FALSE)+T.TEST(A1:A3,B1:B3,2,1)+ISREF(A1)', facts),
    ].map((i) => i.message);
    // LOGNORMDIST and BETADIST take Excel's arguments now, and T.DIST is exact: no hint for them.
    assert.equal(forms.length, 11);
    const named: string[] = [];
    for (const hint of [...EXCEL_ONLY_FUNCTIONS.values(), ...forms]) {
      // The first word of a form message is the function it is about; the rest are replacements.
      for (const m of hint.replace(/^[A-Z.]+(, [A-Z.]+)*( and [A-Z.]+)? with /, '').matchAll(/\b([A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)*)\s*\(/g)) named.push(m[1]!);
    }
    assert.ok(named.length >= 15, named.join());
    assert.deepEqual(named.filter((n) => !have.has(n)), []);
  });
  it('ROW and COLUMN over several rows or columns are MW4009 at the cell (Excel gives one number each), and the rewrite gives Excel\'s value', () => {
    const rows: RawCell[][] = [[1, '=SUMPRODUCT(ROW(A1:A4))', '=ROW(S!A1:A4)', '=SUM(COLUMN(A1:C1))', '=SUM(ROW(B:B))'], [2, '=ROW(A2)', '=ROW(A1:C1)', '=COLUMN(B1:B9)', '=ROWS(A1:A4)']];
    const ds = diagnose(wb(rows));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [
      ['MW4009', '/sheets/0/rows/0/1'], ['MW4009', '/sheets/0/rows/0/2'], ['MW4009', '/sheets/0/rows/0/3'], ['MW4009', '/sheets/0/rows/0/4'],
    ]);
    assert.match(ds[0]!.message, /SEQUENCE\(ROWS\(range\), 1, ROW\(first cell\)\)/);
    assert.match(ds[2]!.message, /SEQUENCE\(1, COLUMNS\(range\), COLUMN\(first cell\)\)/);
    // The value that differs, and the rewrite that gives Excel's: 1+2+3+4 and 1+2+3.
    assert.equal(valueOf(rows, 'B1'), 1);
    assert.equal(valueOf([['=SUMPRODUCT(SEQUENCE(ROWS(A1:A4),1,ROW(A1)))']], 'A1'), 10);
    assert.equal(valueOf([['=SUM(SEQUENCE(1,COLUMNS(A1:C1),COLUMN(A1)))']], 'A1'), 6);
  });
});
