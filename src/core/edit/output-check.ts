/**
 * The rule that every edit's output must itself validate: an edit that would add a parse or
 * schema error (a forbidden key such as `__proto__`, a sheet name Excel refuses, text that is
 * no longer JSON, a file past the parse limits) is refused, so the grid can never write what
 * the validator would reject. Errors the file already had do not block unrelated edits.
 */
import type { Diagnostic } from '../model/diagnostic';
import { validateWorkbookText } from '../validate';
import { EditError } from './edit-error';

/**
 * Parse (MW1xxx) and schema (MW2xxx) errors, duplicate (MW3001) and invalid (MW3006) sheet
 * names: what makes the file unreadable, out of format, or stops a sheet being evaluated.
 */
function structuralErrors(text: string): Diagnostic[] {
  return validateWorkbookText(text, { model: false }).diagnostics
    .filter((d) => d.severity === 'error' && (/^MW[12]/.test(d.code) || d.code === 'MW3001' || d.code === 'MW3006'));
}

/**
 * The last text checked and its errors: the queue applies edits one after another, so the
 * next edit's input is usually the previous edit's output and is not validated twice.
 */
let memo: { text: string; errors: Diagnostic[] } | undefined;

function errorsOf(text: string): Diagnostic[] {
  if (memo?.text === text) return memo.errors;
  const errors = structuralErrors(text);
  memo = { text, errors };
  return errors;
}

/** @throws EditError when `after` has more parse or schema errors than `before`, naming the first new one. */
export function checkEditOutput(before: string, after: string): void {
  if (before === after) return;
  const old = errorsOf(before);
  const now = errorsOf(after);
  if (now.length <= old.length) return;
  const known = new Map<string, number>();
  for (const d of old) known.set(d.message, (known.get(d.message) ?? 0) + 1);
  const added = now.find((d) => {
    const n = known.get(d.message) ?? 0;
    if (n > 0) { known.set(d.message, n - 1); return false; }
    return true;
  }) ?? now[now.length - 1]!;
  throw new EditError(`The edit was not applied: it would make the workbook invalid (${added.code}: ${added.message}).`);
}
