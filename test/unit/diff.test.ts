import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diffWorkbooks } from '../../src/core/diff/index';
import type { Workbook } from '../../src/core/model/workbook';
import { insertRowAbove } from '../fixtures/cli/diff-edits';

const base = (): Workbook => JSON.parse(readFileSync(path.join(__dirname, '../fixtures/cli/stockpile.minerals.json'), 'utf8')) as Workbook;

describe('core/diff', () => {
  it('a row inserted above formulas is one insertion, not an edit of every formula below', () => {
    const neu = base();
    insertRowAbove(neu);
    const d = diffWorkbooks(base(), neu);
    assert.deepEqual(d.edits.structure, [{ sheet: 'Stockpile', kind: 'insertRows', at: 0, count: 1 }]);
    assert.deepEqual(d.edits.cells, []);
    assert.deepEqual(d.edits.scenarios, []);
    assert.equal(d.effects.every((e) => !e.changed), true);
    assert.equal(d.changed, true);
  });

  it('a parameter edit is reported with its effects ranked and labelled per scenario', () => {
    const neu = base();
    neu.parameters!.Price!.value = 60;
    const d = diffWorkbooks(base(), neu);
    assert.deepEqual(d.edits.parameters, [{ name: 'Price', kind: 'changed', changes: [{ field: 'value', old: 50, new: 60 }] }]);
    const baseline = d.effects.find((e) => e.scenario === 'Baseline')!;
    const cost = baseline.values.find((v) => v.address === 'Stockpile!D1')!;
    assert.equal(cost.label, 'Cost (USD thousand), Neodymium');
    assert.ok(Math.abs(cost.relative! - 0.2) < 1e-12);
    // Cheap magnets overrides Price: its results do not change.
    assert.equal(d.effects.find((e) => e.scenario === 'Cheap magnets')!.changed, false);
  });
});
