/**
 * Offset <-> line/character conversion for workbook text, with VS Code's rules:
 * lines end at `\n`, `\r\n` or a lone `\r`; positions are 0-based; `character` counts
 * UTF-16 code units, like `TextDocument.positionAt`.
 */

/** A 0-based line and character (UTF-16 code units), as in VS Code's `Position`. */
export interface LinePosition {
  line: number;
  character: number;
}

/** Precomputed line starts of one text; O(log lines) lookups both ways. */
export class LineIndex {
  /** Offset of the first character of each line; always starts with 0. */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    const starts = this.lineStarts;
    if (text.indexOf('\r') < 0) {
      // Common case (LF only): indexOf is far faster than a per-character loop on big files.
      for (let j = text.indexOf('\n'); j >= 0; j = text.indexOf('\n', j + 1)) starts.push(j + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
  }

  /** Number of lines (a text without line breaks has one). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of `offset`, clamped into `[0, text.length]`. */
  positionAt(offset: number): LinePosition {
    const o = clamp(Number.isFinite(offset) ? Math.floor(offset) : 0, 0, this.text.length);
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  /** The offset of `p`: the line is clamped to the text, the character to the line's content (before its line break). */
  offsetAt(p: LinePosition): number {
    const starts = this.lineStarts;
    const line = Number.isFinite(p.line) ? Math.floor(p.line) : 0;
    if (line < 0) return 0;
    if (line >= starts.length) return this.text.length;
    const start = starts[line];
    let end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    // Exclude the line break itself (\n, \r or \r\n) from the line's content.
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    const ch = Number.isFinite(p.character) ? Math.floor(p.character) : 0;
    return clamp(start + ch, start, end);
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}
