import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { DEFAULT_PARSE_LIMITS, parsePointer, parseWorkbookText, pointerOf } from '../../src/core/parse';

/** The one diagnostic with `code`, and the text its range covers. */
function only(text: string, diagnostics: Diagnostic[], code: string): { d: Diagnostic; slice: string } {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diagnostics)}`);
  return { d: found[0], slice: text.slice(found[0].start, found[0].end) };
}

describe('parseWorkbookText', () => {
  it('parses strict JSON into plain values with no diagnostics', () => {
    const text = '{"title": "T", "sheets": [{"name": "S", "rows": [[1, -2.5e3, true, null, "=A1"]]}]}';
    const r = parseWorkbookText(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.value, JSON.parse(text));
  });

  describe('syntax errors (MW1001) point at the exact offending token', () => {
    const cases: [string, string, RegExp][] = [
      ['{"a": 1 "b": 2}', '"b"', /expected , or } after the value of "a"/],
      ['[1 2]', '2', /expected , or \]/],
      ['{"a" 1}', '1', /expected : after property name "a"/],
      ['{a: 1}', 'a', /double quotes/],
      ["{'a': 1}", "'a'", /double quotes, not single quotes/],
      ['[NaN]', 'NaN', /not valid JSON/],
      ['[TRUE]', 'TRUE', /lowercase/],
      ['{"a": "x\\qy"}', '"x\\qy"', /invalid escape/],
      ['{"a": "tab\there"}', '"tab\there"', /control character/],
      ['{"a": 1.}', '1.', /incomplete number/],
      ['[012]', '01', /cannot start with 0/],
      ['{"a": 1}}', '}', /after the end/],
      ['[1e999]', '1e999', /too large/],
    ];
    for (const [text, slice, message] of cases) {
      it(`${text} -> ${slice}`, () => {
        const r = parseWorkbookText(text);
        const { d, slice: got } = only(text, r.diagnostics, 'MW1001');
        assert.equal(got, slice);
        assert.match(d.message, message);
        assert.equal(d.severity, 'error');
        assert.equal(r.value, undefined);
      });
    }

    it('an unterminated string stops at the end of its line', () => {
      const text = '{"title": "Rare earth\n}';
      const { d, slice } = only(text, parseWorkbookText(text).diagnostics, 'MW1001');
      assert.equal(slice, '"Rare earth');
      assert.match(d.message, /unterminated string/);
    });

    it('a missing closing bracket is reported at the end of the file, naming the opening line', () => {
      const text = '{\n  "sheets": [\n    1,\n';
      const { d } = only(text, parseWorkbookText(text).diagnostics, 'MW1001');
      assert.equal(d.start, text.length);
      assert.equal(d.end, text.length);
      assert.match(d.message, /\[ opened at line 2 is never closed/);
      assert.equal(d.pointer, '/sheets');
    });

    it('an empty file says what a workbook looks like', () => {
      const { d } = only('', parseWorkbookText('').diagnostics, 'MW1001');
      assert.match(d.message, /empty/);
      assert.equal(d.start, 0);
    });
  });

  it('duplicate keys (MW1002) are reported at the second key and the last value wins', () => {
    const text = '{\n  "title": "First",\n  "title": "Second"\n}';
    const r = parseWorkbookText(text);
    const { d } = only(text, r.diagnostics, 'MW1002');
    assert.equal(d.start, text.lastIndexOf('"title"'));
    assert.equal(text.slice(d.start, d.end), '"title"');
    assert.match(d.message, /first at line 2/);
    assert.match(d.message, /later value is the one used/);
    assert.deepEqual(r.value, { title: 'Second' });
    // The source map agrees with the value: it points at the value that is used.
    assert.equal(text.slice(r.sourceMap.valueRange('/title').start, r.sourceMap.valueRange('/title').end), '"Second"');
  });

  describe('forbidden keys (MW1003)', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      it(`"${key}" is dropped with a diagnostic at the key`, () => {
        const text = `{"a": {"${key}": {"polluted": 1}, "b": 2}}`;
        const r = parseWorkbookText(text);
        const { d, slice } = only(text, r.diagnostics, 'MW1003');
        assert.equal(slice, `"${key}"`);
        assert.equal(d.pointer, `/a/${key}`);
        const a = (r.value as { a: Record<string, unknown> }).a;
        assert.equal(Object.prototype.hasOwnProperty.call(a, key), false);
        assert.equal(a.b, 2);
        assert.equal(Object.getPrototypeOf(a), Object.prototype);
      });
    }

    it('nothing is polluted, even through an escaped key', () => {
      const texts = ['{"__proto__": {"polluted": 1}}', '{"\\u005f_proto__": {"polluted": 1}}', '[{"constructor": {"prototype": {"polluted": 1}}}]'];
      for (const text of texts) {
        const r = parseWorkbookText(text);
        assert.ok(r.diagnostics.some((d) => d.code === 'MW1003'), text);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.equal((Object.prototype as unknown as Record<string, unknown>).polluted, undefined);
      }
    });
  });

  it('nesting deeper than maxDepth gives MW1004 at the offending bracket, without a stack overflow', () => {
    const text = '['.repeat(100_000);
    const r = parseWorkbookText(text);
    const { d } = only(text, r.diagnostics, 'MW1004');
    assert.equal(d.start, DEFAULT_PARSE_LIMITS.maxDepth);
    assert.equal(text.slice(d.start, d.end), '[');
    assert.equal(r.value, undefined);
    // Deep but well-formed JSON takes the same path (no native-parser shortcut around the limit).
    const closed = '['.repeat(100_000) + ']'.repeat(100_000);
    const c = parseWorkbookText(closed);
    assert.equal(only(closed, c.diagnostics, 'MW1004').d.start, DEFAULT_PARSE_LIMITS.maxDepth);
    assert.equal(c.value, undefined);
    const ok = parseWorkbookText('[[[1]]]', { maxDepth: 3 });
    assert.deepEqual(ok.diagnostics, []);
    const deep = parseWorkbookText('[[[{}]]]', { maxDepth: 3 });
    assert.equal(only('[[[{}]]]', deep.diagnostics, 'MW1004').slice, '{');
  });

  it('a file larger than maxBytes gives MW1005 at the start, counting UTF-8 bytes', () => {
    const text = `{"title": "${'x'.repeat(200)}"}`;
    const r = parseWorkbookText(text, { maxBytes: 100 });
    const { d } = only(text, r.diagnostics, 'MW1005');
    assert.equal(d.start, 0);
    assert.ok(d.end <= 1);
    assert.match(d.message, /too large/);
    assert.equal(r.value, undefined);
    // 40 characters of 3-byte UTF-8 are 120 bytes: over a 100-byte limit.
    const wide = `"${'€'.repeat(40)}"`;
    assert.equal(parseWorkbookText(wide, { maxBytes: 100 }).diagnostics[0]?.code, 'MW1005');
    assert.deepEqual(parseWorkbookText(wide, { maxBytes: 200 }).diagnostics, []);
  });

  it('comments and trailing commas are MW1006 at their exact range, and the value is still usable', () => {
    const text = '// note\n{"a": [1, 2,], /* why */ "b": 3,}';
    const r = parseWorkbookText(text);
    const slices = r.diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]);
    assert.deepEqual(slices, [['MW1006', '// note'], ['MW1006', ','], ['MW1006', '/* why */'], ['MW1006', ',']]);
    assert.equal(r.diagnostics[1].start, text.indexOf(',]'));
    assert.equal(r.diagnostics[3].start, text.lastIndexOf(','));
    assert.deepEqual(r.value, { a: [1, 2], b: 3 });
  });

  it('recovers the same value JSON.parse would give once every recoverable problem is removed', () => {
    const text = '\ufeff{"a": 1, /* c */ "a": 2, "__proto__": {"x": 1}, "list": [{"constructor": 0, "k": [1,],},], "z": "//"}';
    const r = parseWorkbookText(text);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['MW1006', 'MW1002', 'MW1003', 'MW1003', 'MW1006', 'MW1006', 'MW1006']);
    assert.deepEqual(r.value, { a: 2, list: [{ k: [1] }], z: '//' });
    assert.equal(text.slice(r.sourceMap.valueRange('/z').start, r.sourceMap.valueRange('/z').end), '"//"');
  });

  it('tolerates a byte-order mark', () => {
    const r = parseWorkbookText('\ufeff{"a": 1}');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.value, { a: 1 });
  });
});

describe('SourceMap', () => {
  const text = '{\n  "title": "T",\n  "sheets": [\n    {"name": "Budget", "rows": [[1, "=A1*2"], []]}\n  ],\n  "a/b": {"~x": 5}\n}';
  const { sourceMap: map } = parseWorkbookText(text);
  const slice = (s: { start: number; end: number }): string => text.slice(s.start, s.end);

  it('gives value and key ranges by JSON pointer', () => {
    assert.equal(slice(map.valueRange('/sheets/0/rows/0/1')), '"=A1*2"');
    assert.equal(slice(map.valueRange('/sheets/0/name')), '"Budget"');
    assert.equal(slice(map.keyRange('/sheets/0/name')), '"name"');
    assert.equal(slice(map.keyRange('/sheets/0/rows/0/0')), '1');
    assert.equal(slice(map.valueRange('')), text);
    assert.equal(slice(map.valueRange('/a~1b/~0x')), '5');
    assert.equal(slice(map.keyRange('/a~1b')), '"a/b"');
  });

  it('falls back to the nearest existing ancestor for absent pointers', () => {
    assert.equal(map.has('/sheets/0/rows/1'), true);
    assert.equal(map.has('/sheets/0/rows/1/0'), false);
    assert.equal(slice(map.valueRange('/sheets/0/rows/1/0')), '[]');
    assert.equal(slice(map.valueRange('/sheets/7/name')), slice(map.valueRange('/sheets')));
    assert.equal(slice(map.keyRange('/sheets/0/missing')), slice(map.valueRange('/sheets/0')));
    assert.equal(map.has('/sheets/01'), false);
    assert.equal(map.has('/sheets/-'), false);
  });

  it('finds the pointer under an offset', () => {
    assert.equal(map.pointerAt(text.indexOf('=A1')), '/sheets/0/rows/0/1');
    assert.equal(map.pointerAt(text.indexOf('"name"')), '/sheets/0/name');
    assert.equal(map.pointerAt(text.indexOf('5')), '/a~1b/~0x');
    assert.equal(map.pointerAt(0), '');
    assert.equal(map.pointerAt(text.indexOf('[]')), '/sheets/0/rows/1');
    assert.equal(map.pointerAt(text.indexOf('[[1')), '/sheets/0/rows');
  });

  it('knows the JSON kind of each value', () => {
    assert.equal(map.kindOf('/sheets'), 'array');
    assert.equal(map.kindOf('/sheets/0'), 'object');
    assert.equal(map.kindOf('/sheets/0/rows/0/0'), 'number');
    assert.equal(map.kindOf('/nope'), undefined);
  });
});

describe('JSON pointers', () => {
  it('escape ~ and / and round-trip', () => {
    const path = ['scenarios', 'Cut / 2026', 'set', 'a~b', '0'];
    assert.equal(pointerOf(path), '/scenarios/Cut ~1 2026/set/a~0b/0');
    assert.deepEqual(parsePointer(pointerOf(path)), path);
    assert.deepEqual(parsePointer(''), []);
    assert.deepEqual(parsePointer('#/a%20b/c'), ['a b', 'c']);
    assert.equal(pointerOf(['sheets', 0]), '/sheets/0');
  });
});
