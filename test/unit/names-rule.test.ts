import assert from 'node:assert/strict';
import { HyperFormula } from 'hyperformula';
import { WorkbookEngine } from '../../src/core/engine/index';
import { findName, sameName } from '../../src/core/model/names';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate/index';

describe('one name-matching rule (sheets, parameters, scenarios)', () => {
  it('ignores letter case, and prefers the exact spelling when both exist', () => {
    assert.equal(sameName('Supply', 'SUPPLY'), true);
    assert.equal(sameName('Supply', 'Supply 2'), false);
    assert.equal(findName(['SUPPLY', 'Supply'], 'Supply'), 1);
    assert.equal(findName(['Demand', 'SUPPLY'], 'supply'), 1);
    assert.equal(findName(['Demand'], 'supply'), -1);
  });

  it('keeps apart the names the engine keeps apart (no upper-casing: ß is not SS)', () => {
    assert.equal(sameName('Straße', 'STRASSE'), false);
    assert.equal(sameName('Straße', 'straße'), true);
  });

  // The rule is only right if it is the engine's: a formula's Sheet!A1 and a parameter name
  // resolve by it, so a pair the rule calls the same must be one sheet to HyperFormula too.
  it('agrees with HyperFormula on parameter (named expression) names', () => {
    const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
    try {
      hf.addNamedExpression('Recovery_Rate', 1);
      assert.equal(hf.isItPossibleToAddNamedExpression('RECOVERY_RATE', 2), !sameName('Recovery_Rate', 'RECOVERY_RATE'));
      assert.equal(hf.isItPossibleToAddNamedExpression('Recovery_Rate2', 2), !sameName('Recovery_Rate', 'Recovery_Rate2'));
    } finally { hf.destroy(); }
  });

  for (const [a, b] of [['Straße', 'STRASSE'], ['Lithium', 'LITHIUM'], ['İstanbul', 'istanbul'], ['Ǆ', 'ǆ']]) {
    it(`agrees with HyperFormula on ${a} / ${b}`, () => {
      const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
      try {
        hf.addSheet(a);
        assert.equal(hf.isItPossibleToAddSheet(b), !sameName(a, b), `rule says ${sameName(a, b) ? 'same' : 'different'}`);
      } finally { hf.destroy(); }
    });
  }
});

describe('the engine and the validator use the one name rule', () => {
  // KELVIN SIGN lower-cases to "k" but upper-cases to itself: an upper-casing rule called these
  // two names different while HyperFormula refused the second ("already exists").
  const twins = { format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: '\u212A', rows: [[1]] }, { name: 'k', rows: [[2]] }] } as unknown as Workbook;

  it('sheets "\\u212A" and "k" are twins: both evaluate, each with its own cells', () => {
    const engine = WorkbookEngine.create(twins);
    try {
      assert.deepEqual(engine.getSheetValues(0), [[1]]);
      assert.deepEqual(engine.getSheetValues(1), [[2]]);
    } finally { engine.dispose(); }
  });

  it('and validation reports the clash (MW3001), not an engine failure', () => {
    const codes = validateWorkbookText(JSON.stringify(twins)).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('MW3001'), codes.join());
    assert.ok(!codes.includes('MW4008'), codes.join());
  });
});
