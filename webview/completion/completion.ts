/**
 * Formula completion for the formula bar: which word the caret is on, the functions and
 * parameters that start with it, and a one-line signature of the function the caret is in.
 * Pure (no DOM), so it is unit tested in Node.
 */
import { tokenize } from '../../src/core/engine/formula-lexer';

/** Signatures of the functions analysts use most; the rest show `NAME(…)`. */
export const SIGNATURES: Readonly<Record<string, string>> = {
  SUM: 'SUM(number1, [number2], …)',
  SUMIF: 'SUMIF(range, criteria, [sum_range])',
  SUMIFS: 'SUMIFS(sum_range, criteria_range1, criteria1, …)',
  SUMPRODUCT: 'SUMPRODUCT(array1, [array2], …)',
  AVERAGE: 'AVERAGE(number1, [number2], …)',
  AVERAGEIF: 'AVERAGEIF(range, criteria, [average_range])',
  COUNT: 'COUNT(value1, [value2], …)',
  COUNTA: 'COUNTA(value1, [value2], …)',
  COUNTBLANK: 'COUNTBLANK(range)',
  COUNTIF: 'COUNTIF(range, criteria)',
  COUNTIFS: 'COUNTIFS(criteria_range1, criteria1, …)',
  MIN: 'MIN(number1, [number2], …)',
  MAX: 'MAX(number1, [number2], …)',
  MINIFS: 'MINIFS(min_range, criteria_range1, criteria1, …)',
  MAXIFS: 'MAXIFS(max_range, criteria_range1, criteria1, …)',
  MEDIAN: 'MEDIAN(number1, [number2], …)',
  STDEV: 'STDEV(number1, [number2], …)',
  'STDEV.S': 'STDEV.S(number1, [number2], …)',
  'STDEV.P': 'STDEV.P(number1, [number2], …)',
  VAR: 'VAR(number1, [number2], …)',
  PERCENTILE: 'PERCENTILE(array, k)',
  PRODUCT: 'PRODUCT(number1, [number2], …)',
  LARGE: 'LARGE(array, k)',
  SMALL: 'SMALL(array, k)',
  ROUND: 'ROUND(number, num_digits)',
  ROUNDUP: 'ROUNDUP(number, num_digits)',
  ROUNDDOWN: 'ROUNDDOWN(number, num_digits)',
  INT: 'INT(number)',
  ABS: 'ABS(number)',
  MOD: 'MOD(number, divisor)',
  POWER: 'POWER(number, power)',
  SQRT: 'SQRT(number)',
  EXP: 'EXP(number)',
  LN: 'LN(number)',
  LOG: 'LOG(number, [base])',
  LOG10: 'LOG10(number)',
  CEILING: 'CEILING(number, significance)',
  FLOOR: 'FLOOR(number, significance)',
  IF: 'IF(logical_test, value_if_true, [value_if_false])',
  IFS: 'IFS(logical_test1, value_if_true1, …)',
  IFERROR: 'IFERROR(value, value_if_error)',
  IFNA: 'IFNA(value, value_if_na)',
  AND: 'AND(logical1, [logical2], …)',
  OR: 'OR(logical1, [logical2], …)',
  NOT: 'NOT(logical)',
  XOR: 'XOR(logical1, [logical2], …)',
  SWITCH: 'SWITCH(expression, value1, result1, …, [default])',
  CHOOSE: 'CHOOSE(index_num, value1, [value2], …)',
  VLOOKUP: 'VLOOKUP(lookup_value, table_array, col_index_num, [range_lookup])',
  HLOOKUP: 'HLOOKUP(lookup_value, table_array, row_index_num, [range_lookup])',
  XLOOKUP: 'XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found], [match_mode], [search_mode])',
  INDEX: 'INDEX(array, row_num, [column_num])',
  MATCH: 'MATCH(lookup_value, lookup_array, [match_type])',
  OFFSET: 'OFFSET(reference, rows, cols, [height], [width])',
  ROWS: 'ROWS(array)',
  COLUMNS: 'COLUMNS(array)',
  ISBLANK: 'ISBLANK(value)',
  ISNUMBER: 'ISNUMBER(value)',
  ISERROR: 'ISERROR(value)',
  ISTEXT: 'ISTEXT(value)',
  TEXT: 'TEXT(value, format_text)',
  CONCATENATE: 'CONCATENATE(text1, [text2], …)',
  LEFT: 'LEFT(text, [num_chars])',
  RIGHT: 'RIGHT(text, [num_chars])',
  MID: 'MID(text, start_num, num_chars)',
  LEN: 'LEN(text)',
  TRIM: 'TRIM(text)',
  UPPER: 'UPPER(text)',
  LOWER: 'LOWER(text)',
  VALUE: 'VALUE(text)',
  DATE: 'DATE(year, month, day)',
  YEAR: 'YEAR(serial_number)',
  TODAY: 'TODAY()',
  NPV: 'NPV(rate, value1, [value2], …)',
  IRR: 'IRR(values, [guess])',
  PMT: 'PMT(rate, nper, pv, [fv], [type])',
  FV: 'FV(rate, nper, pmt, [pv], [type])',
  PV: 'PV(rate, nper, pmt, [fv], [type])',
};

export interface CompletionItem {
  label: string;
  kind: 'function' | 'parameter';
  /** Text that replaces the word: functions get their opening parenthesis. */
  insert: string;
  /** Signature (functions) or "parameter". */
  detail: string;
}

/** The word being typed at the caret of a formula: `start` is where it begins. */
export interface WordAtCaret { start: number; end: number; prefix: string }

/** Tokens of the text before the caret, and the last of them. */
function tokenBefore(text: string, caret: number) {
  const tokens = tokenize(text.slice(0, caret));
  return { tokens, last: tokens[tokens.length - 1] };
}

/**
 * The function or parameter name being typed just before the caret, or undefined when the
 * caret is not after a name: not a formula, inside a string, after a sheet name (`Sheet!B`),
 * on a number, or the word looks like a cell reference being typed after a range colon.
 */
export function wordAtCaret(text: string, caret: number): WordAtCaret | undefined {
  if (!text.startsWith('=') || caret < 2 || caret > text.length) return undefined;
  const { tokens, last } = tokenBefore(text, caret);
  if (!last || last.kind !== 'ident' || last.start + last.text.length !== caret) return undefined;
  if (!/^[A-Za-z_]/.test(last.text)) return undefined;
  const prev = tokens[tokens.length - 2];
  if (prev && (prev.kind === 'sheet' || prev.kind === 'colon')) return undefined;
  // The rest of the word after the caret is replaced too.
  let end = caret;
  while (end < text.length && /[A-Za-z0-9_.]/.test(text[end]!)) end++;
  return { start: last.start, end, prefix: last.text };
}

/** Functions and parameters starting with `prefix` (case-insensitive), parameters first. */
export function completions(prefix: string, functions: readonly string[], parameters: readonly string[], max = 50): CompletionItem[] {
  const p = prefix.toUpperCase();
  // A parameter name typed in full is finished: Enter then commits the formula as typed
  // instead of turning `Rate` into a function such as RATE(.
  if (!p || parameters.some((n) => n.toUpperCase() === p)) return [];
  const params = parameters
    .filter((n) => n.toUpperCase().startsWith(p))
    .sort((a, b) => a.localeCompare(b))
    .map((n): CompletionItem => ({ label: n, kind: 'parameter', insert: n, detail: 'parameter' }));
  const fns = functions
    .filter((n) => n.toUpperCase().startsWith(p))
    // Common functions (those with a signature) before rarer ones of the same prefix.
    .sort((a, b) => Number(b in SIGNATURES) - Number(a in SIGNATURES) || a.localeCompare(b))
    .map((n): CompletionItem => ({ label: n, kind: 'function', insert: `${n}(`, detail: signature(n) }));
  return [...params, ...fns].slice(0, max);
}

/** Replaces the word with the item; returns the new text and where the caret goes. */
export function applyCompletion(text: string, word: WordAtCaret, item: CompletionItem): { text: string; caret: number } {
  // Accepting a function right before an existing "(" does not double it.
  const insert = item.kind === 'function' && text[word.end] === '(' ? item.label : item.insert;
  const out = text.slice(0, word.start) + insert + text.slice(word.end);
  return { text: out, caret: word.start + insert.length + (insert === item.label && item.kind === 'function' ? 1 : 0) };
}

export function signature(name: string): string {
  return SIGNATURES[name.toUpperCase()] ?? `${name.toUpperCase()}(…)`;
}

/** The innermost function call around the caret and which argument (0-based) it is in. */
export function callAtCaret(text: string, caret: number): { name: string; argIndex: number } | undefined {
  if (!text.startsWith('=')) return undefined;
  const { tokens } = tokenBefore(text, caret);
  const stack: { name: string | undefined; args: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen') {
      let j = i - 1;
      while (j >= 0 && tokens[j]!.kind === 'ws') j--;
      const before = tokens[j];
      stack.push({ name: before?.kind === 'ident' ? before.text : undefined, args: 0 });
    } else if (t.kind === 'rparen') stack.pop();
    else if (t.kind === 'comma' && stack.length > 0) stack[stack.length - 1]!.args++;
  }
  for (let k = stack.length - 1; k >= 0; k--) {
    const s = stack[k]!;
    if (s.name !== undefined) return { name: s.name.toUpperCase(), argIndex: s.args };
  }
  return undefined;
}

/**
 * The hint line for the caret: the signature with the current argument marked, e.g.
 * `ROUND(number, «num_digits»)`; undefined outside a call.
 */
export function signatureHint(text: string, caret: number): string | undefined {
  const call = callAtCaret(text, caret);
  if (!call) return undefined;
  const sig = signature(call.name);
  const open = sig.indexOf('(');
  const inner = sig.slice(open + 1, -1);
  if (!inner || inner === '…') return sig;
  const args = inner.split(', ');
  // Past the listed arguments of a repeating signature (…), the last repeating one is current.
  const i = Math.min(call.argIndex, args.length - 1);
  if (args[i] === '…' || (args[i] ?? '').startsWith('…')) return sig;
  args[i] = `«${args[i]}»`;
  return `${sig.slice(0, open + 1)}${args.join(', ')})`;
}
