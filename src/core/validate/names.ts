/** Names and addresses as the validator understands them (A1 cells, sheet references, suggestions). */
import { HyperFormula } from 'hyperformula';

export { columnLetters, parseA1 } from '../model/a1';

/** A scenario cell target `Sheet!B3` / `'My sheet'!B3`, split; undefined if there is no `!`. */
export function splitSheetRef(key: string): { sheet: string; address: string } | undefined {
  const bang = key.lastIndexOf('!');
  if (bang < 0) return undefined;
  let sheet = key.slice(0, bang);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: key.slice(bang + 1) };
}

/**
 * Why a parameter name would be misread in a formula, or undefined if it is fine.
 * `fatal`: the engine cannot define the name at all (it reads as a cell or a literal);
 * otherwise it works (functions need a `(`) but reads ambiguously.
 */
export function parameterNameClash(name: string): { reason: string; fatal: boolean } | undefined {
  if (/^[A-Za-z]+[0-9]+$/.test(name)) return { reason: `it looks like the cell address ${name.toUpperCase()}`, fatal: true };
  if (/^[rR][0-9]*[cC][0-9]*$/.test(name)) return { reason: 'it looks like an R1C1 cell reference', fatal: true };
  const upper = name.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { reason: `it reads as the logical value ${upper}`, fatal: true };
  if (functionNames().has(upper)) return { reason: `it is also the name of the function ${upper}()`, fatal: false };
  return undefined;
}

let functionNameSet: Set<string> | undefined;
function functionNames(): Set<string> {
  functionNameSet ??= new Set(HyperFormula.getRegisteredFunctionNames('enGB').map((n) => n.toUpperCase()));
  return functionNameSet;
}

/** The candidate closest to `name` (case-insensitive edit distance), if close enough to suggest. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const target = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(target, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  // Allow roughly one typo per four characters.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** ` (did you mean "X"?)` or empty. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c !== undefined && c !== name ? ` (did you mean "${c}"?)` : '';
}
