/**
 * Excel's TEXT function, plugged into HyperFormula's `stringifyCurrency` hook (its first
 * stop for every TEXT format) so TEXT uses the same format-code parser as the grid
 * (`src/core/format`). HyperFormula's own formatting gets `TEXT(0.256, "0.0%")`,
 * `TEXT(1234.5, "#,##0")` and month names wrong ("0.3%", "1235,##0", "040 2027").
 * Codes the core does not render (fractions) return undefined and stay with HyperFormula;
 * the diagnostics flag them.
 */
import { formatNumberCode } from '../format/number-format';

export function formatTextNumber(value: number, format: string): string | undefined {
  return formatNumberCode(value, format);
}
