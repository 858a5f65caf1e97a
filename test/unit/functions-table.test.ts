/**
 * docs/functions.md is what scripts/functions-table.ts renders from the engine's function list:
 * a function added, refused or found to differ without regenerating the table fails here.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { HyperFormula } from 'hyperformula';
import { FUNCTIONS_DOC, renderFunctionsTable } from '../../scripts/functions-table';

describe('docs/functions.md', () => {
  const rendered = renderFunctionsTable();
  it('is current (regenerate with: node --import tsx scripts/functions-table.ts)', () => {
    assert.equal(readFileSync(FUNCTIONS_DOC, 'utf8'), rendered);
  });
  it('has a row for every function the engine offers', () => {
    const rows = new Set([...rendered.matchAll(/^\| ([A-Z][A-Z0-9._]*) \|/gm)].map((m) => m[1]));
    const missing = HyperFormula.getRegisteredFunctionNames('enGB').map((n) => n.toUpperCase()).filter((n) => !n.startsWith('HF.') && !rows.has(n));
    assert.deepEqual(missing, []);
    assert.match(rendered, /^\| LINEST \| matches \(checked against LibreOffice\) \|/m);
    assert.match(rendered, /^\| INDIRECT \| refused \(MW4006\) \| write instead: /m);
    assert.match(rendered, /^\| ISREF \| differs \| ISREF\(A1\) is FALSE/m);
  });
});
