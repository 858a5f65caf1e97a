/**
 * The engine computes what an analyst would compute by hand: parameters, cross-sheet
 * references, text that must stay text, Excel's TRUE/FALSE/INT/CONCAT, scenarios that
 * switch and reset, live edits, checks and the scenario summary.
 */
import { strict as assert } from 'node:assert';
import {
  InvalidReferenceError, UnknownScenarioError, WorkbookEngine, WorkbookTooLargeError, toPlainValue,
  translateFormula, type CellValue,
} from '../../src/core/engine';
import type { Workbook } from '../../src/core/model/workbook';

/** A small stockpile model: Days and Price are parameters; C1 = B1*Days/365. */
function stockpile(extra?: Partial<Workbook>): Workbook {
  return {
    format: 'minerals-workbook',
    version: 1,
    title: 'Stockpile',
    parameters: { Days: { value: 73, min: 0, max: 365 }, Price: { value: 2.5 } },
    scenarios: {
      'Export controls': { description: 'Double the stockpile', set: { Days: 146, 'Stock!B2': 100 } },
      'Cheap': { set: { Price: 1 } },
    },
    sheets: [
      { name: 'Stock', rows: [['Neodymium', 1200, '=B1*Days/365'], ['Dysprosium', 80, '=B2*Days/365']] },
      { name: 'Budget', rows: [['=Stock!C1*Price', "=SUM(Stock!C1:C2)"]] },
      { name: 'My sheet', rows: [["=Budget!A1+1"]] },
    ],
    checks: [
      { name: 'Stockpile under 300 t', assert: '=Stock!C1<300', message: 'Neodymium stockpile too large' },
      { name: 'Unqualified refs use the first sheet', assert: '=B1=1200', severity: 'warning' },
    ],
    ...extra,
  };
}

function sheet(rows: Workbook['sheets'][number]['rows'], extra?: Partial<Workbook>): Workbook {
  return { format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }], ...extra };
}

function withEngine<T>(wb: Workbook, fn: (e: WorkbookEngine) => T): T {
  const e = WorkbookEngine.create(wb);
  try { return fn(e); } finally { e.dispose(); }
}

const approx = (actual: CellValue, expected: number, eps = 1e-9): void => {
  assert.equal(typeof actual, 'number', `expected a number, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs((actual as number) - expected) <= eps, `${actual} != ${expected}`);
};

describe('engine: values', () => {
  it('computes formulas with parameters and cross-sheet references', () => {
    withEngine(stockpile(), (e) => {
      approx(e.getCellValue('Stock!C1'), 240); // 1200 * 73 / 365
      approx(e.getCellValue('Stock!C2'), 16); // 80 * 73 / 365
      approx(e.getCellValue('Budget!A1'), 600); // 240 * 2.5
      approx(e.getCellValue('Budget!B1'), 256);
      approx(e.getCellValue("'My sheet'!A1"), 601);
      approx(e.getCellValue('C1'), 240, 1e-9); // unqualified: first sheet
    });
  });

  it('evaluate() returns every sheet by name and the checks', () => {
    withEngine(stockpile(), (e) => {
      const ev = e.evaluate();
      assert.equal(ev.scenario, 'Baseline');
      assert.deepEqual(Object.keys(ev.sheets), ['Stock', 'Budget', 'My sheet']);
      assert.equal(ev.sheets.Stock![0]![0], 'Neodymium');
      approx(ev.sheets['My sheet']![0]![0]!, 601);
      assert.deepEqual(ev.checks.map((c) => [c.name, c.passed, c.severity]), [
        ['Stockpile under 300 t', true, 'error'],
        ['Unqualified refs use the first sheet', true, 'warning'],
      ]);
    });
  });

  it('keeps plain strings as text even when they look like numbers, booleans or formulas', () => {
    withEngine(sheet([["123", "TRUE", "'=1+1", "'abc", "1/2/2024", "", null, true, 4.5, "'"]]), (e) => {
      assert.deepEqual(e.getSheetValues(0)[0], ['123', 'TRUE', '=1+1', 'abc', '1/2/2024', null, null, true, 4.5, '']);
    });
  });

  it('rewrites bare TRUE/FALSE outside strings, so they do not become #NAME?', () => {
    withEngine(sheet([['=IF(TRUE,1,2)', '=IF(false, 1, 2)', '="TRUE"&"-"&TRUE', '=AND(TRUE,FALSE)', '=TRUE()', '=NOT(TRUE)+0']]), (e) => {
      assert.deepEqual(e.getSheetValues(0)[0], [1, 2, 'TRUE-TRUE', false, true, 0]);
    });
  });

  it('INT rounds down and CONCAT joins ranges, as in Excel', () => {
    withEngine(sheet([['=INT(-2.5)', '=INT(2.7)', '=CONCAT(D1:E1)', 'ab', 'cd', '=_xlfn.CONCAT("x","y")']]), (e) => {
      assert.deepEqual(e.getSheetValues(0)[0], [-3, 2, 'abcd', 'ab', 'cd', 'xy']);
    });
  });

  it('rounds as Excel does: decimal halves, 15 significant digits', () => {
    withEngine(sheet([['=ROUND(1.005,2)', '=ROUND(-2.5,0)', '=ROUNDUP(0.1*3,1)', '=ROUNDDOWN(-1.99,1)', '=ROUND(1234.5,-2)', '=1/3', '=0.1+0.2', '=0.1+0.2=0.3']]), (e) => {
      assert.deepEqual(e.getSheetValues(0)[0], [1.01, -3, 0.3, -1.9, 1200, 0.333333333333333, 0.3, true]);
    });
  });

  it('gives error values as { error } and toPlainValue as their string', () => {
    withEngine(sheet([['=1/0', '=A1+1']]), (e) => {
      const v = e.getCellValue('S!A1');
      assert.deepEqual(toPlainValue(v), '#DIV/0!');
      assert.equal(toPlainValue(e.getCellValue('S!B1')), '#DIV/0!');
      assert.equal(toPlainValue(3), 3);
    });
  });

  it('a sheet called __proto__ stays a sheet and pollutes nothing', () => {
    const wb: Workbook = { format: 'minerals-workbook', version: 1, title: 't', sheets: [
      { name: '__proto__', rows: [[1, '=A1*2']] }, { name: 'constructor', rows: [['=__proto__!B1+1']] },
    ] };
    withEngine(wb, (e) => {
      const ev = e.evaluate();
      assert.deepEqual(Object.keys(ev.sheets), ['__proto__', 'constructor']);
      assert.deepEqual(ev.sheets['constructor'], [[3]]);
      assert.equal(Object.getPrototypeOf(ev.sheets), Object.prototype);
      assert.equal(({} as Record<string, unknown>).B1, undefined);
    });
  });

  it('rejects bad references with a typed error naming the reference', () => {
    withEngine(stockpile(), (e) => {
      assert.throws(() => e.getCellValue('Nope!A1'), (err: unknown) => err instanceof InvalidReferenceError && /Nope/.test(err.message));
      assert.throws(() => e.getCellValue('not a ref'), InvalidReferenceError);
      assert.throws(() => e.getCellValue('Stock!XFE1'), (err: unknown) => err instanceof InvalidReferenceError && /outside the sheet \(the last cell is XFD1048576\)/.test(err.message));
      assert.throws(() => e.getCellValue('Stock!A1048577'), InvalidReferenceError);
    });
  });

  it('live edits recompute dependents', () => {
    withEngine(stockpile(), (e) => {
      e.setCell(0, 0, 1, 2400);
      approx(e.getCellValue('Stock!C1'), 480);
      approx(e.getCellValue('Budget!A1'), 1200);
      e.setCell(0, 0, 2, '=B1*2');
      approx(e.getCellValue('Stock!C1'), 4800);
      assert.throws(() => e.setCell(0, 1_048_576, 0, 1), InvalidReferenceError);
      assert.throws(() => e.setCell(9, 0, 0, 1), InvalidReferenceError);
    });
  });

  it('two sheets whose names clash (letter case ignored) each keep their own cells; references by name mean the first', () => {
    const wb: Workbook = {
      format: 'minerals-workbook',
      version: 1,
      title: 'twins',
      sheets: [
        { name: 'Data', rows: [[111, '=A1+1']] },
        { name: 'DATA', rows: [[999, '=A1+2']] },
        { name: 'Sum', rows: [['=Data!A1']] },
      ],
    };
    withEngine(wb, (e) => {
      assert.deepEqual([e.getValueAt(0, 0, 0), e.getValueAt(0, 0, 1)], [111, 112]);
      assert.deepEqual([e.getValueAt(1, 0, 0), e.getValueAt(1, 0, 1)], [999, 1001]);
      assert.equal(e.getValueAt(2, 0, 0), 111);
      e.setCell(1, 0, 0, 5);
      assert.deepEqual([e.getValueAt(0, 0, 1), e.getValueAt(1, 0, 1)], [112, 7]);
    });
  });
});

describe('engine: scenarios', () => {
  it('lists Baseline first, then the file order, once', () => {
    withEngine(stockpile(), (e) => assert.deepEqual(e.scenarioNames(), ['Baseline', 'Export controls', 'Cheap']));
    const wb = stockpile({ scenarios: { Low: { set: {} }, Baseline: { set: {} } } });
    withEngine(wb, (e) => assert.deepEqual(e.scenarioNames(), ['Baseline', 'Low']));
  });

  it('switching applies parameter and cell overrides, and switching back resets them', () => {
    withEngine(stockpile(), (e) => {
      e.setScenario('Export controls');
      assert.equal(e.scenario, 'Export controls');
      approx(e.getCellValue('Stock!C1'), 480); // 1200 * 146 / 365
      approx(e.getCellValue('Stock!C2'), 40); // overridden B2 = 100: 100 * 146 / 365
      assert.equal(e.evaluateChecks()[0]!.passed, false);
      e.setScenario('Cheap');
      approx(e.getCellValue('Stock!C1'), 240); // Days back to 73
      approx(e.getCellValue('Stock!C2'), 16); // B2 back to 80
      approx(e.getCellValue('Budget!A1'), 240); // Price 1
      e.setScenario('Baseline');
      approx(e.getCellValue('Budget!A1'), 600);
    });
  });

  it('applies a Baseline scenario defined in the file, also at creation', () => {
    const wb = stockpile({ scenarios: { Baseline: { set: { Price: 3 } }, Other: { set: {} } } });
    withEngine(wb, (e) => {
      approx(e.getCellValue('Budget!A1'), 720);
      e.setScenario('Other');
      approx(e.getCellValue('Budget!A1'), 600); // as written
    });
  });

  it('a scenario value the engine refuses leaves the parameter at its base value, without throwing', () => {
    const wb = stockpile({ scenarios: { Odd: { set: { Days: '=B1' } } } });
    withEngine(wb, (e) => {
      e.setScenario('Odd');
      approx(e.getCellValue('Stock!C1'), 240);
      assert.equal(e.getParameterValue('Days'), 73);
    });
  });

  it('creates under a chosen scenario and refuses unknown ones', () => {
    const e = WorkbookEngine.create(stockpile(), { scenario: 'Export controls' });
    try {
      approx(e.getCellValue('Stock!C1'), 480);
      assert.throws(() => e.setScenario('Nope'), (err: unknown) => err instanceof UnknownScenarioError && /Nope/.test(err.message));
      assert.equal(e.scenario, 'Export controls');
    } finally {
      e.dispose();
    }
  });

  it('a live edit survives scenario switches', () => {
    withEngine(stockpile(), (e) => {
      e.setCell(0, 0, 1, 600);
      e.setScenario('Export controls');
      approx(e.getCellValue('Stock!C1'), 240); // 600 * 146 / 365
      e.setScenario('Baseline');
      approx(e.getCellValue('Stock!C1'), 120); // 600 * 73 / 365
    });
  });

  it('a live parameter change recomputes and is the base that scenarios reset to', () => {
    withEngine(stockpile(), (e) => {
      e.setParameter('Days', 365);
      approx(e.getCellValue('Stock!C1'), 1200);
      approx(e.getValueAt(0, 0, 2), 1200);
      e.setScenario('Export controls');
      approx(e.getCellValue('Stock!C1'), 480); // the scenario's Days = 146 wins while applied
      e.setScenario('Cheap');
      approx(e.getCellValue('Stock!C1'), 1200);
      assert.equal(e.getParameterValue('Days'), 365);
    });
  });

  it('a Baseline edit under a scenario that overrides it leaves the override shown, and shows after switching back', () => {
    withEngine(stockpile(), (e) => {
      e.setScenario('Export controls');
      assert.equal(e.cellOverride(0, 1, 1), 'Stock!B2');
      assert.equal(e.cellOverride(0, 0, 1), undefined);
      assert.equal(e.parameterOverridden('days'), true);
      assert.equal(e.parameterOverridden('Price'), false);
      e.setCell(0, 1, 1, 90);
      e.setParameter('Days', 365);
      approx(e.getCellValue('Stock!C2'), 40); // still the override: 100 * 146 / 365
      e.setScenario('Baseline');
      approx(e.getCellValue('Stock!C2'), 90); // the Baseline edits: 90 * 365 / 365
    });
  });

  it('setOverride changes the current scenario\'s override of a cell or parameter, and only one it has', () => {
    withEngine(stockpile(), (e) => {
      e.setScenario('Export controls');
      assert.equal(e.setOverride({ sheet: 0, row: 1, col: 1 }, 200), true);
      approx(e.getCellValue('Stock!C2'), 80); // 200 * 146 / 365
      assert.equal(e.setOverride({ parameter: 'DAYS' }, 365), true);
      approx(e.getCellValue('Stock!C2'), 200);
      assert.equal(e.setOverride({ sheet: 0, row: 0, col: 1 }, 5), false, 'B1 is not overridden');
      assert.equal(e.setOverride({ parameter: 'Price' }, 5), false, 'Price is not overridden');
      approx(e.getCellValue('Stock!B1'), 1200);
      e.setScenario('Baseline');
      approx(e.getCellValue('Stock!C2'), 16); // Baseline untouched: 80 * 73 / 365
    });
  });

  it('compare() lists every scenario with parameters, cells, checks and differences from base', () => {
    withEngine(stockpile(), (e) => {
      e.setScenario('Cheap');
      const s = e.compare(['Stock!C1', 'Budget!A1']);
      assert.equal(e.scenario, 'Cheap', 'restores the current scenario');
      assert.deepEqual(s.scenarios.map((c) => c.name), ['Baseline', 'Export controls', 'Cheap']);
      assert.equal(s.base.name, 'Baseline');
      assert.deepEqual(s.parameters, ['Days', 'Price']);
      const [base, exp, cheap] = s.scenarios;
      assert.deepEqual(base!.parameters, { Days: 73, Price: 2.5 });
      assert.deepEqual(exp!.parameters, { Days: 146, Price: 2.5 });
      assert.equal(exp!.description, 'Double the stockpile');
      approx(exp!.cells['Budget!A1']!, 1200);
      approx(cheap!.cells['Budget!A1']!, 240);
      assert.deepEqual(exp!.changedParameters, ['Days']);
      assert.deepEqual(exp!.changedCells, ['Stock!C1', 'Budget!A1']);
      assert.deepEqual(cheap!.changedCells, ['Budget!A1']);
      assert.deepEqual(base!.changedCells, []);
      assert.deepEqual(exp!.checks.map((c) => c.passed), [false, true]);
    });
  });
});

describe('engine: formula translation', () => {
  it('leaves strings, sheet names and function calls alone', () => {
    assert.equal(translateFormula('="TRUE"&TRUE'), '="TRUE"&TRUE()');
    assert.equal(translateFormula("='TRUE sheet'!A1+FALSE"), "='TRUE sheet'!A1+FALSE()");
    assert.equal(translateFormula('=TRUE()'), '=TRUE()');
    assert.equal(translateFormula('=IF(A1, TRUE , FALSE)'), '=IF(A1, TRUE() , FALSE())');
    assert.equal(translateFormula('=SUM(A1:B2)'), '=SUM(A1:B2)');
  });

  it('spells "" inside strings as CHAR(34) and reads 1E3 as a number, both of which HyperFormula rejects', () => {
    assert.equal(translateFormula('="say ""hi"""&A1'), '=("say "&CHAR(34)&"hi"&CHAR(34)&"")&A1');
    assert.equal(translateFormula('=IF(A1="","",1E3)'), '=IF(A1="","",1e3)');
    withEngine(sheet([['="say ""hi"""', '=LEN("""")', '=1E3+1', '=TEXT(0,"0;-0;""none""")']]), (e) => {
      assert.deepEqual(e.getSheetValues(0)[0], ['say "hi"', 1, 1001, 'none']);
    });
  });

  it('TEXT formats numbers as Excel does (percent, grouping, sections, scaling, scientific)', () => {
    const formulas = ['=TEXT(0.256,"0.0%")', '=TEXT(-1234.5,"#,##0;(#,##0)")', '=TEXT(1500000,"#,##0.0,,""M""")',
      '=TEXT(1234.5,"0.00E+00")', '=TEXT(45292,"yyyy-mm-dd")', '=TEXT(1234,"General")'];
    withEngine(sheet([formulas]), (e) => {
      assert.deepEqual(e.getSheetValues(0)[0], ['25.6%', '(1,235)', '1.5M', '1.23E+03', '2024-01-01', '1234']);
    });
  });

  it('qualifies unqualified references for checks, but not the end of a range or qualified ones', () => {
    assert.equal(translateFormula('=B12<=Budget', { defaultSheet: 'Data' }), '=Data!B12<=Budget');
    assert.equal(translateFormula('=SUM(A1:B2)+Other!C3', { defaultSheet: 'My sheet' }), "=SUM('My sheet'!A1:B2)+Other!C3");
    assert.equal(translateFormula('=SUM(A:A)>0', { defaultSheet: 'D' }), '=SUM(D!A:A)>0');
  });
});

describe('engine: size limits', () => {
  it('throws WorkbookTooLargeError with the pointer of the offending rows', () => {
    const rows = Array.from({ length: 6 }, (_, i) => [i]);
    assert.throws(() => WorkbookEngine.create(sheet(rows), { limits: { maxRows: 5 } }),
      (err: unknown) => err instanceof WorkbookTooLargeError && err.pointer === '/sheets/0/rows' && /6 rows/.test(err.message));
  });

  it('uses Excel limits by default: a row of 16,385 cells is too wide', () => {
    const wide = new Array<null | number>(16_385).fill(null);
    wide[16_384] = 1;
    assert.throws(() => WorkbookEngine.create(sheet([[1], wide])),
      (err: unknown) => err instanceof WorkbookTooLargeError && err.pointer === '/sheets/0/rows/1');
    const ok = new Array<null | number>(16_384).fill(null);
    ok[16_383] = 7;
    withEngine(sheet([ok]), (e) => assert.equal(e.getCellValue('S!XFD1'), 7));
  });
});
