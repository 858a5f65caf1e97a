/**
 * The validation worker's live engines: the workbook diff that decides between applying cell
 * changes and rebuilding, and the property that a live engine gives the same diagnostics and
 * values as a fresh build after any sequence of edits.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cellChanges } from '../../src/core/engine/cell-changes';
import { WorkbookEngine } from '../../src/core/engine';
import type { RawCell, Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate';
import { LiveEngines } from '../../src/core/validate/live-engines';

function workbook(): Workbook {
  return {
    format: 'minerals-workbook', version: 1, title: 'Live engine test',
    parameters: { Growth: { value: 0.1 }, Days: { value: 30 } },
    scenarios: {
      High: { set: { Growth: 0.5, 'Data!A2': 100 } },
      Broken: { set: { 'Data!B1': '=1/0', Days: 0 } },
    },
    sheets: [
      { name: 'Data', rows: [[1, '=A1*(1+Growth)', '=B1/Days'], [2, '=A2+B1', '=SUM(A1:A3)'], [3, 'text', '=C2*2']] },
      { name: 'Out', rows: [['=Data!C3', '=Data!B2-Data!A1'], ['=A1+B1', null]] },
    ],
    checks: [{ name: 'Positive', assert: '=Out!A2>0' }, { name: 'Small', assert: '=Data!C1<100', severity: 'warning' }],
  } as Workbook;
}

const text = (wb: Workbook): string => JSON.stringify(wb, null, 2);
const clone = (wb: Workbook): Workbook => JSON.parse(JSON.stringify(wb)) as Workbook;

describe('live engines: cellChanges', () => {
  it('lists only the cells whose content differs', () => {
    const a = workbook();
    const b = clone(a);
    assert.deepEqual(cellChanges(a, b), []);
    b.sheets[1]!.rows[1]![1] = '=A1*2';
    b.sheets[0]!.rows[2]![1] = 7;
    assert.deepEqual(cellChanges(a, b), [{ sheet: 0, row: 2, col: 1, raw: 7 }, { sheet: 1, row: 1, col: 1, raw: '=A1*2' }]);
  });

  it('calls anything but cell contents a structure change', () => {
    const edits: ((w: Workbook) => void)[] = [
      (w) => { w.sheets[0]!.rows.push([4]); },
      (w) => { w.sheets[0]!.rows[0]!.push(5); },
      (w) => { w.sheets[1]!.name = 'Result'; },
      (w) => { w.sheets.pop(); },
      (w) => { w.parameters!.Growth!.value = 0.2; },
      (w) => { w.scenarios!.High!.set.Growth = 0.6; },
      (w) => { delete w.scenarios!.Broken; },
      (w) => { w.checks![0]!.assert = '=Out!A2>1'; },
    ];
    for (const edit of edits) {
      const b = clone(workbook());
      edit(b);
      assert.equal(cellChanges(workbook(), b), 'structure', edit.toString());
    }
  });
});

/** A cell content an analyst types: numbers, text, formulas (also broken, cyclic, Excel-only). */
const content: fc.Arbitrary<RawCell> = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.constantFrom<RawCell>(null, true, 'abc', '=A1+1', '=B1*Growth', '=1/0', '=Nope+1', '=C3', '=Out!A1', '=SUM(A1:C3)',
    '=IFERROR(XLOOKUP(1,A1:A3,B1:B3),0)', '=A1+', '=Missing!A1', '=Days*2', '=B2'),
);
const edit = fc.record({ sheet: fc.integer({ min: 0, max: 1 }), row: fc.integer({ min: 0, max: 2 }), col: fc.integer({ min: 0, max: 2 }), raw: content });

describe('live engines: same results as a fresh build', () => {
  it('after random cell edits, diagnostics and every scenario\'s values match a rebuild', function () {
    this.timeout(120_000);
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.constantFrom<'all' | string[]>('all', ['Baseline'], ['High']), (edits, scenarios) => {
      const live = new LiveEngines(2);
      try {
        let wb = workbook();
        live.validate('doc', text(wb), { scenarios });
        for (const e of edits) {
          wb = clone(wb);
          const rows = wb.sheets[e.sheet]!.rows;
          if (rows[e.row] === undefined || rows[e.row]!.length <= e.col) continue; // would change the structure
          rows[e.row]![e.col] = e.raw;
          const got = live.validate('doc', text(wb), { scenarios });
          const fresh = validateWorkbookText(text(wb), { scenarios });
          assert.deepEqual(got.diagnostics, fresh.diagnostics);
          assert.equal(live.lastOutcome === 'rebased' || live.lastOutcome === 'unchanged', true, live.lastOutcome);
          const engine = live.engineFor('doc', wb)!;
          const rebuilt = WorkbookEngine.create(wb);
          try {
            for (const s of rebuilt.scenarioNames()) {
              engine.setScenario(s);
              rebuilt.setScenario(s);
              assert.deepEqual(engine.evaluate(), rebuilt.evaluate(), `scenario ${s}`);
            }
            engine.setScenario('Baseline');
          } finally {
            rebuilt.dispose();
          }
        }
      } finally {
        live.dispose();
      }
    }), { numRuns: 60 });
  });

  it('rebuilds on a structure change and keeps at most its limit of engines, forgetting on request', () => {
    const live = new LiveEngines(2);
    try {
      const wb = workbook();
      live.validate('a', text(wb));
      assert.equal(live.lastOutcome, 'built');
      const edited = clone(wb);
      edited.sheets[0]!.rows[0]![0] = 9;
      live.validate('a', text(edited));
      assert.equal(live.lastOutcome, 'rebased');
      edited.parameters!.Growth!.value = 0.3;
      const got = live.validate('a', text(edited));
      assert.equal(live.lastOutcome, 'built');
      assert.deepEqual(got.diagnostics, validateWorkbookText(text(edited)).diagnostics);
      live.validate('b', text(wb));
      live.validate('c', text(wb));
      assert.deepEqual(live.keys(), ['b', 'c']);
      live.validate('b', text(wb));
      assert.equal(live.lastOutcome, 'unchanged');
      assert.deepEqual(live.keys(), ['c', 'b']);
      live.forget('c');
      assert.deepEqual(live.keys(), ['b']);
      live.validate('b', '{ not json');
      assert.deepEqual(live.keys(), [], 'a text that does not parse drops the engine');
    } finally {
      live.dispose();
    }
  });
});
