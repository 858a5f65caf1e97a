/**
 * The distributions of src/core/engine/distributions.ts against mpmath's values at 60 digits
 * (test/fixtures/engine/distribution-reference.json, from scripts/distribution-reference.py):
 * Excel gives about 15 significant digits, so every value must agree to 1e-13 relative.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as d from '../../src/core/engine/distributions';

type Case = [string, number[], number];
const cases = JSON.parse(readFileSync(new URL('../fixtures/engine/distribution-reference.json', import.meta.url), 'utf8')) as Case[];

const fns = d as unknown as Record<string, (...args: number[]) => number | { p: number; q: number }>;
function evaluate(name: string, args: number[]): number {
  const [fn, tail] = name.split('.') as [string, 'p' | 'q' | undefined];
  const r = fns[fn]!(...args);
  return typeof r === 'number' ? r : r[tail!];
}

describe('distributions to Excel\'s precision (mpmath reference)', () => {
  it('has a reference for every family', () => {
    const names = new Set(cases.map((c) => c[0].split('.')[0]));
    for (const n of ['erf', 'erfc', 'gamma', 'lnGamma', 'normCdf', 'normInv', 'tTails', 'tInv', 'chisqTails', 'gammaPQ', 'gammaInv', 'betaI', 'betaInv', 'fTails', 'fInv', 'fInvRt', 'binomCdf', 'poissonCdf']) {
      assert.ok(names.has(n), n);
    }
  });
  it('agrees with every reference value to 1e-13 relative', () => {
    const bad: string[] = [];
    for (const [name, args, want] of cases) {
      const got = evaluate(name, args);
      // Below the smallest normal double only absolute agreement is meaningful.
      const ok = want === 0 || Math.abs(want) < 1e-300 ? Math.abs(got - want) <= 1e-300 : Math.abs(got - want) <= 1e-13 * Math.abs(want);
      if (!ok) bad.push(`${name}(${args.join(', ')}) = ${got}, mpmath ${want}, rel ${(Math.abs(got - want) / Math.abs(want)).toExponential(1)}`);
    }
    assert.deepEqual(bad, [], `${bad.length} of ${cases.length} differ:\n${bad.join('\n')}`);
  });
});
