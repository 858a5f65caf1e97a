import { strict as assert } from 'node:assert';
import { asWorkbook, indexDiagnostics, SheetSource } from '../../webview/workbook-view';

describe('webview sheet source', () => {
  const sheet = {
    name: 'Stockpile',
    columns: [{ header: 'Mineral' }, { header: 'Demand', format: '#,##0' }, { header: 'Share', format: '0.0%' }],
    rows: [['Nd', 1234567, '=B1/B2'], ["'=literal", 80, null]],
    formats: { C2: '0.00' },
  };
  const matrix = [['Nd', 1234567, 0.5], ['=literal', 80, { error: '#DIV/0!' }]];
  const values = (r: number, c: number) => (matrix[r]?.[c] ?? null) as never;
  const diags = indexDiagnostics([
    { pointer: '/sheets/0/rows/0/2', severity: 'warning', code: 'MW4005', message: 'bad' },
    { pointer: '/sheets/0/rows/1/1', severity: 'error', code: 'MW4001', message: 'only in X', scenario: 'X' },
    { pointer: '/parameters/A', severity: 'error', code: 'MW3005', message: 'not a cell' },
  ], 'Baseline');

  it('formats by column and per-cell formats, locale grouping', () => {
    const src = new SheetSource(sheet, 0, values, diags, 'en-IN');
    assert.equal(src.text(0, 1), '12,34,567');
    assert.equal(src.text(0, 2), '50.0%');
    assert.equal(src.text(1, 0), '=literal');
    assert.equal(src.text(1, 2), '#DIV/0!');
    assert.equal(src.title(1, 2), '#DIV/0! Division by zero.');
    assert.equal(src.columnLabel(1), 'Demand');
    assert.ok(src.rowCount >= 2 && src.colCount >= 3);
  });
  it('marks diagnostics of the current scenario only', () => {
    const src = new SheetSource(sheet, 0, values, diags, 'en-US');
    assert.match(src.classes(0, 2), /diag-warning/);
    assert.match(src.classes(0, 2), /formula/);
    assert.doesNotMatch(src.classes(1, 1), /diag/);
    assert.equal(src.title(0, 2), 'MW4005: bad');
    assert.equal(diags.size, 1);
  });
  it('accepts only workbook-shaped values', () => {
    assert.equal(asWorkbook(null), undefined);
    assert.equal(asWorkbook({ sheets: [{ name: 'A', rows: [1] }] }), undefined);
    assert.equal(asWorkbook({ sheets: 'x' }), undefined);
    assert.ok(asWorkbook({ sheets: [{ name: 'A', rows: [[1]] }] }));
  });
});
