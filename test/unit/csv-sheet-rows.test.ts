import assert from 'node:assert/strict';
import { sheetCsvRows } from '../../src/core/csv/sheet-rows';
import { UnknownScenarioError, WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';

const workbook: Workbook = {
  format: 'minerals-workbook',
  version: 1,
  title: 'Sheet rows',
  parameters: { Rate: { value: 2 } },
  scenarios: {
    High: { set: { Rate: 10, 'Data!A2': 7, "'data'!C3": '=A1*100', 'Other!A1': 99 } },
  },
  sheets: [
    { name: 'Data', columns: [{ header: 'Input' }, { header: 'Result' }], rows: [[3, '=A1*Rate'], [4, '=A2*Rate']] },
    { name: 'Other', rows: [[1]] },
  ],
};

describe('csv: sheetCsvRows (one sheet as CSV records)', () => {
  it('values: header record, then the values under the scenario', () => {
    assert.deepEqual(sheetCsvRows(workbook, 0), [['Input', 'Result'], [3, 6], [4, 8]]);
    assert.deepEqual(sheetCsvRows(workbook, 0, { scenario: 'High' }), [['Input', 'Result'], [3, 30], [7, 70], [null, null, 300]]);
  });

  it('formulas: the cells as written, with the scenario\'s overrides of this sheet\'s cells', () => {
    assert.deepEqual(sheetCsvRows(workbook, 0, { formulas: true }), [['Input', 'Result'], [3, '=A1*Rate'], [4, '=A2*Rate']]);
    assert.deepEqual(sheetCsvRows(workbook, 0, { formulas: true, scenario: 'High', header: false }),
      [[3, '=A1*Rate'], [7, '=A2*Rate'], [null, null, '=A1*100']]);
    assert.deepEqual(sheetCsvRows(workbook, 1, { formulas: true, scenario: 'High' }), [[99]]);
    // The workbook itself is not modified.
    assert.deepEqual(workbook.sheets[0]!.rows, [[3, '=A1*Rate'], [4, '=A2*Rate']]);
  });

  it('header: false leaves the header record out; a sheet without headers has none', () => {
    assert.deepEqual(sheetCsvRows(workbook, 0, { header: false }), [[3, 6], [4, 8]]);
    assert.deepEqual(sheetCsvRows(workbook, 1), [[1]]);
  });

  it('reuses a given engine, reading under the requested scenario and leaving the engine as it was', () => {
    const engine = WorkbookEngine.create(workbook);
    try {
      assert.deepEqual(sheetCsvRows(workbook, 0, { engine, header: false }), [[3, 6], [4, 8]]);
      assert.deepEqual(sheetCsvRows(workbook, 0, { engine, scenario: 'High', header: false }), [[3, 30], [7, 70], [null, null, 300]]);
      assert.equal(engine.scenario, 'Baseline');
      engine.setScenario('High');
      assert.deepEqual(sheetCsvRows(workbook, 0, { engine, formulas: true, header: false })[1], [7, '=A2*Rate']);
    } finally {
      engine.dispose();
    }
  });

  it('an unknown scenario is an UnknownScenarioError in both modes', () => {
    assert.throws(() => sheetCsvRows(workbook, 0, { scenario: 'Nope' }), UnknownScenarioError);
    assert.throws(() => sheetCsvRows(workbook, 0, { scenario: 'Nope', formulas: true }), UnknownScenarioError);
    assert.throws(() => sheetCsvRows(workbook, 0, { scenario: 'constructor', formulas: true }), UnknownScenarioError);
  });
});
