/**
 * Semantic checks (MW3xxx) a schema cannot express: unique sheet names, parameter names
 * a formula would misread, scenario overrides that name nothing, values outside bounds.
 * Defensive: runs on any parsed value, schema-valid or not, and skips what it cannot read.
 */
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';
import type { Severity } from '../model/workbook';
import { pointerOf, type SourceMap, type TextSpan } from '../parse';
import { sheetLabel } from './describe';
import { formatCodeProblem } from '../format/number-format';
import { ignoredOverrideReason, OverrideReach, writtenArea } from '../model/override-reach';
import { columnLetters, didYouMean, parameterNameClash, parseA1, splitSheetRef } from './names';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

class Collector {
  readonly out: Diagnostic[] = [];
  constructor(readonly map: SourceMap) {}
  add(code: DiagnosticCode, severity: Severity, path: (string | number)[], span: TextSpan, message: string): void {
    this.out.push({ code, severity, pointer: pointerOf(path), start: span.start, end: span.end, message });
  }
  value(path: (string | number)[]): TextSpan {
    return this.map.valueRange(pointerOf(path));
  }
  key(path: (string | number)[]): TextSpan {
    return this.map.keyRange(pointerOf(path));
  }
}

/** Semantic diagnostics for a parsed workbook value (any shape). */
export function semanticDiagnostics(root: unknown, map: SourceMap): Diagnostic[] {
  const c = new Collector(map);
  if (!isObj(root)) return c.out;
  const sheets = Array.isArray(root.sheets) ? root.sheets : [];
  const params = isObj(root.parameters) ? root.parameters : {};
  checkSheets(c, root, sheets);
  checkParameters(c, params);
  if (isObj(root.scenarios)) checkScenarios(c, root, root.scenarios, params, sheets);
  return c.out;
}

function checkSheets(c: Collector, root: Obj, sheets: unknown[]): void {
  const seen = new Map<string, number>();
  sheets.forEach((sheet, i) => {
    if (!isObj(sheet)) return;
    if (typeof sheet.name === 'string' && sheet.name !== '') {
      // Excel and HyperFormula compare sheet names ignoring case.
      const k = sheet.name.toLowerCase();
      const first = seen.get(k);
      if (first !== undefined) {
        c.add('MW3001', 'error', ['sheets', i, 'name'], c.value(['sheets', i, 'name']),
          `sheet name "${sheet.name}" is already used by sheet ${first + 1}${first < sheets.length && isObj(sheets[first]) && sheets[first].name !== sheet.name ? ` ("${String((sheets[first] as Obj).name)}"; names are compared ignoring case)` : ''}: rename one of them`);
      } else {
        seen.set(k, i);
      }
    }
    checkRowWidths(c, root, sheet, i);
    checkFormats(c, root, sheet, i);
  });
}

/** MW3008: format codes the grid cannot render (it would throw); the cells show General. */
function checkFormats(c: Collector, root: Obj, sheet: Obj, i: number): void {
  const flag = (path: (string | number)[], where: string, format: unknown): void => {
    const problem = typeof format === 'string' ? formatCodeProblem(format) : undefined;
    if (problem) c.add('MW3008', 'warning', path, c.value(path), `${sheetLabel(root, i)}, ${where}: ${problem}; the cells show General`);
  };
  if (Array.isArray(sheet.columns)) {
    sheet.columns.forEach((col, k) => { if (isObj(col)) flag(['sheets', i, 'columns', k, 'format'], `column ${columnLetters(k)}`, col.format); });
  }
  if (isObj(sheet.formats)) {
    for (const [cell, format] of Object.entries(sheet.formats)) flag(['sheets', i, 'formats', cell], `cell ${cell}`, format);
  }
}

function checkRowWidths(c: Collector, root: Obj, sheet: Obj, i: number): void {
  if (!Array.isArray(sheet.columns) || sheet.columns.length === 0 || !Array.isArray(sheet.rows)) return;
  const declared = sheet.columns.length;
  let first = -1;
  let count = 0;
  sheet.rows.forEach((row, r) => {
    if (Array.isArray(row) && row.length > declared) {
      if (first < 0) first = r;
      count++;
    }
  });
  if (first < 0) return;
  const row = sheet.rows[first] as unknown[];
  const more = count > 1 ? ` (and ${count - 1} more row${count > 2 ? 's' : ''} like it)` : '';
  c.add('MW3007', 'warning', ['sheets', i, 'rows', first, declared], c.value(['sheets', i, 'rows', first, declared]),
    `${sheetLabel(root, i)}, row ${first + 1} has ${row.length} cells but only ${declared} ${declared === 1 ? 'column is' : 'columns are'} declared${more}: ` +
    `add a column for ${columnLetters(declared)} or remove the extra cells`);
}

function checkParameters(c: Collector, params: Obj): void {
  const seen = new Map<string, string>();
  for (const [name, spec] of Object.entries(params)) {
    const clash = parameterNameClash(name);
    if (clash?.fatal) {
      c.add('MW3002', 'error', ['parameters', name], c.key(['parameters', name]),
        `parameter name "${name}" cannot be used in formulas: ${clash.reason}; rename it (e.g. "${suggestName(name)}")`);
    } else if (clash) {
      // The engine tells NAME from NAME() apart, but a reader of the formula may not.
      c.add('MW3002', 'warning', ['parameters', name], c.key(['parameters', name]),
        `parameter name "${name}" ${clash.reason.replace(/^it is /, 'is ')}: formulas still work, but a clearer name (e.g. "${suggestName(name)}") avoids confusion`);
    }
    const lower = name.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined) {
      c.add('MW3002', 'error', ['parameters', name], c.key(['parameters', name]),
        `parameter "${name}" clashes with parameter "${other}": names in formulas ignore case`);
    } else {
      seen.set(lower, name);
    }
    if (!isObj(spec)) continue;
    const { value, min, max } = spec;
    if (isNum(min) && isNum(max) && min > max) {
      c.add('MW3005', 'error', ['parameters', name, 'max'], c.value(['parameters', name, 'max']),
        `parameter "${name}": "max" (${max}) is less than "min" (${min})`);
    } else if (isNum(value)) {
      if (isNum(min) && value < min) {
        c.add('MW3005', 'error', ['parameters', name, 'value'], c.value(['parameters', name, 'value']),
          `parameter "${name}": value ${value} is below its "min" of ${min}`);
      } else if (isNum(max) && value > max) {
        c.add('MW3005', 'error', ['parameters', name, 'value'], c.value(['parameters', name, 'value']),
          `parameter "${name}": value ${value} is above its "max" of ${max}`);
      }
    }
  }
}

function suggestName(name: string): string {
  return /^[A-Za-z]+[0-9]+$/.test(name) || /^[rR][0-9]*[cC][0-9]*$/.test(name) ? `${name}_` : `${name}Value`;
}

function checkScenarios(c: Collector, root: Obj, scenarios: Obj, params: Obj, sheets: unknown[]): void {
  const sheetIndex = new Map<string, number>();
  sheets.forEach((s, i) => {
    if (isObj(s) && typeof s.name === 'string' && !sheetIndex.has(s.name.toLowerCase())) sheetIndex.set(s.name.toLowerCase(), i);
  });
  const sheetNames = sheets.map((s) => (isObj(s) && typeof s.name === 'string' ? s.name : '')).filter((n) => n !== '');
  const paramNames = Object.keys(params);
  const extents: Extents = new Map();
  for (const [scenario, spec] of Object.entries(scenarios)) {
    if (!isObj(spec) || !isObj(spec.set)) continue;
    // The engine's rule for far cells, so that the diagnostic names exactly the overrides it skips.
    const reach = new OverrideReach((si) => writtenArea((sheets[si] as Obj).rows));
    for (const [target, value] of Object.entries(spec.set)) {
      const path = ['scenarios', scenario, 'set', target];
      const where = `scenario "${scenario}"`;
      const ref = splitSheetRef(target);
      if (ref === undefined) {
        if (Object.prototype.hasOwnProperty.call(params, target)) {
          checkOverrideValue(c, path, where, target, params[target], value);
          continue;
        }
        const hint = parseA1(target) !== undefined
          ? ` (to override a cell, name its sheet: "${sheetNames[0] ?? 'Sheet'}!${target.toUpperCase()}")`
          : didYouMean(target, paramNames);
        c.add('MW3003', 'error', path, c.key(path), `${where} sets "${target}", which is not a parameter${hint}`);
        continue;
      }
      const si = sheetIndex.get(ref.sheet.toLowerCase());
      if (si === undefined) {
        c.add('MW3003', 'error', path, c.key(path),
          `${where} sets "${target}", but there is no sheet "${ref.sheet}"${didYouMean(ref.sheet, sheetNames)}`);
        continue;
      }
      const addr = parseA1(ref.address);
      if (addr === undefined) {
        c.add('MW3003', 'error', path, c.key(path),
          `${where} sets "${target}": "${ref.address}" is not a cell address such as B3`);
        continue;
      }
      const ignored = reach.admit(si, addr.row, addr.col);
      if (ignored) {
        const written = writtenArea((sheets[si] as Obj).rows);
        const extent = written.rows === 0 || written.columns === 0 ? 'which is empty' : `whose written cells span A1:${columnLetters(written.columns - 1)}${written.rows}`;
        c.add('MW3003', 'error', path, c.key(path),
          `${where} sets "${target}", outside ${sheetLabel(root, si)} (${extent}): ${ignoredOverrideReason(ignored)}`);
        continue;
      }
      const { rows, width } = extentOf(sheets[si] as Obj, extents);
      if (addr.row >= rows || addr.col >= width) {
        const extent = rows === 0 || width === 0 ? 'which is empty' : `which spans A1:${columnLetters(width - 1)}${rows}`;
        c.add('MW3003', 'error', path, c.key(path),
          `${where} sets "${target}", outside ${sheetLabel(root, si)} (${extent})`);
      }
    }
  }
}

type Extents = Map<Obj, { rows: number; width: number }>;

/** Rows written and the widest of the declared columns and the rows (cached per run: sheets can be large). */
function extentOf(sheet: Obj, extents: Extents): { rows: number; width: number } {
  let e = extents.get(sheet);
  if (e === undefined) {
    const rows = Array.isArray(sheet.rows) ? sheet.rows : [];
    let width = Array.isArray(sheet.columns) ? sheet.columns.length : 0;
    for (const row of rows) if (Array.isArray(row) && row.length > width) width = row.length;
    e = { rows: rows.length, width };
    extents.set(sheet, e);
  }
  return e;
}

function checkOverrideValue(c: Collector, path: string[], where: string, name: string, spec: unknown, value: unknown): void {
  if (!isNum(value)) {
    c.add('MW3004', 'error', path, c.value(path), `${where}: parameter "${name}" must be set to a number, not ${String(JSON.stringify(value)).slice(0, 40)}`);
    return;
  }
  if (!isObj(spec)) return;
  const unit = typeof spec.unit === 'string' && spec.unit !== '' ? ` ${spec.unit}` : '';
  if (isNum(spec.min) && value < spec.min) {
    c.add('MW3004', 'error', path, c.value(path), `${where}: "${name}" = ${value} is below the parameter's "min" of ${spec.min}${unit}`);
  } else if (isNum(spec.max) && value > spec.max) {
    c.add('MW3004', 'error', path, c.value(path), `${where}: "${name}" = ${value} is above the parameter's "max" of ${spec.max}${unit}`);
  }
}
