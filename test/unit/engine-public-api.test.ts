/**
 * The engine's public API for the grid: a trace lists the cells a formula reads and the
 * formulas that read a cell, addressed by workbook sheet index on every sheet and in the
 * checks; a batch of writes costs one recalculation; inserting or deleting rows and columns
 * rewrites every reference to the moved cells, and a refusal comes back as a typed error.
 */
import { strict as assert } from 'node:assert';
import {
  EngineError, InvalidReferenceError, StructureChangeError, WorkbookEngine, type TracedRef,
} from '../../src/core/engine';
import type { Workbook } from '../../src/core/model/workbook';

/** Stock!C1 = B1*Days/365; Budget reads C1 (cell) and C1:C2 (range); a check reads C1. */
function stockpile(): Workbook {
  return {
    format: 'minerals-workbook',
    version: 1,
    title: 'Stockpile',
    parameters: { Days: { value: 73 }, Price: { value: 2.5 } },
    sheets: [
      { name: 'Stock', rows: [['Neodymium', 1200, '=B1*Days/365'], ['Dysprosium', 80, '=B2*Days/365']] },
      { name: 'Budget', rows: [['=Stock!C1*Price', '=SUM(Stock!C1:C2)']] },
    ],
    checks: [{ name: 'Stockpile under 300 t', assert: '=Stock!C1<300' }],
  };
}

/** Order-free comparison: HyperFormula does not promise an order. */
function sorted(refs: TracedRef[]): string[] {
  return refs.map((r) => JSON.stringify(r)).sort();
}

function withEngine(workbook: Workbook, fn: (e: WorkbookEngine) => void, limits?: { maxRows: number }): void {
  const engine = WorkbookEngine.create(workbook, limits ? { limits } : undefined);
  try { fn(engine); } finally { engine.dispose(); }
}

describe('WorkbookEngine.precedentsAndDependents', () => {
  it('lists the cells a formula reads on its own sheet, without parameters', () => {
    withEngine(stockpile(), (e) => {
      const { precedents } = e.precedentsAndDependents(0, 0, 2); // Stock!C1 = B1*Days/365
      assert.deepEqual(precedents, [{ sheet: 0, row: 0, col: 1 }]);
    });
  });

  it('addresses a precedent on another sheet by its workbook sheet index, ranges by start and end', () => {
    withEngine(stockpile(), (e) => {
      assert.deepEqual(e.precedentsAndDependents(1, 0, 0).precedents, [{ sheet: 0, row: 0, col: 2 }]); // Budget!A1
      assert.deepEqual(e.precedentsAndDependents(1, 0, 1).precedents, // Budget!B1 = SUM(Stock!C1:C2)
        [{ sheet: 0, start: { row: 0, col: 2 }, end: { row: 1, col: 2 } }]);
    });
  });

  it('lists dependents across sheets: the formula on Budget, the SUM reading it through a range, the check', () => {
    withEngine(stockpile(), (e) => {
      const { dependents } = e.precedentsAndDependents(0, 0, 2);
      assert.deepEqual(sorted(dependents), sorted([
        { sheet: 1, row: 0, col: 0 },
        { sheet: 1, row: 0, col: 1 }, // Budget!B1 = SUM(Stock!C1:C2), not the range C1:C2
        { sheet: 'checks', row: 0, col: 0 },
      ]));
      // A plain number is read by its own sheet's formula only.
      assert.deepEqual(e.precedentsAndDependents(0, 1, 1).dependents, [{ sheet: 0, row: 1, col: 2 }]);
    });
  });

  it('a cell inside SUM(C1:C6) has the SUM as dependent, not the other cells of the range, also through nested ranges', () => {
    const wb: Workbook = {
      format: 'minerals-workbook', version: 1, title: 'ranges',
      sheets: [{
        name: 'S',
        // D1 sums C1:C5 and D2 C1:C6: HyperFormula stores the longer range on the shorter one.
        rows: [[null, null, 1, '=SUM(C1:C5)'], [null, null, 2, '=SUM(C1:C6)'], [null, null, 3], [null, null, 4], [null, null, 5], [null, null, 6], [null, null, '=SUM(C1:C6)']],
      }],
    };
    withEngine(wb, (e) => {
      assert.deepEqual(sorted(e.precedentsAndDependents(0, 2, 2).dependents), sorted([
        { sheet: 0, row: 0, col: 3 }, { sheet: 0, row: 1, col: 3 }, { sheet: 0, row: 6, col: 2 },
      ]));
      // C6 is outside C1:C5: D1 does not depend on it.
      assert.deepEqual(sorted(e.precedentsAndDependents(0, 5, 2).dependents), sorted([{ sheet: 0, row: 1, col: 3 }, { sheet: 0, row: 6, col: 2 }]));
      assert.deepEqual(e.precedentsAndDependents(0, 6, 2).precedents, [{ sheet: 0, start: { row: 0, col: 2 }, end: { row: 5, col: 2 } }]);
      assert.equal(e.precedentsAndDependents(0, 2, 2, 1).dependents.length, 1);
    });
  });

  it('uses workbook sheet indexes even where the engine numbers the sheets differently', () => {
    // Year-named sheets: HyperFormula gets them in numeric key order (2023 before 2024),
    // the file lists 2024 first.
    const wb: Workbook = {
      format: 'minerals-workbook', version: 1, title: 't',
      sheets: [{ name: '2024', rows: [[1]] }, { name: '2023', rows: [["='2024'!A1*2"]] }],
    };
    withEngine(wb, (e) => {
      assert.deepEqual(e.internals().sheetIds, [1, 0]); // the premise
      assert.deepEqual(e.precedentsAndDependents(1, 0, 0).precedents, [{ sheet: 0, row: 0, col: 0 }]);
      assert.deepEqual(e.precedentsAndDependents(0, 0, 0).dependents, [{ sheet: 1, row: 0, col: 0 }]);
    });
  });

  it('gives an empty trace for an empty cell and throws for a cell the workbook cannot have', () => {
    withEngine(stockpile(), (e) => {
      assert.deepEqual(e.precedentsAndDependents(1, 40, 40), { precedents: [], dependents: [] });
      assert.throws(() => e.precedentsAndDependents(2, 0, 0), InvalidReferenceError);
      assert.throws(() => e.precedentsAndDependents(0, 1_048_576, 0), InvalidReferenceError);
    });
  });
});

describe('WorkbookEngine.batch', () => {
  /** Counts HyperFormula's recalculations (each one that changed values fires valuesUpdated). */
  function recalculations(e: WorkbookEngine): () => number {
    let n = 0;
    e.internals().hf.on('valuesUpdated', () => { n++; });
    return () => n;
  }

  it('applies every write inside with one recalculation and returns what fn returns', () => {
    withEngine(stockpile(), (e) => {
      const count = recalculations(e);
      const result = e.batch(() => {
        e.setCell(0, 0, 1, 365);
        e.setCell(0, 1, 1, 730);
        e.setParameter('Days', 365);
        return 'done';
      });
      assert.equal(result, 'done');
      assert.equal(count(), 1);
      assert.equal(e.getValueAt(0, 0, 2), 365);
      assert.equal(e.getValueAt(1, 0, 1), 1095);
      // The same writes unbatched: one recalculation each.
      e.setCell(0, 0, 1, 1);
      e.setCell(0, 1, 1, 2);
      assert.equal(count(), 3);
    });
  });

  it('keeps the writes made before fn throws, recalculates them and rethrows', () => {
    withEngine(stockpile(), (e) => {
      assert.throws(() => e.batch(() => { e.setCell(0, 0, 1, 365); throw new Error('paste failed'); }), /paste failed/);
      assert.equal(e.getValueAt(0, 0, 2), 73);
    });
  });

  it('does not let values be read while the batch is open', () => {
    withEngine(stockpile(), (e) => {
      assert.throws(() => e.batch(() => e.getValueAt(0, 0, 2)));
      assert.equal(e.getValueAt(0, 0, 2), 240);
    });
  });
});

describe('WorkbookEngine.formulasOf and changeStructure', () => {
  it('reads every formula of a sheet and of the checks, null where there is none', () => {
    withEngine(stockpile(), (e) => {
      assert.deepEqual(e.formulasOf(0), [[null, null, '=B1*Days/365'], [null, null, '=B2*Days/365']]);
      assert.deepEqual(e.formulasOf('checks'), [['=Stock!C1<300']]);
      assert.throws(() => e.formulasOf(2), InvalidReferenceError);
    });
  });

  it('inserting rows moves references on every sheet and in the checks; values follow', () => {
    withEngine(stockpile(), (e) => {
      e.changeStructure({ kind: 'insertRows', sheet: 0, at: 0, count: 2 });
      assert.deepEqual(e.formulasOf(0), [[], [], [null, null, '=B3*Days/365'], [null, null, '=B4*Days/365']]);
      assert.deepEqual(e.formulasOf(1), [['=Stock!C3*Price', '=SUM(Stock!C3:C4)']]);
      assert.deepEqual(e.formulasOf('checks'), [['=Stock!C3<300']]);
      assert.equal(e.getValueAt(1, 0, 0), 600);
    });
  });

  it('deleting a column that a formula reads leaves #REF! there; later columns shift left', () => {
    withEngine(stockpile(), (e) => {
      e.changeStructure({ kind: 'deleteColumns', sheet: 0, at: 1, count: 1 });
      assert.deepEqual(e.formulasOf(0)[0], [null, '=#REF!*Days/365']);
      assert.deepEqual(e.formulasOf(1), [['=Stock!B1*Price', '=SUM(Stock!B1:B2)']]);
    });
  });

  it('inserting columns and deleting rows rewrite references too', () => {
    withEngine(stockpile(), (e) => {
      e.changeStructure({ kind: 'insertColumns', sheet: 0, at: 0, count: 1 });
      e.changeStructure({ kind: 'deleteRows', sheet: 0, at: 0, count: 1 });
      assert.deepEqual(e.formulasOf(0), [[null, null, null, '=C1*Days/365']]);
      assert.deepEqual(e.formulasOf(1), [['=#REF!*Price', '=SUM(Stock!D1:D1)']]);
    });
  });

  it('throws StructureChangeError with the engine\'s reason when the sheet would outgrow the limits', () => {
    withEngine(stockpile(), (e) => {
      assert.throws(() => e.changeStructure({ kind: 'insertRows', sheet: 0, at: 0, count: 3 }),
        (err: unknown) => err instanceof StructureChangeError && err instanceof EngineError && /size limit/i.test(err.message));
      assert.deepEqual(e.formulasOf(1), [['=Stock!C1*Price', '=SUM(Stock!C1:C2)']]);
      assert.throws(() => e.changeStructure({ kind: 'insertRows', sheet: 5, at: 0, count: 1 }), InvalidReferenceError);
    }, { maxRows: 4 });
  });
});
