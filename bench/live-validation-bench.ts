/**
 * Benchmark 9: Problems up to date after a one-cell edit, as the extension's validation worker
 * computes them: the live engine of the open document (`LiveEngines`: the edit is applied to the
 * engine kept from the previous run) against a fresh validation (parse, schema, semantics and a
 * HyperFormula build every run), same run, interleaved. Baseline only and all 11 scenarios.
 */
import type { Workbook } from '../src/core/model/workbook';
import { validateWorkbookText } from '../src/core/validate';
import { LiveEngines } from '../src/core/validate/live-engines';
import { formatWorkbook, generateFormulaWorkbook } from './generate';
import { measurePair } from './harness';
import { failed, judge, type Figure } from './report';
import type { BenchOptions } from './core-benches';

/** Texts of the same workbook, each with a different value in the edited cell. */
const VERSIONS = 3;

export function benchLiveValidation(o: BenchOptions): Figure[] {
  const sizes = o.quick ? [10_000] : [10_000, 100_000, 500_000];
  const figures: Figure[] = [];
  for (const size of sizes) {
    const label = `${Math.round(size / 1000)}k`;
    const g = generateFormulaWorkbook(size);
    const { sheet, row, col, a1 } = g.editCell;
    const original = g.workbook.sheets[sheet]!.rows[row]![col] as number;
    const texts = Array.from({ length: VERSIONS }, (_, v) => {
      const wb = structuredClone(g.workbook) as Workbook;
      wb.sheets[sheet]!.rows[row]![col] = Math.round(original * (1 + (v + 1) / 100) * 10) / 10;
      return formatWorkbook(wb);
    });
    // 500k: a fresh validation takes tens of seconds on a loaded machine; a few samples only.
    const big = size >= 500_000;
    for (const scenarios of [['Baseline'], 'all'] as const) {
      const which = scenarios === 'all' ? 'all 11 scenarios' : 'Baseline';
      const id = `10.${label}.${scenarios === 'all' ? 'all' : 'base'}`;
      const title = `Problems after a one-cell edit, ${label} formulas, ${which}`;
      // The budget is for the 100,000-formula workbook; the other sizes show the growth.
      const budget = size === 100_000 ? { on: 'ms', max: scenarios === 'all' ? 1000 : 300 } as const : undefined;
      const live = new LiveEngines(1);
      try {
        const options = { model: true, scenarios: scenarios === 'all' ? 'all' as const : ['Baseline'] };
        live.validate('doc', texts[VERSIONS - 1]!, options); // the document as opened: builds the engine
        const pair = measurePair(
          { run: (_p, i) => live.validate('doc', texts[i % VERSIONS]!, options).diagnostics.length },
          { run: (_p, i) => validateWorkbookText(texts[i % VERSIONS]!, options).diagnostics.length },
          o.quick ? { warmup: 1, reps: 3 } : big ? { warmup: 0, reps: 2 } : { warmup: 1, reps: 5 },
        );
        if (live.lastOutcome !== 'rebased') throw new Error(`the live engine was ${live.lastOutcome}, not rebased`);
        // Same Problems either way, or the figure means nothing.
        const check = texts[0]!;
        const a = JSON.stringify(live.validate('doc', check, options).diagnostics);
        const b = JSON.stringify(validateWorkbookText(check, options).diagnostics);
        if (a !== b) throw new Error('the live engine gives different diagnostics from a fresh validation');
        o.log(`  ${id}: live ${pair.ours.median.toFixed(0)} ms, rebuild ${pair.raw.median.toFixed(0)} ms (medians)`);
        figures.push(judge({
          id, title, ...pair, ...(budget ? { budget } : {}),
          against: 'a fresh validation (engine rebuilt)',
          note: `edit ${a1} (${g.formulaCells.toLocaleString('en-US')} formulas, ${(texts[0]!.length / 1e6).toFixed(1)} MB); `
            + `parse + schema + semantics + model diagnostics on the live engine vs the same with a rebuild; ${pair.ours.samples.length} samples each`,
        }));
      } catch (err) {
        figures.push(failed(id, title, err, budget));
      } finally {
        live.dispose();
      }
    }
  }
  return figures;
}
