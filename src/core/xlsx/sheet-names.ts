/**
 * Sheet names Excel accepts: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending
 * with an apostrophe, not the reserved "History", unique regardless of case.
 */

export const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;

/** Why Excel refuses `name`, or undefined when it accepts it (uniqueness aside). */
export function excelSheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_SHEET_NAME) return `it is longer than ${MAX_SHEET_NAME} characters`;
  if (FORBIDDEN.test(name)) { FORBIDDEN.lastIndex = 0; return 'it contains one of : \\ / ? * [ ]'; }
  if (name.startsWith("'") || name.endsWith("'")) return 'it starts or ends with an apostrophe';
  if (name.toLowerCase() === 'history') return 'Excel reserves "History"';
  return undefined;
}

/**
 * Names for `names` that Excel accepts, in order: a name it accepts stays; another gets its
 * forbidden characters replaced by `_`, is cut to 31 characters and made unique with ` (2)`.
 * `taken` holds lower-cased names already used (e.g. extra sheets the export adds).
 */
export function excelSheetNames(names: readonly string[], taken: Set<string> = new Set()): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    let base = excelSheetNameProblem(name) === undefined ? name : name.replace(FORBIDDEN, '_').replace(/^'+|'+$/g, '');
    if (base.toLowerCase() === 'history') base = `${base}_`;
    if (base.length === 0) base = 'Sheet';
    base = base.slice(0, MAX_SHEET_NAME);
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
