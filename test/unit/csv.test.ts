import assert from 'node:assert/strict';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvOptionError, detectCell, fromCsv, neutralizeCell, toCsv, type CsvValue } from '../../src/core/csv/index';

/** How a spreadsheet reading our CSV sees a value: the text of the field. */
function expectedField(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return neutralizeCell(v);
}

function papaRows(csv: string, delimiter: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { delimiter, header: false });
  assert.deepEqual(parsed.errors, []);
  return parsed.data;
}

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'];

describe('csv: neutralizeCell', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab CR LF', () => {
    for (const t of TRIGGERS) {
      assert.equal(neutralizeCell(`${t}cmd|' /C calc'!A0`), `'${t}cmd|' /C calc'!A0`, JSON.stringify(t));
    }
  });

  it('leaves ordinary text untouched', () => {
    for (const t of ['Neodymium', '5', 'a=b', "'quoted", '', 'Rs 16,300 crore']) {
      assert.equal(neutralizeCell(t), t);
    }
    // An importer that trims spaces would see the `=`: see test/hostile/csv-injection.test.ts.
    assert.equal(neutralizeCell(' =x'), "' =x");
  });

  it('neutralises every line of a multi-line value that starts with a trigger', () => {
    assert.equal(neutralizeCell('note\n=HYPERLINK("http://x")'), 'note\n\'=HYPERLINK("http://x")');
    assert.equal(neutralizeCell('a\r\n+1\r@2\n-3\n\tx'), "a\r\n'+1\r'@2\n'-3\n'\tx");
    assert.equal(neutralizeCell('=a\n=b'), "'=a\n'=b");
    // CRLF is one line break: the LF after CR is not a line starting with LF.
    assert.equal(neutralizeCell('a\r\nb'), 'a\r\nb');
    // papaparse's own escapeFormulae only looks at the start of the value.
    const papa = Papa.unparse([['ok\n=1+1']], { escapeFormulae: true });
    assert.equal(papa, '"ok\n=1+1"');
    assert.equal(toCsv([['ok\n=1+1']]), '"ok\n\'=1+1"');
  });
});

describe('csv: toCsv', () => {
  it('writes RFC 4180: CRLF between records, quotes only where needed, doubled quotes', () => {
    const csv = toCsv([
      ['Mineral', 'Demand (t/yr)', 'Note'],
      ['Neodymium', 1200, 'magnets, wind'],
      ['Cobalt', 0.5, 'DRC "over 70%"'],
    ]);
    assert.equal(csv, 'Mineral,Demand (t/yr),Note\r\nNeodymium,1200,"magnets, wind"\r\nCobalt,0.5,"DRC ""over 70%"""');
  });

  it('keeps numbers as numbers: negative numbers are not neutralised, negative-looking text is', () => {
    assert.equal(toCsv([[-5, '-5', -0.25, 1e21]]), "-5,'-5,-0.25,1e+21");
  });

  it('writes booleans as TRUE/FALSE and null as an empty field', () => {
    assert.equal(toCsv([[true, null, false], [null, null, null]]), 'TRUE,,FALSE\r\n,,');
  });

  it('neutralises non-finite numbers as text', () => {
    assert.equal(toCsv([[NaN, -Infinity]]), "NaN,'-Infinity");
  });

  it('supports ; and tab delimiters and LF newlines', () => {
    assert.equal(toCsv([['a;b', 1.5], ['=x', 'y']], { delimiter: ';', newline: '\n' }), '"a;b";1.5\n\'=x;y');
    assert.equal(toCsv([['a\tb', 'c'], ['\tx', 2]], { delimiter: '\t' }), '"a\tb"\tc\r\n"\'\tx"\t2');
  });

  it('rejects a delimiter that cannot work', () => {
    for (const d of ['', '"', '\n', '\r']) {
      assert.throws(() => toCsv([[1]], { delimiter: d }), CsvOptionError);
    }
  });

  it('does not modify the caller\'s rows', () => {
    const rows = [['=1', true], [1, 2]];
    const copy = structuredClone(rows);
    toCsv(rows);
    assert.deepEqual(rows, copy);
  });

  it('round-trips arbitrary matrices through papaparse, modulo neutralisation (property)', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', ';', '\t', '"', "'", '=', '+', '-', '@', '\n', '\r', '1', '.', 'é') }),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
        (rows, delimiter, newline) => {
          // A lone empty field is an empty line, which no CSV reader can tell from no record.
          fc.pre(!(rows[0].length === 1 && rows.some((r) => expectedField(r[0]) === '')));
          const csv = toCsv(rows, { delimiter, newline });
          assert.deepEqual(papaRows(csv, delimiter), rows.map((r) => r.map(expectedField)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never emits a field a spreadsheet would read as a formula (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('=', '-', '\n', '@', 'x', '\r', '+', '\t') })), { minLength: 2 }), (texts) => {
        const csv = toCsv([texts]);
        for (const field of papaRows(csv, ',')[0]) {
          for (const line of field.split(/\r\n|\r|\n/)) {
            assert.ok(!/^[=+\-@\t]/.test(line), `unsafe line ${JSON.stringify(line)} in ${JSON.stringify(field)}`);
          }
          assert.ok(!/^[\r\n]/.test(field));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('csv: fromCsv', () => {
  it('detects numbers, booleans, empty cells and text', () => {
    const { rows, errors } = fromCsv('Mineral,Share,Import-reliant,Note\r\nCobalt,0.7,TRUE,\r\nLithium,-1.5e3,false,"Reasi, J&K"\r\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(rows, [
      ['Mineral', 'Share', 'Import-reliant', 'Note'],
      ['Cobalt', 0.7, true, null],
      ['Lithium', -1500, false, 'Reasi, J&K'],
    ]);
  });

  it('reads 1,234.5 as a number with , or tab delimiters but keeps it text with ;', () => {
    assert.deepEqual(fromCsv('"16,300",x').rows, [[16300, 'x']]);
    assert.deepEqual(fromCsv('"1,234.5"\tx').rows, [[1234.5, 'x']]);
    assert.deepEqual(fromCsv('1,5;x', { delimiter: ';' }).rows, [['1,5', 'x']]);
    // Irregular grouping is not a number.
    assert.deepEqual(fromCsv('"1,23",x').rows, [['1,23', 'x']]);
  });

  it('never creates a formula: =text becomes literal text, apostrophe text is kept', () => {
    const { rows } = fromCsv('=SUM(A1:A3),\'=1+1,\'007');
    assert.deepEqual(rows, [["'=SUM(A1:A3)", "'=1+1", "'007"]]);
  });

  it('reads back what toCsv wrote (neutralised text comes back as apostrophe-literal text)', () => {
    const original = [['Stock', -12.5, true, null, '=B1*2', 'line\n@x']];
    const { rows } = fromCsv(toCsv(original));
    assert.deepEqual(rows, [['Stock', -12.5, true, null, "'=B1*2", "line\n'@x"]]);
  });

  it('fromCsv(toCsv(rows)) gives back numbers, booleans, nulls and text; =text as literal text (property)', () => {
    // No tab: a line starting with one inside a multi-line value is neutralised, which is lossy by design.
    const word = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\n', '\r', 'é', '₹', '('), minLength: 1 })
      .filter((s) => /^[aZé₹(]/.test(s) && !/^(true|false)$/i.test(s.trim()));
    const cell = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.constant(null),
      word,
      word.map((s) => '=' + s),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 })),
        fc.constantFrom(',', ';', '\t'),
        (rows, delimiter) => {
          const expected = rows.map((r) => r.map((v) => {
            if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
            if (typeof v === 'string' && v.startsWith('=')) return "'" + v; // neutralised on export, literal on import
            return v;
          }));
          const back = fromCsv(toCsv(rows, { delimiter }), { delimiter });
          assert.deepEqual(back.errors, []);
          assert.deepEqual(back.rows, expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('detects ; and tab delimiters, and accepts an explicit one', () => {
    assert.deepEqual(fromCsv('a;1;2\nb;3;4').rows, [['a', 1, 2], ['b', 3, 4]]);
    assert.deepEqual(fromCsv('a\t1\nb\t2\n').rows, [['a', 1], ['b', 2]]);
    assert.deepEqual(fromCsv('a,b;c', { delimiter: ';' }).rows, [['a,b', 'c']]);
  });

  it('ignores a byte-order mark and a final line break; empty text is no rows', () => {
    assert.deepEqual(fromCsv('\uFEFF1,2\r\n').rows, [[1, 2]]);
    assert.deepEqual(fromCsv(''), { rows: [], errors: [] });
  });

  it('reports an unclosed quote with its 1-based row', () => {
    const { errors } = fromCsv('a,b\r\nc,d\r\n"never closed,e\r\n');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].row, 3);
    assert.match(errors[0].message, /not closed/);
  });

  it('rejects an unusable delimiter', () => {
    assert.throws(() => fromCsv('a', { delimiter: '"' }), CsvOptionError);
  });

  it('detectCell: leading/trailing spaces around numbers and booleans are ignored, text keeps them', () => {
    assert.equal(detectCell(' 42 '), 42);
    assert.equal(detectCell(' true'), true);
    assert.equal(detectCell('  '), null);
    assert.equal(detectCell(' x '), ' x ');
    assert.equal(detectCell('1e400'), '1e400');
    assert.equal(detectCell('0x10'), '0x10');
  });
});
