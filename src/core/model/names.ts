/**
 * The one rule for matching sheet, parameter and scenario names: letter case is ignored, the
 * way the engine resolves them in formulas (HyperFormula lower-cases sheet names and named
 * expressions) and the way Excel refuses a second sheet, name or scenario differing only in case.
 * Everything that asks "is this the same name?" asks here, so the grid, the host, the CLI and
 * the engine never disagree (e.g. on "STRASSE" vs "straße", which upper-casing would merge).
 */

/** The key two names share exactly when they are the same name. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b);
}

/** The index of `name` in `names` by the rule, preferring an exact spelling; -1 if absent. */
export function findName(names: readonly string[], name: string): number {
  const exact = names.indexOf(name);
  if (exact >= 0) return exact;
  const key = nameKey(name);
  return names.findIndex((n) => nameKey(n) === key);
}
