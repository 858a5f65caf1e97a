/** Conversions between what the user types and a raw cell as stored in the file. Pure. */
import type { RawCell } from '../../src/core/model/workbook';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Typed text -> raw cell: empty -> null, numbers -> numbers (`1,234` and `12%` too),
 * TRUE/FALSE -> booleans, `=...` -> formula, anything else -> text as typed.
 */
export function parseTypedInput(text: string): RawCell {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('=')) return t;
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (NUMBER.test(t)) return Number(t);
  if (/^[+-]?\d{1,3}(,\d{2,3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  const pct = /^([+-]?(\d+\.?\d*|\.\d+))%$/.exec(t);
  if (pct) return Number(pct[1]) / 100;
  return text;
}

/** Raw cell -> the text the formula bar shows and the editor starts with. */
export function rawToText(raw: RawCell | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return String(raw);
}
