/**
 * Workbook documents parsed once per version, for work that runs on every cursor move
 * (cursor following) or code-action request: the core parser's source map answers "which
 * cell is at this offset" without rescanning the text from its start. No `vscode` here.
 */
import { cellAtOffset, cellOfPointer, type CellLocation } from '../core/edit/cell-location';
import { parseWorkbookText, type NodeSourceMap } from '../core/parse';

/** What is needed of a TextDocument. */
export interface VersionedText {
  readonly version: number;
  getText(): string;
}

interface Parsed {
  version: number;
  /** Undefined when the text is not well-formed JSON (then offsets are located by scanning). */
  map: NodeSourceMap | undefined;
  value: unknown;
  length: number;
  /** The text, kept only when it did not parse (for the tolerant scanner). */
  unparsed: string | undefined;
}

export class ParsedDocuments {
  private readonly cache = new WeakMap<VersionedText, Parsed>();

  private parsed(doc: VersionedText): Parsed {
    let p = this.cache.get(doc);
    if (p?.version !== doc.version) {
      const text = doc.getText();
      const r = parseWorkbookText(text);
      const ok = r.value !== undefined;
      p = { version: doc.version, map: ok ? r.sourceMap : undefined, value: r.value, length: text.length, unparsed: ok ? undefined : text };
      this.cache.set(doc, p);
    }
    return p;
  }

  /** The cell whose text contains `offset`, if the offset is inside a sheet's rows. */
  cellAt(doc: VersionedText, offset: number): CellLocation | undefined {
    const p = this.parsed(doc);
    // Text that does not parse (mid-typing): the tolerant scanner still finds the cell.
    if (!p.map) return cellAtOffset(p.unparsed ?? '', offset);
    return cellOfPointer(p.map.pointerAt(Math.max(0, Math.min(offset, p.length))));
  }

  /** The name of sheet `index` (the value the parser uses), if the text parses and it has one. */
  sheetName(doc: VersionedText, index: number): string | undefined {
    const sheets = (this.parsed(doc).value as { sheets?: unknown } | undefined)?.sheets;
    const name = Array.isArray(sheets) ? (sheets[index] as { name?: unknown } | undefined)?.name : undefined;
    return typeof name === 'string' ? name : undefined;
  }
}
