/**
 * The part of a workbook value the formula engine can still evaluate when the file has
 * schema or sheet-name errors, so that one typo in a description does not hide every formula
 * problem. Invalid parts are left out (or set to their default) rather than guessed at:
 *
 * - the core structure must hold: `sheets` a non-empty list of objects whose `rows` are lists
 *   of valid cells (number, text, boolean, null); otherwise nothing is evaluated;
 * - a sheet without a valid name (MW3006), or with a name an earlier sheet already has
 *   (MW3001, ignoring case), is left out: references to the name mean the first such sheet;
 * - a parameter with an invalid name, a name a formula would misread (error-level MW3002),
 *   a name differing only in case from an earlier one, or no numeric `value` is left out;
 *   its invalid `unit`/`min`/`max`/... are dropped;
 * - a check without a name or an `=` formula is skipped; an unknown severity is `error`;
 * - a scenario without a `set` object, or with an invalid name, is skipped; an override that
 *   is not a cell value, or sets a left-out parameter, is dropped;
 * - unknown properties, invalid column specs and formats, and a wrong `format`, `version` or
 *   `title` are ignored (the engine does not use them).
 *
 * The result passes the schema by construction. Sheets and checks may be renumbered: the
 * index maps say where each one is in the file.
 */
import schema from '../../../schemas/minerals-workbook.schema.json';
import type { CheckSpec, ColumnSpec, ParameterSpec, RawCell, ScenarioSpec, SheetSpec, Workbook } from '../model/workbook';
import { pointerOf } from '../parse';
import { parameterNameClash } from './names';
import { MAX_SCHEMA_DIAGNOSTICS } from './schema-check';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isCell(v: unknown): v is RawCell {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || isNum(v);
}

/** Own, enumerable property (a key such as `constructor` stays data). */
function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const SHEET_NAME = schema.$defs.sheetName;
const SHEET_NAME_PATTERN = new RegExp(SHEET_NAME.pattern, 'u');
const PARAMETER_NAME = schema.$defs.parameterName;
const PARAMETER_NAME_PATTERN = new RegExp(PARAMETER_NAME.pattern, 'u');
const SCENARIO_NAME = schema.properties.scenarios.propertyNames;
const FORMAT_KEY_PATTERN = new RegExp(schema.$defs.sheet.properties.formats.propertyNames.pattern, 'u');
const WIDTH = schema.$defs.column.properties.width;
const SEVERITIES: readonly string[] = schema.$defs.check.properties.severity.enum;

/** Length as JSON Schema counts it (code points). */
const codePoints = (s: string): number => [...s].length;

function validSheetName(v: unknown): v is string {
  return typeof v === 'string' && codePoints(v) >= SHEET_NAME.minLength && codePoints(v) <= SHEET_NAME.maxLength && SHEET_NAME_PATTERN.test(v);
}

/** Why a part of the file is not evaluated, attached to the diagnostics at `pointer` (and below). */
export interface EvaluationNote {
  pointer: string;
  note: string;
}

export type Evaluable =
  | {
    ok: true;
    workbook: Workbook;
    /** File index of each evaluated sheet (`workbook.sheets[i]` is the file's `sheets[sheetIndex[i]]`). */
    sheetIndex: number[];
    /** File index of each evaluated check. */
    checkIndex: number[];
    /** Parameters of the file left out of the evaluation. */
    leftOutParameters: string[];
    notes: EvaluationNote[];
  }
  | {
    ok: false;
    /** Where the structure is unusable; the schema reports each of these pointers. */
    notes: EvaluationNote[];
  };

const PAUSED = 'formula checks are paused until this is fixed';

/** What of `root` (any parsed value) can be evaluated; see the module comment. */
export function evaluablePart(root: unknown): Evaluable {
  const blockers: EvaluationNote[] = [];
  const block = (path: (string | number)[]): Evaluable => {
    blockers.push({ pointer: pointerOf(path), note: PAUSED });
    return { ok: false, notes: blockers };
  };
  if (!isObj(root)) return block([]);
  if (!Array.isArray(root.sheets)) return block(Object.hasOwn(root, 'sheets') ? ['sheets'] : []);

  const notes: EvaluationNote[] = [];
  const sheets: SheetSpec[] = [];
  const sheetIndex: number[] = [];
  const excluded: EvaluationNote[] = [];
  const seen = new Map<string, number>();
  root.sheets.forEach((raw, i) => {
    if (!isObj(raw)) { blockers.push({ pointer: pointerOf(['sheets', i]), note: PAUSED }); return; }
    const name = raw.name;
    if (!validSheetName(name)) {
      excluded.push({ pointer: pointerOf(Object.hasOwn(raw, 'name') ? ['sheets', i, 'name'] : ['sheets', i]), note: 'this sheet is not evaluated, and references to it do not work, until it has a valid name' });
      return;
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      excluded.push({ pointer: pointerOf(['sheets', i, 'name']), note: `this sheet is not evaluated, and references to "${name}" mean sheet ${first + 1}, until it is renamed` });
      return;
    }
    seen.set(name.toLowerCase(), i);
    if (!rowsUsable(raw, i, blockers)) return;
    sheets.push(sheetOf(raw, name));
    sheetIndex.push(i);
  });
  if (blockers.length > 0) return { ok: false, notes: blockers };
  if (sheets.length === 0) {
    // Nothing evaluable is left: the sheet-name errors are what pause the formula checks.
    if (excluded.length === 0) return block(['sheets']);
    return { ok: false, notes: excluded.map((e) => ({ pointer: e.pointer, note: PAUSED })) };
  }
  notes.push(...excluded);

  const wb: Workbook = { format: 'minerals-workbook', version: 1, title: typeof root.title === 'string' && root.title !== '' ? root.title : 'Untitled', sheets };
  const { parameters, leftOut } = parametersOf(root.parameters, notes);
  if (parameters !== undefined) wb.parameters = parameters;
  const scenarios = scenariosOf(root.scenarios, new Set(leftOut), notes);
  if (scenarios !== undefined) wb.scenarios = scenarios;
  const { checks, checkIndex } = checksOf(root.checks, notes);
  if (checks !== undefined) wb.checks = checks;
  return { ok: true, workbook: wb, sheetIndex, checkIndex, leftOutParameters: leftOut, notes };
}

/** Whether `rows` is a list of lists of cells; else records where it is not. */
function rowsUsable(sheet: Obj, i: number, blockers: EvaluationNote[]): boolean {
  const rows = sheet.rows;
  if (!Array.isArray(rows)) {
    blockers.push({ pointer: pointerOf(Object.hasOwn(sheet, 'rows') ? ['sheets', i, 'rows'] : ['sheets', i]), note: PAUSED });
    return false;
  }
  let ok = true;
  for (let r = 0; r < rows.length; r++) {
    // Nothing is evaluated anyway, and notes past the schema's cap have no diagnostic to join.
    if (blockers.length > MAX_SCHEMA_DIAGNOSTICS) return false;
    const row: unknown = rows[r];
    if (!Array.isArray(row)) { blockers.push({ pointer: pointerOf(['sheets', i, 'rows', r]), note: PAUSED }); ok = false; continue; }
    for (let c = 0; c < row.length; c++) {
      if (!isCell(row[c])) { blockers.push({ pointer: pointerOf(['sheets', i, 'rows', r, c]), note: PAUSED }); ok = false; }
    }
  }
  return ok;
}

/** A sheet with only its valid parts; the rows are the file's own arrays (already checked). */
function sheetOf(raw: Obj, name: string): SheetSpec {
  const sheet: SheetSpec = { name, rows: raw.rows as RawCell[][] };
  if (typeof raw.description === 'string') sheet.description = raw.description;
  if (Array.isArray(raw.columns)) {
    sheet.columns = raw.columns.map((c: unknown) => {
      const col: ColumnSpec = {};
      if (!isObj(c)) return col;
      if (typeof c.header === 'string') col.header = c.header;
      if (typeof c.format === 'string') col.format = c.format;
      if (isNum(c.width) && c.width >= WIDTH.minimum && c.width <= WIDTH.maximum) col.width = c.width;
      return col;
    });
  }
  if (isObj(raw.formats)) {
    const formats: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.formats)) if (FORMAT_KEY_PATTERN.test(k) && typeof v === 'string') setOwn(formats, k, v);
    sheet.formats = formats;
  }
  return sheet;
}

function parametersOf(raw: unknown, notes: EvaluationNote[]): { parameters: Record<string, ParameterSpec> | undefined; leftOut: string[] } {
  if (!isObj(raw)) return { parameters: undefined, leftOut: [] };
  const parameters: Record<string, ParameterSpec> = {};
  const leftOut: string[] = [];
  const seen = new Set<string>();
  for (const [name, spec] of Object.entries(raw)) {
    const nameOk = codePoints(name) <= PARAMETER_NAME.maxLength && PARAMETER_NAME_PATTERN.test(name) &&
      parameterNameClash(name)?.fatal !== true && !seen.has(name.toLowerCase());
    if (nameOk) seen.add(name.toLowerCase());
    if (!nameOk || !isObj(spec) || !isNum(spec.value)) {
      leftOut.push(name);
      notes.push({ pointer: pointerOf(['parameters', name]), note: 'formulas cannot use this parameter until this is fixed' });
      continue;
    }
    const p: ParameterSpec = { value: spec.value };
    if (typeof spec.unit === 'string') p.unit = spec.unit;
    if (isNum(spec.min)) p.min = spec.min;
    if (isNum(spec.max)) p.max = spec.max;
    if (typeof spec.description === 'string') p.description = spec.description;
    if (typeof spec.source === 'string') p.source = spec.source;
    setOwn(parameters, name, p);
  }
  return { parameters, leftOut };
}

function scenariosOf(raw: unknown, leftOut: Set<string>, notes: EvaluationNote[]): Record<string, ScenarioSpec> | undefined {
  if (!isObj(raw)) return undefined;
  const scenarios: Record<string, ScenarioSpec> = {};
  for (const [name, spec] of Object.entries(raw)) {
    const nameOk = codePoints(name) >= SCENARIO_NAME.minLength && codePoints(name) <= SCENARIO_NAME.maxLength;
    if (!nameOk || !isObj(spec) || !isObj(spec.set)) {
      notes.push({ pointer: pointerOf(['scenarios', name]), note: 'this scenario is not evaluated until this is fixed' });
      continue;
    }
    const set: Record<string, RawCell> = {};
    for (const [target, value] of Object.entries(spec.set)) {
      if (target !== '' && isCell(value) && !leftOut.has(target)) setOwn(set, target, value);
    }
    const s: ScenarioSpec = { set };
    if (typeof spec.description === 'string') s.description = spec.description;
    setOwn(scenarios, name, s);
  }
  return scenarios;
}

function checksOf(raw: unknown, notes: EvaluationNote[]): { checks: CheckSpec[] | undefined; checkIndex: number[] } {
  if (!Array.isArray(raw)) return { checks: undefined, checkIndex: [] };
  const checks: CheckSpec[] = [];
  const checkIndex: number[] = [];
  raw.forEach((c: unknown, i) => {
    if (!isObj(c) || typeof c.name !== 'string' || c.name === '' || typeof c.assert !== 'string' || !c.assert.startsWith('=')) {
      notes.push({ pointer: pointerOf(['checks', i]), note: 'this check is skipped until this is fixed' });
      return;
    }
    const check: CheckSpec = { name: c.name, assert: c.assert };
    if (typeof c.severity === 'string' && SEVERITIES.includes(c.severity)) {
      check.severity = c.severity as CheckSpec['severity'];
    } else if (c.severity !== undefined) {
      // An unknown severity counts as the default.
      check.severity = 'error';
      notes.push({ pointer: pointerOf(['checks', i, 'severity']), note: 'the check counts as an error until this is fixed' });
    }
    if (typeof c.message === 'string') check.message = c.message;
    checks.push(check);
    checkIndex.push(i);
  });
  return { checks, checkIndex };
}
