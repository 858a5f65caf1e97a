/**
 * The workbook's scenarios as Excel Scenario Manager scenarios (`<scenarios>` in a sheet's XML).
 * Excel's scenarios change cells of one sheet to constants, so a scenario becomes one
 * `<scenario>` on each sheet it changes: parameter overrides on the Parameters sheet (where each
 * parameter's name refers to its value cell), cell overrides on their own sheet. Every
 * scenario lists every changing cell of its sheet (Baseline's value where it sets none), so
 * showing a scenario in Excel resets what another one changed. Baseline is a scenario too.
 */
import { cellAddress, parseA1 } from '../model/a1';
import { BASE_SCENARIO, scenarioNames, type RawCell, type Workbook } from '../model/workbook';
import { splitSheetRef } from '../validate/names';
import { escapeXml } from './xml';

/** One sheet's changing cells: Excel address -> value per scenario (in `scenarioNames` order). */
export type ChangingCells = Map<string, RawCell[]>;

/** Excel's limit on a scenario's changing cells. */
const MAX_CHANGING_CELLS = 32;

/**
 * Changing cells per sheet: key `''` for the Parameters sheet, else the model sheet's name in
 * lower case. `paramRow(name)` gives a parameter's 0-based row on the Parameters sheet;
 * `rowOffset(sheet)` the rows the export inserts above a model sheet.
 * Formula overrides cannot be a Scenario Manager value: reported through `note`.
 */
export function changingCells(
  workbook: Workbook, paramRow: (name: string) => number | undefined, rowOffset: (sheet: string) => number | undefined,
  note: (sheet: string | undefined, message: string) => void,
): Map<string, ChangingCells> {
  const names = scenarioNames(workbook);
  const scenarios = workbook.scenarios ?? {};
  const params = workbook.parameters ?? {};
  const upper = new Map(Object.keys(params).map((p) => [p.toUpperCase(), p]));
  const bySheet = new Map<string, ChangingCells>();
  const entry = (sheet: string, address: string, base: RawCell): RawCell[] => {
    let cells = bySheet.get(sheet);
    if (!cells) bySheet.set(sheet, (cells = new Map()));
    let values = cells.get(address);
    if (!values) cells.set(address, (values = names.map(() => base)));
    return values;
  };
  names.forEach((scenario, i) => {
    if (scenario === BASE_SCENARIO || !Object.hasOwn(scenarios, scenario)) return;
    for (const [key, value] of Object.entries(scenarios[scenario]!.set)) {
      const isFormula = typeof value === 'string' && value.startsWith('=');
      const param = Object.hasOwn(params, key) ? key : upper.get(key.toUpperCase());
      if (param !== undefined) {
        const row = paramRow(param);
        if (row === undefined) continue;
        if (isFormula) { note(undefined, `scenario "${scenario}" sets ${param} to a formula, which an Excel scenario cannot hold; left out of the Scenario Manager`); continue; }
        entry('', cellAddress(row, 1), params[param]!.value)[i] = value;
        continue;
      }
      const ref = splitSheetRef(key.trim());
      const at = ref && parseA1(ref.address);
      const sheetIndex = ref ? workbook.sheets.findIndex((s) => s.name.toLowerCase() === ref.sheet.toLowerCase()) : -1;
      if (!ref || !at || sheetIndex < 0) continue; // reported by validation (MW3003)
      const sheet = workbook.sheets[sheetIndex]!;
      if (isFormula) { note(sheet.name, `scenario "${scenario}" sets ${key} to a formula, which an Excel scenario cannot hold; left out of the Scenario Manager`); continue; }
      const lower = sheet.name.toLowerCase();
      entry(lower, cellAddress(at.row + (rowOffset(lower) ?? 0), at.col), sheet.rows[at.row]?.[at.col] ?? null)[i] = value;
    }
  });
  for (const [sheet, cells] of bySheet) {
    if (cells.size > MAX_CHANGING_CELLS) {
      note(sheet || undefined, `a scenario sheet has ${cells.size} changing cells, more than the ${MAX_CHANGING_CELLS} Excel's Scenario Manager shows; they are all written`);
    }
  }
  return bySheet;
}

function inputValue(v: RawCell): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return v.startsWith("'") ? v.slice(1) : v;
}

/** The `<scenarios>` element for one sheet's changing cells; `current` is the exported scenario. */
export function scenariosXml(workbook: Workbook, cells: ChangingCells, current: string): string {
  const names = scenarioNames(workbook);
  const scenarios = workbook.scenarios ?? {};
  const addresses = [...cells.keys()];
  const list = names.map((name, i) => {
    const description = Object.hasOwn(scenarios, name) ? scenarios[name]!.description : undefined;
    const comment = description ? ` comment="${escapeXml(description.slice(0, 255))}"` : '';
    const inputs = addresses.map((a) => `<inputCells r="${a}" val="${escapeXml(inputValue(cells.get(a)![i]!))}"/>`).join('');
    return `<scenario name="${escapeXml(name.slice(0, 255))}" locked="1" count="${addresses.length}" user="Minerals Workbook"${comment}>${inputs}</scenario>`;
  }).join('');
  return `<scenarios current="${Math.max(0, names.indexOf(current))}" show="${Math.max(0, names.indexOf(current))}" sqref="${addresses.join(' ')}">${list}</scenarios>`;
}

/** One Scenario Manager scenario as a sheet's XML holds it. */
export interface StoredScenario {
  name: string;
  comment?: string;
  /** Changing cells: address on the sheet -> value as Excel stores it (text). */
  inputs: { address: string; value: string }[];
}

/** The `<scenarios>` of a parsed worksheet, and the index of the one shown (`current`). */
export function readScenarios(
  scenarios: Record<string, unknown> | undefined,
  attr: (node: unknown, name: string) => string | undefined,
  children: (node: unknown, name: string) => Record<string, unknown>[],
): { list: StoredScenario[]; current?: number } {
  if (!scenarios) return { list: [] };
  const list = children(scenarios, 'scenario').map((s) => ({
    name: attr(s, 'name') ?? '',
    comment: attr(s, 'comment'),
    inputs: children(s, 'inputCells').map((c) => ({ address: attr(c, 'r') ?? '', value: attr(c, 'val') ?? '' })),
  })).filter((s) => s.name !== '');
  const current = Number(attr(scenarios, 'current') ?? attr(scenarios, 'show'));
  return { list, current: Number.isInteger(current) && current >= 0 && current < list.length ? current : undefined };
}
