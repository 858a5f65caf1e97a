import { strict as assert } from 'node:assert';
import { PointMode, atInsertionPoint } from '../../webview/edit/point-mode';

/** The parts of an <input> point mode uses. */
class FakeInput {
  selectionStart = 0;
  selectionEnd = 0;
  constructor(public value: string) { this.selectionStart = this.selectionEnd = value.length; }
  setSelectionRange(a: number, b: number): void { this.selectionStart = a; this.selectionEnd = b; }
  type(text: string): void {
    this.value = this.value.slice(0, this.selectionStart) + text + this.value.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = this.selectionStart + text.length;
  }
}
const asInput = (f: FakeInput) => f as unknown as HTMLInputElement;

describe('webview point mode: a click inserts a reference while a formula is typed', () => {
  it('insertion points: after =, (, comma, an operator; not in text, not after an operand', () => {
    for (const t of ['=', '=SUM(', '=SUM(A1,', '=A1+', '=A1 * ', '=2^', '=A1&', '=A1<', '=SUM(A1:', '=-']) assert.equal(atInsertionPoint(t, t.length), true, t);
    for (const t of ['', 'abc', '100', '=A1', '=SUM(A1)', '=2', '="x,', '=Rate']) assert.equal(atInsertionPoint(t, t.length), false, t);
    // In the middle: only where the next character cannot glue onto the reference.
    assert.equal(atInsertionPoint('=SUM(,B2)', 5), true);
    assert.equal(atInsertionPoint('=+B2', 2), false);
  });

  it('a click inserts at the caret; a second click or a drag replaces it until something is typed', () => {
    const input = new FakeInput('=');
    const point = new PointMode();
    assert.equal(point.point(asInput(input), 'B1'), true);
    assert.equal(input.value, '=B1');
    assert.equal(point.point(asInput(input), 'A1:B3'), true, 'a drag widens the same reference');
    assert.equal(input.value, '=A1:B3');
    input.type('*');
    assert.equal(point.point(asInput(input), "'Other sheet'!C2"), true);
    assert.equal(input.value, "=A1:B3*'Other sheet'!C2");
    input.type('2');
    assert.equal(point.point(asInput(input), 'D4'), false, 'after an operand a click is not a reference');
    assert.equal(input.value, "=A1:B3*'Other sheet'!C22");
  });

  it('not a formula: nothing is inserted', () => {
    const input = new FakeInput('Total');
    assert.equal(new PointMode().canPoint(asInput(input)), false);
    assert.equal(new PointMode().point(asInput(input), 'A1'), false);
    assert.equal(input.value, 'Total');
  });
});
