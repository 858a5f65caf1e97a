/**
 * The formula corpus (test/fixtures/engine/corpus.ts, generated at test time over the
 * functions and argument shapes analysts use) evaluated by our engine and by LibreOffice in one
 * soffice run (an .xlsx written by our exporter, values read with python uno at full
 * precision). Every disagreement must be explained by a rule in corpus-known.ts, and every
 * rule must still explain one: a fix that removes a difference, or a new difference, fails
 * here until the list says so. Needs soffice and /usr/bin/python3 with uno.
 */
import { strict as assert } from 'node:assert';
import type { RawCell } from '../../src/core/model/workbook';
import { CORPUS_DATA, corpusFormulas } from '../fixtures/engine/corpus';
import { KNOWN_DIFFERENCES, knownDifference } from '../fixtures/engine/corpus-known';
import { agrees, describeDisagreement, evaluateBoth, type OracleCell } from '../fixtures/engine/libreoffice-oracle';

describe('engine vs LibreOffice: generated corpus of formulas', function () {
  this.timeout(120_000);
  const formulas = corpusFormulas();
  let cells: OracleCell[] = [];
  let seconds = 0;
  before(async () => {
    const t0 = Date.now();
    const rows: RawCell[][] = Array.from({ length: Math.max(CORPUS_DATA.length, formulas.length) },
      (_, i) => [...(CORPUS_DATA[i] ?? [null, null, null, null, null, null]), null, formulas[i] ?? null]);
    const all = await evaluateBoth(rows);
    cells = [...all.values()].filter((c) => c.cell.startsWith('H'));
    seconds = (Date.now() - t0) / 1000;
  });

  it('has at least 1,500 distinct formulas, every one answered by LibreOffice', () => {
    assert.ok(formulas.length >= 1500, `${formulas.length} formulas`);
    assert.equal(cells.length, formulas.length);
    assert.deepEqual(cells.filter((c) => c.libreoffice === undefined).map((c) => c.formula), []);
  });

  it('agrees with LibreOffice (relative 1e-12) on every formula but the known differences', () => {
    const unexplained = cells.filter((c) => !agrees(c.ours, c.libreoffice) && !knownDifference(c.formula, c.ours, c.libreoffice));
    assert.deepEqual(unexplained.map(describeDisagreement), []);
    const agreeing = cells.filter((c) => agrees(c.ours, c.libreoffice)).length;
    // The comparison must not be vacuous: most formulas agree, with numbers, text and errors.
    assert.ok(agreeing / cells.length > 0.85, `${agreeing} of ${cells.length} agree`);
    console.log(`      corpus: ${cells.length} formulas, ${agreeing} agree, ${cells.length - agreeing} known differences, ${seconds.toFixed(1)} s`);
  });

  it('every known difference still explains at least one disagreement', () => {
    const used = new Set(cells.filter((c) => !agrees(c.ours, c.libreoffice)).map((c) => knownDifference(c.formula, c.ours, c.libreoffice)?.id));
    assert.deepEqual(KNOWN_DIFFERENCES.filter((k) => !used.has(k.id)).map((k) => k.id), []);
  });
});
