/**
 * AND/OR/XOR, ISEVEN/ISODD, TRUNC, PRODUCT/AVEDEV/DEVSQ over no numbers, and arithmetic on "",
 * as Excel's documentation describes them (each was different before: the corpus test against
 * LibreOffice found them).
 */
import { strict as assert } from 'node:assert';
import { WorkbookEngine, type CellValue } from '../../src/core/engine';
import type { RawCell } from '../../src/core/model/workbook';

/** A1 blank, A2 text, A3 TRUE, A4 a formula returning ""; formulas in B. */
function evaluate(formulas: string[]): CellValue[] {
  const data: RawCell[] = [null, 'text', true, '=""'];
  const rows = formulas.map((f, i) => [data[i] ?? null, f]);
  const e = WorkbookEngine.create({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }] });
  try { return formulas.map((_, i) => e.getCellValue(`S!B${i + 1}`)); } finally { e.dispose(); }
}
const code = (v: CellValue): unknown => (v !== null && typeof v === 'object' ? v.error : v);

describe('engine: Excel logic and parity functions', () => {
  it('AND, OR and XOR ignore blanks and text in references, read typed "TRUE", and need one logical value', () => {
    const r = evaluate(['=AND(A1,TRUE)', '=AND(A2,TRUE)', '=OR(A1:A2,FALSE)', '=AND("x",TRUE)', '=AND("true",1)', '=XOR(TRUE,TRUE,1)', '=AND(A1)', '=OR(1/0,TRUE)']);
    assert.deepEqual(r.map(code), [true, true, false, '#VALUE!', true, true, '#VALUE!', '#DIV/0!']);
  });
  it('ISEVEN and ISODD cut fractions and refuse text (documented #VALUE!)', () => {
    assert.deepEqual(evaluate(['=ISEVEN(2.5)', '=ISODD(-1)', '=ISEVEN("3")', '=ISODD(TRUE)', '=ISEVEN(-2.5)']).map(code), [true, true, '#VALUE!', '#VALUE!', true]);
  });
  it('TRUNC cuts its digit count (TRUNC(10,0.5) = 10) and uses decimal rounding', () => {
    assert.deepEqual(evaluate(['=TRUNC(10,0.5)', '=TRUNC(-8.9)', '=TRUNC(0.1*3,1)']), [10, -8, 0.3]);
  });
  it('PRODUCT over no numbers is 0, AVEDEV and DEVSQ #NUM!; a single text cell is ignored', () => {
    assert.deepEqual(evaluate(['=PRODUCT(A2)', '=AVEDEV(A2)', '=DEVSQ(A2)', '=PRODUCT(A2,3)', '=DEVSQ(4,5,8,7,11,4,3)']).map(code), [0, '#NUM!', '#NUM!', 3, 48]);
  });
  it('"" in arithmetic is #VALUE!; a blank cell is still 0', () => {
    assert.deepEqual(evaluate(['=A1+1', '=""+1', '=ABS("")', '=A4*2', '=SUM(A4,1)']).map(code), [1, '#VALUE!', '#VALUE!', '#VALUE!', 1]);
  });
});
