import assert from 'node:assert/strict';
import { checkInputs } from '../../src/core/engine/check-inputs';
import { WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';

const wb = {
  format: 'minerals-workbook', version: 1, title: 't',
  parameters: { Budget: { value: 10 } },
  scenarios: { Rich: { set: { Budget: 99 } } },
  sheets: [
    { name: 'Costs', rows: [[25, 5, '=A1+B1']] },
    { name: 'My sheet', rows: [['x', '=1/0']] },
  ],
  checks: [
    { name: 'a', assert: "=Costs!A1+'My sheet'!B1+C1<=budget" },
    { name: 'b', assert: '=SUM(Costs!A1:B1)<=Budget*2' },
    { name: 'c', assert: '=MAX($A$1, 3)>0' },
  ],
} as unknown as Workbook;

describe('checkInputs: the values a check reads', () => {
  it('single cells (quoted sheets, unqualified = first sheet) and parameters under the current scenario; ranges and functions not expanded', () => {
    const engine = WorkbookEngine.create(wb);
    try {
      const show = (i: number) => checkInputs(wb, engine, i).map((x) => [x.name, x.value]);
      const first = checkInputs(wb, engine, 0);
      assert.deepEqual(first.map((x) => x.name), ['Costs!A1', "'My sheet'!B1", 'Costs!C1', 'Budget']);
      assert.deepEqual([first[0]!.value, first[2]!.value, first[3]!.value], [25, 30, 10]);
      assert.equal((first[1]!.value as { error: string }).error, '#DIV/0!');
      assert.deepEqual(show(1), [['Budget', 10]]);
      assert.deepEqual(show(2), [['Costs!A1', 25]]);
      engine.setScenario('Rich');
      assert.deepEqual(show(1), [['Budget', 99]]);
    } finally {
      engine.dispose();
    }
  });
});
