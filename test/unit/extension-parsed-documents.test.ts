import * as assert from 'node:assert/strict';
import { cellAtOffset } from '../../src/core/edit/cell-location';
import { ParsedDocuments } from '../../src/extension/parsed-documents';

const TEXT = `{
  "format": "minerals-workbook",
  "version": 1,
  "sheets": [
    { "name": "Stockpile", "rows": [
      ["Neodymium", 1200, "=B1*2"],
      ["Dysprosium", 80, null]
    ] },
    { "name": "Budget", "rows": [[1, 2], [], [3]] }
  ]
}`;

/** A TextDocument stand-in that counts how often its text is read. */
function doc(text: string) {
  const d = { version: 1, text, reads: 0, getText() { d.reads++; return d.text; } };
  return d;
}

describe('extension: documents parsed once per version (cursor following, code actions)', () => {
  it('parses once per version however many offsets are asked', () => {
    const parsed = new ParsedDocuments();
    const d = doc(TEXT);
    for (let i = 0; i < TEXT.length; i++) parsed.cellAt(d, i);
    assert.equal(parsed.sheetName(d, 1), 'Budget');
    assert.equal(d.reads, 1);
    d.text = TEXT.replace('"Budget"', '"Costs"');
    d.version = 2;
    assert.equal(parsed.sheetName(d, 1), 'Costs');
    assert.equal(parsed.sheetName(d, 5), undefined);
    assert.equal(d.reads, 2);
  });

  it('finds the same cell as the tolerant scanner inside cell values', () => {
    const parsed = new ParsedDocuments();
    const d = doc(TEXT);
    for (const needle of ['Neodymium', '1200', '=B1*2', 'Dysprosium', '80', 'null', '[1, 2]', '[3]']) {
      const at = TEXT.indexOf(needle) + 1;
      assert.deepEqual(parsed.cellAt(d, at), cellAtOffset(TEXT, at), needle);
    }
    assert.equal(parsed.cellAt(d, TEXT.indexOf('"format"') + 2), undefined);
  });

  it('text that does not parse (mid-typing) still maps offsets to cells', () => {
    const parsed = new ParsedDocuments();
    const broken = TEXT.replace('"=B1*2"]', '"=B1*2"');
    const d = doc(broken);
    assert.deepEqual(parsed.cellAt(d, broken.indexOf('1200') + 1), { sheet: 0, row: 0, col: 1 });
    assert.equal(parsed.sheetName(d, 0), undefined);
  });
});
