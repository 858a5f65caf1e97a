import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schemas/minerals-workbook.schema.json';
import { sheetNameProblem } from '../../src/core/model/sheet-name';
import { excelSheetNames } from '../../src/core/xlsx/sheet-names';

// The schema's sheetName pattern is what VS Code's JSON editor checks as the user types; the
// rule module is what the validator's messages and the .xlsx export use. They must agree, or
// a name passes one and fails the other.
describe('one sheet-name rule: the schema, the validator and the .xlsx export agree', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validName = ajv.compile({ ...(schema as { $defs: Record<string, unknown> }).$defs.sheetName as object });
  const names = [
    'Supply', 'Q1 2026', 'Q1/Q2', 'a:b', 'x?', 'star*', '[br]', 'back\\slash', "'quoted'", "it's", "end'", "'start",
    '', 'x'.repeat(31), 'x'.repeat(32), 'नीति आयोग', 'Lithium (t)', ' spaced ', "''",
  ];
  for (const name of names) {
    it(`agrees on ${JSON.stringify(name)}`, () => {
      assert.equal(validName(name), sheetNameProblem(name) === undefined, `schema ${validName(name) ? 'accepts' : 'refuses'} it, the rule says ${JSON.stringify(sheetNameProblem(name))}`);
    });
  }

  it('"History" is valid in a workbook but renamed in the .xlsx, which Excel would refuse', () => {
    assert.equal(validName('History'), true);
    assert.equal(sheetNameProblem('History')?.kind, 'reserved');
    assert.deepEqual(excelSheetNames(['History', 'Q1/Q2']), ['History_', 'Q1_Q2']);
  });
});
