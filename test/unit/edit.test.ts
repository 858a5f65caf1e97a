import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyEditIntents, applyTextEdits, computeTextEdits, EditError, minimalEdit, quoteSheetName, renameSheetInFormula,
} from '../../src/core/edit';
import type { EditIntent } from '../../src/shared/protocol';
import { validateWorkbookText } from '../../src/core/validate';
import type { RawCell } from '../../src/core/model/workbook';

const BASE = `{
  "format": "minerals-workbook",
  "version": 1,
  "title": "T",
  "parameters": {
    "StockpileDays": { "value": 90, "unit": "days" }
  },
  "scenarios": {
    "Baseline": { "description": "b", "set": {} },
    "Export controls": { "set": { "ImportDisruption": 0.6, "Stockpile!B2": 5 } }
  },
  "sheets": [
    {
      "name": "Stockpile",
      "columns": [ { "header": "Mineral" }, { "header": "Demand" } ],
      "rows": [
        ["Neodymium", 1200, "=B1*StockpileDays/365"],
        ["Dysprosium", 80,  "=B2*StockpileDays/365"]
      ]
    },
    {
      "name": "Budget",
      "rows": []
    }
  ],
  "checks": [
    { "name": "c", "assert": "=Stockpile!B1>0" }
  ]
}
`;

/** Applies one intent and returns the new text; the result must always be valid JSON. */
function run(intent: EditIntent | EditIntent[], text = BASE): string {
  const out = applyEditIntents(text, Array.isArray(intent) ? intent : [intent]).text;
  JSON.parse(out);
  return out;
}

/** Expects `after` to be BASE with exactly one substring replaced. */
function expectReplaced(after: string, from: string, to: string): void {
  assert.ok(BASE.includes(from), `fixture contains ${from}`);
  assert.equal(after, BASE.replace(from, to));
}

describe('edit intents -> text edits', () => {
  it('setCell replaces only the cell value characters', () => {
    const { edits, text } = applyEditIntents(BASE, [{ kind: 'setCell', sheet: 0, row: 0, col: 1, raw: 1300 }]);
    expectReplaced(text, '1200', '1300');
    assert.equal(edits.length, 1);
    assert.ok(edits[0]!.length <= 4);
  });

  it('setCell keeps the alignment of neighbouring cells and writes strings as JSON', () => {
    const after = run({ kind: 'setCell', sheet: 0, row: 1, col: 2, raw: 'say "hi"\n' });
    expectReplaced(after, '80,  "=B2*StockpileDays/365"', '80,  "say \\"hi\\"\\n"');
  });

  it('setCell past the end of a row pads with null', () => {
    const after = run({ kind: 'setCell', sheet: 0, row: 1, col: 5, raw: '=A1' });
    expectReplaced(after, '"=B2*StockpileDays/365"]', '"=B2*StockpileDays/365", null, null, "=A1"]');
  });

  it('setCell below the last row appends rows, one per line', () => {
    const after = run({ kind: 'setCell', sheet: 0, row: 3, col: 1, raw: true });
    expectReplaced(after, '"=B2*StockpileDays/365"]\n', '"=B2*StockpileDays/365"],\n        [],\n        [null, true]\n');
  });

  it('setCell into an empty rows array lays the rows out one per line', () => {
    const after = run({ kind: 'setCell', sheet: 1, row: 1, col: 1, raw: 2 });
    expectReplaced(after, '"rows": []', '"rows": [\n        [],\n        [null, 2]\n      ]');
  });

  it('setRange writes a rectangle as one edit set, extending rows as needed', () => {
    const after = run({ kind: 'setRange', sheet: 0, row: 1, col: 2, values: [[1, 2], [3, 4]] });
    expectReplaced(after, '["Dysprosium", 80,  "=B2*StockpileDays/365"]\n',
      '["Dysprosium", 80,  1, 2],\n        [null, null, 3, 4]\n');
  });

  it('clearing the last cells of a row trims them; a cleared cell inside a row stays null', () => {
    expectReplaced(run({ kind: 'setCell', sheet: 0, row: 0, col: 2, raw: null }), '1200, "=B1*StockpileDays/365"]', '1200]');
    expectReplaced(run({ kind: 'setCell', sheet: 0, row: 0, col: 1, raw: null }), '1200,', 'null,');
    // Clearing B1 then C1 (Delete on each, right to left) leaves ["Neodymium"].
    const twice = run({ kind: 'setCell', sheet: 0, row: 0, col: 1, raw: null }, run({ kind: 'setCell', sheet: 0, row: 0, col: 2, raw: null }));
    expectReplaced(twice, '"Neodymium", 1200, "=B1*StockpileDays/365"]', '"Neodymium"]');
    const leftToRight = run({ kind: 'setCell', sheet: 0, row: 0, col: 2, raw: null }, run({ kind: 'setCell', sheet: 0, row: 0, col: 1, raw: null }));
    assert.equal(leftToRight, twice);
  });

  it('clearing a range leaves no null cells, [] rows at the end, nor a stale MW3007; one edit', () => {
    // B:C of both rows: the rows keep column A only.
    const { text, edits } = applyEditIntents(BASE, [{ kind: 'setRange', sheet: 0, row: 0, col: 1, values: [[null, null], [null, null]] }]);
    expectReplaced(text, `["Neodymium", 1200, "=B1*StockpileDays/365"],
        ["Dysprosium", 80,  "=B2*StockpileDays/365"]`, `["Neodymium"],
        ["Dysprosium"]`);
    assert.equal(edits.length, 1);
    // The whole of row 2: the row goes, and the rows array keeps its layout.
    expectReplaced(run({ kind: 'setRange', sheet: 0, row: 1, col: 0, values: [[null, null, null]] }),
      `],
        ["Dysprosium", 80,  "=B2*StockpileDays/365"]
`, `]
`);
    // Every cell: an empty rows array.
    expectReplaced(run({ kind: 'setRange', sheet: 0, row: 0, col: 0, values: [[null, null, null], [null, null, null]] }),
      `[
        ["Neodymium", 1200, "=B1*StockpileDays/365"],
        ["Dysprosium", 80,  "=B2*StockpileDays/365"]
      ]`, '[]');
    // Row 1 emptied above a row with content stays as [] (rows keep their numbers).
    expectReplaced(run({ kind: 'setRange', sheet: 0, row: 0, col: 0, values: [[null, null, null]] }),
      '["Neodymium", 1200, "=B1*StockpileDays/365"]', '[]');
    // A one-line rows array, and MW3007 (3 cells, 2 columns declared) gone once C is cleared.
    const oneLine = BASE.replace(/"rows": \[\n[^]*?\n {6}\]/, '"rows": [["Nd", 1, 2], ["Dy", 3, 4], [5]]');
    assert.ok(validateWorkbookText(oneLine, { model: false }).diagnostics.some((d) => d.code === 'MW3007'));
    const cleared = run({ kind: 'setRange', sheet: 0, row: 0, col: 2, values: [[null], [null]] }, oneLine);
    assert.ok(cleared.includes('"rows": [["Nd", 1], ["Dy", 3], [5]]'), cleared);
    assert.deepEqual(validateWorkbookText(cleared, { model: false }).diagnostics.filter((d) => d.code === 'MW3007'), []);
    assert.ok(run({ kind: 'setRange', sheet: 0, row: 1, col: 0, values: [[null], [null]] }, oneLine).includes('"rows": [["Nd", 1, 2], [null, 3, 4]]'));
  });

  it('writing nulls past the end of a sheet or a row adds nothing', () => {
    assert.equal(run({ kind: 'setCell', sheet: 0, row: 1, col: 6, raw: null }), BASE);
    assert.equal(run({ kind: 'setCell', sheet: 0, row: 5, col: 1, raw: null }), BASE);
    assert.equal(run({ kind: 'setRange', sheet: 1, row: 0, col: 0, values: [[null, null]] }), BASE);
  });

  it('replaceRows rewrites the rows array one row per line', () => {
    const after = run({ kind: 'replaceRows', sheet: 0, rows: [[1], [2, 'x']] });
    expectReplaced(after, `[
        ["Neodymium", 1200, "=B1*StockpileDays/365"],
        ["Dysprosium", 80,  "=B2*StockpileDays/365"]
      ]`, `[
        [1],
        [2, "x"]
      ]`);
    expectReplaced(run({ kind: 'replaceRows', sheet: 1, rows: [] }), '"rows": []', '"rows": []');
  });

  it('replaceSheetLayout replaces, adds or removes columns and formats', () => {
    expectReplaced(run({ kind: 'replaceSheetLayout', sheet: 0, columns: [{}, { header: 'Mineral' }, { header: 'Demand', format: '#,##0' }] }),
      '"columns": [ { "header": "Mineral" }, { "header": "Demand" } ]',
      '"columns": [\n        {},\n        { "header": "Mineral" },\n        { "header": "Demand", "format": "#,##0" }\n      ]');
    expectReplaced(run({ kind: 'replaceSheetLayout', sheet: 0, columns: null }), '"columns": [ { "header": "Mineral" }, { "header": "Demand" } ],\n      ', '');
    const both = run({ kind: 'replaceSheetLayout', sheet: 1, columns: [{ width: 50 }], formats: { B3: '0.0%' } });
    assert.deepEqual(JSON.parse(both).sheets[1], { name: 'Budget', rows: [], columns: [{ width: 50 }], formats: { B3: '0.0%' } });
    assert.equal(run({ kind: 'replaceSheetLayout', sheet: 1 }), BASE);
  });

  it('setCheckAssert rewrites one assertion; a missing check is refused', () => {
    expectReplaced(run({ kind: 'setCheckAssert', index: 0, assert: '=Stockpile!B2>0' }), '"=Stockpile!B1>0"', '"=Stockpile!B2>0"');
    assert.throws(() => computeTextEdits(BASE, { kind: 'setCheckAssert', index: 3, assert: '=1' }), /no longer exists/);
  });

  it('setParameter changes the value; a parameter deleted meanwhile is refused, not recreated', () => {
    expectReplaced(run({ kind: 'setParameter', name: 'StockpileDays', value: 120.5 }), '"value": 90', '"value": 120.5');
    assert.throws(() => computeTextEdits(BASE, { kind: 'setParameter', name: 'New', value: 1 }), /no longer exists/);
  });

  it('setColumnWidth adds or replaces width, padding missing columns with {}', () => {
    expectReplaced(run({ kind: 'setColumnWidth', sheet: 0, col: 0, width: 120 }),
      '{ "header": "Mineral" }', '{ "header": "Mineral", "width": 120 }');
    const twice = run({ kind: 'setColumnWidth', sheet: 0, col: 0, width: 80 }, run({ kind: 'setColumnWidth', sheet: 0, col: 0, width: 120 }));
    expectReplaced(twice, '{ "header": "Mineral" }', '{ "header": "Mineral", "width": 80 }');
    expectReplaced(run({ kind: 'setColumnWidth', sheet: 1, col: 1, width: 64 }),
      '"rows": []\n', '"rows": [],\n      "columns": [\n        {},\n        { "width": 64 }\n      ]\n');
  });

  it('addSheet appends a sheet object and refuses a duplicate name', () => {
    expectReplaced(run({ kind: 'addSheet', name: 'Prices' }),
      '"rows": []\n    }\n', '"rows": []\n    },\n    {\n      "name": "Prices",\n      "rows": []\n    }\n');
    assert.throws(() => computeTextEdits(BASE, { kind: 'addSheet', name: 'budget' }), EditError);
  });

  it('renameSheet rewrites references in formulas, checks and scenario addresses, quoting when needed', () => {
    const after = run({ kind: 'renameSheet', sheet: 0, name: "Stock pile's" });
    const wb = JSON.parse(after);
    assert.equal(wb.sheets[0].name, "Stock pile's");
    assert.equal(wb.checks[0].assert, "='Stock pile''s'!B1>0");
    assert.deepEqual(Object.keys(wb.scenarios['Export controls'].set), ['ImportDisruption', "'Stock pile''s'!B2"]);
    // Renaming back restores the original text exactly.
    assert.equal(run({ kind: 'renameSheet', sheet: 0, name: 'Stockpile' }, after), BASE);
  });

  it('renameSheet refuses a name another sheet has', () => {
    assert.throws(() => computeTextEdits(BASE, { kind: 'renameSheet', sheet: 0, name: 'BUDGET' }), /already exists/);
  });

  it('deleteSheet removes the sheet and its comma; the last sheet cannot be deleted', () => {
    const after = run({ kind: 'deleteSheet', sheet: 1 });
    assert.deepEqual(JSON.parse(after).sheets.map((s: { name: string }) => s.name), ['Stockpile']);
    assert.ok(after.includes('      ]\n    }\n  ],'));
    assert.throws(() => computeTextEdits(after, { kind: 'deleteSheet', sheet: 0 }), /at least one sheet/);
    assert.throws(() => computeTextEdits(BASE, { kind: 'deleteSheet', sheet: 5 }), /no longer exists/);
  });

  it('moveSheet reorders sheets keeping their text', () => {
    const after = run({ kind: 'moveSheet', sheet: 1, to: 0 });
    assert.deepEqual(JSON.parse(after).sheets.map((s: { name: string }) => s.name), ['Budget', 'Stockpile']);
    assert.equal(run({ kind: 'moveSheet', sheet: 0, to: 1 }, after), BASE);
  });

  it('setScenarioOverride sets, adds and removes overrides inline', () => {
    expectReplaced(run({ kind: 'setScenarioOverride', scenario: 'Baseline', target: 'X', value: 1 }), '"set": {}', '"set": { "X": 1 }');
    expectReplaced(run({ kind: 'setScenarioOverride', scenario: 'Export controls', target: 'ImportDisruption', value: 0.8 }),
      '"ImportDisruption": 0.6', '"ImportDisruption": 0.8');
    expectReplaced(run({ kind: 'setScenarioOverride', scenario: 'Export controls', target: 'ImportDisruption' }),
      '"ImportDisruption": 0.6, ', '');
    expectReplaced(run({ kind: 'setScenarioOverride', scenario: 'Export controls', target: 'Stockpile!B2' }),
      ', "Stockpile!B2": 5', '');
    assert.throws(() => computeTextEdits(BASE, { kind: 'setScenarioOverride', scenario: 'Gone', target: 'X', value: 1 }), /no longer exists/);
  });

  it('addScenario appends a scenario, optionally copying overrides', () => {
    expectReplaced(run({ kind: 'addScenario', name: 'S2', description: 'd', copyFrom: 'Export controls' }),
      '"Stockpile!B2": 5 } }\n', '"Stockpile!B2": 5 } },\n    "S2": { "description": "d", "set": { "ImportDisruption": 0.6, "Stockpile!B2": 5 } }\n');
    assert.throws(() => computeTextEdits(BASE, { kind: 'addScenario', name: 'Baseline' }), /already exists/);
  });

  it('renameScenario and deleteScenario', () => {
    expectReplaced(run({ kind: 'renameScenario', scenario: 'Baseline', name: 'Base' }), '"Baseline":', '"Base":');
    expectReplaced(run({ kind: 'deleteScenario', scenario: 'Baseline' }), '"Baseline": { "description": "b", "set": {} },\n    ', '');
    assert.throws(() => computeTextEdits(BASE, { kind: 'renameScenario', scenario: 'Baseline', name: 'Export controls' }), /already exists/);
  });

  // The one name rule (core/model/names): the scenario picker and the analysis panel already
  // refused "EXPORT CONTROLS" beside "Export controls"; the edit must not write it either.
  it('scenario names differing only in letter case are the same name; a case-only rename is fine', () => {
    assert.throws(() => computeTextEdits(BASE, { kind: 'addScenario', name: 'EXPORT CONTROLS' }), /already exists/);
    assert.throws(() => computeTextEdits(BASE, { kind: 'renameScenario', scenario: 'Baseline', name: 'export controls' }), /already exists/);
    expectReplaced(run({ kind: 'renameScenario', scenario: 'Baseline', name: 'BASELINE' }), '"Baseline":', '"BASELINE":');
  });

  it('several intents in one message become one edit', () => {
    const { edits, text } = applyEditIntents(BASE, [
      { kind: 'setCell', sheet: 0, row: 0, col: 1, raw: 1 },
      { kind: 'setCell', sheet: 0, row: 1, col: 1, raw: 2 },
    ]);
    assert.equal(edits.length, 1);
    assert.equal(applyTextEdits(BASE, edits), text);
    assert.deepEqual(JSON.parse(text).sheets[0].rows.map((r: RawCell[]) => r[1]), [1, 2]);
  });

  it('refuses to edit text that is not valid JSON', () => {
    assert.throws(() => computeTextEdits('{ "sheets": [ ', { kind: 'addSheet', name: 'x' }), /not valid JSON/);
  });

  it('keeps CRLF line endings', () => {
    const crlf = BASE.replace(/\n/g, '\r\n');
    const after = run({ kind: 'setCell', sheet: 1, row: 0, col: 0, raw: 1 }, crlf);
    assert.ok(!/[^\r]\n/.test(after));
  });

  it('100 sequential random setCells give exactly the expected JSON', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        row: fc.nat(12), col: fc.nat(6),
        raw: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), fc.constant(null),
          fc.string().map((s) => '=' + s)),
      }), { minLength: 100, maxLength: 100 }),
      (ops) => {
        let text = BASE;
        const expected = JSON.parse(BASE);
        for (const op of ops) {
          text = run({ kind: 'setCell', sheet: 1, row: op.row, col: op.col, raw: op.raw }, text);
          const rows: RawCell[][] = expected.sheets[1].rows;
          while (rows.length <= op.row) rows.push([]);
          const row = rows[op.row]!;
          while (row.length < op.col) row.push(null);
          row[op.col] = Object.is(op.raw, -0) ? 0 : op.raw;
          // A cleared cell leaves no trailing nulls, nor empty rows at the end of the sheet.
          while (row.length > 0 && row[row.length - 1] === null) row.pop();
          if (op.row === rows.length - 1) while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
        }
        assert.deepEqual(JSON.parse(text), expected);
        // One row per line: every row of the edited sheet is a single line.
        const rowLines = text.split('\n').filter((l) => /^ {8}\[/.test(l));
        assert.ok(rowLines.every((l) => /\],?$/.test(l)));
      }), { numRuns: 20 });
  });
});

describe('sheet references in formulas', () => {
  it('renames plain and quoted references, case-insensitively, leaving strings alone', () => {
    assert.equal(renameSheetInFormula('=Budget!B2+budget!C3+SUM(Budget!A1:Budget!A3)', 'Budget', 'Plan'),
      '=Plan!B2+Plan!C3+SUM(Plan!A1:Plan!A3)');
    assert.equal(renameSheetInFormula(`='My Sheet'!A1&"Budget!A1"`, 'My Sheet', 'Budget'), `=Budget!A1&"Budget!A1"`);
    assert.equal(renameSheetInFormula('=MyBudget!A1+Budget2!A1', 'Budget', 'X'), '=MyBudget!A1+Budget2!A1');
    assert.equal(renameSheetInFormula("='It''s'!A1", "It's", 'A1'), "='A1'!A1");
  });

  it('quotes names that need it', () => {
    assert.equal(quoteSheetName('Budget'), 'Budget');
    assert.equal(quoteSheetName('Export plan'), "'Export plan'");
    assert.equal(quoteSheetName('AB12'), "'AB12'");
    assert.equal(quoteSheetName("O'Neil"), "'O''Neil'");
    // As the engine and CLI quote them (the core A1 helper): a dot, a leading digit, non-Latin letters.
    assert.equal(renameSheetInFormula('=Stockpile!B1*2', 'Stockpile', 'Prices.2024'), "='Prices.2024'!B1*2");
    assert.equal(quoteSheetName('2024'), "'2024'");
    assert.equal(quoteSheetName('Запасы'), "'Запасы'");
  });

  it('minimalEdit returns the smallest replacement', () => {
    assert.deepEqual(minimalEdit('abcdef', 'abXdef'), { offset: 2, length: 1, content: 'X' });
    assert.equal(minimalEdit('same', 'same'), undefined);
  });
});

describe('cell locations', () => {
  it('maps offsets and pointers to cells', async () => {
    const { cellAtOffset, cellOfPointer } = await import('../../src/core/edit/cell-location');
    const at = BASE.indexOf('80,');
    assert.deepEqual(cellAtOffset(BASE, at + 1), { sheet: 0, row: 1, col: 1 });
    assert.equal(cellAtOffset(BASE, BASE.indexOf('"title"')), undefined);
    assert.deepEqual(cellOfPointer('/sheets/1/rows/4/2'), { sheet: 1, row: 4, col: 2 });
    assert.deepEqual(cellOfPointer('/sheets/1/name'), { sheet: 1, row: 0, col: 0 });
    assert.equal(cellOfPointer('/checks/0/assert'), undefined);
  });
});

describe('fast value location', () => {
  it('finds the same range as a full parse, or nothing when the path is missing', async () => {
    const { locateValue } = await import('../../src/core/edit/fast-locate');
    const { parseTree, findNodeAtLocation } = await import('jsonc-parser');
    const root = parseTree(BASE)!;
    const paths: (string | number)[][] = [
      ['sheets', 0, 'rows', 1, 2], ['sheets', 0, 'rows', 0, 0], ['sheets', 1, 'rows'], ['parameters', 'StockpileDays', 'value'],
      ['scenarios', 'Export controls', 'set', 'Stockpile!B2'], ['sheets', 0, 'rows', 2, 0], ['sheets', 0, 'rows', 1, 3],
      ['sheets', 2], ['nope'], ['sheets', 1, 'rows', 0], ['title', 'x'], [],
    ];
    for (const p of paths) {
      const n = findNodeAtLocation(root, p);
      assert.deepEqual(locateValue(BASE, p), n ? { offset: n.offset, length: n.length } : undefined, JSON.stringify(p));
    }
    assert.equal(locateValue('{ "sheets": [ [1, ', ['sheets', 0, 5]), undefined);
    assert.equal(locateValue('{ // c\n "a": 1 }', ['a']), undefined);
  });

  it('setCell gives the same text by the fast path as by the full parser', () => {
    const rawCell = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(fc.property(fc.nat(3), fc.nat(4), rawCell, (row, col, raw) => {
      const fast = run({ kind: 'setCell', sheet: 0, row, col, raw });
      // setRange of one cell always takes the full-parse path.
      const slow = run({ kind: 'setRange', sheet: 0, row, col, values: [[raw]] });
      assert.equal(fast, slow);
    }), { numRuns: 200 });
  });
});

describe('duplicate keys: edits go where the parser reads (the last occurrence)', () => {
  const DUP_SHEETS = `{
  "format": "minerals-workbook",
  "version": 1,
  "sheets": [ { "name": "Old", "rows": [[1, 2]] } ],
  "sheets": [
    { "name": "Used", "rows": [[10, 20]], "rows": [[30, 40]] }
  ]
}
`;

  it('setCell writes into the last "sheets" and the last "rows" (fast path and full parse alike)', async () => {
    const { parseWorkbookText } = await import('../../src/core/parse');
    for (const intent of [
      { kind: 'setCell', sheet: 0, row: 0, col: 1, raw: 99 },
      { kind: 'setRange', sheet: 0, row: 0, col: 1, values: [[99]] },
    ] satisfies EditIntent[]) {
      const out = run(intent, DUP_SHEETS);
      assert.equal(out, DUP_SHEETS.replace('[[30, 40]]', '[[30, 99]]'), intent.kind);
      const parsed = parseWorkbookText(out).value as { sheets: { rows: unknown[][] }[] };
      assert.deepEqual(parsed.sheets[0]!.rows[0], [30, 99]);
    }
  });

  it('the fast locator defers to the parser on a later duplicate, and agrees with it otherwise', async () => {
    const { locateValue } = await import('../../src/core/edit/fast-locate');
    assert.equal(locateValue(DUP_SHEETS, ['sheets', 0, 'rows', 0, 0]), undefined);
    const escaped = '{ "a": [1], "\\u0061": [2] }';
    assert.equal(locateValue(escaped, ['a', 0]), undefined);
    const unique = '{ "a": [1, 2], "b": { "a": 3 }, "c": "a" }';
    assert.deepEqual(locateValue(unique, ['a', 1]), { offset: unique.indexOf('2'), length: 1 });
  });

  it('sheet names, parameters and scenario overrides use the last occurrence too', () => {
    const text = `{
  "parameters": { "P": { "value": 1 }, "P": { "value": 2 } },
  "scenarios": { "S": { "set": { "P": 5, "P": 6 } } },
  "sheets": [ { "name": "A", "name": "B", "rows": [] } ]
}`;
    assert.ok(run({ kind: 'setParameter', name: 'P', value: 3 }, text).includes('"P": { "value": 1 }, "P": { "value": 3 }'));
    assert.ok(run({ kind: 'setScenarioOverride', scenario: 'S', target: 'P', value: 7 }, text).includes('"P": 5, "P": 7'));
    assert.throws(() => run({ kind: 'addSheet', name: 'b' }, text), /already exists/);
    assert.doesNotThrow(() => run({ kind: 'addSheet', name: 'A' }, text));
  });
});

describe('addSheet with rows (Import CSV)', () => {
  it('adds the sheet with its cells as the last sheet, whatever was added before', () => {
    const intent: EditIntent = { kind: 'addSheet', name: 'Prices', rows: [['Nd', 1.5], ['=A1', null]] };
    const after = JSON.parse(run([{ kind: 'addSheet', name: 'Meanwhile' }, intent])) as { sheets: { name: string; rows: unknown[][] }[] };
    assert.deepEqual(after.sheets.map((s) => s.name), ['Stockpile', 'Budget', 'Meanwhile', 'Prices']);
    assert.deepEqual(after.sheets[3]!.rows, [['Nd', 1.5], ['=A1', null]]);
    assert.ok(run(intent).includes('"rows": [\n        ["Nd", 1.5],\n        ["=A1", null]\n      ]'));
  });

  it('the protocol accepts addSheet with or without rows and drops malformed rows', async () => {
    const { parseEditIntent } = await import('../../src/shared/protocol');
    for (const ok of [{ kind: 'addSheet', name: 'A' }, { kind: 'addSheet', name: 'A', rows: [[1, 'x', null, true]] }]) {
      assert.deepEqual(parseEditIntent(ok), ok);
    }
    for (const bad of [{ kind: 'addSheet', name: 'A', rows: [1] }, { kind: 'addSheet', name: 'A', rows: [[{}]] }, { kind: 'addSheet', name: 'A', rows: 'x' }]) {
      assert.equal(parseEditIntent(bad), undefined, JSON.stringify(bad));
    }
  });
});
