/**
 * What a grid cell shows for a computed value: the core's Excel format codes (the same
 * parser TEXT() uses), with the grid's locale deciding western or Indian (lakh/crore)
 * grouping. A code the core cannot render shows the value in General rather than a
 * wrong number.
 */
import type { CellValue } from '../../src/core/engine/types';
import { formatGeneral, formatNumberCode, formatTextCode } from '../../src/core/format/number-format';

export { formatGeneral, groupDigits } from '../../src/core/format/number-format';

const INDIAN_LOCALE = /^en-IN$|^hi|-IN$/i;

export function formatNumber(n: number, format: string | undefined, locale = 'en-US'): string {
  if (!format || format.toLowerCase() === 'general' || !Number.isFinite(n)) return formatGeneral(n);
  return formatNumberCode(n, format, { indianGrouping: INDIAN_LOCALE.test(locale) }) ?? formatGeneral(n);
}

/** What a grid cell shows for a computed value. */
export function formatValue(v: CellValue, format: string | undefined, locale = 'en-US'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, format, locale);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return format ? formatTextCode(v, format) : v;
  return v.error;
}
