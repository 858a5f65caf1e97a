/**
 * Workbook text -> every diagnostic: parse (MW1xxx), schema (MW2001, MW3006), semantic
 * (MW3xxx) and, for a workbook safe to evaluate, the engine's model diagnostics (MW4xxx,
 * MW5xxx). Never throws. Node/extension-host only: ajv compiles with `new Function`,
 * which the webview's CSP forbids; the webview imports `../parse` alone.
 */
import type { Diagnostic } from '../model/diagnostic';
import type { Workbook } from '../model/workbook';
import { parseWorkbookText, type ParseLimits, type ParseResult } from '../parse';
import { modelDiagnostics } from '../engine';
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
}

/** Everything known about one workbook text. */
export interface ValidationResult {
  parse: ParseResult;
  /** Set when the value passes the schema and nothing blocks evaluating it. */
  workbook: Workbook | undefined;
  /** All diagnostics, sorted by start offset. */
  diagnostics: Diagnostic[];
}

/** Semantic codes whose errors would make the engine misbehave, so no evaluation happens. */
const BLOCKING = new Set(['MW3001', 'MW3002', 'MW3006']);

/** Validates workbook text end to end. Never throws; see `ValidationResult`. */
export function validateWorkbookText(text: string, options: ValidateOptions = {}): ValidationResult {
  const parse = parseWorkbookText(text, options.limits);
  const diagnostics: Diagnostic[] = [...parse.diagnostics];
  let workbook: Workbook | undefined;
  if (parse.value !== undefined) {
    const schema = guard(() => schemaDiagnostics(parse.value, parse.sourceMap), 'the schema check', parse);
    const semantic = guard(() => semanticDiagnostics(parse.value, parse.sourceMap), 'the semantic checks', parse);
    diagnostics.push(...schema, ...semantic);
    const blocked = schema.length > 0 || semantic.some((d) => d.severity === 'error' && BLOCKING.has(d.code));
    if (!blocked) workbook = parse.value as Workbook;
  }
  if (workbook !== undefined && options.model !== false) {
    const wb = workbook;
    diagnostics.push(...guard(() => modelDiagnostics(wb, parse.sourceMap, { scenarios: options.scenarios ?? 'all' }), 'the formula engine', parse));
  }
  return { parse, workbook, diagnostics: sortDiagnostics(diagnostics, text.length) };
}

/** Runs a checker; a throw becomes one MW4008 diagnostic at the start of the document. */
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
