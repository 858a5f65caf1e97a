/**
 * Model diagnostics (MW4xxx, MW5xxx): what goes wrong when the workbook is evaluated, located
 * at the offending value in the file. Each scenario is evaluated; a problem found under every
 * scenario is reported once, untagged; one found under some scenarios is tagged with each.
 * Only root causes are reported: a cell whose error merely comes from another cell is skipped.
 */
import { HyperFormula, type SimpleCellAddress, type SimpleCellRange } from 'hyperformula';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';
import { BASE_SCENARIO, type RawCell, type Severity, type Workbook } from '../model/workbook';
import { pointerOf } from '../parse/pointer';
import type { SourceMap } from '../parse/source-map';
import { EngineBuildError, WorkbookTooLargeError } from './errors';
import { formIssues, type EngineFacts } from './excel-forms';
import { EXCEL_ONLY_FUNCTIONS } from './excel-functions';
import { analyzeFormula, describeOversizedRange, oversizedRange, type AnalyzeContext, type UsedExtent } from './formula-lexer';
import type { CellError, CellValue } from './types';
import { cellLabel, WorkbookEngine, type EngineLimits, type EngineInternals } from './workbook-engine';
import { nameKey } from '../model/names';

export interface ModelDiagnosticsOptions {
  /** Scenarios to evaluate; default all. */
  scenarios?: 'all' | string[];
  /** Engine size limits; default Excel's. Ignored when `engine` is given. */
  limits?: Partial<EngineLimits>;
  /**
   * An engine already built on this `workbook` (with no live edits), reused instead of building
   * a second one: a command that has just evaluated the workbook pays for it once. It is
   * switched to each scenario in turn (its current scenario first, without re-applying it) and
   * left under the scenario it had; the caller keeps it and disposes it.
   */
  engine?: WorkbookEngine;
  /**
   * With `scenarios: 'all'`, the most work spent on scenarios, in `scenarioCost` units; the
   * scenarios past it are not evaluated and one MW4007 warning names them. Default
   * `SCENARIO_BUDGET`.
   */
  scenarioBudget?: number;
}

/**
 * What evaluating every scenario may cost, in `scenarioCost` units: 1,000 scenarios of a
 * 20,000-formula workbook took 44 s to validate (about 0.3 s each on a loaded 2-core machine).
 * 5,000,000 is 22 such scenarios, a few seconds; a workbook of 2,000 formula cells still gets
 * 200 scenarios.
 */
export const SCENARIO_BUDGET = 5_000_000;

/**
 * The work of evaluating one scenario: every cell is read back (about 1 µs a cell) and every
 * formula, check included, may be recomputed (about 10 µs); measured with HyperFormula 3.5.
 */
export function scenarioCost(workbook: Workbook): number {
  let cells = 0;
  let formulas = workbook.checks?.length ?? 0;
  for (const sheet of workbook.sheets) {
    for (const row of sheet.rows) {
      cells += row.length;
      for (const v of row) if (typeof v === 'string' && v.charCodeAt(0) === 61 /* = */) formulas++;
    }
  }
  return Math.max(1, cells + 10 * formulas);
}

let analyzeFunctions: { functions: Set<string>; excelOnly: Map<string, string> } | undefined;
function functionTables(): { functions: Set<string>; excelOnly: Map<string, string> } {
  if (!analyzeFunctions) {
    const functions = new Set(HyperFormula.getRegisteredFunctionNames('enGB').map((n) => n.toUpperCase()));
    const excelOnly = new Map([...EXCEL_ONLY_FUNCTIONS].filter(([n]) => !functions.has(n)));
    analyzeFunctions = { functions, excelOnly };
  }
  return analyzeFunctions;
}

let facts: EngineFacts | undefined;
/** What this engine build can do, probed once on a one-cell workbook. */
function engineFacts(): EngineFacts {
  if (!facts) {
    const probe = WorkbookEngine.create({ format: 'minerals-workbook', version: 1, title: 'probe', sheets: [{ name: 'S', rows: [['=FILTER({1,2},{FALSE,FALSE},"none")']] }] });
    try { facts = { filterIfEmpty: probe.getCellValue('S!A1') === 'none' }; } finally { probe.dispose(); }
  }
  return facts;
}

interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  pointer: string;
  /** Use the key's range rather than the value's (parameter names). */
  key?: boolean;
}

const SEVERITY: Partial<Record<DiagnosticCode, Severity>> = { MW4005: 'warning', MW4009: 'warning' };

/**
 * Evaluates the workbook under each scenario and reports formula syntax errors (MW4001),
 * unknown sheets (MW4002), unknown names and functions (MW4003), circular references (MW4004),
 * error values (MW4005, warning), Excel syntax the engine lacks (MW4006), size limits (MW4007),
 * failing checks (MW5001) and checks that are not TRUE/FALSE (MW5002). Never throws for
 * anything in the workbook. Sorted by start offset.
 */
export function modelDiagnostics(workbook: Workbook, sourceMap: SourceMap, options?: ModelDiagnosticsOptions): Diagnostic[] {
  const toDiagnostic = (f: Finding, scenario?: string): Diagnostic => {
    const range = f.key ? sourceMap.keyRange(f.pointer) : sourceMap.valueRange(f.pointer);
    const d: Diagnostic = {
      code: f.code, severity: f.severity, pointer: f.pointer, start: range.start, end: range.end,
      message: scenario === undefined ? f.message : `${f.message} (scenario "${scenario}")`,
    };
    if (scenario !== undefined) d.scenario = scenario;
    return d;
  };

  let engine: WorkbookEngine;
  const borrowed = options?.engine;
  try {
    engine = borrowed ?? WorkbookEngine.create(workbook, options?.limits ? { limits: options.limits } : undefined);
  } catch (e) {
    if (e instanceof WorkbookTooLargeError) {
      return [toDiagnostic({ code: 'MW4007', severity: 'error', message: e.message, pointer: e.pointer })];
    }
    const names = new Set<string>();
    const duplicate = workbook.sheets.some((s) => names.size === names.add(nameKey(s.name)).size);
    // Clashing sheet names are the semantic layer's MW3001; anything else must still be visible.
    if (duplicate) return [];
    const msg = e instanceof EngineBuildError ? e.message : `The engine could not load the workbook: ${String(e)}`;
    return [toDiagnostic({ code: 'MW4006', severity: 'error', message: msg, pointer: '' })];
  }

  const original = engine.scenario;
  try {
    const all = engine.scenarioNames();
    let wanted = options?.scenarios === undefined || options.scenarios === 'all'
      ? all
      : all.filter((s) => (options.scenarios as string[]).includes(s));
    // The engine's current scenario first: it is evaluated already.
    let order = wanted.includes(original) ? [original, ...wanted.filter((s) => s !== original)] : wanted;
    const out: Diagnostic[] = [];
    if (options?.scenarios === undefined || options.scenarios === 'all') {
      const cost = scenarioCost(workbook);
      const affordable = Math.max(1, Math.floor((options?.scenarioBudget ?? SCENARIO_BUDGET) / cost));
      if (order.length > affordable) {
        const skipped = order.slice(affordable);
        order = order.slice(0, affordable);
        out.push(toDiagnostic(scenariosNotEvaluated(skipped, order.length, wanted.length, cost)));
        wanted = wanted.filter((s) => order.includes(s));
      }
    }
    const found = new Map<string, { finding: Finding; scenarios: string[] }>();
    const note = (f: Finding, scenario: string): void => {
      const k = `${f.pointer}\u0000${f.code}\u0000${f.message}`;
      const entry = found.get(k);
      if (entry) { if (!entry.scenarios.includes(scenario)) entry.scenarios.push(scenario); } else found.set(k, { finding: f, scenarios: [scenario] });
    };
    for (const [name, problem] of engine.internals().rejectedParameters) {
      out.push(toDiagnostic({ code: 'MW4006', severity: 'error', key: true, pointer: pointerOf(['parameters', name]),
        message: `Parameter ${problem}: formulas could not use it` }));
    }
    const rejectedNames = new Map([...engine.internals().rejectedParameters].map(([n, why]) => [n.toUpperCase(), why]));
    const ctx: AnalyzeContext = { sheetNames: workbook.sheets.map((s) => s.name), ...functionTables(), rejectedNames };
    for (const scenario of order) {
      if (engine.scenario !== scenario) engine.setScenario(scenario);
      for (const f of cellFindings(engine, workbook, scenario, ctx)) note(f, scenario);
      for (const f of checkFindings(engine, workbook, ctx)) note(f, scenario);
    }
    // An Excel-only function inside IFERROR (or a branch not taken) yields no error value, yet
    // the result differs from Excel's; a formula over a range too large to evaluate is not
    // evaluated at all: find those by a static scan of the formulas.
    for (const { finding, scenario } of formulaScanFindings(workbook, ctx, engine.extent)) {
      for (const s of wanted) if (scenario === undefined || scenario === s) note(finding, s);
    }
    // Found under every scenario evaluated: not a scenario's doing, so reported once, untagged
    // (unless only one non-base scenario was asked for, when the tag is the useful part).
    const untaggable = wanted.length > 1 || wanted[0] === BASE_SCENARIO;
    for (const { finding, scenarios } of found.values()) {
      if (untaggable && wanted.every((s) => scenarios.includes(s))) out.push(toDiagnostic(finding));
      else for (const s of wanted) if (scenarios.includes(s)) out.push(toDiagnostic(finding, s));
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  } finally {
    if (!borrowed) engine.dispose();
    else if (engine.scenario !== original) engine.setScenario(original);
  }
}

/** MW4007 at the first scenario not evaluated, naming them (the first ten, then a count). */
function scenariosNotEvaluated(skipped: string[], evaluated: number, total: number, cost: number): Finding {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const names = skipped.slice(0, 10).map((n) => `"${n}"`).join(', ') + (skipped.length > 10 ? ` and ${fmt(skipped.length - 10)} more` : '');
  return {
    code: 'MW4007', severity: 'warning', key: true, pointer: pointerOf(['scenarios', skipped[0]!]),
    message: `formulas and checks were evaluated under ${fmt(evaluated)} of the ${fmt(total)} scenarios: each costs ${fmt(cost)} `
      + `cell evaluations in this workbook and validation spends at most ${fmt(SCENARIO_BUDGET)}; not evaluated: ${names}. `
      + 'Check one with minerals eval --scenario NAME, or show it in the workbook editor',
  };
}

const key = (s: number, r: number, c: number): string => `${s}:${r}:${c}`;

/** The raw content and pointer of a cell under the current scenario. */
function cellSource(engine: WorkbookEngine, workbook: Workbook, scenario: string, s: number, r: number, c: number): { raw: RawCell | undefined; pointer: string } {
  const target = engine.internals().overriddenCells.get(key(s, r, c));
  if (target !== undefined) {
    return { raw: workbook.scenarios?.[scenario]?.set[target], pointer: pointerOf(['scenarios', scenario, 'set', target]) };
  }
  return { raw: workbook.sheets[s]?.rows[r]?.[c], pointer: pointerOf(['sheets', s, 'rows', r, c]) };
}

function isRange(p: SimpleCellAddress | SimpleCellRange): p is SimpleCellRange {
  return (p as SimpleCellRange).start !== undefined;
}

/** Error cells that are root causes, and the circular references, under the current scenario. */
function cellFindings(engine: WorkbookEngine, workbook: Workbook, scenario: string, ctx: AnalyzeContext): Finding[] {
  const internals: EngineInternals = engine.internals();
  const { hf, sheetIds } = internals;
  const errors = new Map<string, { s: number; r: number; c: number; e: CellError }>();
  const bySheet: { r: number; c: number }[][] = workbook.sheets.map(() => []);
  workbook.sheets.forEach((_, s) => {
    const values = engine.getSheetValues(s);
    for (let r = 0; r < values.length; r++) {
      const row = values[r]!;
      for (let c = 0; c < row.length; c++) {
        const v: CellValue = row[c]!;
        if (v !== null && typeof v === 'object') { errors.set(key(s, r, c), { s, r, c, e: v }); bySheet[s]!.push({ r, c }); }
      }
    }
  });
  if (errors.size === 0) return [];

  /**
   * Error cells among a cell's precedents; with `firstOnly`, stops at the first one (enough
   * to call an error propagated, and keeps a long column of propagated errors linear-ish).
   */
  const erroneousPrecedents = (s: number, r: number, c: number, firstOnly = false): string[] => {
    const result: string[] = [];
    let precedents: (SimpleCellAddress | SimpleCellRange)[];
    try {
      precedents = hf.getCellPrecedents({ sheet: sheetIds[s]!, row: r, col: c });
    } catch {
      return result;
    }
    for (const p of precedents) {
      if (isRange(p)) {
        const ps = internals.sheetIndexOfId(p.start.sheet);
        if (ps < 0) continue;
        const rows = Math.min(p.end.row, p.start.row + 1e7) - p.start.row + 1;
        const area = rows * (p.end.col - p.start.col + 1);
        if (area <= bySheet[ps]!.length) {
          // Small range: look its cells up.
          for (let rr = p.start.row; rr <= p.end.row && rr < p.start.row + rows; rr++) {
            for (let cc = p.start.col; cc <= p.end.col; cc++) {
              const k = key(ps, rr, cc);
              if (errors.has(k)) { result.push(k); if (firstOnly) return result; }
            }
          }
        } else {
          for (const cell of bySheet[ps]!) {
            if (cell.r >= p.start.row && cell.r <= p.end.row && cell.c >= p.start.col && cell.c <= p.end.col) {
              result.push(key(ps, cell.r, cell.c));
              if (firstOnly) return result;
            }
          }
        }
      } else {
        const ps = internals.sheetIndexOfId(p.sheet);
        const k = key(ps, p.row, p.col);
        if (ps >= 0 && errors.has(k)) { result.push(k); if (firstOnly) return result; }
      }
    }
    return result;
  };

  const findings: Finding[] = [];
  const cycleCells: string[] = [];
  for (const [k, { s, r, c, e }] of errors) {
    if (e.error === '#CYCLE!') { cycleCells.push(k); continue; }
    const src = cellSource(engine, workbook, scenario, s, r, c);
    const label = cellLabel(workbook.sheets[s]!.name, r, c);
    const formula = typeof src.raw === 'string' && src.raw.startsWith('=') ? src.raw : undefined;
    if (formula && oversizedRange(formula, engine.extent)) continue; // not evaluated: MW4007 from the formula scan
    const issues = formula ? [...analyzeFormula(formula, ctx), ...formIssues(formula, engineFacts(), e)] : [];
    if (issues.length > 0) {
      for (const i of issues) findings.push({ code: i.code, severity: 'error', pointer: src.pointer, message: `${label}: ${i.message}` });
      continue;
    }
    if (erroneousPrecedents(s, r, c, true).length > 0) continue; // propagated: the root cause is reported
    findings.push(classify(e, label, src.pointer, internals));
  }
  findings.push(...cycleFindings(cycleCells, errors, erroneousPrecedents, engine, workbook, scenario));
  return findings;
}

/** A finding for an error value that is not explained by `analyzeFormula`. */
function classify(e: CellError, label: string, pointer: string, internals: EngineInternals): Finding {
  const msg = e.message ?? '';
  if (e.error === '#ERROR!' && /^Parsing error/.test(msg)) {
    return { code: 'MW4001', severity: 'error', pointer, message: `${label}: formula syntax error: ${parseMessage(msg)}` };
  }
  if (e.error === '#NAME?') {
    const fn = /^Function name (.+) not recognized\.?$/.exec(msg);
    if (fn) return { code: 'MW4003', severity: 'error', pointer, message: `${label}: unknown function ${fn[1]}` };
    const ne = /^Named expression (.+) not recognized\.?$/.exec(msg);
    if (ne) {
      const name = ne[1]!;
      const rejected = [...internals.rejectedParameters].find(([p]) => p.toUpperCase() === name.toUpperCase());
      const why = rejected ? `: parameter ${rejected[1]}` : ': it is not a parameter of this workbook (check the spelling, or add it under "parameters")';
      return { code: 'MW4003', severity: 'error', pointer, message: `${label}: unknown name ${name}${why}` };
    }
    return { code: 'MW4003', severity: 'error', pointer, message: `${label}: unknown name or function (#NAME?)` };
  }
  if (e.error === '#REF!' && /Sheet does not exist/i.test(msg)) {
    return { code: 'MW4002', severity: 'error', pointer, message: `${label}: refers to a sheet that does not exist` };
  }
  const detail = msg ? ` (${msg.replace(/\.$/, '')})` : '';
  return { code: 'MW4005', severity: SEVERITY.MW4005!, pointer, message: `${label} evaluates to ${e.error}${detail}` };
}

/** HyperFormula's parser token names, as an analyst would say them. */
const TOKEN_WORDS: Record<string, string> = {
  RParen: '")"', LParen: '"("', ArrayLParen: '"{"', ArrayRParen: '"}"', AdditionOp: 'an operand',
  CellReference: 'a cell reference', ColumnRange: 'a column range', RowRange: 'a row range',
  OffsetProcedureName: 'OFFSET', ProcedureName: 'a function', NamedExpression: 'a name',
  NumberLiteral: 'a number', StringLiteral: 'a text in quotes', ErrorLiteral: 'an error value',
  ArgSeparator: '","', EqualsOp: '"="',
};

/** HyperFormula's parser message in one readable line: what was expected, what was found. */
function parseMessage(msg: string): string {
  const found = /but found:? (?:--> )?'([^']*)'/.exec(msg);
  const expecting = [
    ...[...msg.matchAll(/\d+\. \[([A-Za-z]+)\]/g)].map((m) => m[1]!),
    ...[...msg.matchAll(/Expecting token of type --> ([A-Za-z]+) <--/g)].map((m) => m[1]!),
  ].map((t) => TOKEN_WORDS[t] ?? t);
  const unique = [...new Set(expecting)];
  if (found) {
    const what = found[1] === '' ? 'the formula ends too early' : `unexpected "${found[1]}"`;
    if (unique.length === 1 && unique[0] === '")"') return found[1] === '' ? 'a closing ")" is missing' : `${what}; expected ")"`;
    return unique.length ? `${what}; expected ${unique.slice(0, 5).join(', ')}${unique.length > 5 ? ', ...' : ''}` : what;
  }
  return msg.replace(/^Parsing error\.?\s*/, '').split('\n')[0]!.trim() || 'cannot parse the formula';
}

/** MW4004 for cells on a cycle (not for cells that merely depend on one). */
function cycleFindings(
  cycleCells: string[],
  errors: Map<string, { s: number; r: number; c: number }>,
  erroneousPrecedents: (s: number, r: number, c: number) => string[],
  engine: WorkbookEngine, workbook: Workbook, scenario: string,
): Finding[] {
  if (cycleCells.length === 0) return [];
  const inCycle = new Set(cycleCells);
  const edges = new Map<string, string[]>();
  for (const k of cycleCells) {
    const { s, r, c } = errors.get(k)!;
    edges.set(k, erroneousPrecedents(s, r, c).filter((p) => inCycle.has(p)));
  }
  // Tarjan's strongly connected components, iterative to survive long chains.
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of cycleCells) {
    if (idx.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    idx.set(root, index); low.set(root, index); index++; stack.push(root); onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const next = edges.get(top.v)!;
      if (top.i < next.length) {
        const w = next[top.i++]!;
        if (!idx.has(w)) {
          idx.set(w, index); low.set(w, index); index++; stack.push(w); onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        }
      } else {
        work.pop();
        if (work.length) { const parent = work[work.length - 1]!.v; low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!)); }
        if (low.get(top.v) === idx.get(top.v)) {
          const comp: string[] = [];
          let w: string;
          do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== top.v);
          components.push(comp);
        }
      }
    }
  }
  const findings: Finding[] = [];
  const labelOf = (k: string): string => { const { s, r, c } = errors.get(k)!; return cellLabel(workbook.sheets[s]!.name, r, c); };
  for (const comp of components) {
    const selfLoop = comp.length === 1 && edges.get(comp[0]!)!.includes(comp[0]!);
    if (comp.length < 2 && !selfLoop) continue;
    const members = comp.map(labelOf).sort();
    const list = members.length > 6 ? `${members.slice(0, 6).join(', ')}, ...` : members.join(', ');
    for (const k of comp) {
      const { s, r, c } = errors.get(k)!;
      const src = cellSource(engine, workbook, scenario, s, r, c);
      const other = selfLoop ? 'refers to itself' : `is part of a circular reference between ${list}`;
      findings.push({
        code: 'MW4004', severity: 'error', pointer: src.pointer,
        message: `${labelOf(k)} ${other} (the engine counts every reference in a formula, even in an IF branch that is not taken)`,
      });
    }
  }
  // A cycle HyperFormula detected whose members we could not trace (e.g. through a range):
  // report the cells rather than stay silent.
  if (findings.length === 0) {
    for (const k of cycleCells) {
      const { s, r, c } = errors.get(k)!;
      const src = cellSource(engine, workbook, scenario, s, r, c);
      findings.push({ code: 'MW4004', severity: 'error', pointer: src.pointer, message: `${labelOf(k)} is part of or depends on a circular reference` });
    }
  }
  return findings;
}

let excelOnlyPattern: RegExp | undefined;

/**
 * By a static scan of every formula (cells, overrides, checks): MW4006 for a call of an Excel
 * function the engine lacks, MW4007 for a range too large to evaluate (the engine holds
 * #VALUE! instead). A scenario override's finding applies to that scenario only.
 */
function formulaScanFindings(workbook: Workbook, ctx: AnalyzeContext, extent: UsedExtent): { finding: Finding; scenario?: string }[] {
  if (ctx.excelOnly.size > 0) {
    excelOnlyPattern ??= new RegExp(`(^|[^A-Za-z0-9_.])(_xlfn\\.)?(${[...ctx.excelOnly.keys()].map((n) => n.replace(/\./g, '\\.')).join('|')})\\s*\\(`, 'i');
  }
  const findings: { finding: Finding; scenario?: string }[] = [];
  const scan = (raw: unknown, pointer: string, label: string, scenario?: string): void => {
    if (typeof raw !== 'string' || !raw.startsWith('=')) return;
    const big = oversizedRange(raw, extent);
    if (big) {
      findings.push({ finding: { code: 'MW4007', severity: 'error', pointer, message: `${label}: ${describeOversizedRange(big)}` }, scenario });
      return;
    }
    // A form whose result would silently differ from Excel's, error value or not.
    for (const issue of formIssues(raw, engineFacts())) findings.push({ finding: { code: issue.code, severity: SEVERITY[issue.code] ?? 'error', pointer, message: `${label}: ${issue.message}` }, scenario });
    if (!excelOnlyPattern?.test(raw)) return;
    for (const issue of analyzeFormula(raw, ctx)) {
      if (issue.code === 'MW4006' && / is an Excel function /.test(issue.message)) {
        findings.push({ finding: { code: 'MW4006', severity: 'error', pointer, message: `${label}: ${issue.message}` } });
      }
    }
  };
  workbook.sheets.forEach((sheet, s) => sheet.rows.forEach((row, r) => row.forEach((raw, c) => {
    scan(raw, pointerOf(['sheets', s, 'rows', r, c]), cellLabel(sheet.name, r, c));
  })));
  for (const [name, spec] of Object.entries(workbook.scenarios ?? {})) {
    for (const [target, raw] of Object.entries(spec.set ?? {})) scan(raw, pointerOf(['scenarios', name, 'set', target]), target, name);
  }
  (workbook.checks ?? []).forEach((check, i) => {
    const a = typeof check.assert === 'string' && !check.assert.startsWith('=') ? `=${check.assert}` : check.assert;
    scan(a, pointerOf(['checks', i, 'assert']), `Check "${check.name}"`);
  });
  return findings;
}

/** MW5001/MW5002 (and syntax problems) for the checks under the current scenario. */
function checkFindings(engine: WorkbookEngine, workbook: Workbook, ctx: AnalyzeContext): Finding[] {
  const findings: Finding[] = [];
  const checks = workbook.checks ?? [];
  for (const result of engine.evaluateChecks()) {
    const check = checks[result.index]!;
    const pointer = pointerOf(['checks', result.index, 'assert']);
    const v = result.value;
    const name = `Check "${check.name}"`;
    if (v === true) continue;
    if (v === false) {
      findings.push({ code: 'MW5001', severity: result.severity, pointer, message: `${name} failed${check.message ? `: ${check.message}` : ''}` });
      continue;
    }
    if (v !== null && typeof v === 'object') {
      if (typeof check.assert === 'string' && oversizedRange(check.assert, engine.extent)) continue; // MW4007 from the formula scan
      const issues = [...analyzeFormula(check.assert, ctx), ...formIssues(check.assert, engineFacts(), v)];
      if (issues.length) {
        for (const i of issues) findings.push({ code: i.code, severity: 'error', pointer, message: `${name}: ${i.message}` });
        continue;
      }
      const f = classify(v, name, pointer, engine.internals());
      if (f.code !== 'MW4005') { findings.push(f); continue; }
      findings.push({ code: 'MW5002', severity: 'error', pointer, message: `${name} evaluates to ${v.error}${v.message ? ` (${v.message.replace(/\.$/, '')})` : ''}, not TRUE or FALSE` });
      continue;
    }
    // Worded without the value itself, so the same problem under several scenarios is reported once.
    findings.push({ code: 'MW5002', severity: 'error', pointer, message: `${name} gives ${describe(v)}, not TRUE or FALSE: write a comparison such as =Budget!B12<=NCMMBudget` });
  }
  return findings;
}

function describe(v: CellValue): string {
  if (v === null) return 'nothing';
  return typeof v === 'string' ? 'text' : 'a number';
}
