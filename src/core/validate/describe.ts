/** Analyst-facing names for locations in a workbook: `sheet "Budget", cell C4`, `parameter "Days"`. */
import { columnLetters } from './names';

/** A location phrase: `subject` names the thing; `prop` the property of it, if any. */
export interface Location {
  subject: string;
  prop?: string;
}

/** The value at `segs` inside `root`, or undefined (own properties only). */
export function valueAt(root: unknown, segs: readonly string[]): unknown {
  let v: unknown = root;
  for (const s of segs) {
    if (Array.isArray(v)) {
      v = /^(0|[1-9][0-9]*)$/.test(s) ? v[Number(s)] : undefined;
    } else if (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, s)) {
      v = (v as Record<string, unknown>)[s];
    } else {
      return undefined;
    }
  }
  return v;
}

/** `sheet "Budget"` (or `sheet 2` when it has no usable name). */
export function sheetLabel(root: unknown, index: string | number): string {
  const name = valueAt(root, ['sheets', String(index), 'name']);
  return typeof name === 'string' && name !== '' ? `sheet "${name}"` : `sheet ${Number(index) + 1}`;
}

function checkLabel(root: unknown, index: string): string {
  const name = valueAt(root, ['checks', index, 'name']);
  return typeof name === 'string' && name !== '' ? `check "${name}"` : `check ${Number(index) + 1}`;
}

function isIndex(s: string | undefined): s is string {
  return s !== undefined && /^(0|[1-9][0-9]*)$/.test(s);
}

/** Names the value at `segs` for a message. */
export function describe(root: unknown, segs: readonly string[]): Location {
  const [a, b, c, d, e] = segs;
  const n = segs.length;
  if (n === 0) return { subject: 'the workbook' };
  if (n === 1) return { subject: '', prop: a };
  if (a === 'parameters') {
    if (n === 2) return { subject: `parameter "${b}"` };
    if (n === 3) return { subject: `parameter "${b}"`, prop: c };
  }
  if (a === 'scenarios') {
    if (n === 2) return { subject: `scenario "${b}"` };
    if (n === 3) return { subject: `scenario "${b}"`, prop: c };
    if (n === 4 && c === 'set') return { subject: `scenario "${b}", override "${d}"` };
  }
  if (a === 'sheets' && isIndex(b)) {
    const sheet = sheetLabel(root, b);
    if (n === 2) return { subject: sheet };
    if (n === 3) return { subject: sheet, prop: c };
    if (c === 'rows' && isIndex(d)) {
      if (n === 4) return { subject: `${sheet}, row ${Number(d) + 1}` };
      if (n === 5 && isIndex(e)) return { subject: `${sheet}, cell ${columnLetters(Number(e))}${Number(d) + 1}` };
    }
    if (c === 'columns' && isIndex(d)) {
      if (n === 4) return { subject: `${sheet}, column ${columnLetters(Number(d))}` };
      if (n === 5) return { subject: `${sheet}, column ${columnLetters(Number(d))}`, prop: e };
    }
    if (c === 'formats' && n === 4) return { subject: `${sheet}, format of ${d}` };
  }
  if (a === 'checks' && isIndex(b)) {
    if (n === 2) return { subject: checkLabel(root, b) };
    if (n === 3) return { subject: checkLabel(root, b), prop: c };
  }
  // Anything else: the parent's name plus the last segment.
  const parent = describe(root, segs.slice(0, -1));
  const last = segs[n - 1];
  const parentText = parent.prop !== undefined ? join(parent.subject, `"${parent.prop}"`) : parent.subject;
  return isIndex(last) ? { subject: join(parentText, `item ${Number(last) + 1}`) } : { subject: parentText, prop: last };
}

function join(a: string, b: string): string {
  return a === '' ? b : `${a}, ${b}`;
}

/** `sheet "X": "name"` / `sheet "X", cell C4` / `"title"` — the subject of a sentence. */
export function phrase(loc: Location): string {
  if (loc.prop === undefined) return loc.subject;
  return loc.subject === '' ? `"${loc.prop}"` : `${loc.subject}: "${loc.prop}"`;
}
