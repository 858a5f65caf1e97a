/**
 * AND, OR and XOR, and ISEVEN and ISODD, as Excel evaluates them (HyperFormula: AND(blank
 * cell, TRUE) is FALSE, AND(cell with text, TRUE) is #VALUE!, ISEVEN(2.5) is FALSE):
 * - AND/OR/XOR: logical values and numbers count (0 is FALSE); text and blanks in a reference
 *   or a range are ignored; text typed in the call is TRUE/FALSE if it spells one, else
 *   #VALUE!; #VALUE! when nothing counts; the first error is the result.
 * - ISEVEN/ISODD: the number is cut to an integer first; text is #VALUE!.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, type ImplementedFunctions } from 'hyperformula';

type Node = { type: string };
type Grid = { valuesFromTopLeftCorner(): unknown[] };
const isGrid = (v: unknown): v is Grid => v !== null && typeof v === 'object' && typeof (v as Grid).valuesFromTopLeftCorner === 'function';
const boxed = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : v !== null && typeof v === 'object' && typeof (v as { val?: unknown }).val === 'number' ? (v as { val: number }).val : undefined;

/** The logical values among the arguments, or the error Excel gives. */
export function logicalValues(args: unknown[], typed: boolean[]): boolean[] | CellError {
  const out: boolean[] = [];
  const take = (v: unknown, fromReference: boolean): CellError | undefined => {
    if (v instanceof CellError) return v;
    if (typeof v === 'boolean') { out.push(v); return undefined; }
    const n = boxed(v);
    if (n !== undefined) { out.push(n !== 0); return undefined; }
    if (typeof v === 'string' && !fromReference) {
      const u = v.trim().toUpperCase();
      if (u === 'TRUE' || u === 'FALSE') { out.push(u === 'TRUE'); return undefined; }
      return new CellError(ErrorType.VALUE, 'Text is not a logical value.');
    }
    return undefined; // blank, or text in a reference
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const values = isGrid(a) ? a.valuesFromTopLeftCorner() : [a];
    for (const v of values) {
      const err = take(v, isGrid(a) || !typed[i]);
      if (err) return err;
    }
  }
  return out.length ? out : new CellError(ErrorType.VALUE, 'No logical values.');
}

const LOGICAL = { parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1 };
const INTEGER_TEST = { parameters: [{ argumentType: FunctionArgumentType.SCALAR }] };

export class ExcelLogicPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    AND: { method: 'and', ...LOGICAL },
    OR: { method: 'or', ...LOGICAL },
    XOR: { method: 'xor', ...LOGICAL },
    ISEVEN: { method: 'iseven', ...INTEGER_TEST },
    ISODD: { method: 'isodd', ...INTEGER_TEST },
  };

  private over(ast: never, state: never, name: string, fn: (xs: boolean[]) => boolean): unknown {
    const nodes = (ast as { args: Node[] }).args;
    // Typed text is read as TRUE/FALSE; the same text from a cell is ignored.
    const typed = nodes.map((n) => n.type === 'STRING');
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (...args: unknown[]) => {
      const xs = logicalValues(args, typed);
      return xs instanceof CellError ? xs : fn(xs);
    });
  }
  and(ast: never, state: never): unknown { return this.over(ast, state, 'AND', (xs) => xs.every(Boolean)); }
  or(ast: never, state: never): unknown { return this.over(ast, state, 'OR', (xs) => xs.some(Boolean)); }
  xor(ast: never, state: never): unknown { return this.over(ast, state, 'XOR', (xs) => xs.filter(Boolean).length % 2 === 1); }

  private parity(ast: never, state: never, name: string, remainder: number): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata(name), (v: unknown) => {
      if (v instanceof CellError) return v;
      const n = v === EmptyValue ? 0 : typeof v === 'boolean' ? undefined : boxed(v);
      if (n === undefined) return new CellError(ErrorType.VALUE, 'ISEVEN and ISODD need a number.');
      return Math.abs(Math.trunc(n)) % 2 === remainder;
    });
  }
  iseven(ast: never, state: never): unknown { return this.parity(ast, state, 'ISEVEN', 0); }
  isodd(ast: never, state: never): unknown { return this.parity(ast, state, 'ISODD', 1); }
}
