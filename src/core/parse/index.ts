/**
 * Workbook text -> value + source map + parse diagnostics (MW1xxx).
 * Safe for the webview: no ajv, no `eval`, no Node APIs.
 */
import { DEFAULT_PARSE_LIMITS, parseJson, type ParseLimits, type ParseResult } from './parser';

export { DEFAULT_PARSE_LIMITS, type ParseLimits, type ParseResult } from './parser';
export { pointerOf, parsePointer } from './pointer';
export { NodeSourceMap, type JsonKind, type SourceMap, type TextSpan } from './source-map';

/**
 * Parses workbook text as strict JSON. Never throws: problems are diagnostics with exact
 * ranges (syntax MW1001, duplicate key MW1002, forbidden key MW1003, nesting MW1004,
 * size MW1005, comments and trailing commas MW1006). `value` is undefined when the text
 * is not usable JSON (MW1001, MW1004, MW1005); duplicates keep the last value, forbidden
 * keys are dropped, comments and trailing commas are skipped.
 */
export function parseWorkbookText(text: string, limits?: Partial<ParseLimits>): ParseResult {
  const l: ParseLimits = {
    maxBytes: validLimit(limits?.maxBytes, DEFAULT_PARSE_LIMITS.maxBytes),
    maxDepth: validLimit(limits?.maxDepth, DEFAULT_PARSE_LIMITS.maxDepth),
  };
  return parseJson(typeof text === 'string' ? text : String(text), l);
}

function validLimit(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && v >= 0 && !Number.isNaN(v) ? v : fallback;
}
