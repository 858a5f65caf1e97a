/**
 * A workbook formula as Excel stores it in a cell's `<f>`: no leading `=`, `_xlfn.` prefixes on
 * functions newer than Excel 2007, sheets renamed on export, and rows moved down on sheets that
 * gain a header row (the model keeps column headers outside the grid; Excel has only cells).
 */
import { quoteSheetName } from '../model/a1';
import { sheetNameOf, tokenize, type Token } from '../engine/formula-lexer';
import { storedFunctionName } from './future-functions';

/** How one sheet of the model appears in the exported workbook. */
export interface ExportedSheet {
  /** Its name in the .xlsx (differs from the model's when Excel forbids that one). */
  name: string;
  /** Rows inserted above the model's first row (1 for the header row, else 0). */
  rowOffset: number;
}

/** Where a formula lives and how every sheet is exported (keys: model sheet names, lower case). */
export interface FormulaContext {
  /** The model's name of the sheet holding the formula. */
  sheet: string;
  sheets: ReadonlyMap<string, ExportedSheet>;
}

const CELL = /^(\$?[A-Za-z]{1,3})(\$?)([0-9]+)$/;
const ROW = /^(\$?)([0-9]+)$/;

function significant(tokens: Token[], i: number, step: 1 | -1): Token | undefined {
  for (let j = i + step; j >= 0 && j < tokens.length; j += step) if (tokens[j]!.kind !== 'ws') return tokens[j];
  return undefined;
}

/** `formula` (with its leading `=`) rewritten for a cell's `<f>` element. */
export function toStoredFormula(formula: string, ctx: FormulaContext): string {
  const tokens = tokenize(formula);
  const start = tokens[0]?.kind === 'op' && tokens[0].text === '=' ? 1 : 0;
  const own = ctx.sheets.get(ctx.sheet.toLowerCase());
  let out = '';
  // The sheet a reference belongs to: set by a `Sheet!` prefix, kept across `A1:B2`.
  let refSheet: ExportedSheet | undefined;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = significant(tokens, i, -1);
    const next = significant(tokens, i, 1);
    if (t.kind === 'sheet') {
      const target = ctx.sheets.get(sheetNameOf(t).toLowerCase());
      refSheet = target;
      out += target ? `${quoteSheetName(target.name)}!` : t.text;
      continue;
    }
    const qualified = prev?.kind === 'sheet' || prev?.kind === 'colon';
    const sheet = qualified ? refSheet : own;
    if (!qualified && (t.kind === 'ident' || t.kind === 'number')) refSheet = own;
    if (t.kind === 'ident' && next?.kind === 'lparen') {
      out += storedFunctionName(t.text);
      continue;
    }
    const offset = sheet?.rowOffset ?? 0;
    const cell = t.kind === 'ident' ? CELL.exec(t.text) : null;
    if (cell) {
      out += offset ? `${cell[1]}${cell[2]}${Number(cell[3]) + offset}` : t.text;
      continue;
    }
    // A whole-row range such as 3:5 or $3:$5.
    const row = (t.kind === 'number' || t.kind === 'ident') ? ROW.exec(t.text) : null;
    if (row && offset && (next?.kind === 'colon' || prev?.kind === 'colon')) {
      out += `${row[1]}${Number(row[2]) + offset}`;
      continue;
    }
    out += t.text;
  }
  return out;
}
