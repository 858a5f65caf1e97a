/**
 * Properties of the formula translator and the goal-seek solver over generated inputs.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { solve, tokenize, translateFormula } from '../../src/core/engine';

/** Formula fragments an analyst writes, including the booleans and strings that must survive. */
const fragment = fc.oneof(
  fc.constantFrom('TRUE', 'FALSE', 'true', 'A1', '$B$2', 'Sheet1!C3', "'My sheet'!D4", 'Days', 'SUM(A1:B2)', 'IF(', ')', ',', '+', '*', '&', '<=', ' ', '1.5', '10%', 'CONCAT(', 'TRUE()'),
  fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/"/g, '""')}"`),
);
const formula = fc.array(fragment, { minLength: 1, maxLength: 12 }).map((parts) => `=${parts.join('')}`);

/** Text of the string literals, with "" read as one quote, whether written "" or as CHAR(34). */
const strings = (f: string): string => tokenize(f.replace(/"&CHAR\(34\)&"/g, '""'))
  .filter((t) => t.kind === 'string').map((t) => t.text.slice(1, -1).replace(/""/g, '"')).join('|');

describe('engine: properties', () => {
  it('translation is idempotent and never touches string literals', () => {
    fc.assert(fc.property(formula, (f) => {
      const once = translateFormula(f);
      assert.equal(translateFormula(once), once);
      assert.deepEqual(strings(once), strings(f));
    }), { numRuns: 300 });
  });

  it('translation leaves no bare TRUE/FALSE identifier outside strings and sheet names', () => {
    fc.assert(fc.property(formula, (f) => {
      const tokens = tokenize(translateFormula(f));
      tokens.forEach((t, i) => {
        if (t.kind !== 'ident' || !/^(TRUE|FALSE)$/i.test(t.text)) return;
        const next = tokens.slice(i + 1).find((n) => n.kind !== 'ws');
        assert.equal(next?.kind, 'lparen', `bare ${t.text} in ${translateFormula(f)}`);
      });
    }), { numRuns: 300 });
  });

  it('goal seek finds the root of any non-flat line, from any start', () => {
    fc.assert(fc.property(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }).filter((a) => Math.abs(a) > 1e-3),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      (a, b, target, x0) => {
        const tolerance = 1e-7 * Math.max(1, Math.abs(target));
        const r = solve({ f: (x) => a * x + b, target, x0, tolerance, maxIterations: 200, cellName: 'c', paramName: 'p' });
        assert.ok(r.ok, r.ok ? '' : r.reason);
        assert.ok(Math.abs(a * r.value + b - target) <= tolerance);
      },
    ), { numRuns: 200 });
  });

  it('goal seek stays within the bounds it is given', () => {
    fc.assert(fc.property(
      fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (lo, width, target, t) => {
        const hi = lo + width;
        const r = solve({ f: (x) => x * x * x, target, x0: lo + t * width, lo, hi, tolerance: 1e-9, maxIterations: 200, cellName: 'c', paramName: 'p' });
        for (const it of r.iterations) assert.ok(it.x >= lo && it.x <= hi, `${it.x} outside [${lo}, ${hi}]`);
        const reachable = target >= lo ** 3 - 1e-9 && target <= hi ** 3 + 1e-9;
        assert.equal(r.ok, reachable, r.ok ? '' : r.reason);
      },
    ), { numRuns: 200 });
  });
});
