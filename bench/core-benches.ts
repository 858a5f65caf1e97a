/**
 * Benchmarks 1-5: engine build, validation, single-cell recalculation, CSV export and the
 * scenario tools, each against the raw library (or a plain evaluation) in the same run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import type { HyperFormula } from 'hyperformula';
import type { CellValue, DataTable2Request } from '../src/core/engine';
import { toCsv } from '../src/core/csv';
import type { Workbook } from '../src/core/model/workbook';
import type { Diagnostic } from '../src/core/model/diagnostic';
import { colName, generateCsvRows, generateFormulaWorkbook, generateWorkbookText } from './generate';
import { heapMb, measure, measurePair, median, type MeasureOptions } from './harness';
import { buildRaw, rawCompare, toRawInput, useEngineHelpers } from './raw-hf';
import { failed, judge, notMeasured, type Figure } from './report';

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** Thrown when the core module under test is still a skeleton (or does not load). */
class NotImplemented extends Error {}

// The engine is loaded dynamically, so that the sections that do not need it still run
// while it is being written (or does not load).
type EngineModule = typeof import('../src/core/engine');
type WorkbookEngine = ReturnType<EngineModule['WorkbookEngine']['create']>;
let engineModule: EngineModule | undefined;
let engineLoadError = 'not loaded';

export async function loadEngine(): Promise<void> {
  try {
    engineModule = (await import('../src/core/engine')) as EngineModule;
    useEngineHelpers(engineModule);
  } catch (err) {
    engineLoadError = err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
}

const WorkbookEngine = {
  create(...args: Parameters<EngineModule['WorkbookEngine']['create']>): WorkbookEngine {
    if (!engineModule) throw new NotImplemented(`src/core/engine does not load: ${engineLoadError}`);
    return engineModule.WorkbookEngine.create(...args);
  },
};

function sizeLabel(n: number): string {
  return n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
}

function reps(o: BenchOptions, full: MeasureOptions, quick: MeasureOptions): MeasureOptions {
  return o.quick ? quick : full;
}

// ---------------------------------------------------------------------------------------
// 1. Build + read all values vs raw HyperFormula.buildFromSheets
// ---------------------------------------------------------------------------------------

function readAllOurs(engine: WorkbookEngine, wb: Workbook): number {
  let n = 0;
  for (let s = 0; s < wb.sheets.length; s++) {
    const values = engine.getSheetValues(s);
    if (values.length === 0 && wb.sheets[s].rows.length > 0) throw new NotImplemented('WorkbookEngine.getSheetValues returns no rows (engine not implemented yet)');
    n += values.length;
  }
  return n;
}

function readAllRaw(hf: HyperFormula, sheets: number): number {
  let n = 0;
  for (let s = 0; s < sheets; s++) n += hf.getSheetValues(s).length;
  return n;
}

export function benchBuild(o: BenchOptions): Figure[] {
  const sizes = o.quick ? [10_000] : [10_000, 100_000, 500_000];
  const figures: Figure[] = [];
  for (const size of sizes) {
    const id = `1.${sizeLabel(size)}`;
    const title = `create + read all values, ${sizeLabel(size)} formula cells`;
    const budget = { on: 'ratio', max: 1.25 } as const;
    try {
      const g = generateFormulaWorkbook(size);
      const input = toRawInput(g.workbook);
      const nSheets = g.workbook.sheets.length;
      o.log(`  ${title}: ${g.formulaCells} formula cells, ${g.cells} cells`);
      // Memory held by one live instance (heap after a full GC, taken in the untimed teardown).
      const base = heapMb();
      const held = { ours: [] as number[], raw: [] as number[] };
      const opts = size >= 500_000
        ? reps(o, { warmup: 0, reps: 3 }, { warmup: 0, reps: 1 }) // JIT already warm from the smaller sizes
        : size >= 100_000
          ? reps(o, { warmup: 1, reps: 5 }, { warmup: 1, reps: 3 })
          : reps(o, { warmup: 3, reps: 9 }, { warmup: 2, reps: 5 });
      const pair = measurePair(
        {
          run: () => {
            const e = WorkbookEngine.create(g.workbook);
            readAllOurs(e, g.workbook);
            return e;
          },
          teardown: (e) => {
            held.ours.push(heapMb() - base);
            e.dispose();
          },
        },
        {
          run: () => {
            const hf = buildRaw(input);
            readAllRaw(hf, nSheets);
            return hf;
          },
          teardown: (hf) => {
            held.raw.push(heapMb() - base);
            hf.destroy();
          },
        },
        opts,
      );
      const oursMb = median(held.ours);
      const rawMb = median(held.raw);
      figures.push(judge({
        id, title, budget, ...pair,
        against: 'HyperFormula.buildFromSheets + getSheetValues',
        note: `${g.formulaCells} formulas; heap held ${oursMb.toFixed(0)} MB ours vs ${rawMb.toFixed(0)} MB raw`,
        extra: { formulaCells: g.formulaCells, cells: g.cells, heapMbOurs: oursMb, heapMbRaw: rawMb },
      }));
    } catch (err) {
      figures.push(err instanceof NotImplemented ? notMeasured(id, title, err.message, budget) : failed(id, title, err, budget));
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------
// 2. Validate a 10 MB workbook text
// ---------------------------------------------------------------------------------------

interface ValidateApi {
  validateWorkbookText(text: string, options?: { model?: boolean; scenarios?: 'all' | string[] }): { workbook: Workbook | undefined; diagnostics: Diagnostic[] };
  /** Optional parts, timed separately when exported. */
  workbookSchemaValidator?: () => (value: unknown) => boolean;
  semanticDiagnostics?: (value: unknown, map: unknown) => Diagnostic[];
}
interface ParseApi {
  parseWorkbookText(text: string, limits?: Partial<{ maxBytes: number; maxDepth: number }>): { value: unknown; diagnostics: Diagnostic[]; sourceMap?: unknown };
}

/** Import a core module that may not exist yet (other engineers are writing it). */
async function importCore<T>(relative: string, member: string): Promise<T | undefined> {
  const file = resolve(__dirname, '..', relative);
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const fromDefault = (mod.default ?? {}) as Record<string, unknown>;
  if (typeof mod[member] === 'function') return mod as T;
  if (typeof fromDefault[member] === 'function') return fromDefault as T;
  return undefined;
}

export async function benchValidate(o: BenchOptions): Promise<Figure[]> {
  const bytes = o.quick ? 1024 * 1024 : 10 * 1024 * 1024;
  const label = o.quick ? '1 MB' : '10 MB';
  const figures: Figure[] = [];
  const { text, generated } = generateWorkbookText(bytes);
  o.log(`  workbook text: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${generated.formulaCells} formula cells`);
  const size = `${(text.length / 1024 / 1024).toFixed(1)} MB, ${generated.formulaCells} formulas`;
  const validate = await importCore<ValidateApi>('src/core/validate/index.ts', 'validateWorkbookText');
  const parse = await importCore<ParseApi>('src/core/parse/index.ts', 'parseWorkbookText');
  const jsonParse = { run: () => JSON.parse(text) as unknown };
  const opts = reps(o, { warmup: 2, reps: 7 }, { warmup: 1, reps: 3 });

  if (parse) {
    try {
      const r = parse.parseWorkbookText(text);
      if (r.diagnostics.length > 0) o.log(`  note: parse reports ${r.diagnostics.length} diagnostics, first: ${r.diagnostics[0].code} ${r.diagnostics[0].message}`);
      const pair = measurePair({ run: () => parse.parseWorkbookText(text) }, jsonParse, opts);
      figures.push(judge({ id: '2.parse', title: `parseWorkbookText, ${label}`, ...pair, against: 'JSON.parse', note: size }));
    } catch (err) {
      figures.push(failed('2.parse', `parseWorkbookText, ${label}`, err));
    }
  } else {
    figures.push(notMeasured('2.parse', `parseWorkbookText, ${label}`, 'src/core/parse/index.ts does not export parseWorkbookText yet'));
  }

  // Where validation time goes: the schema (ajv) and the semantic checks on the parsed value.
  if (parse && validate?.workbookSchemaValidator && validate.semanticDiagnostics) {
    try {
      const parsed = parse.parseWorkbookText(text);
      const ajv = validate.workbookSchemaValidator();
      const semantic = validate.semanticDiagnostics;
      figures.push(judge({ id: '2.schema', title: `  of which schema (ajv validate), ${label}`, ours: measure({ run: () => ajv(parsed.value) }, opts), note: 'the compiled ajv validator on the parsed value' }));
      figures.push(judge({ id: '2.semantic', title: `  of which semantic checks, ${label}`, ours: measure({ run: () => semantic(parsed.value, parsed.sourceMap) }, opts) }));
    } catch (err) {
      figures.push(failed('2.schema', `validation breakdown, ${label}`, err));
    }
  }

  const title = `validateWorkbookText {model:false}, ${label}`;
  const budget = { on: 'ms', max: 300 } as const;
  if (!validate) {
    figures.push(notMeasured('2.validate', title, 'src/core/validate/index.ts does not export validateWorkbookText yet', budget));
    figures.push(notMeasured('2.model', `validateWorkbookText {model:true}, ${label}`, 'validate not available yet'));
    return figures;
  }
  try {
    const r = validate.validateWorkbookText(text, { model: false });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (!r.workbook || errors.length > 0) o.log(`  note: generated workbook has ${errors.length} error diagnostics, first: ${errors[0]?.code} ${errors[0]?.message}`);
    const pair = measurePair({ run: () => validate.validateWorkbookText(text, { model: false }) }, jsonParse, opts);
    figures.push(judge({
      id: '2.validate', title, budget, ...pair, against: 'JSON.parse (reference only)',
      note: `${size}; ${r.diagnostics.length} diagnostics`,
    }));
  } catch (err) {
    figures.push(failed('2.validate', title, err, budget));
  }
  const modelTitle = `validateWorkbookText {model:true, Baseline}, ${label}`;
  try {
    // Slow at 10 MB: one sample first, more only when that one took under 20 s.
    const run = { run: () => validate.validateWorkbookText(text, { model: true, scenarios: ['Baseline'] }) };
    let stats = measure(run, { warmup: 0, reps: 1 });
    if (!o.quick && stats.median < 20_000) {
      const more = measure(run, { warmup: 0, reps: 2 });
      const samples = [...stats.samples, ...more.samples];
      stats = { samples, median: median(samples), best: Math.min(...samples), inner: 1 };
    }
    figures.push(judge({ id: '2.model', title: modelTitle, ours: stats, note: `${size}; schema + semantic + model diagnostics under Baseline only; ${stats.samples.length} sample(s), no warm-up` }));
  } catch (err) {
    figures.push(failed('2.model', modelTitle, err));
  }
  return figures;
}

// ---------------------------------------------------------------------------------------
// 3. Single-cell recalculation after an edit
// ---------------------------------------------------------------------------------------

export function benchEdit(o: BenchOptions): Figure[] {
  const size = o.quick ? 10_000 : 100_000;
  const id = '3.edit';
  const title = `setCell on an input + read ${'dependents'}, ${sizeLabel(size)} formula cells`;
  const budget = { on: 'ratio', max: 1.25 } as const;
  let engine: WorkbookEngine | undefined;
  let hf: HyperFormula | undefined;
  try {
    const g = generateFormulaWorkbook(size);
    engine = WorkbookEngine.create(g.workbook);
    readAllOurs(engine, g.workbook);
    hf = buildRaw(toRawInput(g.workbook));
    const { sheet, row, col, a1 } = g.editCell;
    const original = g.workbook.sheets[sheet].rows[row][col] as number;
    const value = (i: number) => original * (1 + ((i % 7) + 1) / 100); // always a change
    const oursEngine = engine;
    const rawEngine = hf;
    const pair = measurePair(
      {
        run: (_p, i) => {
          oursEngine.setCell(sheet, row, col, value(i));
          let x: CellValue = null;
          for (const d of g.dependents) x = oursEngine.getCellValue(d.a1);
          return x;
        },
      },
      {
        run: (_p, i) => {
          rawEngine.setCellContents({ sheet, row, col }, value(i));
          let x: unknown = null;
          for (const d of g.dependents) x = rawEngine.getCellValue({ sheet: d.sheet, row: d.row, col: d.col });
          return x;
        },
      },
      reps(o, { warmup: 2, reps: 15, inner: 20 }, { warmup: 1, reps: 5, inner: 10 }),
    );
    // The engine must have recalculated: compare one dependent with raw HyperFormula.
    oursEngine.setCell(sheet, row, col, original * 1.5);
    rawEngine.setCellContents({ sheet, row, col }, original * 1.5);
    const d = g.dependents[g.dependents.length - 1];
    const ours = oursEngine.getCellValue(d.a1);
    const raw = rawEngine.getCellValue({ sheet: d.sheet, row: d.row, col: d.col });
    if (ours === null) throw new NotImplemented('WorkbookEngine.getCellValue returns null (engine not implemented yet)');
    if (typeof ours === 'number' && typeof raw === 'number' && Math.abs(ours - raw) > 1e-9 * Math.max(1, Math.abs(raw))) {
      throw new Error(`after the edit ${d.a1} is ${ours} in the engine but ${raw} in raw HyperFormula`);
    }
    return [judge({
      id, title, budget, ...pair,
      against: 'HyperFormula setCellContents + getCellValue',
      note: `edit ${a1}, read ${g.dependents.length} dependent cells (row, rest of block, summary line, totals)`,
    })];
  } catch (err) {
    return [err instanceof NotImplemented ? notMeasured(id, title, err.message, budget) : failed(id, title, err, budget)];
  } finally {
    engine?.dispose();
    hf?.destroy();
  }
}

// ---------------------------------------------------------------------------------------
// 4. CSV export
// ---------------------------------------------------------------------------------------

export function benchCsv(o: BenchOptions): Figure[] {
  const rows = o.quick ? 10_000 : 100_000;
  const title = `CSV export, ${sizeLabel(rows)} rows x 10 columns`;
  const budget = { on: 'ratio', max: 1.2 } as const;
  try {
    const data = generateCsvRows(rows);
    const ours = toCsv(data);
    const raw = Papa.unparse(data, { delimiter: ',', newline: '\r\n', header: false });
    if (ours !== raw) o.log('  note: toCsv and Papa.unparse output differ on the benchmark rows');
    const pair = measurePair(
      { run: () => toCsv(data) },
      { run: () => Papa.unparse(data, { delimiter: ',', newline: '\r\n', header: false }) },
      reps(o, { warmup: 3, reps: 9 }, { warmup: 1, reps: 5 }),
    );
    return [judge({
      id: '4.csv', title, budget, ...pair, against: 'Papa.unparse',
      note: `${(ours.length / 1e6).toFixed(1)} MB of CSV; text, years, floats, some negative and empty`,
    })];
  } catch (err) {
    return [failed('4.csv', title, err, budget)];
  }
}

// ---------------------------------------------------------------------------------------
// 5. Scenario tools: 10-scenario summary and a 20x20 data table vs one plain evaluation
// ---------------------------------------------------------------------------------------

/** The largest `samples/*.minerals.json`, if any. */
function largestSample(): { name: string; text: string } | undefined {
  const dir = resolve(__dirname, '..', 'samples');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.minerals.json'))
    .map((f) => ({ f, size: statSync(join(dir, f)).size }))
    .sort((a, b) => b.size - a.size);
  if (files.length === 0) return undefined;
  return { name: files[0].f, text: readFileSync(join(dir, files[0].f), 'utf8') };
}

function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function sweep(wb: Workbook, param: string): number[] {
  const p = wb.parameters?.[param];
  if (!p) throw new Error(`no parameter ${param}`);
  const span = Math.abs(p.value) > 0 ? Math.abs(p.value) * 0.5 : 1;
  const lo = p.min ?? p.value - span;
  const hi = p.max ?? p.value + span;
  return linspace(lo, hi, 20);
}

/** The last formula cell of every sheet: typically totals. */
function resultCells(wb: Workbook): string[] {
  const cells: string[] = [];
  for (const sheet of wb.sheets) {
    for (let r = sheet.rows.length - 1; r >= 0 && cells.length < 12; r--) {
      const row = sheet.rows[r];
      let c = row.length - 1;
      while (c >= 0 && !(typeof row[c] === 'string' && (row[c] as string).startsWith('='))) c--;
      if (c >= 0) {
        const ref = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
        cells.push(`${ref}!${colName(c)}${r + 1}`);
        break;
      }
    }
  }
  return cells;
}

/** Raw HyperFormula doing the same work as `compare`: per scenario set the overrides, read the cells. */
function rawDataTable2(hf: HyperFormula, req: DataTable2Request, base: Record<string, number>): unknown[][] {
  const a = hf.simpleCellAddressFromString(req.cell, 0);
  if (!a) throw new Error(`bad cell ${req.cell}`);
  const out = req.rowValues.map((rv) => req.colValues.map((cv) => {
    hf.batch(() => {
      hf.changeNamedExpression(req.rowParam, rv);
      hf.changeNamedExpression(req.colParam, cv);
    });
    return hf.getCellValue(a);
  }));
  hf.batch(() => {
    hf.changeNamedExpression(req.rowParam, base[req.rowParam]);
    hf.changeNamedExpression(req.colParam, base[req.colParam]);
  });
  return out;
}

function scenarioFigures(o: BenchOptions, key: string, label: string, wb: Workbook, fixed?: { cells: string[]; dt: DataTable2Request }): Figure[] {
  const figures: Figure[] = [];
  const prefix = `5.${key}`;
  const nScen = Object.keys(wb.scenarios ?? {}).filter((n) => n !== 'Baseline').length + 1;
  let engine: WorkbookEngine | undefined;
  let hf: HyperFormula | undefined;
  try {
    engine = WorkbookEngine.create(wb);
    const e = engine;
    const ev = e.evaluate();
    if (Object.keys(ev.sheets).length === 0) throw new NotImplemented('WorkbookEngine.evaluate returns no sheets (engine not implemented yet)');
    const opts = reps(o, { warmup: 2, reps: 7 }, { warmup: 1, reps: 3 });
    const plain = measure({ run: () => { const x = WorkbookEngine.create(wb); x.evaluate(); return x; }, teardown: (x) => x.dispose() }, opts);
    const warm = measure({ run: () => e.evaluate() }, opts);
    figures.push(judge({ id: `${prefix}.eval`, title: `one plain evaluation (create + evaluate), ${label}`, ours: plain, note: `warm evaluate() alone: ${warm.median.toFixed(2)} ms` }));

    const cells = fixed?.cells ?? resultCells(wb);
    const summary = e.compare(cells);
    const input = toRawInput(wb);
    hf = buildRaw(input);
    const h = hf;
    const cmp = measure({ run: () => e.compare(cells) }, opts);
    const rawCmp = measure({ run: () => rawCompare(h, wb, cells) }, opts);
    figures.push(judge({
      id: `${prefix}.compare`, title: `compare: ${nScen}-scenario summary of ${cells.length} cells, ${label}`,
      ours: cmp, raw: plain, ratio: cmp.median / plain.median, ratioBest: cmp.best / plain.best,
      against: 'one plain evaluation',
      budget: { on: 'ratio', max: nScen },
      note: `budget = ${nScen} plain evaluations (no worse than one per scenario); raw HF loop of the same overrides: ${rawCmp.median.toFixed(2)} ms (ours ${(cmp.median / rawCmp.median).toFixed(2)}x)`,
    }));

    let dt = fixed?.dt;
    if (!dt) {
      // Pick a result cell that some scenario changes, and two parameters that scenario changes
      // (or the first two parameters).
      const params = Object.keys(wb.parameters ?? {});
      const sc = summary.scenarios.find((s) => s.changedCells.length > 0 && s.changedParameters.length > 0);
      const cell = sc?.changedCells[0] ?? cells[0];
      const chosen = [...new Set([...(sc?.changedParameters ?? []), ...params])].slice(0, 2);
      dt = { cell, rowParam: chosen[0], rowValues: sweep(wb, chosen[0]), colParam: chosen[1], colValues: sweep(wb, chosen[1]) };
    }
    const req = dt;
    const base = Object.fromEntries(Object.entries(wb.parameters ?? {}).map(([k, p]) => [k, p.value]));
    const table = measure({ run: () => e.dataTable2(req) }, reps(o, { warmup: 1, reps: 5 }, { warmup: 1, reps: 2 }));
    const rawTable = measure({ run: () => rawDataTable2(h, req, base) }, reps(o, { warmup: 1, reps: 5 }, { warmup: 1, reps: 2 }));
    figures.push(judge({
      id: `${prefix}.table`, title: `dataTable2 20x20 (${req.rowParam} x ${req.colParam} -> ${req.cell}), ${label}`,
      ours: table, raw: plain, ratio: table.median / plain.median, ratioBest: table.best / plain.best,
      against: 'one plain evaluation',
      budget: { on: 'ratio', max: 400 },
      note: `budget = 400 plain evaluations (no worse than one per point); raw HF loop: ${rawTable.median.toFixed(2)} ms (ours ${(table.median / rawTable.median).toFixed(2)}x)`,
    }));
  } catch (err) {
    const title = `scenario tools, ${label}`;
    figures.push(err instanceof NotImplemented || (err instanceof Error && /not implemented/i.test(err.message))
      ? notMeasured(`${prefix}`, title, err instanceof Error ? err.message : String(err))
      : failed(`${prefix}`, title, err));
  } finally {
    engine?.dispose();
    hf?.destroy();
  }
  return figures;
}

export async function benchScenarios(o: BenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const sample = largestSample();
  if (sample) {
    const validate = await importCore<ValidateApi>('src/core/validate/index.ts', 'validateWorkbookText');
    let wb: Workbook | undefined;
    try {
      wb = validate ? validate.validateWorkbookText(sample.text, { model: false }).workbook : (JSON.parse(sample.text) as Workbook);
    } catch {
      wb = undefined;
    }
    if (wb) figures.push(...scenarioFigures(o, 'sample', sample.name.replace(/\.minerals\.json$/, ''), wb));
    else figures.push(notMeasured('5.sample', `scenario tools, ${sample.name}`, 'the sample does not validate'));
  }
  const g = generateFormulaWorkbook(o.quick ? 2_000 : 10_000);
  figures.push(...scenarioFigures(o, 'gen', `generated ${sizeLabel(g.formulaCells)}`, g.workbook, {
    cells: ['Summary!B' + (g.blocks + 1), 'Summary!C' + (g.blocks + 1), 'Summary!D' + (g.blocks + 1), g.resultCell, 'Summary!G' + (g.blocks + 1)],
    dt: { cell: g.resultCell, rowParam: 'ImportDisruption', rowValues: sweep(g.workbook, 'ImportDisruption'), colParam: 'StockpileDays', colValues: sweep(g.workbook, 'StockpileDays') },
  }));
  return figures;
}
