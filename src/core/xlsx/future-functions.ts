/**
 * Functions added to Excel after Excel 2007. In the file format their names carry the
 * `_xlfn.` prefix (some also `_xlws.`); written bare, Excel shows `#NAME?`. The one list for
 * the .xlsx bridge (ECMA-376 / MS-XLSX "future functions").
 */

const FUTURE_FUNCTIONS = [
  // Excel 2010
  'AGGREGATE', 'BETA.DIST', 'BETA.INV', 'BINOM.DIST', 'BINOM.INV', 'CEILING.PRECISE', 'CHISQ.DIST',
  'CHISQ.DIST.RT', 'CHISQ.INV', 'CHISQ.INV.RT', 'CHISQ.TEST', 'CONFIDENCE.NORM', 'CONFIDENCE.T',
  'COVARIANCE.P', 'COVARIANCE.S', 'ERF.PRECISE', 'ERFC.PRECISE', 'EXPON.DIST', 'F.DIST', 'F.DIST.RT',
  'F.INV', 'F.INV.RT', 'F.TEST', 'FLOOR.PRECISE', 'GAMMA.DIST', 'GAMMA.INV', 'GAMMALN.PRECISE',
  'HYPGEOM.DIST', 'LOGNORM.DIST', 'LOGNORM.INV', 'MODE.MULT', 'MODE.SNGL', 'NEGBINOM.DIST',
  'NETWORKDAYS.INTL', 'NORM.DIST', 'NORM.INV', 'NORM.S.DIST', 'NORM.S.INV', 'PERCENTILE.EXC',
  'PERCENTILE.INC', 'PERCENTRANK.EXC', 'PERCENTRANK.INC', 'POISSON.DIST', 'QUARTILE.EXC',
  'QUARTILE.INC', 'RANK.AVG', 'RANK.EQ', 'STDEV.P', 'STDEV.S', 'T.DIST', 'T.DIST.2T', 'T.DIST.RT',
  'T.INV', 'T.INV.2T', 'T.TEST', 'VAR.P', 'VAR.S', 'WEIBULL.DIST', 'WORKDAY.INTL',
  // Excel 2013
  'ACOT', 'ACOTH', 'ARABIC', 'BASE', 'BINOM.DIST.RANGE', 'BITAND', 'BITLSHIFT', 'BITOR', 'BITRSHIFT',
  'BITXOR', 'CEILING.MATH', 'COMBINA', 'COT', 'COTH', 'CSC', 'CSCH', 'DAYS', 'DECIMAL', 'ENCODEURL',
  'FILTERXML', 'FLOOR.MATH', 'FORMULATEXT', 'GAMMA', 'GAUSS', 'IFNA', 'IMCOSH', 'IMCOT', 'IMCSC',
  'IMCSCH', 'IMSEC', 'IMSECH', 'IMSINH', 'IMTAN', 'ISFORMULA', 'ISOWEEKNUM', 'MUNIT', 'NUMBERVALUE',
  'PDURATION', 'PERMUTATIONA', 'PHI', 'RRI', 'SEC', 'SECH', 'SHEET', 'SHEETS', 'SKEW.P', 'UNICHAR',
  'UNICODE', 'WEBSERVICE', 'XOR',
  // Excel 2016 / 2019
  'CONCAT', 'FORECAST.ETS', 'FORECAST.ETS.CONFINT', 'FORECAST.ETS.SEASONALITY', 'FORECAST.ETS.STAT',
  'FORECAST.LINEAR', 'IFS', 'MAXIFS', 'MINIFS', 'SWITCH', 'TEXTJOIN',
  // Microsoft 365 (dynamic arrays and later)
  'ARRAYTOTEXT', 'BYCOL', 'BYROW', 'CHOOSECOLS', 'CHOOSEROWS', 'DROP', 'EXPAND', 'FILTER', 'HSTACK',
  'ISOMITTED', 'LAMBDA', 'LET', 'MAKEARRAY', 'MAP', 'RANDARRAY', 'REDUCE', 'SCAN', 'SEQUENCE', 'SORT',
  'SORTBY', 'TAKE', 'TEXTAFTER', 'TEXTBEFORE', 'TEXTSPLIT', 'TOCOL', 'TOROW', 'UNIQUE', 'VALUETOTEXT',
  'VSTACK', 'WRAPCOLS', 'WRAPROWS', 'XLOOKUP', 'XMATCH',
] as const;

/** Those Excel writes as `_xlfn._xlws.NAME` (worksheet-only functions). */
const WORKSHEET_ONLY = new Set(['FILTER', 'SORT']);

const FUTURE = new Set<string>(FUTURE_FUNCTIONS);

/**
 * The name of a function as Excel stores it: `XLOOKUP` -> `_xlfn.XLOOKUP`, `FILTER` ->
 * `_xlfn._xlws.FILTER`, `SUM` -> `SUM`. A name already prefixed is returned as is.
 */
export function storedFunctionName(name: string): string {
  if (/^_xl(fn|ws|udf)\./i.test(name)) return name;
  const upper = name.toUpperCase();
  if (!FUTURE.has(upper)) return name;
  return WORKSHEET_ONLY.has(upper) ? `_xlfn._xlws.${upper}` : `_xlfn.${upper}`;
}
