/**
 * Excel functions HyperFormula 3.5 does not implement, with what an analyst can write instead.
 * Used to turn a silent `#NAME?` into a diagnostic (MW4006) that names the function.
 * An empty hint means there is no simple equivalent.
 */
export const EXCEL_ONLY_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['ACCRINT', ''],
  ['AGGREGATE', 'use SUBTOTAL, or the plain function (SUM, MAX, ...) combined with IFERROR'],
  ['AREAS', ''],
  ['ARRAYTOTEXT', 'use TEXTJOIN'],
  ['BYCOL', ''], ['BYROW', ''], ['MAKEARRAY', ''], ['MAP', ''], ['REDUCE', ''], ['SCAN', ''],
  ['LAMBDA', 'write the calculation out in the cells'],
  ['LET', 'write the expression out, or put the intermediate value in a cell or a parameter'],
  ['CELL', ''], ['INFO', ''], ['TYPE', 'use ISNUMBER, ISTEXT or ISLOGICAL'],
  ['CHOOSECOLS', 'use INDEX or CHOOSE'], ['CHOOSEROWS', 'use INDEX or CHOOSE'],
  ['DROP', 'use an explicit smaller range'], ['TAKE', 'use an explicit smaller range'],
  ['EXPAND', ''], ['TOCOL', ''], ['TOROW', ''], ['WRAPCOLS', ''], ['WRAPROWS', ''],
  ['DOLLAR', 'use TEXT(value, "$#,##0.00")'],
  ['FIXED', 'use TEXT(ROUND(value, n), "#,##0.00")'],
  ['FREQUENCY', 'use COUNTIFS with lower and upper bounds per bin'],
  ['INDIRECT', 'refer to the cell directly; for a computed position write INDEX(A1:Z100, row, column); for a computed sheet write CHOOSE(k, Sheet1!A1, Sheet2!A1); to sum the rows named in a cell write SUMIFS(values, labels, name)'],
  ['RANDARRAY', 'use RAND in each cell'],
  ['SORTBY', 'use SORT'],
  ['TEXTAFTER', 'use MID with SEARCH'], ['TEXTBEFORE', 'use LEFT with SEARCH'],
  ['TEXTSPLIT', 'use MID/SEARCH, or SPLIT'],
]);
