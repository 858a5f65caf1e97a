/**
 * A workbook as the text of a `*.minerals.json` file, laid out to diff well: two-space
 * indentation, each row of cells on one line, each column, parameter and check on one line when
 * it is short. Written for new files (an import); edits to an existing file go through
 * src/core/edit, which keeps the file's own layout.
 */
import type { Workbook } from '../model/workbook';

/** Objects and arrays of plain values up to this length go on one line. */
const INLINE_WIDTH = 120;

function isFlat(v: unknown): boolean {
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== 'object');
  if (v !== null && typeof v === 'object') return Object.values(v).every((x) => x === null || typeof x !== 'object');
  return true;
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v) ?? 'null';
}

function layout(v: unknown, indent: string, key: string | undefined): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  // Rows are always one line each, however long: one line per row is what makes a diff readable.
  const flat = isFlat(v);
  if (flat && (key === 'rows-row' || inline(v).length + indent.length <= INLINE_WIDTH)) return inline(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const childKey = key === 'rows' ? 'rows-row' : undefined;
    return `[\n${v.map((x) => inner + layout(x, inner, childKey)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${layout(x, inner, k)}`).join(',\n')}\n${indent}}`;
}

/** The file text for `workbook`, ending with a newline. */
export function workbookText(workbook: Workbook): string {
  return `${layout(workbook, '', undefined)}\n`;
}
