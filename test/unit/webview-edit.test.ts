import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTypedInput, rawToText } from '../../webview/edit/raw-input';
import { shiftFormula } from '../../webview/edit/shift-references';
import { cellAddress, columnIndex, columnLetters, parseCellAddress, qualifiedAddress } from '../../webview/grid/address';

describe('webview typed input', () => {
  it('converts typed text to raw cells', () => {
    assert.equal(parseTypedInput(''), null);
    assert.equal(parseTypedInput('  '), null);
    assert.equal(parseTypedInput('42'), 42);
    assert.equal(parseTypedInput('-1.5e3'), -1500);
    assert.equal(parseTypedInput('1,234,567'), 1234567);
    assert.equal(parseTypedInput('12%'), 0.12);
    assert.equal(parseTypedInput('TRUE'), true);
    assert.equal(parseTypedInput('false'), false);
    assert.equal(parseTypedInput('=B1*2'), '=B1*2');
    assert.equal(parseTypedInput('Neodymium'), 'Neodymium');
    assert.equal(parseTypedInput("'=not a formula"), "'=not a formula");
    assert.equal(parseTypedInput('1.2.3'), '1.2.3');
  });
  it('shows raw cells as text', () => {
    assert.equal(rawToText(null), '');
    assert.equal(rawToText(true), 'TRUE');
    assert.equal(rawToText(3.5), '3.5');
    assert.equal(rawToText('=A1'), '=A1');
  });
  it('round-trips numbers', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      const back = parseTypedInput(rawToText(n));
      assert.ok(Object.is(back, n) || (n === 0 && back === 0));
    }));
  });
});

describe('webview addresses', () => {
  it('converts columns', () => {
    assert.equal(columnLetters(0), 'A');
    assert.equal(columnLetters(25), 'Z');
    assert.equal(columnLetters(26), 'AA');
    assert.equal(columnLetters(16383), 'XFD');
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (c) => columnIndex(columnLetters(c)) === c));
  });
  it('parses and qualifies addresses', () => {
    assert.deepEqual(parseCellAddress('C4'), { row: 3, col: 2 });
    assert.deepEqual(parseCellAddress('$AA$10'), { row: 9, col: 26 });
    assert.equal(parseCellAddress('C0'), undefined);
    assert.equal(cellAddress(1, 2), 'C2');
    assert.equal(qualifiedAddress('Stockpile', 1, 2), 'Stockpile!C2');
    assert.equal(qualifiedAddress("Bob's sheet", 0, 0), "'Bob''s sheet'!A1");
  });
});

describe('webview reference shifting', () => {
  it('shifts relative references', () => {
    assert.equal(shiftFormula('=B1*StockpileDays/365', 1, 0), '=B2*StockpileDays/365');
    assert.equal(shiftFormula('=SUM(A1:B2)', 2, 1), '=SUM(B3:C4)');
    assert.equal(shiftFormula('=$A1+A$1+$A$1', 1, 1), '=$A2+B$1+$A$1');
  });
  it('leaves names, functions, strings and sheet names alone', () => {
    assert.equal(shiftFormula('=LOG10(A1)+ATAN2(B1,C1)', 1, 0), '=LOG10(A2)+ATAN2(B2,C2)');
    assert.equal(shiftFormula('="A1"&A1', 1, 0), '="A1"&A2');
    assert.equal(shiftFormula("='Q1 data'!B2+Sheet1!C3", 1, 0), "='Q1 data'!B3+Sheet1!C4");
    assert.equal(shiftFormula('=Q1!A1', 1, 0), '=Q1!A2');
    assert.equal(shiftFormula('=NCMMBudget*Q1Target', 1, 1), '=NCMMBudget*Q1Target');
    assert.equal(shiftFormula('=TRUE', 1, 1), '=TRUE');
  });
  it('turns refs pushed off the sheet into #REF!', () => {
    assert.equal(shiftFormula('=A1', -1, 0), '=#REF!');
    assert.equal(shiftFormula('=B2', 0, -2), '=#REF!');
  });
  it('does not touch non-formulas and is invertible for in-range shifts', () => {
    assert.equal(shiftFormula('A1', 1, 1), 'A1');
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10 }), (r, c, dr, dc) => {
        const f = `=SUM(${columnLetters(c)}${r + 1}:$B${r + 2})*2`;
        assert.equal(shiftFormula(shiftFormula(f, dr, dc), -dr, -dc), f);
      }));
  });
});
