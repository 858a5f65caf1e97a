import type { Severity } from './workbook';

/**
 * A problem found in a workbook, located by JSON pointer and by the exact character
 * range (offsets into the text) of the offending value or key.
 */
export interface Diagnostic {
  /** Stable code, e.g. `MW1001`; see `DIAGNOSTIC_CODES`. */
  code: DiagnosticCode;
  severity: Severity;
  /** Worded for an analyst: names the sheet and cell, says what to write instead. */
  message: string;
  /** JSON pointer (RFC 6901) of the offending value, `""` for the whole document. */
  pointer: string;
  /** Start offset (inclusive) in the text. */
  start: number;
  /** End offset (exclusive) in the text; `end >= start`, both within the text. */
  end: number;
  /** Scenario under which a model diagnostic was found, when it depends on one. */
  scenario?: string;
}

/**
 * Every diagnostic code, grouped by layer. Codes are stable: tools and users match on them.
 * MW1xxx parse, MW2xxx schema, MW3xxx semantic, MW4xxx model (engine), MW5xxx checks.
 */
export const DIAGNOSTIC_CODES = {
  // parse
  MW1001: 'JSON syntax error',
  MW1002: 'duplicate key',
  MW1003: 'forbidden key (__proto__, constructor, prototype)',
  MW1004: 'nesting too deep',
  MW1005: 'file too large',
  MW1006: 'comments or trailing commas are not allowed',
  // schema
  MW2001: 'schema violation',
  // semantic
  MW3001: 'duplicate sheet name',
  MW3002: 'parameter name clashes with a cell address or function',
  MW3003: 'scenario overrides an unknown parameter or cell',
  MW3004: 'scenario value outside the parameter bounds',
  MW3005: 'parameter value outside its own bounds',
  MW3006: 'invalid sheet name',
  MW3007: 'row longer than the declared columns',
  MW3008: 'number format that cannot be displayed',
  // model
  MW4001: 'formula syntax error',
  MW4002: 'reference to an unknown sheet',
  MW4003: 'unknown name or function',
  MW4004: 'circular reference',
  MW4005: 'cell evaluates to an error value',
  MW4006: 'Excel syntax HyperFormula does not accept',
  MW4007: 'workbook exceeds the engine size limits',
  MW4008: 'the engine could not evaluate the workbook',
  MW4009: 'result may differ from Excel',
  // checks
  MW5001: 'check failed',
  MW5002: 'check does not evaluate to TRUE or FALSE',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
