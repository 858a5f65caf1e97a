/**
 * The values a check's assertion reads, for a report of why it failed: `=Costs!B1<=Budget`
 * failing says little until it shows `Costs!B1 = 25, Budget = 10`. Single cells and
 * parameters only; a range (`SUM(A1:A9)`) is not expanded.
 */
import type { Workbook } from '../model/workbook';
import { isCellRef, sheetNameOf, tokenize, type Token } from './formula-lexer';
import { quoteSheetName } from '../model/a1';
import type { CellValue } from './types';
import type { WorkbookEngine } from './workbook-engine';

/** At most this many inputs are shown for one check. */
const MAX_INPUTS = 8;

export interface CheckInput {
  /** `Costs!B1` / `'Summary table'!B2` or a parameter name as the file spells it. */
  name: string;
  value: CellValue;
}

const significant = (tokens: Token[], i: number, step: 1 | -1): Token | undefined => {
  for (let j = i + step; j >= 0 && j < tokens.length; j += step) if (tokens[j]!.kind !== 'ws') return tokens[j];
  return undefined;
};

/** The cells and parameters check `index` reads, with their values under the engine's current scenario. */
export function checkInputs(workbook: Workbook, engine: WorkbookEngine, index: number): CheckInput[] {
  const assert = workbook.checks?.[index]?.assert;
  if (typeof assert !== 'string') return [];
  const params = new Map(Object.keys(workbook.parameters ?? {}).map((p) => [p.toUpperCase(), p]));
  const firstSheet = workbook.sheets[0]?.name;
  const tokens = tokenize(assert);
  const out: CheckInput[] = [];
  const seen = new Set<string>();
  const add = (name: string, read: () => CellValue): void => {
    if (seen.has(name) || out.length >= MAX_INPUTS) return;
    seen.add(name);
    try {
      out.push({ name, value: read() });
    } catch {
      // A reference the engine refuses is reported by the check's own diagnostic.
    }
  };
  tokens.forEach((t, i) => {
    if (t.kind !== 'ident') return;
    const before = significant(tokens, i, -1);
    const after = significant(tokens, i, 1);
    if (after?.kind === 'lparen' || after?.kind === 'colon' || before?.kind === 'colon') return; // a function or a range
    const sheet = before?.kind === 'sheet' ? sheetNameOf(before) : undefined;
    if (isCellRef(t.text)) {
      const onSheet = sheet ?? firstSheet;
      if (onSheet === undefined) return;
      const ref = `${quoteSheetName(onSheet)}!${t.text.replace(/\$/g, '').toUpperCase()}`;
      add(ref, () => engine.getCellValue(ref));
    } else if (sheet === undefined && params.has(t.text.toUpperCase())) {
      const name = params.get(t.text.toUpperCase())!;
      add(name, () => engine.getParameterValue(name) as CellValue);
    }
  });
  return out;
}
