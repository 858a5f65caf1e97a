/**
 * Numbers joined into text (src/core/engine/excel-text.ts). Expected values: LibreOffice Calc
 * 7 (headless, a .csv of these formulas converted to .csv), which like Excel writes 15
 * significant digits; where LibreOffice differs from Excel (integers of 16+ digits, and its
 * three-digit exponent "1E+021") the value is Excel's documented scientific form instead, as
 * marked.
 */
import { strict as assert } from 'node:assert';
import { WorkbookEngine, type CellValue } from '../../src/core/engine';

function results(formulas: string[], data: (number | null)[] = []): CellValue[] {
  const rows = formulas.map((f, i) => [data[i] ?? null, f]);
  const e = WorkbookEngine.create({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }] });
  try { return e.getSheetValues(0).map((r) => r[1]!); } finally { e.dispose(); }
}

describe('engine: numbers turned into text as Excel does (15 significant digits)', () => {
  it('& writes 15 significant digits (LibreOffice)', () => {
    assert.deepEqual(results(['=0.1+0.2&""', '=1/3&""', '=(0.515*100-0.0000000000001)/100&""', '=-1/3&""', '=0.1*3&""', '=123456789012345&""', '=0.0001&""', '=0.000001&""']),
      ['0.3', '0.333333333333333', '0.514999999999999', '-0.333333333333333', '0.3', '123456789012345', '0.0001', '0.000001']);
  });
  it('& writes large and tiny numbers in scientific notation (Excel: two-digit exponent)', () => {
    // LibreOffice writes 6.66666666666667E+019, 1E+021, 1E-020 and keeps 16-digit integers.
    assert.deepEqual(results(['=2/3*1E20&""', '=1E+21&""', '=1E-20&""', '=1234567890123456&""']),
      ['6.66666666666667E+19', '1E+21', '1E-20', '1.23456789012346E+15']);
  });
  it('CONCATENATE, CONCAT and TEXTJOIN convert numbers the same way (LibreOffice)', () => {
    assert.deepEqual(results(['=CONCATENATE(0.1+0.2,"|",1/3)', '=TEXTJOIN(",",TRUE,0.1+0.2,2/3)', '=CONCAT(A1:A2,"x")', '=TEXTJOIN("-",FALSE,A1:A3)'], [0.5, 0.1 + 0.7]),
      ['0.3|0.333333333333333', '0.3,0.666666666666667', '0.50.8x', '0.5-0.8-']);
  });
  it('booleans, blanks and errors join as before', () => {
    const r = results(['=TRUE&1', '=A3&"a"', '=(1/0)&"a"']);
    assert.deepEqual(r.slice(0, 2), ['TRUE1', 'a']);
    assert.equal((r[2] as { error?: string }).error, '#DIV/0!');
  });
});
