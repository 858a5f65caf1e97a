import { strict as assert } from 'node:assert';
import { fillLine } from '../../webview/edit/fill-series';
import { shiftFormula } from '../../webview/edit/shift-references';

// Dragging down: a formula moves `steps` rows.
const down = (f: string, steps: number) => shiftFormula(f, steps, 0);

describe('webview fill handle: what a drag past the selection writes', () => {
  it('one number is copied; two or more continue their series', () => {
    assert.deepEqual(fillLine([5], 3, false, down), [5, 5, 5]);
    assert.deepEqual(fillLine([1, 2], 3, false, down), [3, 4, 5]);
    assert.deepEqual(fillLine([10, 8], 2, false, down), [6, 4]);
    assert.deepEqual(fillLine([0.1, 0.2], 2, false, down), [0.3, 0.4], 'no floating-point noise');
    assert.deepEqual(fillLine([1, 2, 4], 1, false, down), [5.33333333333], 'more than two: the linear trend');
    assert.deepEqual(fillLine([3, 4], 2, true, down), [2, 1], 'dragging up goes back');
  });

  it('dates step by a day, by their difference, or by months on the same day', () => {
    assert.deepEqual(fillLine(['2026-01-30'], 3, false, down), ['2026-01-31', '2026-02-01', '2026-02-02']);
    assert.deepEqual(fillLine(['2026-01-01', '2026-01-08'], 2, false, down), ['2026-01-15', '2026-01-22']);
    assert.deepEqual(fillLine(['2026-01-31', '2026-02-28'], 1, false, down), ['2026-03-28'], 'not the same day: their difference in days');
    assert.deepEqual(fillLine(['2025-11-15', '2025-12-15'], 2, false, down), ['2026-01-15', '2026-02-15']);
    assert.deepEqual(fillLine(['2026-02-30'], 1, false, down), ['2026-02-31'], 'not a real date: text ending in a number');
  });

  it('text counts on: Q1 -> Q2 (quarters wrap), Item 9 -> Item 10, months and weekdays go round', () => {
    assert.deepEqual(fillLine(['Q3'], 3, false, down), ['Q4', 'Q1', 'Q2']);
    assert.deepEqual(fillLine(['Item 9'], 2, false, down), ['Item 10', 'Item 11']);
    assert.deepEqual(fillLine(['Run 007'], 1, false, down), ['Run 008']);
    assert.deepEqual(fillLine(['Nov'], 3, false, down), ['Dec', 'Jan', 'Feb']);
    assert.deepEqual(fillLine(['Sunday'], 1, false, down), ['Monday']);
    assert.deepEqual(fillLine(['Total'], 2, false, down), ['Total', 'Total']);
    assert.deepEqual(fillLine(['Q1', 'Q2'], 2, false, down), ['Q3', 'Q4'], 'two: their step');
    assert.deepEqual(fillLine(['Item 2', 'Item 4'], 2, false, down), ['Item 6', 'Item 8']);
  });

  it('formulas are shifted by the distance moved; a mixed pattern repeats', () => {
    assert.deepEqual(fillLine(['=B1*2'], 2, false, down), ['=B2*2', '=B3*2']);
    assert.deepEqual(fillLine(['=$B$1+B1'], 1, false, down), ['=$B$1+B2']);
    assert.deepEqual(fillLine(['=A2'], 1, true, down), ['=A1'], 'dragging up shifts up');
    assert.deepEqual(fillLine(['x', 7, '=C1'], 4, false, down), ['x', 7, '=C4', 'x']);
    assert.deepEqual(fillLine([true, null], 3, false, down), [true, null, true]);
  });
});
