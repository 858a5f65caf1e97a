/**
 * The styles part: one cell format (xf) per number format used, plus bold for header cells.
 * Excel's built-in format codes keep their built-in ids; others get ids from 164 up.
 */
import { escapeXml } from './xml';

const BUILT_IN: Record<string, number> = {
  'General': 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11,
  '# ?/?': 12, '# ??/??': 13, '@': 49,
};
const FIRST_CUSTOM_ID = 164;

export class NumberFormats {
  /** Style index of the header cells (bold, General). */
  readonly headerStyle = 1;
  private readonly styles = new Map<string, number>();
  private readonly custom: string[] = [];

  /** The cell style index (`s` attribute) for number format `code`. */
  styleFor(code: string): number {
    let s = this.styles.get(code);
    if (s === undefined) {
      s = this.styles.size + 2; // 0: default, 1: header
      this.styles.set(code, s);
      if (!Object.hasOwn(BUILT_IN, code)) this.custom.push(code);
    }
    return s;
  }

  private numFmtId(code: string): number {
    return Object.hasOwn(BUILT_IN, code) ? BUILT_IN[code]! : FIRST_CUSTOM_ID + this.custom.indexOf(code);
  }

  stylesXml(): string {
    const numFmts = this.custom.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM_ID + i}" formatCode="${escapeXml(code)}"/>`).join('');
    const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'];
    for (const code of this.styles.keys()) xfs.push(`<xf numFmtId="${this.numFmtId(code)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      + (numFmts ? `<numFmts count="${this.custom.length}">${numFmts}</numFmts>` : '')
      + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
      + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + '</styleSheet>';
  }
}

/** Every built-in number format id Excel writes without a `<numFmt>` (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_BY_ID: Record<number, string> = {
  ...Object.fromEntries(Object.entries(BUILT_IN).map(([code, id]) => [id, code])),
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  48: '##0.0E+0',
};

/** The number format code of a `numFmtId`, given the file's own `<numFmt>`s; undefined for General or unknown. */
export function numberFormatCode(id: number, custom: ReadonlyMap<number, string>): string | undefined {
  const code = custom.get(id) ?? BUILT_IN_BY_ID[id];
  return code === undefined || code === 'General' ? undefined : code;
}
