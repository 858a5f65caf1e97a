import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTsv, toTsv } from '../../webview/clipboard/tsv';

describe('webview clipboard TSV', () => {
  it('parses Excel TSV with a trailing line break', () => {
    assert.deepEqual(parseTsv('a\tb\r\n1\t2\r\n'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(parseTsv('x'), [['x']]);
    assert.deepEqual(parseTsv('a\t\tc'), [['a', '', 'c']]);
  });
  it('reads quoted fields with tabs, line breaks and quotes', () => {
    assert.deepEqual(parseTsv('"line1\nline2"\t"say ""hi"""\n'), [['line1\nline2', 'say "hi"']]);
    assert.deepEqual(parseTsv('"half\tok'), [['"half', 'ok']]);
  });
  it('round-trips', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '"', '\t', '\n', ' ', '=', '1') });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
      // A lone empty field in a one-column row reads back as an empty row: normalize both sides.
      const fixed = rows.map((r) => (r.length === 1 && r[0] === '' ? ['x'] : r));
      assert.deepEqual(parseTsv(toTsv(fixed)), fixed);
    }));
  });
});
