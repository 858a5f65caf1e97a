import * as assert from 'node:assert/strict';
import {
  changedCells, dataTable1Rows, defaultResultCells, parseRange, resultLabel, scenarioNameProblem, dataTable2Rows, differenceFromBase, linearRange, parseNumberList, safeFileStem,
  summaryTable, tornadoRows,
} from '../../src/core/analysis/index';
import { toCsv } from '../../src/core/csv/index';
import { WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';

// Hand-checked: B1 = A1*Days/365 (Days 73 -> 240, 146 -> 480); A3 = A1*Rate (Rate 2 -> 2400).
const workbook: Workbook = {
  format: 'minerals-workbook',
  version: 1,
  title: 'Analysis helpers',
  parameters: { Days: { value: 73, min: 0, max: 365 }, Rate: { value: 2 } },
  scenarios: { 'Double cover': { set: { Days: 146 } }, Cheap: { set: { Rate: 1 } } },
  sheets: [{ name: 'S', rows: [[1200, '=A1*Days/365'], [null, '=1/0'], ['=A1*Rate']] }],
  checks: [{ name: 'Enough', assert: '=S!B1>=300' }],
};

describe('analysis: scenario summary table', () => {
  it('lays out parameters, cells and checks per scenario, the same as minerals compare --format csv', () => {
    const engine = WorkbookEngine.create(workbook);
    try {
      const table = summaryTable(engine.compare(['S!B1', 'S!B2', 'S!A3']));
      assert.deepEqual(table, [
        ['', 'Baseline', 'Double cover', 'Cheap'],
        ['Days', 73, 146, 73],
        ['Rate', 2, 2, 1],
        ['S!B1', 240, 480, 240],
        ['S!B2', '#DIV/0!', '#DIV/0!', '#DIV/0!'],
        ['S!A3', 2400, 2400, 1200],
        ['check: Enough', false, true, false],
      ]);
      assert.equal(toCsv(table).split('\r\n')[3], 'S!B1,240,480,240');
    } finally {
      engine.dispose();
    }
  });

  it('differences from the base only between numbers', () => {
    assert.equal(differenceFromBase(480, 240), 240);
    assert.equal(differenceFromBase(1.5, 2), -0.5);
    assert.equal(differenceFromBase({ error: '#DIV/0!' }, 240), undefined);
    assert.equal(differenceFromBase('a', 'b'), undefined);
  });
});

describe('analysis: data table and tornado rows', () => {
  it('one-variable table: the parameter and the cell as header, a row per value', () => {
    const engine = WorkbookEngine.create(workbook);
    try {
      const t = engine.dataTable1({ cell: 'S!B1', param: 'Days', values: [0, 36.5, 365] });
      assert.deepEqual(dataTable1Rows(t), [['Days', 'S!B1'], [0, 0], [36.5, 120], [365, 1200]]);
    } finally {
      engine.dispose();
    }
  });

  it('two-variable table in Excel layout: row values down, column values across', () => {
    const engine = WorkbookEngine.create(workbook);
    try {
      // A3 = 1200*Rate; B1 = 1200*Days/365 does not depend on Rate: use A3 (Rate) and B1 (Days) separately.
      const t = engine.dataTable2({ cell: 'S!A3', rowParam: 'Rate', rowValues: [1, 3], colParam: 'Days', colValues: [10, 20] });
      assert.deepEqual(dataTable2Rows(t), [['Rate \\ Days', 10, 20], [1, 1200, 1200], [3, 3600, 3600]]);
    } finally {
      engine.dispose();
    }
  });

  it('tornado rows: largest swing first, swings hand-computed', () => {
    const engine = WorkbookEngine.create(workbook);
    try {
      const rows = tornadoRows(engine.tornado({ cell: 'S!B1' }));
      // Days 0..365: B1 from 0 to 1200 (swing 1200). Rate ±10% does not move B1 (swing 0).
      assert.deepEqual(rows[0], ['parameter', 'basis', 'base', 'low', 'high', 'S!B1 at low', 'S!B1 at high', 'swing']);
      assert.deepEqual(rows[1], ['Days', 'bounds', 73, 0, 365, 0, 1200, 1200]);
      assert.equal(rows[2]![0], 'Rate');
      assert.equal(rows[2]![7], 0);
    } finally {
      engine.dispose();
    }
  });
});

describe('analysis: value ranges', () => {
  it('linearRange includes both ends and reads cleanly', () => {
    assert.deepEqual(linearRange(0, 1, 11), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    assert.deepEqual(linearRange(10, 0, 3), [10, 5, 0]);
    assert.deepEqual(linearRange(5, 9, 1), [5]);
    assert.equal(linearRange(0, 365, 20).length, 20);
    assert.equal(linearRange(0, 365, 20)[19], 365);
  });

  it('linearRange refuses non-finite ends and bad counts', () => {
    assert.throws(() => linearRange(0, Number.NaN, 3), RangeError);
    assert.throws(() => linearRange(0, 1, 0), RangeError);
    assert.throws(() => linearRange(0, 1, 2.5), RangeError);
    assert.throws(() => linearRange(0, 1, 201), RangeError);
  });

  it('parseNumberList accepts commas, semicolons and spaces and names a bad entry', () => {
    assert.deepEqual(parseNumberList('1, 2;3  4.5 -1e3'), { values: [1, 2, 3, 4.5, -1000] });
    assert.deepEqual(parseNumberList('1, x'), { error: '"x" is not a number.' });
    assert.deepEqual(parseNumberList('  '), { error: 'Enter at least one number.' });
    assert.ok('error' in parseNumberList(Array.from({ length: 201 }, () => '1').join(',')));
  });
});

describe('analysis: cells changed from the base scenario', () => {
  it('compares values, error codes and sheet extents', () => {
    const base = [[1, 'a', { error: '#DIV/0!' }], [2]];
    const current = [[1, 'b', { error: '#DIV/0!' }], [2, 3], [null]];
    assert.deepEqual([...changedCells(current, base)].sort(), ['0:1', '1:1']);
    assert.deepEqual([...changedCells([[{ error: '#N/A' }]], [[{ error: '#REF!' }]])], ['0:0']);
    assert.equal(changedCells([], []).size, 0);
  });

  it('on the engine: switching to a scenario changes exactly its dependent cells', () => {
    const engine = WorkbookEngine.create(workbook);
    try {
      const base = engine.getSheetValues(0);
      engine.setScenario('Double cover');
      assert.deepEqual([...changedCells(engine.getSheetValues(0), base)], ['0:1']);
      engine.setScenario('Cheap');
      assert.deepEqual([...changedCells(engine.getSheetValues(0), base)], ['2:0']);
    } finally {
      engine.dispose();
    }
  });
});

describe('analysis: export file names', () => {
  it('keeps only safe characters from workbook text', () => {
    assert.equal(safeFileStem('Export controls / 2025'), 'Export-controls-2025');
    assert.equal(safeFileStem('../../etc/passwd'), 'etc-passwd');
    assert.equal(safeFileStem('%%%'), 'export');
  });
});

describe('analysis: default result cells', () => {
  it('formula cells of the last sheet in row order, capped', () => {
    assert.deepEqual(defaultResultCells(workbook), ['S!B1', 'S!B2', 'S!A3']);
    assert.deepEqual(defaultResultCells(workbook, 2), ['S!B1', 'S!B2']);
    const spaced = { ...workbook, sheets: [...workbook.sheets, { name: 'My totals', rows: [[1, '=A1*2']] }] };
    assert.deepEqual(defaultResultCells(spaced), ["'My totals'!B1"]);
  });
});

describe('analysis: chart ranges', () => {
  it('parses qualified, quoted, unqualified and reversed ranges', () => {
    assert.deepEqual(parseRange('Stockpile!C1:C3'), { sheet: 'Stockpile', top: 0, bottom: 2, left: 2, right: 2 });
    assert.deepEqual(parseRange("'It''s'!$B$2:$D$2"), { sheet: "It's", top: 1, bottom: 1, left: 1, right: 3 });
    assert.deepEqual(parseRange('d4:b2'), { top: 1, bottom: 3, left: 1, right: 3 });
    assert.deepEqual(parseRange('AA10'), { top: 9, bottom: 9, left: 26, right: 26 });
    for (const bad of ['', 'Sheet!', 'B0:C2', 'B2:', '=B2:C3', 'B2:C3:D4']) assert.equal(parseRange(bad), undefined, bad);
  });
});

describe('analysis: result labels', () => {
  it('the nearest text to the left, else the column header', () => {
    const wb: Workbook = {
      ...workbook,
      sheets: [{ name: 'S', columns: [{ header: 'Item' }, { header: 'Tonnes' }], rows: [['Neodymium', '=1'], [1, '=2'], ["'=not a formula", 3, '=4']] }],
    };
    assert.equal(resultLabel(wb, 'S!B1'), 'Neodymium');
    assert.equal(resultLabel(wb, 's!B2'), 'Tonnes');
    assert.equal(resultLabel(wb, 'S!C3'), '=not a formula');
    assert.equal(resultLabel(wb, 'Nope!B1'), '');
    assert.equal(resultLabel(wb, 'B1'), '');
  });
});

describe('analysis: scenario names', () => {
  it('refuses empty, padded, overlong and existing names (case-insensitively)', () => {
    const existing = ['Baseline', 'Export controls'];
    assert.equal(scenarioNameProblem('Partner supply', existing), undefined);
    assert.match(scenarioNameProblem('', existing)!, /Enter a scenario name/);
    assert.match(scenarioNameProblem(' x', existing)!, /spaces/);
    assert.match(scenarioNameProblem('x'.repeat(256), existing)!, /255/);
    assert.match(scenarioNameProblem('export CONTROLS', existing)!, /already a scenario/);
    assert.match(scenarioNameProblem('baseline', existing)!, /already a scenario/);
  });
});
