/**
 * Benchmark 8: .xlsx import and export of a generated 100,000-formula workbook, against what
 * the libraries they are built on (fflate, fast-xml-parser) do with the same file in the same
 * run: unzip and parse every part (read), zip the same parts (write). There is no xlsx library
 * in the product, so those are the floor. Import is timed with and without the comparison of
 * every formula with its cached value (which builds and evaluates the engine).
 */
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { WorkbookEngine } from '../src/core/engine';
import { exportXlsx, importXlsx } from '../src/core/xlsx';
import { generateFormulaWorkbook } from './generate';
import { heapMb, measurePair, median, type MeasureOptions } from './harness';
import { failed, judge, type Figure } from './report';
import type { BenchOptions } from './core-benches';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false });

/** The floor for a read: every part inflated and parsed (validated, as the importer does). */
function rawRead(bytes: Uint8Array): number {
  let n = 0;
  for (const part of Object.values(unzipSync(bytes))) {
    const parsed = parser.parse(strFromU8(part), true) as object;
    n += Object.keys(parsed).length;
  }
  return n;
}

export function benchXlsx(o: BenchOptions): Figure[] {
  const size = o.quick ? 10_000 : 100_000;
  const label = o.quick ? '10k' : '100k';
  const opts: MeasureOptions = o.quick ? { warmup: 1, reps: 3 } : { warmup: 1, reps: 5 };
  const figures: Figure[] = [];
  const g = generateFormulaWorkbook(size);
  const engine = WorkbookEngine.create(g.workbook);
  try {
    const bytes = exportXlsx(g.workbook, { engine }).bytes;
    const parts = unzipSync(bytes);
    o.log(`  ${g.formulaCells} formula cells, ${g.cells} cells; .xlsx ${(bytes.length / 1e6).toFixed(1)} MB, ${(Object.values(parts).reduce((a, p) => a + p.length, 0) / 1e6).toFixed(1)} MB of XML`);

    const exportTitle = `xlsx export, ${label} formula cells (engine already built)`;
    try {
      const pair = measurePair({ run: () => exportXlsx(g.workbook, { engine }).bytes.length }, { run: () => zipSync(parts, { level: 6 }).length }, opts);
      figures.push(judge({ id: `9.export.${label}`, title: exportTitle, budget: { on: 'ratio', max: 1.5 }, ...pair, against: 'fflate zipSync of the same parts', note: 'ours builds the XML and reads every cached value from the engine' }));
    } catch (err) {
      figures.push(failed(`9.export.${label}`, exportTitle, err));
    }

    const parseTitle = `xlsx import without the cached-value check, ${label} formula cells`;
    try {
      const base = heapMb();
      const held: number[] = [];
      const pair = measurePair(
        { run: () => importXlsx(bytes, { verify: false }), teardown: () => { held.push(heapMb() - base); } },
        { run: () => rawRead(bytes) },
        opts,
      );
      figures.push(judge({ id: `9.import.${label}`, title: parseTitle, budget: { on: 'ratio', max: 1.5 }, ...pair, against: 'fflate unzipSync + fast-xml-parser parse of every part', note: `workbook held ${median(held).toFixed(0)} MB` }));
    } catch (err) {
      figures.push(failed(`9.import.${label}`, parseTitle, err));
    }

    const verifyTitle = `xlsx import with every formula compared to its cached value, ${label} formula cells`;
    try {
      const before = process.memoryUsage().rss;
      let peakRss = before;
      const pair = measurePair(
        { run: () => { const r = importXlsx(bytes); peakRss = Math.max(peakRss, process.memoryUsage().rss); if (r.verified.differ !== 0) throw new Error(`${r.verified.differ} cached values differ`); return r; } },
        { run: () => rawRead(bytes) },
        opts,
      );
      figures.push(judge({ id: `9.import-verify.${label}`, title: verifyTitle, ...pair, against: 'fflate unzipSync + fast-xml-parser parse of every part', note: `includes building and evaluating the engine; process RSS peaked at ${(peakRss / 1e6).toFixed(0)} MB`, extra: { peakRssMb: peakRss / 1e6 } }));
    } catch (err) {
      figures.push(failed(`9.import-verify.${label}`, verifyTitle, err));
    }
  } finally {
    engine.dispose();
  }
  return figures;
}
