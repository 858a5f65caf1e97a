/**
 * Forms of functions the engine has whose result would differ from Excel's, or that it refuses
 * for a reason other than syntax, each with what to write instead (MW4006). Some are found by
 * reading the formula (FILTER's if_empty), some from the error the cell got (OFFSET with
 * computed arguments, MODE.MULT's reserved area, regression over several x variables).
 */
import { tokenize, type Token } from './formula-lexer';
import type { CellError } from './types';

/** MW4006: refused with a rewrite; MW4009 (a warning): evaluated, but the value may differ from Excel's. */
export interface FormIssue { code: 'MW4006' | 'MW4009'; message: string }

/**
 * Functions whose value agrees with Excel's to about 9 significant digits only (HyperFormula's
 * series). The distributions themselves are exact now (excel-distributions.ts); T.TEST is
 * still HyperFormula's.
 */
const LOW_PRECISION = new Set(['T.TEST', 'TTEST']);

/** Pre-2010 distribution names whose HyperFormula form takes other arguments than Excel's, with Excel's current form. */
const LEGACY_FORMS: Record<string, string> = {
  HYPGEOMDIST: 'HYPGEOM.DIST(sample_s, number_sample, population_s, number_pop, FALSE)',
  NEGBINOMDIST: 'NEGBINOM.DIST(number_f, number_s, probability_s, FALSE)',
};

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

const END = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/;

/**
 * ROW or COLUMN calls whose argument is a range over several rows (ROW) or columns (COLUMN):
 * Excel answers one number per row or column (an array), the engine only the first.
 */
function rowColumnOverRanges(formula: string): ('ROW' | 'COLUMN')[] {
  const tokens = tokenize(formula).filter((t: Token) => t.kind !== 'ws');
  const out: ('ROW' | 'COLUMN')[] = [];
  tokens.forEach((t, i) => {
    const name = t.kind === 'ident' ? t.text.toUpperCase() : '';
    if ((name !== 'ROW' && name !== 'COLUMN') || tokens[i + 1]?.kind !== 'lparen') return;
    // The argument as written: [sheet] end : end ).
    let k = i + 2;
    if (tokens[k]?.kind === 'sheet') k++;
    const a = tokens[k];
    const colon = tokens[k + 1];
    const b = tokens[k + 2];
    if (!a || !b || colon?.kind !== 'colon' || tokens[k + 3]?.kind !== 'rparen') return;
    const ea = END.exec(a.text);
    const eb = END.exec(b.text);
    if (!ea || !eb) return;
    const span = name === 'ROW' ? [ea[2], eb[2]] : [ea[1]?.toUpperCase(), eb[1]?.toUpperCase()];
    // A missing part is a whole column (for ROW) or a whole row (for COLUMN): many of them.
    if (span[0] === undefined || span[1] === undefined || span[0] !== span[1]) out.push(name);
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
export function formIssues(formula: string, facts: EngineFacts, error?: CellError): FormIssue[] {
  const issues: FormIssue[] = [];
  const found = calls(formula);
  if (!facts.filterIfEmpty && found.some((c) => c.name === 'FILTER' && c.args >= 3)) {
    issues.push({ code: 'MW4006', message: 'FILTER\'s third argument (if_empty) is not supported: the engine would read it as another condition; write IFERROR(FILTER(array, include), "none") instead' });
  }
  for (const c of found) {
    const legacy = LEGACY_FORMS[c.name];
    if (legacy) issues.push({ code: 'MW4006', message: `${c.name} is not supported in Excel's form here: write ${legacy}` });
  }
  if (!error) {
    const low = [...new Set(found.filter((c) => LOW_PRECISION.has(c.name)).map((c) => c.name))];
    if (low.length) issues.push({ code: 'MW4009', message: `${low.join(', ')} agree${low.length === 1 ? 's' : ''} with Excel to about 9 significant digits only (Excel: 15)` });
    const rowColumn = new Set(rowColumnOverRanges(formula));
    if (rowColumn.has('ROW')) issues.push({ code: 'MW4009', message: 'ROW of a range over several rows gives only its first row here (Excel: one number per row, e.g. 10 for SUMPRODUCT(ROW(A1:A4))): write SEQUENCE(ROWS(range), 1, ROW(first cell))' });
    if (rowColumn.has('COLUMN')) issues.push({ code: 'MW4009', message: 'COLUMN of a range over several columns gives only its first column here (Excel: one number per column): write SEQUENCE(1, COLUMNS(range), COLUMN(first cell))' });
    if (found.some((c) => c.name === 'ISREF')) issues.push({ code: 'MW4009', message: 'ISREF gives FALSE for a reference (Excel: TRUE): compare with ISERROR or leave it out' });
    if (/\b(VLOOKUP|HLOOKUP)\s*\(\s*"[^"]*[*?]/i.test(formula)) {
      issues.push({ code: 'MW4009', message: 'a wildcard VLOOKUP/HLOOKUP may return a later match than Excel\'s first one when several match: use XLOOKUP(key, keys, values, , 2), which returns the first' });
    }
    return issues;
  }
  if (error.error === '#NUM!' && found.some((c) => c.name === 'COMBIN')) {
    issues.push({ code: 'MW4006', message: 'COMBIN with a fractional argument: Excel cuts it to an integer, the engine gives #NUM!: write COMBIN(INT(n), INT(k))' });
  }
  if (error.error === '#DIV/0!' && found.some((c) => c.name === 'CEILING')) {
    issues.push({ code: 'MW4006', message: 'CEILING(x, 0) is 0 in Excel, #DIV/0! here: write IF(significance=0, 0, CEILING(x, significance))' });
  }
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
