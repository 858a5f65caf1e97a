import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEditIntents, EditError } from '../../src/core/edit';
import { applyIntentsToModel, appliesToModel } from '../../src/core/edit/apply-model';
import type { EditIntent } from '../../src/core/edit/intent';
import type { RawCell, Workbook } from '../../src/core/model/workbook';
import { parseWorkbookText } from '../../src/core/parse';

// The host acknowledges a webview's own cell edits with a version only, trusting that the
// webview's model application gives the workbook the text gives: this holds it to that.

const cell: fc.Arbitrary<RawCell> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom('', 'x', '=A1+1', '="a"&B2', 'Ñd "q" \\ \n', '=SUM(A1:B3)') },
);
const rows = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 });

function workbookText(sheets: RawCell[][][], style: number): string {
  const wb: Workbook = {
    format: 'minerals-workbook', version: 1, title: 'P',
    sheets: sheets.map((r, i) => ({ name: `S${i + 1}`, rows: r })),
  };
  if (style === 0) return JSON.stringify(wb, null, 2);
  if (style === 1) return JSON.stringify(wb);
  // Rows one per line, as the editor writes them.
  const body = wb.sheets.map((s) => `    { "name": ${JSON.stringify(s.name)}, "rows": [${s.rows.length ? '\n' + s.rows.map((r) => `      ${JSON.stringify(r)}`).join(',\n') + '\n    ' : ''}] }`);
  return `{\n  "format": "minerals-workbook",\n  "version": 1,\n  "title": "P",\n  "sheets": [\n${body.join(',\n')}\n  ]\n}\n`;
}

const intent = (sheets: number): fc.Arbitrary<EditIntent> => fc.oneof(
  fc.record({ kind: fc.constant('setCell' as const), sheet: fc.nat(sheets - 1), row: fc.nat(8), col: fc.nat(7), raw: cell }),
  fc.record({
    kind: fc.constant('setRange' as const), sheet: fc.nat(sheets - 1), row: fc.nat(8), col: fc.nat(7),
    values: fc.integer({ min: 1, max: 3 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 4 })),
  }),
);

describe('applying cell edits to the model and to the text', () => {
  it('gives the same workbook (300 seeds x 12 intents, one message or several)', () => {
    fc.assert(fc.property(
      fc.array(rows, { minLength: 1, maxLength: 3 }).chain((sheets) => fc.tuple(
        fc.constant(sheets), fc.nat(2), fc.array(fc.array(intent(sheets.length), { minLength: 1, maxLength: 2 }), { minLength: 12, maxLength: 12 }),
      )),
      ([sheets, style, messages]) => {
        let text = workbookText(sheets, style);
        const model = parseWorkbookText(text).value as Workbook;
        for (const intents of messages) {
          assert.ok(appliesToModel(intents));
          let next: string;
          try {
            next = applyEditIntents(text, intents).text;
          } catch (e) {
            if (e instanceof EditError) continue; // refused: neither changes
            throw e;
          }
          text = next;
          assert.ok(applyIntentsToModel(model, intents));
          const parsed = parseWorkbookText(text);
          assert.equal(parsed.diagnostics.filter((d) => d.severity === 'error').length, 0, text);
          assert.deepEqual(model, parsed.value, `after ${JSON.stringify(intents)}\n${text}`);
        }
      },
    ), { numRuns: 300 });
  });

  it('refuses other kinds without touching the model', () => {
    const wb: Workbook = { format: 'minerals-workbook', version: 1, title: 'T', sheets: [{ name: 'A', rows: [[1]] }] };
    assert.equal(applyIntentsToModel(wb, [{ kind: 'setCell', sheet: 0, row: 0, col: 0, raw: 2 }, { kind: 'addSheet', name: 'B' }]), false);
    assert.equal(applyIntentsToModel(wb, [{ kind: 'setCell', sheet: 3, row: 0, col: 0, raw: 2 }]), false);
    assert.deepEqual(wb.sheets[0]!.rows, [[1]]);
    assert.equal(appliesToModel([{ kind: 'replaceRows', sheet: 0, rows: [] }]), false);
    assert.equal(appliesToModel([]), false);
  });
});
