import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import Ajv2020 from 'ajv/dist/2020';
import { parseWorkbookText } from '../../src/core/parse';
import { validateWorkbookText } from '../../src/core/validate';
import { mapSchemaErrors } from '../../src/core/validate/schema-check';
import type { Workbook } from '../../src/core/model/workbook';

/** A small valid workbook; each test breaks one thing in a fresh copy. */
function base(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    $schema: '../schemas/minerals-workbook.schema.json',
    format: 'minerals-workbook',
    version: 1,
    title: 'Rare-earth magnet stockpile',
    parameters: {
      StockpileDays: { value: 90, unit: 'days', min: 0, max: 365 },
      ImportDisruption: { value: 0.3, min: 0, max: 1 },
    },
    scenarios: {
      'Export controls': { description: 'April 2025 controls', set: { ImportDisruption: 0.6, 'Stockpile!B2': 100 } },
    },
    sheets: [
      {
        name: 'Stockpile',
        columns: [{ header: 'Mineral' }, { header: 'Demand (t/yr)', format: '#,##0' }, { header: 'Target (t)' }],
        rows: [
          ['Neodymium', 1200, '=B1*StockpileDays/365'],
          ['Dysprosium', 80, '=B2*StockpileDays/365*(1+ImportDisruption)'],
        ],
      },
      { name: 'Budget', rows: [['Total', '=SUM(Stockpile!C1:C2)']] },
    ],
    checks: [{ name: 'Targets positive', assert: '=Stockpile!C1>0', severity: 'error' }],
  };
}

interface Found { d: Diagnostic; slice: string }

function run(wb: unknown, text = JSON.stringify(wb, null, 2)): { text: string; diagnostics: Diagnostic[]; workbook: unknown; evaluated: unknown; find(code: string): Found[] } {
  const r = validateWorkbookText(text, { model: false });
  return {
    text, diagnostics: r.diagnostics, workbook: r.workbook, evaluated: r.evaluated,
    find: (code) => r.diagnostics.filter((d) => d.code === code).map((d) => ({ d, slice: text.slice(d.start, d.end) })),
  };
}

/** Exactly one diagnostic with `code`. */
function one(r: ReturnType<typeof run>, code: string): Found {
  const found = r.find(code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(r.diagnostics, null, 1)}`);
  return found[0];
}

describe('validateWorkbookText', () => {
  it('accepts a valid workbook with no diagnostics and returns it', () => {
    const r = run(base());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.workbook, base());
    assert.equal(r.evaluated, r.workbook, 'a valid workbook is evaluated as written');
  });

  describe('schema (MW2001): narrow ranges, analyst wording', () => {
    it('a cell that is not a number, text, boolean or null', () => {
      const wb = base();
      wb.sheets[0].rows[1][2] = { formula: '=1' };
      const r = run(wb);
      const { d, slice } = one(r, 'MW2001');
      assert.deepEqual(JSON.parse(slice), { formula: '=1' });
      assert.match(d.message, /^sheet "Stockpile", cell C2: expected a number, text, boolean or empty/);
      assert.equal(d.pointer, '/sheets/0/rows/1/2');
      assert.match(d.message, /\(formula checks are paused until this is fixed\)$/);
      assert.equal(r.workbook, undefined);
      assert.equal(r.evaluated, undefined, 'a cell the engine cannot hold stops the evaluation');
    });

    it('a parameter bound of the wrong type', () => {
      const wb = base();
      wb.parameters.StockpileDays.min = 'zero';
      const { d, slice } = one(run(wb), 'MW2001');
      assert.equal(slice, '"zero"');
      assert.match(d.message, /^parameter "StockpileDays": "min" must be a number/);
    });

    it('a missing property is reported at the object\'s key when it has one', () => {
      const wb = base();
      delete wb.parameters.ImportDisruption.value;
      wb.scenarios['Export controls'].set = {};
      const { d, slice } = one(run(wb), 'MW2001');
      assert.equal(slice, '"ImportDisruption"');
      assert.equal(d.message, 'parameter "ImportDisruption" is missing "value" (formulas cannot use this parameter until this is fixed)');
    });

    it('a missing property of a list item or of the root is reported at its opening brace, merged', () => {
      const wb = base();
      delete wb.sheets[1].rows;
      delete wb.title;
      delete wb.format;
      const r = run(wb);
      const found = r.find('MW2001');
      assert.deepEqual(found.map((f) => f.slice), ['{', '{']);
      assert.equal(found[0].d.start, 0);
      assert.equal(found[0].d.message, 'the workbook is missing "format" and "title"');
      assert.equal(found[1].d.message, 'sheet "Budget" is missing "rows" (formula checks are paused until this is fixed)');
      assert.equal(found[1].d.start, r.text.indexOf('{\n      "name": "Budget"'));
    });

    it('an unknown property, with a suggestion', () => {
      const wb = base();
      wb.sheets[0].colums = wb.sheets[0].columns;
      const { d, slice } = one(run(wb), 'MW2001');
      assert.equal(slice, '"colums"');
      assert.match(d.message, /sheet "Stockpile": unknown property "colums" \(did you mean "columns"\?\)/);
    });

    it('format and version constants, severity enum and the check formula', () => {
      const wb = base();
      wb.version = 2;
      wb.checks[0].severity = 'fatal';
      wb.checks[0].assert = 'Stockpile!C1>0';
      const r = run(wb);
      const found = r.find('MW2001');
      assert.deepEqual(found.map((f) => f.slice), ['2', '"Stockpile!C1>0"', '"fatal"']);
      assert.equal(found[0].d.message, '"version" must be 1');
      assert.match(found[1].d.message, /check "Targets positive": "assert" must be a formula starting with "="/);
      assert.match(found[2].d.message, /"severity" must be one of "error", "warning" or "info"/);
    });

    it('an invalid parameter name points at the name', () => {
      const wb = base();
      wb.parameters['2030 target'] = { value: 1 };
      const { d, slice } = one(run(wb), 'MW2001');
      assert.equal(slice, '"2030 target"');
      assert.match(d.message, /parameter name "2030 target" is not valid: it must start with a letter or underscore/);
    });

    it('a per-cell format key that is not an address', () => {
      const wb = base();
      wb.sheets[0].formats = { C2: '0.0', total: '0%' };
      const { d, slice } = one(run(wb), 'MW2001');
      assert.equal(slice, '"total"');
      assert.match(d.message, /sheet "Stockpile": format key "total" is not a cell address/);
    });

    it('a workbook without sheets', () => {
      const wb = base();
      wb.sheets = [];
      wb.scenarios = {};
      wb.checks = [];
      const { d, slice } = one(run(wb), 'MW2001');
      assert.equal(slice, '[]');
      assert.match(d.message, /at least one sheet/);
    });

    it('a non-object document', () => {
      const { d, slice } = one(run(null, '[1, 2]'), 'MW2001');
      assert.equal(slice, '[1, 2]');
      assert.match(d.message, /expected an object/);
    });

    it('collapses several failures at one location into one message', () => {
      const wb = base();
      wb.sheets[0].name = '';
      const r = run(wb);
      assert.equal(r.find('MW2001').length, 0);
      const { slice, d } = one(r, 'MW3006');
      assert.equal(slice, '""');
      assert.match(d.message, /must not be empty/);
    });
  });

  it('MW3001: duplicate sheet names, ignoring case, at the second name', () => {
    const wb = base();
    wb.sheets[1].name = 'STOCKPILE';
    const r = run(wb);
    const { d, slice } = one(r, 'MW3001');
    assert.equal(slice, '"STOCKPILE"');
    assert.match(d.message, /already used by sheet 1 .*: rename one of them \(this sheet is not evaluated, and references to "STOCKPILE" mean sheet 1, until it is renamed\)$/);
    assert.equal(r.workbook, undefined, 'an engine cannot hold two sheets of one name');
    assert.deepEqual((r.evaluated as Workbook).sheets.map((s) => s.name), ['Stockpile'], 'the other sheets are still evaluated');
  });

  describe('MW3002: parameter names a formula would misread', () => {
    for (const name of ['AB12', 'R1C1', 'rc', 'TRUE', 'xfd1048576']) {
      it(`${name} is an error at the name`, () => {
        const wb = base();
        wb.parameters[name] = { value: 1 };
        const r = run(wb);
        const { d, slice } = one(r, 'MW3002');
        assert.equal(slice, `"${name}"`);
        assert.equal(d.severity, 'error');
        assert.match(d.message, /cannot be used in formulas/);
        assert.equal(r.workbook, undefined);
        assert.deepEqual(Object.keys((r.evaluated as Workbook).parameters ?? {}), ['StockpileDays', 'ImportDisruption'], 'evaluated without it');
      });
    }

    it('a function name is a warning: it still evaluates', () => {
      const wb = base();
      wb.parameters.Sum = { value: 1 };
      const r = run(wb);
      const { d, slice } = one(r, 'MW3002');
      assert.equal(slice, '"Sum"');
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /function SUM\(\)/);
      assert.notEqual(r.workbook, undefined);
    });

    it('two parameters differing only in case', () => {
      const wb = base();
      wb.parameters.stockpiledays = { value: 1 };
      const { d, slice } = one(run(wb), 'MW3002');
      assert.equal(slice, '"stockpiledays"');
      assert.match(d.message, /clashes with parameter "StockpileDays"/);
    });
  });

  describe('MW3003: scenario overrides naming nothing', () => {
    const cases: [string, RegExp][] = [
      ['StockpileDayz', /not a parameter \(did you mean "StockpileDays"\?\)/],
      ['B2', /to override a cell, name its sheet: "Stockpile!B2"/],
      ['Ghost!B2', /no sheet "Ghost"/],
      ['Stockpile!B0', /"B0" is not a cell address/],
      ['Stockpile!D1', /outside sheet "Stockpile" \(which spans A1:C2\)/],
      ['Stockpile!A3', /outside sheet "Stockpile"/],
    ];
    for (const [target, message] of cases) {
      it(target, () => {
        const wb = base();
        wb.scenarios['Export controls'].set[target] = 1;
        const { d, slice } = one(run(wb), 'MW3003');
        assert.equal(slice, JSON.stringify(target));
        assert.match(d.message, message);
        assert.match(d.message, /^scenario "Export controls"/);
      });
    }

    it('accepts quoted sheet names and absolute addresses', () => {
      const wb = base();
      wb.sheets[1].name = "Ana's budget";
      wb.sheets[0].rows[1][2] = "=B2*'Ana''s budget'!A1";
      wb.scenarios['Export controls'].set["'Ana''s budget'!$B$1"] = 5;
      assert.deepEqual(run(wb).diagnostics, []);
    });
  });

  it('MW3004: scenario values outside the parameter bounds, or not numbers', () => {
    const wb = base();
    wb.scenarios['Export controls'].set.StockpileDays = 400;
    wb.scenarios['Export controls'].set.ImportDisruption = 'high';
    const r = run(wb);
    const found = r.find('MW3004');
    assert.deepEqual(found.map((f) => f.slice).sort(), ['"high"', '400']);
    const over = found.find((f) => f.slice === '400')!;
    assert.match(over.d.message, /"StockpileDays" = 400 is above the parameter's "max" of 365 days/);
    assert.notEqual(r.workbook, undefined, 'bounds problems do not stop evaluation');
  });

  it('MW3005: a parameter outside its own bounds, or min above max', () => {
    const wb = base();
    wb.parameters.StockpileDays.value = -5;
    wb.parameters.ImportDisruption = { value: 0.5, min: 1, max: 0 };
    const found = run(wb).find('MW3005');
    assert.deepEqual(found.map((f) => f.slice), ['-5', '0']);
    assert.match(found[0].d.message, /value -5 is below its "min" of 0/);
    assert.match(found[1].d.message, /"max" \(0\) is less than "min" \(1\)/);
  });

  describe('MW3006: invalid sheet names (Excel rules)', () => {
    const cases: [string, RegExp][] = [
      ['Q1/Q2', /must not contain "\/"/],
      ['A sheet name that is far too long!', /34 characters long; Excel allows at most 31/],
      ["'quoted'", /apostrophe/],
      ['What?*', /"\?", "\*"/],
    ];
    for (const [name, message] of cases) {
      it(JSON.stringify(name), () => {
        const wb = base();
        wb.sheets[1].name = name;
        const r = run(wb);
        const { d, slice } = one(r, 'MW3006');
        assert.equal(slice, JSON.stringify(name));
        assert.match(d.message, message);
        assert.equal(r.find('MW2001').length, 0);
      });
    }
  });

  it('MW3007: rows longer than the declared columns, once per sheet', () => {
    const wb = base();
    wb.sheets[0].rows[0].push('extra');
    wb.sheets[0].rows[1].push(1, 2);
    const r = run(wb);
    const { d, slice } = one(r, 'MW3007');
    assert.equal(slice, '"extra"');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /row 1 has 4 cells but only 3 columns are declared \(and 1 more row like it\)/);
  });

  it('keeps parse diagnostics, validates what parsed, and sorts everything by position', () => {
    const wb = base();
    const text = JSON.stringify(wb, null, 2)
      .replace('"version": 1', '"version": 1,\n  "version": 1')
      .replace('"Budget"', '"Bud:get"');
    const r = run(undefined, text);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['MW1002', 'MW3006']);
    const starts = r.diagnostics.map((d) => d.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('stops at syntax errors: no schema noise, no workbook', () => {
    const r = run(undefined, '{"format": "minerals-workbook", "version": 1,, "title": "x"}');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['MW1001']);
    assert.equal(r.workbook, undefined);
  });

  it('caps schema diagnostics for pathological files', () => {
    const wb = base();
    wb.sheets[1].rows = Array.from({ length: 3000 }, () => [{}]);
    const r = run(wb);
    const found = r.find('MW2001');
    assert.equal(found.length, 1001);
    assert.ok(found.some((f) => /2000 more schema problems not shown/.test(f.d.message)));
  });

  it('appends model diagnostics from the engine unless model is false', () => {
    const wb = base();
    wb.sheets[1].rows[0][1] = '=1/0';
    const text = JSON.stringify(wb, null, 2);
    const withModel = validateWorkbookText(text);
    const model = withModel.diagnostics.filter((d) => /^MW[45]/.test(d.code));
    assert.ok(model.length > 0, 'the engine reports #DIV/0!');
    assert.equal(text.slice(model[0].start, model[0].end), '"=1/0"');
    assert.deepEqual(validateWorkbookText(text, { model: false }).diagnostics, []);
  });
});

describe('mapSchemaErrors', () => {
  it('collapses anyOf/oneOf cascades into one message per location', () => {
    const ajv = new Ajv2020({ allErrors: true, verbose: true });
    const validate = ajv.compile({
      type: 'object',
      properties: {
        x: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^=' }] },
        y: { oneOf: [{ type: 'number' }, { type: 'boolean' }] },
      },
    });
    const text = '{"x": "abc", "y": "no", "z": 1}';
    const parsed = parseWorkbookText(text);
    assert.equal(validate(parsed.value), false);
    assert.ok((validate.errors ?? []).length >= 5, 'ajv reports every branch');
    const ds = mapSchemaErrors(validate.errors ?? [], parsed.value, parsed.sourceMap);
    assert.deepEqual(ds.map((d) => text.slice(d.start, d.end)), ['"abc"', '"no"']);
    assert.match(ds[0].message, /^"x": the text "abc" matches none of the accepted forms$/);
    assert.match(ds[1].message, /^"y" must be a number or boolean, not the text "no"$/);
  });
});
