import * as assert from 'node:assert/strict';
import { ValidationMemo } from '../../src/extension/validation-memo';

describe('extension: validation memo (unchanged text is not validated again)', () => {
  it('is current only for the same text under the same scenarios setting', () => {
    const memo = new ValidationMemo();
    assert.equal(memo.isCurrent('a', '{}', 'all'), false);
    memo.remember('a', '{}', 'all');
    assert.equal(memo.isCurrent('a', '{}', 'all'), true);
    assert.equal(memo.isCurrent('b', '{}', 'all'), false, 'per file');
    assert.equal(memo.isCurrent('a', '{ }', 'all'), false, 'text changed');
    assert.equal(memo.isCurrent('a', '{}', ['Baseline']), false, 'scenarios setting changed');
    memo.remember('a', '{}', ['Baseline']);
    assert.equal(memo.isCurrent('a', '{}', ['Baseline']), true);
    assert.equal(memo.isCurrent('a', '{}', 'all'), false);
    memo.forget('a');
    assert.equal(memo.isCurrent('a', '{}', ['Baseline']), false);
  });
});
