import * as assert from 'node:assert/strict';
import { applyEditIntents } from '../../src/core/edit';
import type { Workbook } from '../../src/core/model/workbook';
import { parseEditIntent, type EditIntent } from '../../src/shared/protocol';
import { deleteSheetEdits, moveEdits, shiftDeleteEdits, spliceReferences, StructureError, structureEdits, type StructureOp } from '../../webview/structure/structure-edits';
import { WorkbookEngine } from '../../src/core/engine/index';


function workbook(): Workbook {
  return {
    format: 'minerals-workbook',
    version: 1,
    title: 'T',
    parameters: { Days: { value: 90 } },
    scenarios: {
      Baseline: { set: {} },
      Shock: { set: { Days: 30, 'Stock!B3': 5, 'Stock!B1': 7 } },
    },
    sheets: [
      {
        name: 'Stock',
        columns: [{ header: 'Mineral' }, { header: 'Demand', format: '#,##0' }, { header: 'Cover' }],
        formats: { C4: '0.0%' },
        rows: [
          ['Nd', 1200, '=b1 * Days/365'],
          ['Dy', 80, '=B2*Days/365'],
          ['Tb', 10, '=B3*2'],
          ['Total', '=SUM(B1:B3)', '=SUM(C1:C3)/B4'],
          ['Mixed', '=$B$1+B$2+$B3', '=IF(B3>0,TRUE,FALSE)'],
        ],
      },
      { name: 'Report', rows: [['Total', '=Stock!B4'], ['Tb', "='Stock'!B3*1.50"]] },
    ],
    checks: [{ name: 'Positive', assert: '=Stock!B4>0' }, { name: 'Nd', assert: 'B1>0' }],
  };
}

const find = <K extends EditIntent['kind']>(edits: EditIntent[], kind: K, pred: (e: Extract<EditIntent, { kind: K }>) => boolean = () => true) =>
  edits.filter((e): e is Extract<EditIntent, { kind: K }> => e.kind === kind && pred(e as Extract<EditIntent, { kind: K }>));

function rowsOf(edits: EditIntent[], sheet: number) {
  const r = find(edits, 'replaceRows', (e) => e.sheet === sheet);
  assert.equal(r.length, 1, `one replaceRows for sheet ${sheet}`);
  return r[0]!.rows;
}

describe('webview structure: insert and delete rows and columns', () => {
  it('insert a row above row 2: references below move, a SUM range grows, other sheets follow', () => {
    const edits = structureEdits(workbook(), { kind: 'insertRows', sheet: 0, at: 1, count: 1 });
    assert.deepEqual(rowsOf(edits, 0), [
      ['Nd', 1200, '=b1 * Days/365'],
      [],
      ['Dy', 80, '=B3*Days/365'],
      ['Tb', 10, '=B4*2'],
      ['Total', '=SUM(B1:B4)', '=SUM(C1:C4)/B5'],
      ['Mixed', '=$B$1+B$3+$B4', '=IF(B4>0,TRUE,FALSE)'],
    ]);
    // Spelling kept where only references changed: quotes around the sheet, 1.50.
    assert.deepEqual(rowsOf(edits, 1), [['Total', '=Stock!B5'], ['Tb', "='Stock'!B4*1.50"]]);
    assert.deepEqual(find(edits, 'setCheckAssert'), [{ kind: 'setCheckAssert', index: 0, assert: '=Stock!B5>0' }]);
    // B1 did not move; B3 did: its override is re-keyed, the parameter override untouched.
    assert.deepEqual(find(edits, 'setScenarioOverride'), [
      { kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!B3' },
      { kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!B4', value: 5 },
    ]);
    assert.deepEqual(find(edits, 'replaceSheetLayout'), [{ kind: 'replaceSheetLayout', sheet: 0, formats: { C5: '0.0%' } }]);
  });

  it('delete row 3: a referenced deleted row gives #REF!, ranges shrink, its override goes', () => {
    const edits = structureEdits(workbook(), { kind: 'deleteRows', sheet: 0, at: 2, count: 1 });
    assert.deepEqual(rowsOf(edits, 0), [
      ['Nd', 1200, '=b1 * Days/365'],
      ['Dy', 80, '=B2*Days/365'],
      ['Total', '=SUM(B1:B2)', '=SUM(C1:C2)/B3'],
      ['Mixed', '=$B$1+B$2+#REF!', '=IF(#REF!>0,TRUE,FALSE)'],
    ]);
    assert.deepEqual(rowsOf(edits, 1), [['Total', '=Stock!B3'], ['Tb', '=#REF!*1.5']]);
    assert.deepEqual(find(edits, 'setScenarioOverride'), [{ kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!B3' }]);
    assert.deepEqual(find(edits, 'replaceSheetLayout'), [{ kind: 'replaceSheetLayout', sheet: 0, formats: { C3: '0.0%' } }]);
  });

  it('insert a column before B: references and column specs shift right; the unqualified check follows', () => {
    const edits = structureEdits(workbook(), { kind: 'insertColumns', sheet: 0, at: 1, count: 1 });
    const rows = rowsOf(edits, 0);
    assert.deepEqual(rows[0], ['Nd', null, 1200, '=C1 * Days/365']);
    assert.deepEqual(rows[3], ['Total', null, '=SUM(C1:C3)', '=SUM(D1:D3)/C4']);
    assert.deepEqual(rowsOf(edits, 1), [['Total', '=Stock!C4'], ['Tb', "='Stock'!C3*1.50"]]);
    const layout = find(edits, 'replaceSheetLayout')[0]!;
    assert.deepEqual(layout.columns, [{ header: 'Mineral' }, {}, { header: 'Demand', format: '#,##0' }, { header: 'Cover' }]);
    assert.deepEqual(layout.formats, { D4: '0.0%' });
    // The checks sheet holds asserts qualified with the first sheet: both move.
    assert.deepEqual(find(edits, 'setCheckAssert').map((e) => e.assert), ['=Stock!C4>0', '=Stock!C1>0']);
  });

  it('delete column C: formulas referring to it become #REF!, its spec goes', () => {
    const edits = structureEdits(workbook(), { kind: 'deleteColumns', sheet: 0, at: 2, count: 1 });
    const rows = rowsOf(edits, 0);
    assert.deepEqual(rows[3], ['Total', '=SUM(B1:B3)']);
    assert.deepEqual(find(edits, 'replaceSheetLayout')[0]!.columns, [{ header: 'Mineral' }, { header: 'Demand', format: '#,##0' }]);
    assert.equal(find(edits, 'replaceSheetLayout')[0]!.formats, null);
    assert.equal(find(edits, 'replaceRows', (e) => e.sheet === 1).length, 0, 'Report does not refer to column C');
  });

  it('rows below the data: nothing to rewrite', () => {
    assert.deepEqual(structureEdits(workbook(), { kind: 'insertRows', sheet: 1, at: 10, count: 2 }), []);
  });

  it('every intent is valid for the protocol and applies to the file text as one edit', () => {
    const wb = workbook();
    const text = JSON.stringify(wb, null, 2);
    for (const op of [
      { kind: 'insertRows', sheet: 0, at: 1, count: 2 }, { kind: 'deleteRows', sheet: 0, at: 0, count: 2 },
      { kind: 'insertColumns', sheet: 0, at: 0, count: 1 }, { kind: 'deleteColumns', sheet: 0, at: 1, count: 1 },
    ] as StructureOp[]) {
      const edits = structureEdits(wb, op);
      for (const e of edits) assert.deepEqual(parseEditIntent(JSON.parse(JSON.stringify(e))), JSON.parse(JSON.stringify(e)), JSON.stringify(e));
      const out = JSON.parse(applyEditIntents(text, edits).text) as Workbook;
      assert.equal(out.sheets[0]!.rows.length, wb.sheets[0]!.rows.length + (op.kind === 'insertRows' ? 2 : op.kind === 'deleteRows' ? -2 : 0));
    }
  });

  it('spliceReferences keeps the analyst\'s spelling and falls back to the engine\'s', () => {
    assert.equal(spliceReferences('=sum( b1 : b3 ) * 2', '=SUM( B1:B3 )*2', '=SUM( B1:B4 )*2'), '=sum( b1 : B4 ) * 2');
    assert.equal(spliceReferences('=B2', '=B2', '=B2'), '=B2');
    assert.equal(spliceReferences('=IF(b3>0,true,FALSE)', '=IF(B3>0,TRUE(),FALSE())', '=IF(B4>0,TRUE(),FALSE())'), '=IF(B4>0,true,FALSE)');
    assert.equal(spliceReferences('=SUM(B2:B2)', '=SUM(B2:B2)', '=SUM(#REF!)'), '=SUM(#REF!)');
  });
});

describe('webview structure: delete a sheet', () => {
  it('its overrides go with it; formulas elsewhere keep their text (they show #REF! until it is back)', () => {
    const edits = deleteSheetEdits(workbook(), 0);
    assert.deepEqual(edits.map((e) => e.kind), ['setScenarioOverride', 'setScenarioOverride', 'deleteSheet']);
    const wb = workbook();
    const out = JSON.parse(applyEditIntents(JSON.stringify(wb, null, 2), edits).text) as Workbook;
    assert.deepEqual(out.sheets, [wb.sheets[1]]);
    assert.deepEqual(out.scenarios!.Shock!.set, { Days: 30 });
  });
  it('a sheet nobody refers to is just deleted', () => {
    assert.deepEqual(deleteSheetEdits(workbook(), 1), [{ kind: 'deleteSheet', sheet: 1, sheetName: workbook().sheets[1]!.name }]);
  });
});

describe('webview structure: cut and paste moves cells', () => {
  it('a moved cell keeps its formula; every reference to it follows, on every sheet, in checks and overrides', () => {
    const wb = workbook();
    // Cut Stock!B3 (read by C3, C5 twice and Report!B2) and paste it at E1. SUM(B1:B3) keeps its
    // range, as in Excel: only part of it moved.
    const edits = moveEdits(wb, { sheet: 0, top: 2, left: 1, bottom: 2, right: 1, toRow: 0, toCol: 4 });
    assert.deepEqual(rowsOf(edits, 0), [
      ['Nd', 1200, '=b1 * Days/365', null, 10],
      ['Dy', 80, '=B2*Days/365'],
      ['Tb', null, '=E1*2'],
      ['Total', '=SUM(B1:B3)', '=SUM(C1:C3)/B4'],
      ['Mixed', '=$B$1+B$2+$E1', '=IF(E1>0,TRUE,FALSE)'],
    ]);
    assert.deepEqual(rowsOf(edits, 1), [['Total', '=Stock!B4'], ['Tb', "='Stock'!E1*1.50"]]);
    // The override of B3 goes with it; the one of B1 stays.
    assert.deepEqual(find(edits, 'setScenarioOverride'), [
      { kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!B3' },
      { kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!E1', value: 5 },
    ]);
    assert.deepEqual(find(edits, 'setCheckAssert'), []);
  });

  it('the moved formula is not shifted, a block moves together, the cells it lands on are replaced', () => {
    const wb = workbook();
    // Cut B1:C1 (1200, =b1*Days/365) onto C1:D1: C1's formula follows B1 to C1 and lands on D1.
    const edits = moveEdits(wb, { sheet: 0, top: 0, left: 1, bottom: 0, right: 2, toRow: 0, toCol: 2 });
    const rows = rowsOf(edits, 0);
    assert.deepEqual(rows[0], ['Nd', null, 1200, '=C1 * Days/365']);
    // The check 'B1>0' (unqualified: the first sheet) now reads C1.
    assert.deepEqual(find(edits, 'setCheckAssert'), [{ kind: 'setCheckAssert', index: 1, assert: '=Stock!C1>0' }]);
    assert.deepEqual(find(edits, 'setScenarioOverride'), [
      { kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!B1' },
      { kind: 'setScenarioOverride', scenario: 'Shock', target: 'Stock!C1', value: 7 },
    ]);
  });

  it('applied as one edit, the workbook computes the same values; formats move with their cells', () => {
    const wb = workbook();
    const text = JSON.stringify(wb, null, 2);
    const edits = moveEdits(wb, { sheet: 0, top: 3, left: 1, bottom: 3, right: 2, toRow: 6, toCol: 1 });
    assert.deepEqual(find(edits, 'replaceSheetLayout'), [{ kind: 'replaceSheetLayout', sheet: 0, formats: { C7: '0.0%' } }]);
    const out = applyEditIntents(text, edits);
    assert.equal(out.edits.length, 1, 'one text edit: one undo step');
    const moved = JSON.parse(out.text) as Workbook;
    const a = WorkbookEngine.create(wb);
    const b = WorkbookEngine.create(moved);
    assert.deepEqual(b.getValueAt(0, 6, 1), a.getValueAt(0, 3, 1));
    assert.deepEqual(b.getValueAt(0, 6, 2), a.getValueAt(0, 3, 2));
    assert.deepEqual(b.getValueAt(1, 0, 1), a.getValueAt(1, 0, 1), 'Report!B1 still reads the total');
    assert.equal(moved.sheets[1]!.rows[0]![1], '=Stock!B7');
    assert.equal(moved.sheets[0]!.rows.length, 7, 'row 4 keeps its label; the block lands on row 7');
    a.dispose(); b.dispose();
  });

  it('references to the cell a paste lands on become #REF!, as in Excel (they never read the moved cell)', () => {
    // Cut B2 (80) and paste it on B3 (10, read by C3, C5 and Report!B2).
    const edits = moveEdits(workbook(), { sheet: 0, top: 1, left: 1, bottom: 1, right: 1, toRow: 2, toCol: 1 });
    const rows = rowsOf(edits, 0);
    assert.deepEqual(rows[1], ['Dy', null, '=B3*Days/365'], 'C2 follows B2 to B3');
    assert.deepEqual(rows[2], ['Tb', 80, '=#REF!*2']);
    assert.match(String(rowsOf(edits, 1)[1]![1]), /^=#REF!\*1\.50?$/, 'the engine spells it where the reference collapsed');
    assert.equal(rows.length, 5, 'no scratch rows are left behind');
  });

  it('a paste on the cut cell itself moves nothing', () => {
    assert.deepEqual(moveEdits(workbook(), { sheet: 0, top: 1, left: 1, bottom: 1, right: 1, toRow: 1, toCol: 1 }), []);
  });
});

describe('webview structure: delete cells and shift (Excel\'s Delete dialog)', () => {
  const small = (): Workbook => ({
    format: 'minerals-workbook', version: 1, title: 'T',
    sheets: [{ name: 'S', rows: [['a', 1, '=B3*10', '=B1', '=A2'], ['b', 2, '=A1'], ['c', 3]] }],
  });

  it('shift cells up: the cells below move up, references to them follow, one to the deleted cell is #REF!', () => {
    const edits = shiftDeleteEdits(small(), { sheet: 0, top: 0, left: 1, bottom: 0, right: 1, shift: 'up' });
    const rows = rowsOf(edits, 0);
    assert.deepEqual(rows.map((r) => r[1] ?? null), [2, 3, null]);
    assert.equal(rows[0]![2], '=B2*10', 'B3 moved to B2');
    assert.equal(rows[0]![3], '=#REF!', 'B1 was deleted');
    assert.equal(rows[1]![2], '=A1', 'column A did not move');
  });

  it('shift cells left: the cells to the right move left in the block\'s rows only', () => {
    const edits = shiftDeleteEdits(small(), { sheet: 0, top: 1, left: 0, bottom: 1, right: 0, shift: 'left' });
    const rows = rowsOf(edits, 0);
    assert.deepEqual(rows[1], [2, '=A1'], 'B2:C2 moved to A2:B2; the formula still reads A1');
    assert.deepEqual(rows[0], ['a', 1, '=B3*10', '=B1', '=#REF!'], 'only A2 was deleted');
  });

  it('a range only partly moved is refused, naming it: no silent change of what a SUM covers', () => {
    assert.throws(() => shiftDeleteEdits(workbook(), { sheet: 0, top: 1, left: 1, bottom: 1, right: 1, shift: 'up' }),
      (e: unknown) => e instanceof StructureError && /Stock!B1:B3/.test(e.message));
  });
});

describe('protocol: structure intents', () => {
  it('replaceSheetLayout and setCheckAssert are accepted when well-formed', () => {
    const ok: EditIntent[] = [
      { kind: 'replaceSheetLayout', sheet: 0, columns: [{ header: 'A', format: '0.0%', width: 80 }, {}], formats: { B3: '#,##0' } },
      { kind: 'replaceSheetLayout', sheet: 1, columns: null, formats: null },
      { kind: 'setCheckAssert', index: 2, assert: '=A1>0' },
    ];
    for (const e of ok) assert.deepEqual(parseEditIntent(e), e);
  });
  it('malformed ones are dropped', () => {
    for (const bad of [
      { kind: 'replaceSheetLayout', sheet: -1 },
      { kind: 'replaceSheetLayout', sheet: 0, columns: [{ header: 1 }] },
      { kind: 'replaceSheetLayout', sheet: 0, columns: [{ width: 3 }] },
      { kind: 'replaceSheetLayout', sheet: 0, columns: [{ evil: true }] },
      { kind: 'replaceSheetLayout', sheet: 0, formats: { 'not an address': 'x' } },
      { kind: 'replaceSheetLayout', sheet: 0, formats: { B3: 5 } },
      { kind: 'replaceSheetLayout', sheet: 0, extra: 1 },
      { kind: 'setCheckAssert', index: 0, assert: '' },
      { kind: 'setCheckAssert', index: 0.5, assert: '=1' },
      { kind: 'setCheckAssert', index: 0 },
    ]) assert.equal(parseEditIntent(bad), undefined, JSON.stringify(bad));
  });
});
