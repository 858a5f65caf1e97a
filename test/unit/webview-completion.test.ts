import * as assert from 'node:assert/strict';
import { HyperFormula } from 'hyperformula';
import {
  applyCompletion, callAtCaret, completions, signature, signatureHint, SIGNATURES, wordAtCaret,
} from '../../webview/completion/completion';

const FUNCTIONS = HyperFormula.getRegisteredFunctionNames('enGB');
const PARAMS = ['StockpileDays', 'SupplyShare', 'Budget'];

describe('webview formula completion', () => {
  it('finds the name being typed, not strings, sheet-qualified cells or numbers', () => {
    assert.deepEqual(wordAtCaret('=SU', 3), { start: 1, end: 3, prefix: 'SU' });
    assert.deepEqual(wordAtCaret('=B1*Stock', 9), { start: 4, end: 9, prefix: 'Stock' });
    assert.deepEqual(wordAtCaret('=ROUND(su, 2)', 9), { start: 7, end: 9, prefix: 'su' });
    // The rest of the word after the caret is replaced too.
    assert.deepEqual(wordAtCaret('=SUMX', 3), { start: 1, end: 5, prefix: 'SU' });
    assert.equal(wordAtCaret('SU', 2), undefined, 'not a formula');
    assert.equal(wordAtCaret('="SU', 4), undefined, 'inside a string');
    assert.equal(wordAtCaret('=Demand!B', 9), undefined, 'after a sheet name');
    assert.equal(wordAtCaret('=A1:B', 5), undefined, 'range end');
    assert.equal(wordAtCaret('=12', 3), undefined, 'number');
    assert.equal(wordAtCaret('=SUM(', 5), undefined, 'after a parenthesis');
  });

  it('offers parameters and HyperFormula functions by prefix, common functions first', () => {
    const su = completions('su', FUNCTIONS, PARAMS);
    assert.equal(su[0]!.label, 'SupplyShare');
    assert.equal(su[0]!.kind, 'parameter');
    const fns = su.filter((i) => i.kind === 'function').map((i) => i.label);
    assert.deepEqual(fns.slice(0, 4), ['SUM', 'SUMIF', 'SUMIFS', 'SUMPRODUCT']);
    assert.ok(fns.includes('SUMSQ'), 'rarer functions follow');
    assert.equal(su.find((i) => i.label === 'SUM')!.insert, 'SUM(');
    assert.equal(su.find((i) => i.label === 'SUM')!.detail, 'SUM(number1, [number2], …)');
    assert.deepEqual(completions('', FUNCTIONS, PARAMS), []);
    assert.deepEqual(completions('Budget', FUNCTIONS, PARAMS), [], 'a finished parameter name offers nothing');
    assert.deepEqual(completions('rate', FUNCTIONS, ['Rate']), [], 'not even functions that start with it (RATE)');
    assert.equal(completions('x', FUNCTIONS, PARAMS, 3).length <= 3, true);
  });

  it('the signature table names only functions the engine has (or rewrites)', () => {
    const known = new Set(FUNCTIONS);
    const missing = Object.keys(SIGNATURES).filter((n) => !known.has(n));
    assert.deepEqual(missing, []);
    assert.ok(Object.keys(SIGNATURES).length >= 60);
  });

  it('accepting replaces the word and puts the caret inside the call', () => {
    const item = completions('rou', FUNCTIONS, PARAMS).find((i) => i.label === 'ROUND')!;
    assert.deepEqual(applyCompletion('=rou', wordAtCaret('=rou', 4)!, item), { text: '=ROUND(', caret: 7 });
    // Before an existing parenthesis: no second one, the caret goes past it.
    assert.deepEqual(applyCompletion('=rou(B1, 2)', wordAtCaret('=rou(B1, 2)', 4)!, item), { text: '=ROUND(B1, 2)', caret: 7 });
    const p = completions('stock', FUNCTIONS, PARAMS)[0]!;
    assert.deepEqual(applyCompletion('=B1*stock/365', wordAtCaret('=B1*stock/365', 9)!, p), { text: '=B1*StockpileDays/365', caret: 17 });
  });

  it('signature hint for the call around the caret, current argument marked', () => {
    assert.deepEqual(callAtCaret('=ROUND(B1*2, ', 13), { name: 'ROUND', argIndex: 1 });
    assert.equal(signatureHint('=ROUND(B1*2, ', 13), 'ROUND(number, «num_digits»)');
    assert.equal(signatureHint('=IF(SUM(A1:A3)>0, ', 18), 'IF(logical_test, «value_if_true», [value_if_false])');
    assert.equal(signatureHint('=IF(SUM(A1:A3', 13), 'SUM(«number1», [number2], …)');
    assert.equal(signatureHint('=IF(A1, "a,b', 12), 'IF(logical_test, «value_if_true», [value_if_false])', 'commas in strings do not count');
    assert.equal(signatureHint('=ROUND(1,2)', 11), undefined, 'after the call');
    assert.equal(signatureHint('=(1+2', 5), undefined, 'plain parentheses');
    assert.equal(signatureHint('=SUMSQ(', 7), 'SUMSQ(…)');
    assert.equal(signature('vlookup'), 'VLOOKUP(lookup_value, table_array, col_index_num, [range_lookup])');
  });
});
