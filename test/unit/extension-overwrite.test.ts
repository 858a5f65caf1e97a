import * as assert from 'node:assert/strict';
import { confirmOverwrite, replaceQuestion } from '../../src/extension/overwrite';

describe('extension: asking before replacing files', () => {
  it('asks nothing when no target exists', async () => {
    let asked = 0;
    assert.equal(await confirmOverwrite(['a.csv', 'b.csv'], async () => false, async () => { asked++; return false; }), true);
    assert.equal(asked, 0);
  });

  it('asks once with every existing target, and follows the answer', async () => {
    const existing = new Set(['b.csv', 'c.csv']);
    for (const answer of [true, false]) {
      const asks: string[][] = [];
      const ok = await confirmOverwrite(['a.csv', 'b.csv', 'c.csv'], async (t) => existing.has(t), async (e) => { asks.push(e); return answer; });
      assert.equal(ok, answer);
      assert.deepEqual(asks, [['b.csv', 'c.csv']]);
    }
  });

  it('words the question for one file and for many', () => {
    assert.equal(replaceQuestion(['x.minerals.json'], 'models'), 'x.minerals.json already exists in models. Replace it?');
    assert.equal(replaceQuestion(['a.csv', 'b.csv'], 'out'), 'Replace 2 files in out? a.csv, b.csv already exist.');
    assert.match(replaceQuestion(['1', '2', '3', '4', '5', '6', '7'], 'out'), /^Replace 7 files in out\? 1, 2, 3, 4, 5, and 2 more already exist\.$/);
  });
});
