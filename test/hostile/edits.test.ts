import * as assert from 'node:assert/strict';
import { applyEditIntents, EditError } from '../../src/core/edit';
import { validateWorkbookText } from '../../src/core/validate';
import type { EditIntent } from '../../src/shared/protocol';

/** A small valid workbook whose rows array sits on one line. */
const ONE_LINE = `{
  "format": "minerals-workbook",
  "version": 1,
  "title": "Hostile edits",
  "scenarios": { "Base": { "set": {} } },
  "sheets": [
    { "name": "Data", "rows": [["a", 1], ["b", 2]] },
    { "name": "Other", "rows": [[1]] }
  ]
}
`;

/** Parse and schema errors (MW1xxx, MW2xxx) of `text`. */
function structuralErrors(text: string): string[] {
  return validateWorkbookText(text, { model: false }).diagnostics
    .filter((d) => d.severity === 'error' && /^MW[123]/.test(d.code))
    .map((d) => `${d.code} ${d.pointer} ${d.message}`);
}

function apply(intents: EditIntent[], text = ONE_LINE): string {
  return applyEditIntents(text, intents).text;
}

function refused(intents: EditIntent[], pattern: RegExp, text = ONE_LINE): void {
  assert.throws(() => applyEditIntents(text, intents), (e: unknown) => e instanceof EditError && pattern.test(e.message));
}

describe('hostile edits: every edit output validates, or the edit is refused', () => {
  it('the fixture itself is clean', () => {
    assert.deepEqual(structuralErrors(ONE_LINE), []);
  });

  it('pastes past the last row of a one-line rows array', () => {
    const out = apply([{ kind: 'setRange', sheet: 0, row: 1, col: 0, values: [['B', 20], ['c', 3], ['d', 4]] }]);
    const sheet = (JSON.parse(out) as { sheets: { rows: unknown[][] }[] }).sheets[0]!;
    assert.deepEqual(sheet.rows, [['a', 1], ['B', 20], ['c', 3], ['d', 4]]);
    assert.deepEqual(structuralErrors(out), []);
  });

  it('pastes past the last row and column of a one-line rows array', () => {
    const out = apply([{ kind: 'setRange', sheet: 0, row: 1, col: 1, values: [[20, 'x'], [3, 'y']] }]);
    const sheet = (JSON.parse(out) as { sheets: { rows: unknown[][] }[] }).sheets[0]!;
    assert.deepEqual(sheet.rows, [['a', 1], ['b', 20, 'x'], [null, 3, 'y']]);
  });

  it('one edit at the last cell of a sheet is refused instead of writing megabytes of padding', () => {
    const intent: EditIntent = { kind: 'setCell', sheet: 0, row: 1_048_575, col: 16_383, raw: 1 };
    refused([intent], /row 1048576.*empty/i);
  });

  it('an edit far away within the bound still works and stays small', () => {
    const out = apply([{ kind: 'setCell', sheet: 0, row: 999, col: 25, raw: 'z' }]);
    assert.ok(out.length < 20_000, `grew to ${out.length} characters`);
    const rows = (JSON.parse(out) as { sheets: { rows: unknown[][] }[] }).sheets[0]!.rows;
    assert.equal(rows.length, 1000);
    assert.equal(rows[999]![25], 'z');
  });

  it('a column width far to the right is refused instead of padding thousands of columns', () => {
    refused([{ kind: 'setColumnWidth', sheet: 0, col: 16_383, width: 80 }], /column XFD.*empty/i);
  });

  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses a scenario named ${key}`, () => {
      refused([{ kind: 'addScenario', name: key }], new RegExp(`${key}.*not allowed`));
      refused([{ kind: 'renameScenario', scenario: 'Base', name: key }], new RegExp(`${key}.*not allowed`));
    });
    it(`refuses a scenario override of ${key}`, () => {
      refused([{ kind: 'setScenarioOverride', scenario: 'Base', target: key, value: 1 }], new RegExp(`${key}.*not allowed`));
    });
  }

  it('refuses a sheet rename to a schema-invalid name (Q1/Q2) and leaves the text alone', () => {
    refused([{ kind: 'renameSheet', sheet: 0, name: 'Q1/Q2' }], /not applied.*invalid.*"Q1\/Q2" must not contain "\/"/);
    refused([{ kind: 'addSheet', name: 'Q1/Q2' }], /not applied.*invalid.*"Q1\/Q2" must not contain "\/"/);
    refused([{ kind: 'renameSheet', sheet: 0, name: "'quoted" }], /must not start or end with an apostrophe/);
    refused([{ kind: 'renameSheet', sheet: 0, name: 'x'.repeat(32) }], /at most 31/);
  });

  it('refuses any edit whose output adds a schema error', () => {
    // A check assertion must start with "=": the schema says so, the edit must not break it.
    const withCheck = ONE_LINE.replace('"sheets"', '"checks": [{ "name": "c", "assert": "=Data!B1>0" }],\n  "sheets"');
    assert.deepEqual(structuralErrors(withCheck), []);
    refused([{ kind: 'setCheckAssert', index: 0, assert: 'Data!B1>0' }], /would make the workbook invalid/, withCheck);
  });

  it('still edits a file that already has schema errors elsewhere', () => {
    const broken = ONE_LINE.replace('"version": 1', '"version": "one"');
    assert.ok(structuralErrors(broken).length > 0);
    const out = apply([{ kind: 'setRange', sheet: 1, row: 0, col: 0, values: [[2, 3]] }], broken);
    assert.deepEqual((JSON.parse(out) as { sheets: { rows: unknown[][] }[] }).sheets[1]!.rows, [[2, 3]]);
  });
});

describe('hostile edits: sheet operations land on the sheet the user chose, or are refused', () => {
  const abc = (order: string[]) => `{
  "format": "minerals-workbook",
  "version": 1,
  "title": "Order",
  "sheets": [
${order.map((n) => `    { "name": "${n}", "rows": [["${n}"]] }`).join(',\n')}
  ]
}
`;
  const names = (text: string) => (JSON.parse(text) as { sheets: { name: string }[] }).sheets.map((s) => s.name);

  it('"delete B" confirmed on A,B,C is refused after the text was reordered to C,A,B', () => {
    const reordered = abc(['C', 'A', 'B']);
    refused([{ kind: 'deleteSheet', sheet: 1, sheetName: 'B' }], /sheet 2 is now "A" and "B" is now sheet 3.*Nothing was changed/, reordered);
    // On the order it was confirmed on, it deletes B.
    assert.deepEqual(names(apply([{ kind: 'deleteSheet', sheet: 1, sheetName: 'B' }], abc(['A', 'B', 'C']))), ['A', 'C']);
  });

  it('rename and move check the name too', () => {
    const reordered = abc(['C', 'A', 'B']);
    refused([{ kind: 'renameSheet', sheet: 1, name: 'Bee', sheetName: 'B' }], /sheet 2 is now "A"/, reordered);
    refused([{ kind: 'moveSheet', sheet: 1, to: 0, sheetName: 'B' }], /sheet 2 is now "A"/, reordered);
    refused([{ kind: 'deleteSheet', sheet: 1, sheetName: 'Gone' }], /no sheet "Gone" any more/, reordered);
    assert.deepEqual(names(apply([{ kind: 'moveSheet', sheet: 2, to: 0, sheetName: 'B' }], reordered)), ['B', 'C', 'A']);
    assert.deepEqual(names(apply([{ kind: 'renameSheet', sheet: 2, name: 'Bee', sheetName: 'B' }], reordered)), ['C', 'A', 'Bee']);
  });
});
