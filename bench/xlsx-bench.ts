/**
 * Benchmark 9: .xlsx import and export of a generated 100,000-formula workbook, against what
 * the libraries they are built on do with the same file in the same run. There is no xlsx
 * library in the product, so those are the floor:
 * - read: fflate unzips and fast-xml-parser parses (and validates) every part, with the
 *   importer's parser options;
 * - write: fast-xml-parser's builder serialises every part (parsed beforehand, untimed) and
 *   fflate zips them, plus HyperFormula itself evaluating the Scenarios sheet's cells under
 *   every scenario (the same overrides and cells, `rawCompare`): the summary sheet is part of
 *   the file, and no writer can cache its values without computing them.
 * Import is timed with and without the comparison of every formula with its cached value
 * (which builds and evaluates the engine).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { defaultResultCells } from '../src/core/analysis/index';
import { WorkbookEngine } from '../src/core/engine';
import { exportXlsx, importXlsx } from '../src/core/xlsx';
import { XML_PARSER_OPTIONS } from '../src/core/xlsx/package';
import { generateFormulaWorkbook } from './generate';
import { heapMb, measure, measurePair, median, type MeasureOptions } from './harness';
import { buildRaw, rawCompare, toRawInput } from './raw-hf';
import { failed, judge, type Figure } from './report';
import type { BenchOptions } from './core-benches';

// The importer's own options (namespace prefixes stripped, rows and cells always arrays): the
// floor is the library doing what the importer asks of it.
const parser = new XMLParser(XML_PARSER_OPTIONS);
// Order-preserving trees, so the builder writes the same parts back.
const treeOptions = { ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, preserveOrder: true };
const treeParser = new XMLParser(treeOptions);
const builder = new XMLBuilder(treeOptions);

/** The floor for serialising the parts: the builder writes every (pre-parsed) tree, fflate zips. */
function rawWrite(trees: Record<string, unknown>): number {
  const out: Record<string, Uint8Array> = {};
  for (const [name, tree] of Object.entries(trees)) out[name] = strToU8(builder.build(tree) as string);
  return zipSync(out, { level: 6 }).length;
}

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
    const hf = buildRaw(toRawInput(g.workbook));
    try {
      const trees = Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, treeParser.parse(strFromU8(part)) as unknown]));
      const cells = defaultResultCells(g.workbook, Infinity);
      const pair = measurePair(
        { run: () => exportXlsx(g.workbook, { engine }).bytes.length },
        { run: () => { rawCompare(hf, g.workbook, cells); return rawWrite(trees); } },
        opts,
      );
      // The two halves of the floor, for the note: where an export's time goes.
      const write = measure({ run: () => rawWrite(trees) }, opts);
      const evaluate = measure({ run: () => rawCompare(hf, g.workbook, cells) }, opts);
      const zip = measure({ run: () => zipSync(parts, { level: 6 }).length }, opts);
      figures.push(judge({
        id: `9.export.${label}`, title: exportTitle, budget: { on: 'ratio', max: 1.5 }, ...pair,
        against: `fast-xml-parser build + fflate zip of the same parts, and HyperFormula evaluating the Scenarios sheet's ${cells.length} cells under ${engine.scenarioNames().length} scenarios`,
        note: `floor split: write ${write.median.toFixed(0)} ms (zip alone ${zip.median.toFixed(0)}), HyperFormula scenarios ${evaluate.median.toFixed(0)} ms`,
      }));
    } catch (err) {
      figures.push(failed(`9.export.${label}`, exportTitle, err));
    } finally {
      hf.destroy();
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
