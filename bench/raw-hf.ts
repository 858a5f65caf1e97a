/**
 * The baseline: the same workbook given straight to HyperFormula, with cells already
 * translated (untimed) exactly as the engine translates them, parameters as named
 * expressions, and the engine's own HyperFormula configuration, so that a ratio measures
 * only what our wrapper adds.
 */
import { HyperFormula, type ConfigParams, type RawCellContent, type SerializedNamedExpression } from 'hyperformula';
import type { RawCell, Workbook } from '../src/core/model/workbook';

export interface RawInput {
  sheets: Record<string, RawCellContent[][]>;
  namedExpressions: SerializedNamedExpression[];
}

/** What the baseline borrows from the engine module, when it loads. */
export interface EngineHelpers {
  excelConfig(limits: { maxRows: number; maxColumns: number }): Partial<ConfigParams>;
  EXCEL_LIMITS: Readonly<{ maxRows: number; maxColumns: number }>;
  toEngineContent(raw: RawCell | undefined): RawCellContent;
}

let config: Partial<ConfigParams> = { licenseKey: 'gpl-v3', maxRows: 1_048_576, maxColumns: 16_384 };
let toContent = (raw: RawCell | undefined): RawCellContent => raw ?? null;

/** Use the engine's HyperFormula configuration and cell translation. */
export function useEngineHelpers(h: EngineHelpers): void {
  config = h.excelConfig(h.EXCEL_LIMITS);
  toContent = h.toEngineContent;
}

/** Translate every cell once, outside the timed region. */
export function toRawInput(wb: Workbook): RawInput {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const sheet of wb.sheets) sheets[sheet.name] = sheet.rows.map((row) => row.map((cell) => toContent(cell)));
  const namedExpressions = Object.entries(wb.parameters ?? {}).map(([name, p]) => ({ name, expression: p.value }));
  return { sheets, namedExpressions };
}

export function buildRaw(input: RawInput): HyperFormula {
  return HyperFormula.buildFromSheets(input.sheets, config, input.namedExpressions);
}

/**
 * What `WorkbookEngine.compare` does, straight on HyperFormula: per scenario (Baseline first),
 * set its parameters and cell overrides, read the cells, restore the cells.
 */
export function rawCompare(hf: HyperFormula, wb: Workbook, cells: string[]): unknown[][] {
  const out: unknown[][] = [];
  const params = wb.parameters ?? {};
  const addrs = cells.map((c) => hf.simpleCellAddressFromString(c, 0));
  for (const sc of [{ set: {} }, ...Object.entries(wb.scenarios ?? {}).filter(([n]) => n !== 'Baseline').map(([, s]) => s)]) {
    hf.batch(() => {
      for (const [name, p] of Object.entries(params)) {
        const v = (sc.set as Record<string, unknown>)[name];
        hf.changeNamedExpression(name, typeof v === 'number' ? v : p.value);
      }
    });
    const cellOverrides = Object.entries(sc.set).filter(([k]) => k.includes('!'));
    const restore: [ReturnType<HyperFormula['simpleCellAddressFromString']>, unknown][] = [];
    for (const [k, v] of cellOverrides) {
      const a = hf.simpleCellAddressFromString(k, 0);
      if (a) {
        restore.push([a, hf.getCellSerialized(a)]);
        hf.setCellContents(a, v as number);
      }
    }
    out.push(addrs.map((a) => (a ? hf.getCellValue(a) : null)));
    for (const [a, v] of restore) if (a) hf.setCellContents(a, v as number);
  }
  return out;
}
