/**
 * Bundled by bench/webview-bench.ts for Chromium (not part of the product): times, in the
 * browser, the steps the webview takes to open a workbook (parse, engine build, read the
 * sheet's values) and raw HyperFormula building the same translated cells, so that
 * open-to-first-paint can be split into HyperFormula's share and ours.
 */
import { HyperFormula } from 'hyperformula';
import { parseWorkbookText } from '../src/core/parse';
import { WorkbookEngine, excelConfig, EXCEL_LIMITS, toEngineContent } from '../src/core/engine';
import type { Workbook } from '../src/core/model/workbook';

export interface ProbeResult {
  parseMs: number;
  engineCreateMs: number;
  readValuesMs: number;
  rawTranslateMs: number;
  rawBuildMs: number;
  rawReadMs: number;
  /** JS heap held by the parsed workbook (after a GC), when measurable. */
  parsedHeapMb?: number;
  /** JS heap held by raw HyperFormula after its build (after a GC), when measurable. */
  rawHeapMb?: number;
}

function timeOurs(wb: Workbook): Pick<ProbeResult, 'engineCreateMs' | 'readValuesMs'> {
  let t = performance.now();
  const engine = WorkbookEngine.create(wb);
  const engineCreateMs = performance.now() - t;
  t = performance.now();
  engine.getSheetValues(0);
  const readValuesMs = performance.now() - t;
  engine.dispose();
  return { engineCreateMs, readValuesMs };
}

/** Translate and build, timed apart; the translated input is garbage once this returns. */
function buildRaw(wb: Workbook): { hf: HyperFormula; rawTranslateMs: number; rawBuildMs: number } {
  let t = performance.now();
  const sheets = Object.fromEntries(wb.sheets.map((s) => [s.name, s.rows.map((row) => row.map((c) => toEngineContent(c)))]));
  const named = Object.entries(wb.parameters ?? {}).map(([name, p]) => ({ name, expression: p.value }));
  const rawTranslateMs = performance.now() - t;
  t = performance.now();
  const hf = HyperFormula.buildFromSheets(sheets, excelConfig(EXCEL_LIMITS), named);
  return { hf, rawTranslateMs, rawBuildMs: performance.now() - t };
}

function timeRaw(wb: Workbook): Pick<ProbeResult, 'rawTranslateMs' | 'rawBuildMs' | 'rawReadMs' | 'rawHeapMb'> {
  gc();
  const heapBefore = heapMb();
  const { hf, rawTranslateMs, rawBuildMs } = buildRaw(wb);
  // What HyperFormula itself holds for these cells, before any read.
  gc();
  const heapAfter = heapMb();
  const rawHeapMb = heapBefore !== undefined && heapAfter !== undefined ? heapAfter - heapBefore : undefined;
  const t = performance.now();
  hf.getSheetValues(0);
  const rawReadMs = performance.now() - t;
  hf.destroy();
  return { rawTranslateMs, rawBuildMs, rawReadMs, rawHeapMb };
}

/** usedJSHeapSize in MB (Chromium with --enable-precise-memory-info), if available. */
function heapMb(): number | undefined {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 1e6 : undefined;
}

/** Full GC between the timed steps when Chromium runs with --js-flags=--expose-gc. */
function gc(): void {
  (window as unknown as { gc?: () => void }).gc?.();
}

/** Parse once, then time our engine and raw HyperFormula (in the order asked). */
function probe(text: string, rawFirst: boolean): ProbeResult {
  gc();
  const heapBefore = heapMb();
  const t = performance.now();
  const wb = parseWorkbookText(text).value as Workbook;
  const parseMs = performance.now() - t;
  gc();
  const heapAfter = heapMb();
  const parsedHeapMb = heapBefore !== undefined && heapAfter !== undefined ? heapAfter - heapBefore : undefined;
  if (rawFirst) {
    const raw = timeRaw(wb);
    gc();
    return { parseMs, parsedHeapMb, ...timeOurs(wb), ...raw };
  }
  const ours = timeOurs(wb);
  gc();
  return { parseMs, parsedHeapMb, ...ours, ...timeRaw(wb) };
}

(window as unknown as { __probe: typeof probe }).__probe = probe;
