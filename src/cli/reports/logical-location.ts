/**
 * What a JSON pointer into a workbook names, for SARIF's logicalLocations: the cell
 * `Stockpile!B5`, the parameter `Price`, the check `Within budget`. Code-scanning tools show
 * this beside the line, so a reviewer sees the spreadsheet's name for the place, not only a
 * line of JSON.
 */
import { parsePointer } from '../../core/parse';
import { qualifiedAddress } from '../../core/model/a1';
import { valueAt } from '../../core/validate/describe';

export interface LogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: 'cell' | 'sheet' | 'parameter' | 'scenario' | 'check';
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/** The innermost named thing at or above `pointer` in the parsed file `root`, or undefined. */
export function logicalLocationOf(root: unknown, pointer: string): LogicalLocation | undefined {
  let segs: string[];
  try {
    segs = parsePointer(pointer);
  } catch {
    return undefined;
  }
  const [a, b, c, d, e] = segs;
  if (a === 'parameters' && b !== undefined) return { name: b, fullyQualifiedName: b, kind: 'parameter' };
  if (a === 'scenarios' && b !== undefined) {
    // An override target is a parameter or a Sheet!A1 cell as the file spells it.
    if (c === 'set' && d !== undefined) return { name: d, fullyQualifiedName: d, kind: d.includes('!') ? 'cell' : 'parameter' };
    return { name: b, fullyQualifiedName: b, kind: 'scenario' };
  }
  if (a === 'checks' && b !== undefined && INDEX.test(b)) {
    const name = valueAt(root, ['checks', b, 'name']);
    const shown = typeof name === 'string' && name !== '' ? name : `check ${Number(b) + 1}`;
    return { name: shown, fullyQualifiedName: shown, kind: 'check' };
  }
  if (a === 'sheets' && b !== undefined && INDEX.test(b)) {
    const raw = valueAt(root, ['sheets', b, 'name']);
    const sheet = typeof raw === 'string' && raw !== '' ? raw : `sheet ${Number(b) + 1}`;
    if (c === 'rows' && d !== undefined && INDEX.test(d) && e !== undefined && INDEX.test(e)) {
      const fqn = qualifiedAddress(sheet, Number(d), Number(e));
      return { name: fqn.slice(fqn.lastIndexOf('!') + 1), fullyQualifiedName: fqn, kind: 'cell' };
    }
    return { name: sheet, fullyQualifiedName: sheet, kind: 'sheet' };
  }
  return undefined;
}
