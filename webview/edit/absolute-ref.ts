/**
 * Excel's F4 while editing a formula: the reference under the caret (or just before it) cycles
 * A1 -> $A$1 -> A$1 -> $A1 -> A1. Both ends of a range `A1:B2` cycle together, as in Excel.
 * Text in quotes and names that merely look like references (`LOG10(`, `Rate2`) are left alone.
 * Pure: returns the new text and where the caret goes (the end of the reference).
 */

import { tokenize } from '../../src/core/engine/formula-lexer';

interface Ref { start: number; end: number; colAbs: boolean; rowAbs: boolean; col: string; row: string }

/** An identifier token that is a cell reference: column letters (1-3), optional `$`s, a row. */
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([1-9]\d{0,6})$/;

/**
 * Every cell reference in a formula, in order, read off the one formula lexer: strings and
 * quoted sheet names are whole tokens, and an identifier followed by `(` is a function.
 */
export function cellReferences(formula: string): Ref[] {
  const refs: Ref[] = [];
  const tokens = tokenize(formula);
  tokens.forEach((t, k) => {
    if (t.kind !== 'ident' || tokens[k + 1]?.kind === 'lparen') return;
    const m = CELL.exec(t.text);
    if (m) refs.push({ start: t.start, end: t.start + t.text.length, colAbs: m[1] === '$', col: m[2]!, rowAbs: m[3] === '$', row: m[4]! });
  });
  return refs;
}

/** The next of Excel's four forms: relative, absolute, absolute row, absolute column. */
function next(ref: Ref): string {
  const [colAbs, rowAbs] = !ref.colAbs && !ref.rowAbs ? [true, true]
    : ref.colAbs && ref.rowAbs ? [false, true]
      : !ref.colAbs && ref.rowAbs ? [true, false]
        : [false, false];
  return `${colAbs ? '$' : ''}${ref.col}${rowAbs ? '$' : ''}${ref.row}`;
}

export interface CycleResult { text: string; caret: number }

/** F4 at `caret` in `text`; undefined when the text is not a formula or no reference is there. */
export function cycleReference(text: string, caret: number): CycleResult | undefined {
  if (!text.startsWith('=')) return undefined;
  const refs = cellReferences(text);
  const k = refs.findIndex((r) => caret >= r.start && caret <= r.end);
  if (k < 0) return undefined;
  // A range: its two ends are one reference to the user.
  let first = k;
  let last = k;
  if (k > 0 && text[refs[k]!.start - 1] === ':' && refs[k - 1]!.end === refs[k]!.start - 1) first = k - 1;
  else if (k + 1 < refs.length && text[refs[k]!.end] === ':' && refs[k + 1]!.start === refs[k]!.end + 1) last = k + 1;
  // Excel moves every end to the form the first end takes next.
  const form = next(refs[first]!);
  const colAbs = form.startsWith('$');
  const rowAbs = form.slice(1).includes('$');
  let out = text.slice(0, refs[first]!.start);
  for (let i = first; i <= last; i++) {
    const r = refs[i]!;
    out += `${colAbs ? '$' : ''}${r.col}${rowAbs ? '$' : ''}${r.row}`;
    if (i < last) out += text.slice(r.end, refs[i + 1]!.start);
  }
  const caretAt = out.length;
  out += text.slice(refs[last]!.end);
  return { text: out, caret: caretAt };
}

/** Binds F4 on a text input: cycles the reference at the caret and reports the change as input. */
export function bindF4(input: HTMLInputElement): void {
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'F4' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const r = cycleReference(input.value, input.selectionStart ?? input.value.length);
    e.preventDefault();
    if (!r) return;
    input.value = r.text;
    input.setSelectionRange(r.caret, r.caret);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
