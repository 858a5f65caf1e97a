/**
 * Model diagnostics for workbooks with schema or sheet-name errors: the formulas are still
 * evaluated with the invalid parts left out, unless the core structure is unusable.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import type { Workbook } from '../../src/core/model/workbook';
import { parseWorkbookText } from '../../src/core/parse';
import { validateWorkbookText } from '../../src/core/validate';
import { evaluablePart } from '../../src/core/validate/evaluable';
import { schemaDiagnostics } from '../../src/core/validate/schema-check';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A small workbook with a division by zero (Budget!C1) and a failing check (index 1). */
function base(): Any {
  return {
    format: 'minerals-workbook',
    version: 1,
    title: 'Stockpile',
    parameters: {
      StockpileDays: { value: 90, unit: 'days', min: 0, max: 365 },
      ImportDisruption: { value: 0.3, min: 0, max: 1 },
    },
    scenarios: { 'Export controls': { set: { ImportDisruption: 0.6 } } },
    sheets: [
      { name: 'Stockpile', columns: [{ header: 'Mineral' }, { header: 'Demand' }, { header: 'Target' }], rows: [['Neodymium', 1200, '=B1*StockpileDays/365']] },
      { name: 'Budget', rows: [['Total', '=SUM(Stockpile!C1)', '=B1/0']] },
    ],
    checks: [
      { name: 'Targets positive', assert: '=Stockpile!C1>0' },
      { name: 'Big enough', assert: '=Stockpile!C1>5000', severity: 'warning' },
    ],
  };
}

interface Run { text: string; diagnostics: Diagnostic[]; workbook: Workbook | undefined; evaluated: Workbook | undefined; at(code: string): string[] }

function run(wb: unknown, text = JSON.stringify(wb, null, 2)): Run {
  const r = validateWorkbookText(text);
  return {
    text, diagnostics: r.diagnostics, workbook: r.workbook, evaluated: r.evaluated,
    at: (code) => r.diagnostics.filter((d) => d.code === code).map((d) => text.slice(d.start, d.end)),
  };
}

const codes = (r: Run): string[] => r.diagnostics.map((d) => d.code);

describe('validateWorkbookText: evaluation despite schema errors', () => {
  it('the base workbook has exactly the #DIV/0! and the failing check', () => {
    const r = run(base());
    assert.deepEqual(codes(r), ['MW4005', 'MW5001']);
    assert.ok(r.workbook);
  });

  it('cosmetic schema errors still report the #DIV/0! and the failing check', () => {
    const wb = base();
    wb.sheets[0].columns[2].width = -40;
    wb.checks[1].severity = 'fatal';
    wb.parameters.StockpileDays.descripton = 'typo';
    wb.sheets[1].colour = 'red';
    const r = run(wb);
    assert.deepEqual(r.at('MW2001'), ['"descripton"', '-40', '"colour"', '"fatal"']);
    assert.deepEqual(r.at('MW4005'), ['"=B1/0"']);
    assert.deepEqual(r.at('MW5001'), ['"=Stockpile!C1>5000"']);
    const failing = r.diagnostics.find((d) => d.code === 'MW5001')!;
    assert.equal(failing.severity, 'error', 'an unknown severity counts as the default, error');
    assert.match(r.diagnostics.find((d) => r.text.slice(d.start, d.end) === '"fatal"')!.message, /\(the check counts as an error until this is fixed\)$/);
    assert.equal(r.workbook, undefined, 'not a workbook to compute results from');
    assert.ok(r.evaluated);
    assert.equal(r.evaluated.sheets[0]!.columns![2]!.width, undefined, 'the invalid width is ignored');
  });

  it('a skipped check does not shift the others: diagnostics point at the right check', () => {
    const wb = base();
    wb.checks.unshift({ name: 'No formula', assert: 'Stockpile!C1>0' }, { assert: '=1' });
    const r = run(wb);
    assert.deepEqual(r.at('MW2001'), ['"Stockpile!C1>0"', '{']);
    for (const d of r.diagnostics.filter((x) => x.code === 'MW2001')) assert.match(d.message, /\(this check is skipped until this is fixed\)$/);
    const failing = r.diagnostics.find((d) => d.code === 'MW5001')!;
    assert.equal(failing.pointer, '/checks/3/assert');
    assert.equal(r.text.slice(failing.start, failing.end), '"=Stockpile!C1>5000"');
  });

  it('a sheet with an invalid or duplicate name is left out; the rest is evaluated at the right places', () => {
    const wb = base();
    wb.sheets.splice(1, 0, { name: 'Q1/Q2', rows: [['=1/0']] }, { name: 'STOCKPILE', rows: [[null, 5, '=1/0']] });
    const r = run(wb);
    assert.deepEqual(codes(r), ['MW3006', 'MW3001', 'MW4005', 'MW5001']);
    const [invalid, duplicate, div] = r.diagnostics;
    assert.match(invalid!.message, /\(this sheet is not evaluated, and references to it do not work, until it has a valid name\)$/);
    assert.match(duplicate!.message, /\(this sheet is not evaluated, and references to "STOCKPILE" mean sheet 1, until it is renamed\)$/);
    assert.equal(div!.pointer, '/sheets/3/rows/0/2', 'the Budget sheet is still the file\'s fourth');
    assert.equal(r.text.slice(div!.start, div!.end), '"=B1/0"');
    assert.deepEqual(r.evaluated!.sheets.map((s) => s.name), ['Stockpile', 'Budget']);
  });

  it('when no sheet is left, the sheet-name errors say the formula checks are paused', () => {
    const wb = base();
    wb.sheets = [{ name: 'A:B', rows: [['=1/0']] }];
    wb.checks = [];
    const r = run(wb);
    assert.deepEqual(codes(r), ['MW3006']);
    assert.match(r.diagnostics[0]!.message, /\(formula checks are paused until this is fixed\)$/);
    assert.equal(r.evaluated, undefined);
  });

  it('a parameter without a numeric value is left out: its uses say why, its overrides are dropped', () => {
    const wb = base();
    wb.parameters.StockpileDays.value = '90';
    wb.scenarios['Export controls'].set.StockpileDays = 120;
    const r = run(wb);
    assert.deepEqual(r.at('MW2001'), ['"90"']);
    assert.match(r.diagnostics.find((d) => d.code === 'MW2001')!.message, /\(formulas cannot use this parameter until this is fixed\)$/);
    // The cell using it, and the checks that depend on that cell, cannot be evaluated.
    const uses = r.diagnostics.filter((d) => d.code === 'MW4003');
    assert.deepEqual(uses.map((d) => r.text.slice(d.start, d.end)), ['"=B1*StockpileDays/365"', '"=Stockpile!C1>0"', '"=Stockpile!C1>5000"']);
    for (const d of uses) assert.match(d.message, /unknown name StockpileDays: parameter "StockpileDays" is not usable until the error in its definition is fixed$/);
    assert.ok(!r.diagnostics.some((d) => d.code === 'MW4005'), 'the #NAME? is not reported again where it propagates');
    assert.deepEqual(r.evaluated!.scenarios!['Export controls']!.set, { ImportDisruption: 0.6 });
  });

  it('a parameter named like a cell is left out without an engine diagnostic repeating MW3002', () => {
    const wb = base();
    wb.parameters.CO2 = { value: 400 };
    wb.sheets[0].colour = 'red';
    const r = run(wb);
    assert.deepEqual(codes(r).filter((c) => c === 'MW3002' || c === 'MW4006'), ['MW3002']);
    assert.deepEqual(r.at('MW4005'), ['"=B1/0"']);
  });

  it('a structurally unusable workbook reports only its schema error, without a crash', () => {
    for (const sheets of [{ name: 'Stockpile' }, 'Stockpile', null]) {
      const wb = base();
      wb.sheets = sheets;
      const r = run(wb);
      assert.deepEqual(codes(r), ['MW2001'], JSON.stringify(sheets));
      assert.match(r.diagnostics[0]!.message, /\(formula checks are paused until this is fixed\)$/);
      assert.equal(r.evaluated, undefined);
    }
    const rowsNotLists = base();
    rowsNotLists.sheets[1].rows = [['Total'], 'oops'];
    assert.deepEqual(codes(run(rowsNotLists)), ['MW2001']);
    const missing = base();
    delete missing.sheets;
    const r = run(missing);
    assert.deepEqual(codes(r), ['MW2001']);
    assert.match(r.diagnostics[0]!.message, /missing "sheets" \(formula checks are paused until this is fixed\)$/);
  });

  it('the CLI-facing workbook stays undefined while anything is invalid', () => {
    const wb = base();
    wb.title = '';
    const r = run(wb);
    assert.equal(r.workbook, undefined);
    assert.deepEqual(codes(r), ['MW2001', 'MW4005', 'MW5001']);
  });

  describe('properties', () => {
    /** Workbook-shaped values with random damage in random places. */
    const junk = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
    const damaged = fc.tuple(
      fc.array(fc.tuple(fc.constantFrom(
        'title', 'parameters', 'scenarios', 'sheets', 'checks', 'sheets.0', 'sheets.1', 'sheets.0.name', 'sheets.1.name',
        'sheets.0.rows', 'sheets.1.rows.0', 'sheets.1.rows.0.2', 'sheets.0.columns', 'sheets.0.columns.1', 'sheets.0.columns.1.width',
        'parameters.StockpileDays', 'parameters.StockpileDays.value', 'parameters.StockpileDays.min', 'parameters.AB1',
        'scenarios.Export controls', 'scenarios.Export controls.set', 'scenarios.Export controls.set.StockpileDays',
        'checks.0', 'checks.0.assert', 'checks.1.severity', 'checks.2', 'extra',
      ), junk), { maxLength: 4 }),
    );

    function apply(damage: [string, unknown][]): Any {
      const wb = base();
      for (const [path, value] of damage) {
        const segs = path.split('.');
        let o: Any | undefined = wb;
        for (const s of segs.slice(0, -1)) o = o !== null && typeof o === 'object' ? o[s] : undefined;
        if (o === null || typeof o !== 'object') continue;
        if (value === undefined) delete o[segs[segs.length - 1]!];
        else o[segs[segs.length - 1]!] = value;
      }
      return wb;
    }

    it('never throw; ranges lie in the text; what is evaluated passes the schema; pointers name file values', () => {
      fc.assert(fc.property(damaged, ([damage]) => {
        const text = JSON.stringify(apply(damage), null, 1);
        const r = validateWorkbookText(text);
        const parsed = parseWorkbookText(text);
        for (const d of r.diagnostics) {
          assert.ok(0 <= d.start && d.start <= d.end && d.end <= text.length, `${d.code} [${d.start}, ${d.end})`);
          assert.notEqual(d.code, 'MW4008', d.message);
          if (/^MW[45]/.test(d.code)) assert.ok(parsed.sourceMap.has(d.pointer), `${d.code} at ${d.pointer}, not in the file`);
        }
        if (r.evaluated) {
          const part = evaluablePart(parsed.value);
          assert.ok(part.ok);
          assert.deepEqual(schemaDiagnostics(part.workbook, parseWorkbookText(JSON.stringify(part.workbook)).sourceMap), []);
        }
      }), { numRuns: 150 });
    });
  });
});
