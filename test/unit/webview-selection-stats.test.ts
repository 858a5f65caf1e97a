import { strict as assert } from 'node:assert';
import type { CellValue } from '../../src/core/engine/types';
import { selectionStats, statsText } from '../../webview/ui/selection-stats';

const grid: CellValue[][] = [
  ['Ore', 100, 200],
  ['Grade', 0.5, null],
  [true, { error: '#DIV/0!' }, 0.2],
];
const read = (r: number, c: number) => grid[r]?.[c] ?? null;

describe('webview selection stats: Sum / Average / Count as Excel\'s status bar', () => {
  it('counts non-empty cells, sums and averages only the numbers', () => {
    const s = selectionStats(read, 0, 0, 2, 2);
    assert.deepEqual(s, { count: 8, numbers: 4, sum: 300.7 });
    assert.equal(statsText(s, 'en-US'), 'Average: 75.175   Count: 8   Sum: 300.7');
  });

  it('one filled cell shows nothing; text alone shows only the count; no float noise', () => {
    assert.equal(statsText(selectionStats(read, 0, 1, 1, 2), 'en-US'), 'Average: 100.166666667   Count: 3   Sum: 300.5');
    assert.equal(statsText(selectionStats(read, 1, 1, 1, 2), 'en-US'), '');
    assert.equal(statsText(selectionStats(read, 0, 0, 1, 0), 'en-US'), 'Count: 2');
    assert.equal(statsText({ count: 2, numbers: 2, sum: 0.1 + 0.2 }, 'en-US'), 'Average: 0.15   Count: 2   Sum: 0.3');
  });
});
