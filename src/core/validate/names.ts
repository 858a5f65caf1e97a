/** Names and addresses as the validator understands them (A1 cells, sheet references, suggestions). */
import { HyperFormula } from 'hyperformula';

/** Excel's (and HyperFormula's default) sheet bounds. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** `0` -> `A`, `25` -> `Z`, `26` -> `AA`. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `A` -> 0, `AA` -> 26 (case-insensitive); letters only. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A parsed `B3`: 0-based row and column. */
export interface CellAddress {
  row: number;
  col: number;
}

/** Parses an A1 address such as `B3` or `$B$3`; undefined if it is not one or lies beyond XFD1048576. */
export function parseA1(text: string): CellAddress | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(text);
  if (!m) return undefined;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col >= MAX_COLUMNS || row >= MAX_ROWS) return undefined;
  return { row, col };
}

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
