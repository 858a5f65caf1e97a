import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../src/core/text/line-index';

describe('LineIndex', () => {
  it('maps offsets to 0-based line/character across LF, CRLF and lone CR', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('e')), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    // The \r of a \r\n belongs to line 1.
    assert.deepEqual(idx.positionAt(text.indexOf('\r')), { line: 1, character: 2 });
  });

  it('clamps out-of-range offsets and positions like VS Code', () => {
    const text = 'abc\r\ndef';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(999), { line: 1, character: 3 });
    // A character past the end of line 0 stops before its line break.
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 3);
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), text.length);
    assert.equal(idx.offsetAt({ line: -1, character: 4 }), 0);
  });

  it('round-trips every offset (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' ', '😀') }), (text) => {
        const idx = new LineIndex(text);
        for (let o = 0; o <= text.length; o++) {
          const p = idx.positionAt(o);
          // Offsets inside a \r\n pair are not addressable positions; all others round-trip.
          if (text[o - 1] === '\r' && text[o] === '\n') continue;
          assert.equal(idx.offsetAt(p), o, `offset ${o} in ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
