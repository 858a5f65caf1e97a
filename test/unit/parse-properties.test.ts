import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { DEFAULT_PARSE_LIMITS, parseWorkbookText, pointerOf } from '../../src/core/parse';
import { parseJson } from '../../src/core/parse/parser';
import { validateWorkbookText } from '../../src/core/validate';

const RUNS = { numRuns: 200 };

function assertRanges(text: string, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    assert.ok(0 <= d.start && d.start <= d.end && d.end <= text.length, `${d.code} [${d.start}, ${d.end}) outside text of ${text.length}`);
    assert.ok(d.message.length > 0);
  }
}

/** Strings made of JSON's own punctuation reach far more parser states than random text. */
const jsonish = fc.string({
  unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '/', '*', '0', '1', 'e', '-', '.', ' ', '\n', 'true', 'null', 'a', '__proto__', 'é'),
  maxLength: 60,
});

/** Every path to every value in a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

describe('parse and validate properties', () => {
  it('never throw on arbitrary strings, and every range lies inside the text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), jsonish), (text) => {
      assertRanges(text, parseWorkbookText(text).diagnostics);
      assertRanges(text, validateWorkbookText(text, { model: false }).diagnostics);
    }), RUNS);
  });

  it('never throw on arbitrary JSON text, and agree with JSON.parse on clean input', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      const r = parseWorkbookText(text);
      assertRanges(text, r.diagnostics);
      if (r.diagnostics.length === 0) assert.deepEqual(r.value, JSON.parse(text));
      assertRanges(text, validateWorkbookText(text, { model: false }).diagnostics);
    }), RUNS);
  });

  it('map every pointer of an arbitrary JSON value to the text of that value', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const r = parseWorkbookText(text);
      assertRanges(text, r.diagnostics);
      assertRanges(text, validateWorkbookText(text, { model: false }).diagnostics);
      if (r.diagnostics.length > 0) return; // forbidden keys are dropped: not comparable
      for (const path of paths(r.value)) {
        const span = r.sourceMap.valueRange(pointerOf(path));
        let v: unknown = r.value;
        for (const seg of path) v = (v as Record<string, unknown>)[seg as string];
        assert.deepEqual(JSON.parse(text.slice(span.start, span.end)), v, `pointer ${pointerOf(path)}`);
        assert.ok(r.sourceMap.has(pointerOf(path)));
        assert.equal(r.sourceMap.pointerAt(span.start), pointerOf(path));
      }
    }), RUNS);
  });

  it('never throw when validating arbitrary JSON values shaped loosely like a workbook', () => {
    const cell = fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 1 }));
    const workbook = fc.record({
      format: fc.oneof(fc.constant('minerals-workbook'), fc.jsonValue({ maxDepth: 1 })),
      version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
      title: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
      parameters: fc.dictionary(fc.string(), fc.record({ value: cell, min: cell, max: cell }, { requiredKeys: [] })),
      scenarios: fc.dictionary(fc.string(), fc.record({ set: fc.dictionary(fc.string(), cell) }, { requiredKeys: [] })),
      sheets: fc.array(fc.record({ name: fc.oneof(fc.string(), cell), rows: fc.array(fc.array(cell)) }, { requiredKeys: [] }), { maxLength: 3 }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(workbook, (wb) => {
      const text = JSON.stringify(wb, null, 1);
      assertRanges(text, validateWorkbookText(text, { model: false }).diagnostics);
    }), RUNS);
  });
});

describe('parse fast path', () => {
  it('produces the same value and source map as the full parser', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), fc.boolean(), (value, indent, bom) => {
      const text = (bom ? '\ufeff' : '') + JSON.stringify(value, null, indent);
      const fast = parseJson(text, DEFAULT_PARSE_LIMITS, true);
      const full = parseJson(text, DEFAULT_PARSE_LIMITS, false);
      assert.deepEqual(fast.diagnostics.map((d) => d.code), full.diagnostics.map((d) => d.code));
      assert.deepEqual(fast.value, full.value);
      for (const path of paths(full.value)) {
        const p = pointerOf(path);
        assert.deepEqual(fast.sourceMap.valueRange(p), full.sourceMap.valueRange(p), p);
        assert.deepEqual(fast.sourceMap.keyRange(p), full.sourceMap.keyRange(p), p);
      }
    }), RUNS);
  });
});
