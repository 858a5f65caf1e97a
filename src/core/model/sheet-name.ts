/**
 * Excel's rule for sheet names, in one place: the schema check's messages, the .xlsx export's
 * renaming and anything else that judges a sheet name read it from here.
 * 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe, not the
 * reserved "History"; uniqueness (ignoring case) is the workbook's concern, not the name's.
 */

export const MAX_SHEET_NAME = 31;
/** Global so that callers can replace every occurrence; use with care in `test` (lastIndex). */
export const FORBIDDEN_SHEET_CHARS = /[:\\/?*[\]]/g;

export type SheetNameProblem =
  | { kind: 'empty' }
  | { kind: 'too-long'; length: number }
  | { kind: 'forbidden'; chars: string[] }
  | { kind: 'apostrophe' }
  | { kind: 'reserved' };

/** Why Excel refuses `name`, or undefined when it accepts it. */
export function sheetNameProblem(name: string): SheetNameProblem | undefined {
  if (name.length === 0) return { kind: 'empty' };
  if (name.length > MAX_SHEET_NAME) return { kind: 'too-long', length: name.length };
  const chars = [...new Set(name.match(FORBIDDEN_SHEET_CHARS) ?? [])];
  if (chars.length > 0) return { kind: 'forbidden', chars };
  if (name.startsWith("'") || name.endsWith("'")) return { kind: 'apostrophe' };
  if (name.toLowerCase() === 'history') return { kind: 'reserved' };
  return undefined;
}

/** The problem as a reason clause ("it is empty"), for sentences that name the sheet already. */
export function sheetNameReason(problem: SheetNameProblem): string {
  switch (problem.kind) {
    case 'empty': return 'it is empty';
    case 'too-long': return `it is ${problem.length} characters long; Excel allows at most ${MAX_SHEET_NAME}`;
    case 'forbidden': return `it contains ${problem.chars.map((c) => `"${c}"`).join(', ')} (Excel forbids : \\ / ? * [ ])`;
    case 'apostrophe': return 'it starts or ends with an apostrophe';
    case 'reserved': return 'Excel reserves "History"';
  }
}
