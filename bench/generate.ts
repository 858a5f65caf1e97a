/**
 * Workbook generators for the benchmarks. Deterministic (seeded), so that every run and
 * every machine measures the same cells.
 *
 * The formula workbook imitates a supply-security model: a `Supply` sheet with one row per
 * mineral x country x year (inputs, then 16 formula columns that use parameters by name,
 * refer to the previous row, and SUM over ranges), grouped in blocks of 20 years, and a
 * `Summary` sheet with one row per block that refers to the first sheet.
 */
import type { ParameterSpec, RawCell, ScenarioSpec, SheetSpec, Workbook } from '../src/core/model/workbook';

/** Small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINERALS = [
  'Lithium', 'Cobalt', 'Nickel', 'Graphite', 'Manganese', 'Neodymium', 'Dysprosium', 'Terbium',
  'Praseodymium', 'Gallium', 'Germanium', 'Tungsten', 'Vanadium', 'Platinum', 'Palladium', 'Copper',
];
const COUNTRIES = ['China', 'DR Congo', 'Australia', 'Chile', 'Indonesia', 'Russia', 'South Africa', 'Brazil', 'Canada', 'India'];

export const PARAMETERS: Record<string, ParameterSpec> = {
  GrowthRate: { value: 0.045, unit: '1/yr', min: -0.1, max: 0.3, description: 'Annual demand growth' },
  BaseYear: { value: 2024, unit: 'year', description: 'Year of the demand figures' },
  RecyclingYield: { value: 0.35, min: 0, max: 1, description: 'Share of recycled feed recovered' },
  ImportDisruption: { value: 0.2, min: 0, max: 1, description: 'Share of imports at risk' },
  ConcentrationFactor: { value: 1.3, min: 1, max: 3, description: 'Dominant-supplier multiplier' },
  StockpileDays: { value: 90, unit: 'days', min: 0, max: 365, description: 'Days of at-risk imports to hold' },
  NCMMBudget: { value: 16300, unit: 'MUSD', min: 0, description: 'National mission budget' },
  RiskThreshold: { value: 0.6, min: 0, max: 1, description: 'Import share above which a line is flagged' },
  PriceShock: { value: 0.25, min: 0, max: 2, description: 'Price rise in a disruption' },
};

/** Ten scenarios (plus Baseline), each overriding one to three parameters. */
export function scenarios(): Record<string, ScenarioSpec> {
  return {
    Baseline: { description: 'Parameters as written', set: {} },
    'Export controls': { description: 'Dominant supplier restricts exports', set: { ImportDisruption: 0.6, PriceShock: 0.8 } },
    'Fast EV uptake': { set: { GrowthRate: 0.12 } },
    'Slow growth': { set: { GrowthRate: 0.01 } },
    'Recycling push': { set: { RecyclingYield: 0.7 } },
    'Diversified supply': { set: { ConcentrationFactor: 1, ImportDisruption: 0.1 } },
    'Long stockpile': { set: { StockpileDays: 180 } },
    'Budget cut': { set: { NCMMBudget: 10000 } },
    'Price spike': { set: { PriceShock: 1.5 } },
    'Combined stress': { set: { ImportDisruption: 0.8, GrowthRate: 0.1, PriceShock: 1.2 } },
  };
}

export const ROWS_PER_BLOCK = 20;
/** Formula cells per `Supply` row (columns H..W). */
export const SUPPLY_FORMULAS_PER_ROW = 16;
/** Formula cells per `Summary` row. */
export const SUMMARY_FORMULAS_PER_ROW = 8;
const FORMULAS_PER_BLOCK = ROWS_PER_BLOCK * SUPPLY_FORMULAS_PER_ROW + SUMMARY_FORMULAS_PER_ROW;

export interface GeneratedWorkbook {
  workbook: Workbook;
  /** Formula cells actually generated. */
  formulaCells: number;
  /** Non-empty cells actually generated. */
  cells: number;
  blocks: number;
  /** An input cell in the middle of the model (0-based sheet/row/col) for the edit benchmark. */
  editCell: { sheet: number; row: number; col: number; a1: string };
  /** Cells that depend on `editCell` (0-based and A1, e.g. `Supply!H123`). */
  dependents: { sheet: number; row: number; col: number; a1: string }[];
  /** A result cell that depends on every parameter (for scenario tools). */
  resultCell: string;
}

/** Column letters for a 0-based index. */
export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function a1(sheet: string, row: number, col: number): string {
  return `${sheet}!${colName(col)}${row + 1}`;
}

/** Round to a few decimals, like figures typed by an analyst. */
function fig(x: number, decimals: number): number {
  const k = 10 ** decimals;
  return Math.round(x * k) / k;
}

/**
 * A workbook with about `targetFormulaCells` formula cells (rounded to whole blocks of
 * 20 supply rows + 1 summary row = 328 formulas).
 */
export function generateFormulaWorkbook(targetFormulaCells: number, seed = 42): GeneratedWorkbook {
  const random = rng(seed);
  const blocks = Math.max(1, Math.round(targetFormulaCells / FORMULAS_PER_BLOCK));
  const supply: RawCell[][] = [];
  const summary: RawCell[][] = [];
  for (let b = 0; b < blocks; b++) {
    const mineral = MINERALS[b % MINERALS.length];
    const country = COUNTRIES[Math.floor(b / MINERALS.length) % COUNTRIES.length];
    const s = b * ROWS_PER_BLOCK + 1; // first 1-based row of the block
    const e = s + ROWS_PER_BLOCK - 1;
    const demand0 = 50 + random() * 5000;
    const price = fig(2000 + random() * 80000, 0);
    for (let i = 0; i < ROWS_PER_BLOCK; i++) {
      const r = s + i;
      const first = i === 0;
      supply.push([
        mineral,
        country,
        2024 + i,
        fig(demand0 * (0.9 + random() * 0.2), 1), // D demand (t)
        fig(demand0 * random() * 0.6, 1), // E domestic production (t)
        fig(demand0 * random() * 0.1, 1), // F recycled feed (t)
        price, // G price ($/t)
        `=D${r}*(1+GrowthRate)^INT(C${r}-BaseYear)`, // H projected demand
        `=F${r}*RecyclingYield`, // I recycled supply
        `=E${r}+I${r}`, // J total domestic
        `=MAX(0,H${r}-J${r})`, // K import need
        `=K${r}*ImportDisruption*ConcentrationFactor`, // L at-risk imports
        `=L${r}*StockpileDays/365`, // M stockpile target
        first ? `=M${r}` : `=N${r - 1}+M${r}`, // N cumulative stockpile (cross-row)
        `=SUM(K${s}:K${r})`, // O running import need (range)
        `=IF(H${r}=0,0,K${r}/H${r})`, // P import share
        `=IF(H${r}=0,1,J${r}/H${r})`, // Q self-sufficiency
        `=M${r}*G${r}/1000000`, // R stockpile cost (MUSD)
        `=SUM(R${s}:R${r})`, // S cumulative cost (range)
        `=R${r}/NCMMBudget`, // T budget share
        `=IF(P${r}>RiskThreshold,1,0)`, // U risk flag
        `=K${r}*G${r}*PriceShock/1000000`, // V price-shock cost
        first ? '=0' : `=H${r}-H${r - 1}`, // W demand change (cross-row)
      ]);
    }
    const k = b + 1;
    summary.push([
      `=Supply!A${s}&" / "&Supply!B${s}`,
      `=SUM(Supply!H${s}:H${e})`,
      `=SUM(Supply!K${s}:K${e})`,
      `=Supply!N${e}`,
      `=Supply!S${e}`,
      `=IF(B${k}=0,0,C${k}/B${k})`,
      `=E${k}/NCMMBudget`,
      `=SUM(Supply!U${s}:U${e})`,
    ]);
  }
  const n = blocks;
  summary.push(['Total', `=SUM(B1:B${n})`, `=SUM(C1:C${n})`, `=SUM(D1:D${n})`, `=SUM(E1:E${n})`, `=IF(B${n + 1}=0,0,C${n + 1}/B${n + 1})`, `=E${n + 1}/NCMMBudget`, `=SUM(H1:H${n})`]);

  const supplySheet: SheetSpec = {
    name: 'Supply',
    columns: [
      'Mineral', 'Country', 'Year', 'Demand (t)', 'Domestic (t)', 'Recycled feed (t)', 'Price ($/t)', 'Projected demand (t)',
      'Recycled (t)', 'Domestic total (t)', 'Import need (t)', 'At-risk imports (t)', 'Stockpile target (t)',
      'Cumulative stockpile (t)', 'Cumulative import need (t)', 'Import share', 'Self-sufficiency', 'Stockpile cost (MUSD)',
      'Cumulative cost (MUSD)', 'Budget share', 'Risk flag', 'Price-shock cost (MUSD)', 'Demand change (t)',
    ].map((header) => ({ header })),
    rows: supply,
  };
  const summarySheet: SheetSpec = {
    name: 'Summary',
    columns: ['Line', 'Demand (t)', 'Import need (t)', 'Stockpile (t)', 'Cost (MUSD)', 'Import share', 'Budget share', 'Risk years']
      .map((header) => ({ header })),
    rows: summary,
  };
  const workbook: Workbook = {
    $schema: '../schemas/minerals-workbook.schema.json',
    format: 'minerals-workbook',
    version: 1,
    title: `Generated supply-security model (${blocks} lines)`,
    description: 'Generated by bench/generate.ts for benchmarks.',
    parameters: PARAMETERS,
    scenarios: scenarios(),
    sheets: [supplySheet, summarySheet],
    checks: [
      { name: 'Within budget', assert: `=Summary!E${n + 1}<=NCMMBudget*1000`, severity: 'warning', message: 'Stockpile cost exceeds the budget' },
      { name: 'Shares are shares', assert: `=AND(Summary!F${n + 1}>=0,Summary!F${n + 1}<=1)`, severity: 'error' },
    ],
  };

  // Edit target: demand (column D) of the 5th year of the middle block.
  const mb = Math.floor(blocks / 2);
  const row = mb * ROWS_PER_BLOCK + 4; // 0-based
  const blockEnd = mb * ROWS_PER_BLOCK + ROWS_PER_BLOCK - 1; // 0-based
  const dependents: GeneratedWorkbook['dependents'] = [];
  const dep = (sheet: number, r: number, c: number) =>
    dependents.push({ sheet, row: r, col: c, a1: a1(sheet === 0 ? 'Supply' : 'Summary', r, c) });
  for (let c = 7; c <= 22; c++) if (c !== 8 && c !== 9) dep(0, row, c); // the row's formulas fed by demand
  dep(0, row + 1, 22); // next year's demand change
  for (let r = row + 1; r <= blockEnd; r++) for (const c of [13, 14, 18]) dep(0, r, c); // running sums and totals
  for (let c = 1; c <= 7; c++) dep(1, mb, c); // the block's summary line
  for (let c = 1; c <= 7; c++) dep(1, n, c); // the totals line

  return {
    workbook,
    formulaCells: blocks * FORMULAS_PER_BLOCK + SUMMARY_FORMULAS_PER_ROW - 1,
    cells: blocks * ROWS_PER_BLOCK * 23 + (blocks + 1) * 8,
    blocks,
    editCell: { sheet: 0, row, col: 3, a1: a1('Supply', row, 3) },
    dependents,
    resultCell: `Summary!E${n + 1}`,
  };
}

/**
 * Format a workbook the way the project writes files: 2-space indentation, one row of
 * cells per line.
 */
export function formatWorkbook(wb: Workbook): string {
  const placeholder = (i: number, j: number) => `\u0000ROW${i}_${j}\u0000`;
  const rowsText = new Map<string, string>();
  const copy: Workbook = {
    ...wb,
    sheets: wb.sheets.map((sh, i) => ({
      ...sh,
      rows: sh.rows.map((row, j) => {
        const key = placeholder(i, j);
        rowsText.set(key, `[${row.map((v) => JSON.stringify(v)).join(', ')}]`);
        return key as unknown as RawCell[];
      }),
    })),
  };
  return JSON.stringify(copy, null, 2).replace(/"\\u0000ROW\d+_\d+\\u0000"/g, (m) => rowsText.get(JSON.parse(m) as string) ?? m) + '\n';
}

/** A formatted workbook text of at least `targetBytes` bytes (whole blocks). */
export function generateWorkbookText(targetBytes: number, seed = 7): { text: string; generated: GeneratedWorkbook } {
  // Measure one block's size, then scale.
  const probe = formatWorkbook(generateFormulaWorkbook(FORMULAS_PER_BLOCK * 20, seed).workbook);
  const perBlock = probe.length / 20;
  const generated = generateFormulaWorkbook(Math.ceil(targetBytes / perBlock) * FORMULAS_PER_BLOCK, seed);
  return { text: formatWorkbook(generated.workbook), generated };
}

/**
 * Rows like a computed sheet exported to CSV: two text columns, a year, and seven
 * full-precision figures (some negative, some empty), `rows` x 10.
 */
export function generateCsvRows(rows: number, seed = 3): (number | string | null)[][] {
  const random = rng(seed);
  const out: (number | string | null)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: (number | string | null)[] = [
      MINERALS[r % MINERALS.length],
      COUNTRIES[(r >> 4) % COUNTRIES.length],
      2024 + (r % ROWS_PER_BLOCK),
    ];
    for (let c = 0; c < 7; c++) {
      const x = random();
      row.push(x < 0.03 ? null : c === 6 ? (x - 0.3) * 1000 : x * 10 ** (1 + c));
    }
    out[r] = row;
  }
  return out;
}

/**
 * A large flat grid for the webview: `rows` x `cols`; column A a label, column B the row
 * total (`=SUM(C1:...)`), the rest small numbers. Editing C1 changes B1, both in view.
 */
export function generateGridWorkbook(rows: number, cols: number, seed = 11): Workbook {
  const random = rng(seed);
  const last = colName(cols - 1);
  const data: RawCell[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: RawCell[] = new Array(cols);
    row[0] = `Item ${r + 1}`;
    row[1] = `=SUM(C${r + 1}:${last}${r + 1})`;
    for (let c = 2; c < cols; c++) row[c] = Math.floor(random() * 1000);
    data[r] = row;
  }
  return {
    format: 'minerals-workbook',
    version: 1,
    title: `Generated grid ${rows} x ${cols}`,
    sheets: [{ name: 'Grid', columns: [{ header: 'Item' }, { header: 'Total', format: '#,##0' }], rows: data }],
  };
}
