/**
 * Forms of functions the engine has whose result would differ from Excel's, or that it refuses
 * for a reason other than syntax, each with what to write instead (MW4006). Some are found by
 * reading the formula (FILTER's if_empty), some from the error the cell got (OFFSET with
 * computed arguments, MODE.MULT's reserved area, regression over several x variables).
 */
import { tokenize, type FormulaIssue, type Token } from './formula-lexer';
import type { CellError } from './types';

/** What the engine in use can do (probed once, so a later fix in the engine silences the hint). */
export interface EngineFacts {
  /** FILTER(array, include, if_empty) answers if_empty when nothing matches. */
  filterIfEmpty: boolean;
}

/** Each call in the formula: its upper-case name (without `_xlfn.`) and its top-level argument count. */
export function calls(formula: string): { name: string; args: number }[] {
  const tokens = tokenize(formula).filter((t: Token) => t.kind !== 'ws');
  const out: { name: string; args: number }[] = [];
  const open: { index: number; depth: number }[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'lbrace') depth++;
    else if (t.kind === 'rbrace') depth--;
    else if (t.kind === 'lparen') {
      depth++;
      const prev = tokens[i - 1];
      if (prev?.kind === 'ident') {
        out.push({ name: prev.text.toUpperCase().replace(/^(_XL(FN|WS)\.)+/, ''), args: tokens[i + 1]?.kind === 'rparen' ? 0 : 1 });
        open.push({ index: out.length - 1, depth });
      }
    } else if (t.kind === 'rparen') {
      if (open.length && open[open.length - 1]!.depth === depth) open.pop();
      depth--;
    } else if (t.kind === 'comma') {
      const top = open[open.length - 1];
      if (top && top.depth === depth) out[top.index]!.args++;
    }
  });
  return out;
}

const OFFSET_REWRITE = 'OFFSET with rows, columns, height or width computed by a formula is not supported (the engine fixes what a formula depends on when it reads it): '
  + 'for one cell at a computed position write INDEX(A1:A100, n) or INDEX(A1:Z100, row, column); for the sum of the first n cells write '
  + 'SUMPRODUCT(A1:A100*(SEQUENCE(100)<=n)), or SUMIFS(A1:A100, B1:B100, "<="&n) over a column of positions; to pick one of a few ranges write CHOOSE(k, range1, range2)';

/**
 * The form issues of `formula`: with `error`, those explaining that error value; without, the
 * ones found by reading alone (a result that would silently differ from Excel's).
 */
export function formIssues(formula: string, facts: EngineFacts, error?: CellError): FormulaIssue[] {
  const issues: FormulaIssue[] = [];
  const found = calls(formula);
  if (!facts.filterIfEmpty && found.some((c) => c.name === 'FILTER' && c.args >= 3)) {
    issues.push({ code: 'MW4006', message: 'FILTER\'s third argument (if_empty) is not supported: the engine would read it as another condition; write IFERROR(FILTER(array, include), "none") instead' });
  }
  if (!error) return issues;
  const msg = error.message ?? '';
  if (error.error === '#ERROR!' && /argument to OFFSET is not a static number/i.test(msg)) issues.push({ code: 'MW4006', message: OFFSET_REWRITE });
  if (error.error === '#SPILL!' && found.some((c) => c.name === 'MODE.MULT')) {
    issues.push({ code: 'MW4006', message: 'MODE.MULT keeps one row free below it for every value it is given (the engine sizes an array before computing it; Excel spills only the modes): leave those rows empty, or take each mode with INDEX(MODE.MULT(...), k)' });
  }
  if (error.error === '#VALUE!' && /Only one x variable is supported/.test(msg)) {
    issues.push({ code: 'MW4006', message: 'LINEST, LOGEST, TREND and GROWTH with several x variables (multiple regression) are not supported: fit one x at a time, e.g. LINEST(ys, xs_column)' });
  }
  return issues;
}
