/**
 * Excel's TEXT function, plugged into HyperFormula's `stringifyCurrency` hook (its first
 * stop for every TEXT format) so TEXT uses the same format-code parser as the grid
 * (`src/core/format`). HyperFormula's own formatting gets `TEXT(0.256, "0.0%")`,
 * `TEXT(1234.5, "#,##0")` and month names wrong ("0.3%", "1235,##0", "040 2027").
 * Codes the core does not render (fractions) return undefined and stay with HyperFormula;
 * the diagnostics flag them.
 */
import { CellError, ErrorType } from 'hyperformula';
import { formatCodeProblem, formatNumberCode } from '../format/number-format';

/**
 * The hook. A code that cannot be shown (more than 100 decimal places) is #VALUE! at the
 * cell: HyperFormula's TEXT returns whatever the hook returns as the cell's value, and its own
 * formatter would throw out of the whole evaluation (`toFixed` past 100 digits).
 */
export function formatTextNumber(value: number, format: string): string | undefined {
  const problem = formatCodeProblem(format);
  // The hook is typed string-or-undefined; an error value is what TEXT must give here.
  if (problem !== undefined) return new CellError(ErrorType.VALUE, `TEXT: ${problem}`) as unknown as string;
  return formatNumberCode(value, format);
}
