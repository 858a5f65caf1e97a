/**
 * Excel's point mode: while a formula is being typed and the caret sits where a reference may
 * go (after `=`, `(`, `,`, an operator), a click on a cell inserts its address at the caret
 * and a drag widens it to a range. Until something else is typed, a further click or drag
 * replaces that reference instead of adding another. Works on any text input (the in-cell
 * editor and the formula bar).
 */

/** Characters after which an operand, so a reference, may follow. */
const BEFORE_OPERAND = new Set(['=', '(', ',', ';', '+', '-', '*', '/', '^', '&', '<', '>', ':']);
/** Characters that may follow an inserted reference without gluing onto it. */
const AFTER_OPERAND = /^[\s)+\-*/^&<>=,;:%]?/;

/** True when `text` is a formula and a reference may be inserted at `caret` (not inside a string). */
export function atInsertionPoint(text: string, caret: number, selectionEnd = caret): boolean {
  if (!text.startsWith('=') || caret < 1 || caret > text.length) return false;
  let quotes = 0;
  for (let i = 0; i < caret; i++) if (text[i] === '"') quotes++;
  if (quotes % 2 === 1) return false;
  let i = caret - 1;
  while (i > 0 && text[i] === ' ') i--;
  if (!BEFORE_OPERAND.has(text[i]!)) return false;
  const next = text.slice(selectionEnd, selectionEnd + 1);
  return next === '' || AFTER_OPERAND.exec(next)![0] === next;
}

interface Span { input: HTMLInputElement; start: number; end: number; text: string }

export class PointMode {
  private span: Span | undefined;

  /** True when a click would insert a reference into `input` (or replace the one just inserted). */
  canPoint(input: HTMLInputElement): boolean {
    return this.live(input) !== undefined || atInsertionPoint(input.value, input.selectionStart ?? 0, input.selectionEnd ?? 0);
  }

  /**
   * Inserts `ref` at the caret of `input` (replacing the reference a previous click inserted,
   * when nothing was typed since). Returns false, changing nothing, when not at an insertion point.
   */
  point(input: HTMLInputElement, ref: string): boolean {
    const live = this.live(input);
    if (live) { this.write(input, live.start, live.end, ref); return true; }
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? start;
    if (!atInsertionPoint(input.value, start, end)) return false;
    this.write(input, start, end, ref);
    return true;
  }

  /** The same text now lives in another input (the edit moved to the formula bar). */
  moveTo(from: HTMLInputElement, to: HTMLInputElement): void {
    const live = this.live(from);
    this.span = live && { ...live, input: to };
  }

  private live(input: HTMLInputElement): Span | undefined {
    const s = this.span;
    // Typing anything (or moving the caret) ends the reference: the next click adds another.
    if (!s || s.input !== input || input.value !== s.text || input.selectionStart !== s.end) return undefined;
    return s;
  }

  private write(input: HTMLInputElement, start: number, end: number, ref: string): void {
    const v = input.value;
    input.value = v.slice(0, start) + ref + v.slice(end);
    const caret = start + ref.length;
    input.setSelectionRange(caret, caret);
    this.span = { input, start, end: caret, text: input.value };
  }
}
