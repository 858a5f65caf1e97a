/**
 * Sheet references inside formulas (`Stockpile!B3`, `'Export plan'!A1:B2`), for renaming a
 * sheet without touching string literals or names that merely look alike.
 */

import { quoteSheetName } from '../model/a1';

export { quoteSheetName };

const IDENT_CHAR = /[\p{L}\p{N}_.]/u;

/** Sheet names compare case-insensitively, as in Excel. */
export function sheetRefMatches(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The sheet prefix of an address such as `Sheet!B3` or `'My sheet'!B3`, if any. */
export function sheetRefPrefix(address: string): { sheet: string; end: number } | undefined {
  const ref = readSheetRef(address, 0);
  return ref && { sheet: ref.name, end: ref.end };
}

/** Reads a sheet reference (`Name!` or `'Na''me'!`) starting at `i`; `end` is just past `!`. */
function readSheetRef(s: string, i: number): { name: string; end: number } | undefined {
  if (s[i] === "'") {
    let j = i + 1;
    let name = '';
    while (j < s.length) {
      if (s[j] === "'") {
        if (s[j + 1] === "'") { name += "'"; j += 2; continue; }
        break;
      }
      name += s[j];
      j++;
    }
    if (s[j] === "'" && s[j + 1] === '!') return { name, end: j + 2 };
    return undefined;
  }
  let j = i;
  while (j < s.length && IDENT_CHAR.test(s[j]!)) j++;
  if (j > i && s[j] === '!') return { name: s.slice(i, j), end: j + 1 };
  return undefined;
}

/**
 * Rewrites every reference to sheet `oldName` in `formula` to `newName` (quoted as needed).
 * Text inside string literals ("...") is left alone; other sheets are untouched.
 */
export function renameSheetInFormula(formula: string, oldName: string, newName: string): string {
  let out = '';
  let i = 0;
  const s = formula;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"') {
      // String literal with "" escapes: copy verbatim.
      let j = i + 1;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') { j += 2; continue; }
          break;
        }
        j++;
      }
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const atTokenStart = i === 0 || !IDENT_CHAR.test(s[i - 1]!);
    if (atTokenStart && (ch === "'" || IDENT_CHAR.test(ch))) {
      const ref = readSheetRef(s, i);
      if (ref) {
        out += sheetRefMatches(ref.name, oldName) ? `${quoteSheetName(newName)}!` : s.slice(i, ref.end);
        i = ref.end;
        continue;
      }
      if (ch === "'") {
        // A quote that is not a sheet reference: copy it and move on.
        out += ch;
        i++;
        continue;
      }
      let j = i;
      while (j < s.length && IDENT_CHAR.test(s[j]!)) j++;
      out += s.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
