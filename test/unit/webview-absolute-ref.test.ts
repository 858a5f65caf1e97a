import { strict as assert } from 'node:assert';
import { cycleReference } from '../../webview/edit/absolute-ref';

describe('webview F4: cycles $ in the reference at the caret, as Excel does', () => {
  it('A1 -> $A$1 -> A$1 -> $A1 -> A1, the caret after the reference', () => {
    let text = '=B2*2';
    const seen: string[] = [];
    let caret = 3;
    for (let i = 0; i < 4; i++) {
      const r = cycleReference(text, caret)!;
      text = r.text;
      caret = r.caret;
      seen.push(text);
    }
    assert.deepEqual(seen, ['=$B$2*2', '=B$2*2', '=$B2*2', '=B2*2']);
    assert.equal(cycleReference('=B2*2', 3)!.caret, 5, 'after $B$2');
  });

  it('the reference just before the caret, or the one the caret is inside; others untouched', () => {
    assert.equal(cycleReference('=A1+C3', 6)!.text, '=A1+$C$3');
    assert.equal(cycleReference('=A1+C3', 1)!.text, '=$A$1+C3');
    assert.equal(cycleReference('=Sheet2!AB10', 12)!.text, '=Sheet2!$AB$10');
    assert.equal(cycleReference("='My sheet'!D4", 14)!.text, "='My sheet'!$D$4");
  });

  it('both ends of a range cycle together', () => {
    assert.deepEqual(cycleReference('=SUM(A1:B3)', 7), { text: '=SUM($A$1:$B$3)', caret: 14 });
    assert.equal(cycleReference('=SUM($A$1:$B$3)', 10)!.text, '=SUM(A$1:B$3)');
  });

  it('no reference there, text, functions and names: nothing to cycle', () => {
    assert.equal(cycleReference('A1', 2), undefined, 'not a formula');
    assert.equal(cycleReference('="A1"', 4), undefined, 'inside a string');
    assert.equal(cycleReference('=LOG10(5)', 6), undefined, 'a function name');
    assert.equal(cycleReference('=Rate2*3', 6), undefined, 'a parameter name');
    assert.equal(cycleReference('=A1+ 5', 6), undefined, 'the caret after a number');
  });
});
