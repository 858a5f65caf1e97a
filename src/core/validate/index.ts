/**
 * Workbook text -> every diagnostic: parse (MW1xxx), schema (MW2001, MW3006), semantic
 * (MW3xxx) and the engine's model diagnostics (MW4xxx, MW5xxx). The model is evaluated
 * whenever the core structure is usable, even with schema errors elsewhere: invalid parts
 * are left out of the evaluation (see `evaluable.ts`) and their diagnostics say so. Never
 * throws. Node/extension-host only: ajv compiles with `new Function`, which the webview's
 * CSP forbids; the webview imports `../parse` alone.
 */
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';
import type { Workbook } from '../model/workbook';
import { parsePointer, pointerOf, parseWorkbookText, type ParseLimits, type ParseResult, type SourceMap } from '../parse';
import { engineBuildProblem, ENGINE_BUILD_BUDGET, modelDiagnostics, type WorkbookEngine } from '../engine';

export { ENGINE_BUILD_BUDGET };
import { evaluablePart, type EvaluationNote } from './evaluable';
import { schemaDiagnostics } from './schema-check';
import { semanticDiagnostics } from './semantic';

export { workbookSchemaValidator, MAX_SCHEMA_DIAGNOSTICS } from './schema-check';
export { semanticDiagnostics } from './semantic';

/** What to validate beyond syntax, schema and semantics. */
export interface ValidateOptions {
  /** Run the engine's model diagnostics (formulas, references, cycles, checks). Default true. */
  model?: boolean;
  /** Scenarios the model diagnostics evaluate under. Default `'all'`. */
  scenarios?: 'all' | string[];
  /** Parse limits (size, nesting); defaults are `DEFAULT_PARSE_LIMITS`. */
  limits?: Partial<ParseLimits>;
  /**
   * Skip the model diagnostics, with one MW4007 warning saying why, when building the engine
   * is estimated to cost more than this (`engineBuildCost`). The extension's validation worker
   * sets it: it validates the workspace's files one after another, so one hostile file would
   * hold back every other file's problems for the worker's whole time limit. The CLI does not
   * (it is bounded by --timeout and checks what it was asked to).
   */
  buildBudget?: number;
  /**
   * An engine for the workbook when it is clean (see `ValidationResult.workbook`), kept by the
   * caller across runs (`LiveEngines`); undefined to build one for this run. The model
   * diagnostics leave it under the scenario it had.
   */
  engineFor?: (workbook: Workbook) => WorkbookEngine | undefined;
}

/** Everything known about one workbook text. */
export interface ValidationResult {
  parse: ParseResult;
  /**
   * The workbook exactly as written, when it passes the schema and every sheet and parameter
   * can be evaluated as written (no MW3001, MW3006 or error-level MW3002): the file's model,
   * for whatever computes results from it (`minerals eval`/`export`/`compare`/`goal-seek`,
   * the extension's commands). Undefined otherwise, even when `evaluated` is set.
   */
  workbook: Workbook | undefined;
  /**
   * What the model diagnostics evaluate: `workbook` itself when that is set; otherwise, when
   * the core structure (sheets, their rows of cells) is usable, a copy with the invalid parts
   * left out (see `evaluable.ts`; sheets and checks renumbered, diagnostics point into the
   * file). Undefined when nothing can be evaluated. For diagnostics only: it is not the file.
   * Set whether or not `options.model` asked for the model diagnostics.
   */
  evaluated: Workbook | undefined;
  /** All diagnostics, sorted by start offset. */
  diagnostics: Diagnostic[];
}

/** Diagnostics that explain why a part of the file is not evaluated get a note saying so. */
const NOTED = new Set<DiagnosticCode>(['MW2001', 'MW3001', 'MW3006']);

/** Validates workbook text end to end. Never throws; see `ValidationResult`. */
export function validateWorkbookText(text: string, options: ValidateOptions = {}): ValidationResult {
  const parse = parseWorkbookText(text, options.limits);
  const diagnostics: Diagnostic[] = [...parse.diagnostics];
  let workbook: Workbook | undefined;
  let evaluated: Workbook | undefined;
  if (parse.value !== undefined) {
    const schema = guard(() => schemaDiagnostics(parse.value, parse.sourceMap), 'the schema check', parse);
    const semantic = guard(() => semanticDiagnostics(parse.value, parse.sourceMap), 'the semantic checks', parse);
    diagnostics.push(...schema, ...semantic);
    const clean = schema.length === 0 && !semantic.some((d) => d.severity === 'error' && (d.code === 'MW3001' || d.code === 'MW3002' || d.code === 'MW3006'));
    const tooLarge = options.model !== false && options.buildBudget !== undefined
      ? tooLargeToEvaluate(parse.value as Workbook, options.buildBudget, parse) : undefined;
    if (tooLarge) diagnostics.push(tooLarge);
    const model = options.model !== false && !tooLarge;
    if (clean) {
      workbook = evaluated = parse.value as Workbook;
      if (model) {
        diagnostics.push(...guard(() => {
          const engine = options.engineFor?.(evaluated!);
          return modelDiagnostics(evaluated!, parse.sourceMap, { scenarios: options.scenarios ?? 'all', ...(engine ? { engine } : {}) });
        }, 'the formula engine', parse));
      }
    } else {
      const part = evaluablePart(parse.value);
      addNotes([...schema, ...semantic], part.notes);
      if (part.ok) {
        evaluated = part.workbook;
        if (model) {
          const map = renumbered(parse.sourceMap, part.sheetIndex, part.checkIndex);
          const model = guard(() => modelDiagnostics(part.workbook, map.sourceMap, { scenarios: options.scenarios ?? 'all' }), 'the formula engine', parse);
          for (const d of model) {
            d.pointer = map.toFile(d.pointer);
            if (d.code === 'MW4003') d.message = leftOutName(d.message, part.leftOutParameters);
          }
          diagnostics.push(...model);
        }
      }
    }
  }
  return { parse, workbook, evaluated, diagnostics: sortDiagnostics(diagnostics, text.length) };
}

/** Appends each note to the schema and sheet-name errors at its pointer or below it. */
function addNotes(list: Diagnostic[], notes: EvaluationNote[]): void {
  if (notes.length === 0) return;
  for (const d of list) {
    if (d.severity !== 'error' || !NOTED.has(d.code)) continue;
    const n = notes.find((x) => d.pointer === x.pointer || d.pointer.startsWith(x.pointer + '/'));
    if (n !== undefined) d.message += ` (${n.note})`;
  }
}

/**
 * A source map for the evaluated copy (sheets and checks renumbered) over the file's map,
 * and the translation of the copy's pointers back to the file's.
 */
function renumbered(map: SourceMap, sheets: number[], checks: number[]): { sourceMap: SourceMap; toFile(pointer: string): string } {
  const identity = (a: number[]): boolean => a.every((v, i) => v === i);
  if (identity(sheets) && identity(checks)) return { sourceMap: map, toFile: (p) => p };
  const toFile = (pointer: string): string => {
    const segs = parsePointer(pointer);
    const table = segs[0] === 'sheets' ? sheets : segs[0] === 'checks' ? checks : undefined;
    const i = segs.length > 1 && /^(0|[1-9][0-9]*)$/.test(segs[1]!) ? Number(segs[1]) : -1;
    if (table === undefined || i < 0 || i >= table.length) return pointer;
    return pointerOf([segs[0]!, table[i]!, ...segs.slice(2)]);
  };
  return {
    sourceMap: {
      valueRange: (p) => map.valueRange(toFile(p)),
      keyRange: (p) => map.keyRange(toFile(p)),
      has: (p) => map.has(toFile(p)),
    },
    toFile,
  };
}

/** The engine calls a left-out parameter unknown; say why it is left out instead. */
function leftOutName(message: string, leftOut: string[]): string {
  if (leftOut.length === 0) return message;
  const m = /^(.*: unknown name )([^:]+): it is not a parameter of this workbook .*$/.exec(message);
  const name = m && leftOut.find((p) => p.toLowerCase() === m[2]!.toLowerCase());
  return m && name !== undefined ? `${m[1]}${m[2]}: parameter "${name}" is not usable until the error in its definition is fixed` : message;
}

/** Runs a checker; a throw becomes one MW4008 diagnostic at the start of the document. */
/** MW4007 when the engine would cost more than `budget` to build, else undefined. */
function tooLargeToEvaluate(workbook: Workbook, budget: number, parse: ParseResult): Diagnostic | undefined {
  let problem: string | undefined;
  try {
    problem = Array.isArray(workbook?.sheets) ? engineBuildProblem(workbook, budget) : undefined;
  } catch {
    return undefined; // a shape the estimate cannot read: the schema reports it, the model check decides
  }
  if (!problem) return undefined;
  const root = parse.sourceMap.valueRange('');
  return {
    code: 'MW4007', severity: 'warning', pointer: '', start: root.start, end: Math.min(root.end, root.start + 1),
    message: `formulas not checked in the editor: ${problem}. Run "minerals validate" on the file (in a terminal or CI) to check them.`,
  };
}

function guard(run: () => Diagnostic[], what: string, parse: ParseResult): Diagnostic[] {
  try {
    return run();
  } catch (e) {
    const root = parse.sourceMap.valueRange('');
    return [{
      code: 'MW4008', severity: 'error', pointer: '', start: root.start, end: Math.min(root.end, root.start + 1),
      message: `${what} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`,
    }];
  }
}

/** Stable sort by start then end; ranges clamped into the text so callers can trust them. */
function sortDiagnostics(list: Diagnostic[], length: number): Diagnostic[] {
  for (const d of list) {
    const start = Number.isFinite(d.start) ? Math.max(0, Math.min(d.start, length)) : 0;
    const end = Number.isFinite(d.end) ? Math.max(start, Math.min(d.end, length)) : start;
    d.start = start;
    d.end = end;
  }
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.start - b.d.start || a.d.end - b.d.end || a.i - b.i)
    .map((x) => x.d);
}
