/** Sheet names for the .xlsx export, made acceptable to Excel by the one rule in core/model. */
import { FORBIDDEN_SHEET_CHARS as FORBIDDEN, MAX_SHEET_NAME, sheetNameProblem, sheetNameReason } from '../model/sheet-name';

export { MAX_SHEET_NAME };

/** Why Excel refuses `name`, or undefined when it accepts it (uniqueness aside). */
export function excelSheetNameProblem(name: string): string | undefined {
  const problem = sheetNameProblem(name);
  return problem && sheetNameReason(problem);
}

/**
 * Names for `names` that Excel accepts, in order: a name it accepts stays; another gets its
 * forbidden characters replaced by `_`, is cut to 31 characters and made unique with ` (2)`.
 * `taken` holds lower-cased names already used (e.g. extra sheets the export adds).
 */
export function excelSheetNames(names: readonly string[], taken: Set<string> = new Set()): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    let base = sheetNameProblem(name) === undefined ? name : name.replace(FORBIDDEN, '_').replace(/^'+|'+$/g, '');
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
