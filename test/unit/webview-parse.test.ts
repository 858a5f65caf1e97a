import { strict as assert } from 'node:assert';
import { parseForView } from '../../webview/parse-fast';

describe('webview parse', () => {
  it('parses plain JSON natively and reports broken JSON with the core diagnostics', () => {
    assert.deepEqual(parseForView('{"sheets":[]}'), { value: { sheets: [] }, diagnostics: [] });
    const broken = parseForView('{"sheets": [');
    assert.equal(broken.value, undefined);
    assert.equal(broken.diagnostics[0]?.code, 'MW1001');
  });
  it('sends risky keys and deep nesting to the core parser', () => {
    const r = parseForView('{"__proto__": {"x": 1}, "a": 1}');
    assert.ok(r.diagnostics.some((d) => d.code === 'MW1003'));
    assert.equal(({} as Record<string, unknown>).x, undefined);
    const deep = parseForView('['.repeat(100) + ']'.repeat(100));
    assert.ok(deep.diagnostics.some((d) => d.code === 'MW1004'));
  });
});
