/**
 * Text to number as Excel converts it in arithmetic and in numeric arguments: "" is not a
 * number (""+1, ABS(""), a cell whose formula returns "" times 2: #VALUE!), where HyperFormula
 * reads it as 0. An empty cell is still 0. Patched into each engine's arithmetic helper, the
 * one place HyperFormula turns a scalar into a number.
 */
interface Coercing { coerceNonDateScalarToMaybeNumber?: (arg: unknown) => unknown; excelEmptyText?: true }

export function patchEmptyTextCoercion(interpreter: unknown): void {
  const helper = (interpreter as { arithmeticHelper?: Coercing } | undefined)?.arithmeticHelper;
  if (!helper || helper.excelEmptyText || typeof helper.coerceNonDateScalarToMaybeNumber !== 'function') return;
  const original = helper.coerceNonDateScalarToMaybeNumber.bind(helper);
  helper.coerceNonDateScalarToMaybeNumber = (arg) => (arg === '' ? undefined : original(arg));
  helper.excelEmptyText = true;
}
