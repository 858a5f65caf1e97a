/**
 * The formula corpus (test/fixtures/engine/corpus.ts, generated at test time over the
 * functions and argument shapes analysts use) evaluated by our engine and by LibreOffice in one
 * soffice run (an .xlsx written by our exporter, values read with python uno at full
 * precision). Every disagreement must be explained by a rule in corpus-known.ts, and every
 * rule must still explain one: a fix that removes a difference, or a new difference, fails
 * here until the list says so. Needs soffice and /usr/bin/python3 with uno.
 */
import { strict as assert } from 'node:assert';
import { modelDiagnostics } from '../../src/core/engine';
import type { RawCell, Workbook } from '../../src/core/model/workbook';
import { parseWorkbookText } from '../../src/core/parse';
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

  it('every open engine difference gets a diagnostic at its cell (MW4006 or MW4009), except those marked undiagnosed', () => {
    const ours = cells.filter((c) => !agrees(c.ours, c.libreoffice)).map((c) => ({ c, k: knownDifference(c.formula, c.ours, c.libreoffice)! })).filter((x) => x.k.side === 'ours');
    assert.ok(ours.length > 0);
    const rows: RawCell[][] = CORPUS_DATA.map((r) => [...r, null, null]);
    ours.forEach(({ c }, i) => { (rows[i] ??= [null, null, null, null, null, null, null, null])[7] = c.formula; });
    const workbook: Workbook = { format: 'minerals-workbook', version: 1, title: 'corpus', sheets: [{ name: 'S', rows }] };
    const ds = modelDiagnostics(workbook, parseWorkbookText(JSON.stringify(workbook, null, 1)).sourceMap);
    const flagged = new Set(ds.filter((d) => d.code === 'MW4006' || d.code === 'MW4009').map((d) => d.pointer));
    const wrong = ours.filter(({ k }, i) => flagged.has(`/sheets/0/rows/${i}/7`) === Boolean(k.undiagnosed))
      .map(({ c, k }) => `${c.formula} (${k.id}${k.undiagnosed ? ', marked undiagnosed but has a diagnostic' : ': no diagnostic'})`);
    assert.deepEqual(wrong, []);
  });
});
