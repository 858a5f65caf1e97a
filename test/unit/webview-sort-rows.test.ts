import { strict as assert } from 'node:assert';
import { sortBlock } from '../../webview/edit/sort-rows';

describe('webview sort: rows by one column, formulas kept right', () => {
  it('numbers, then text, booleans, errors; blanks last both ways; stable', () => {
    const rows = [['a'], ['b'], ['c'], ['d'], ['e'], ['f']];
    const keys = [3, 'x', null, 1, { error: '#DIV/0!' }, 3];
    assert.deepEqual(sortBlock({ top: 0, left: 0, rows }, keys, false), [['d'], ['a'], ['f'], ['b'], ['e'], ['c']]);
    assert.deepEqual(sortBlock({ top: 0, left: 0, rows }, keys, true), [['e'], ['b'], ['a'], ['f'], ['d'], ['c']]);
    assert.equal(sortBlock({ top: 0, left: 0, rows: [['a'], ['b']] }, [1, 2], false), undefined, 'already sorted');
    assert.deepEqual(sortBlock({ top: 0, left: 0, rows: [['x'], ['y']] }, ['beta', 'Alpha'], false), [['y'], ['x']], 'case-insensitive');
  });

  it('references inside the block follow their cells; outside and $-ranges stay; other sheets untouched', () => {
    // Rows 2-4 (0-based 1-3), columns A:C; row 1 above holds a header-like total.
    const rows = [
      ['Kola', 30, '=B2/SUM($B$2:$B$4)'],
      ['Bayan', 120, '=B3/SUM($B$2:$B$4)+Other!B3'],
      ['Pass', 45, '=$B4*E1+SUM(A4:B4)'],
    ];
    const sorted = sortBlock({ top: 1, left: 0, rows }, [30, 120, 45], true)!;
    assert.deepEqual(sorted, [
      ['Bayan', 120, '=B2/SUM($B$2:$B$4)+Other!B3'],
      ['Pass', 45, '=$B3*E1+SUM(A3:B3)'],
      ['Kola', 30, '=B4/SUM($B$2:$B$4)'],
    ]);
  });

  it('a reference to another row of the block follows that row', () => {
    const rows = [['=A2+1', 2], ['=1', 1]];
    // Row 1 (A1) refers to A2; after sorting by column B ascending A2's content moves to row 1.
    assert.deepEqual(sortBlock({ top: 0, left: 0, rows }, [2, 1], false), [['=1', 1], ['=A1+1', 2]]);
  });
});
