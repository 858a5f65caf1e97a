/**
 * A workbook as an Office Open XML spreadsheet (.xlsx), written part by part: every sheet's
 * values and formulas with the values our engine computed under one scenario cached beside
 * them, parameters on a Parameters sheet with a defined name for each value cell, number
 * formats, column widths, a frozen header row, the scenarios as Scenario Manager scenarios and
 * a Scenarios summary sheet. The cells written are the scenario's (its cell overrides applied,
 * its parameter values on the Parameters sheet), so a program that recalculates gets the values
 * we cached; the Scenario Manager switches to the others.
 */
import { zipSync, strToU8 } from 'fflate';
import { rawRowsUnder } from '../csv/sheet-rows';
import { translateFormula } from '../engine/formula-lexer';
import { WorkbookEngine } from '../engine/workbook-engine';
import type { CellValue } from '../engine/types';
import { defaultResultCells, summaryTable } from '../analysis/index';
import { cellAddress, parseA1, qualifiedAddress, quoteSheetName } from '../model/a1';
import { BASE_SCENARIO, type RawCell, type SheetSpec, type Workbook } from '../model/workbook';
import { splitSheetRef } from '../validate/names';
import { changingCells, scenariosXml } from './scenarios';
import { toStoredFormula, type ExportedSheet } from './formula';
import { excelSheetNameProblem, excelSheetNames } from './sheet-names';
import { NumberFormats } from './styles';
import { escapeXml } from './xml';

/** Excel refuses longer formula text (without the `=`). */
export const MAX_FORMULA_LENGTH = 8192;

/** Options for `exportXlsx`. */
export interface XlsxExportOptions {
  /** The scenario whose values are cached and whose overrides are written. Default Baseline. */
  scenario?: string;
  /** An engine already built on the workbook (it is switched to `scenario` for the read and back). */
  engine?: WorkbookEngine;
}

/** Something the export changed or could not carry, worded for the analyst. */
export interface XlsxNote {
  /** The model's sheet the note is about, when it is about one. */
  sheet?: string;
  message: string;
}

export interface XlsxExport {
  bytes: Uint8Array;
  notes: XlsxNote[];
  /** The exported sheets, in order (model name -> name and row offset in the .xlsx). */
  sheets: { model: string; name: string; rowOffset: number }[];
}

/** Error codes a cell may cache in the file format; the engine's own (#CYCLE!, #ERROR!) are not. */
const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!']);

/**
 * Write `workbook` as .xlsx bytes, with the values computed under `options.scenario`.
 * @throws UnknownScenarioError for a scenario the workbook does not define; engine build errors.
 */
export function exportXlsx(workbook: Workbook, options: XlsxExportOptions = {}): XlsxExport {
  const scenario = options.scenario ?? options.engine?.scenario ?? BASE_SCENARIO;
  const own = options.engine ? undefined : WorkbookEngine.create(workbook, { scenario });
  const engine = options.engine ?? own!;
  try {
    return engine.withScenario(scenario, () => write(workbook, scenario, engine));
  } finally {
    own?.dispose();
  }
}

function write(workbook: Workbook, scenario: string, engine: WorkbookEngine): XlsxExport {
  const notes: XlsxNote[] = [];
  const names = excelSheetNames(workbook.sheets.map((s) => s.name));
  const sheets = new Map<string, ExportedSheet>();
  workbook.sheets.forEach((s, i) => {
    sheets.set(s.name.toLowerCase(), { name: names[i]!, rowOffset: hasHeader(s) ? 1 : 0 });
    if (names[i] !== s.name) {
      notes.push({ sheet: s.name, message: `sheet "${s.name}" is called "${names[i]}" in the .xlsx: Excel refuses the name (${excelSheetNameProblem(s.name) ?? 'another sheet has the same name, ignoring case'})` });
    }
  });
  const params = Object.keys(workbook.parameters ?? {});
  const hasScenarios = Object.keys(workbook.scenarios ?? {}).some((n) => n !== BASE_SCENARIO);
  const [paramSheet, summarySheet, checksSheet] = excelSheetNames(['Parameters', 'Scenarios', 'Checks'], new Set(names.map((n) => n.toLowerCase())));
  const paramRows = new Map(params.map((p, i) => [p, i + 1]));
  const changing = changingCells(workbook, (p) => paramRows.get(p), (s) => sheets.get(s)?.rowOffset, (sheet, message) => notes.push({ sheet, message }));
  const scenarioXml = (key: string): string => {
    const cells = changing.get(key);
    return cells && cells.size > 0 ? scenariosXml(workbook, cells, scenario) : '';
  };

  const formats = new NumberFormats();
  const files: Record<string, Uint8Array> = {};
  const order: string[] = [];
  const add = (name: string, xml: string): void => {
    order.push(name);
    files[`xl/worksheets/sheet${order.length}.xml`] = strToU8(xml);
  };
  let dynamicArrays = false;
  workbook.sheets.forEach((sheet, index) => {
    const exported = sheets.get(sheet.name.toLowerCase())!;
    const rows = rawRowsUnder(workbook, index, scenario);
    const values = (r: number, c: number): CellValue => engine.getValueAt(index, r, c);
    const spills: SpillAt = (r, c) => {
      const spill = engine.spillAt(index, r, c);
      if (spill) dynamicArrays = true;
      return spill;
    };
    add(exported.name, sheetXml(sheet, rows, values, exported, sheets, formats, notes, scenarioXml(sheet.name.toLowerCase()), spills));
  });
  if (params.length > 0) {
    const spec = parameterSheet(workbook, engine);
    add(paramSheet!, sheetXml(spec, spec.rows, noFormulas, { name: paramSheet!, rowOffset: 1 }, sheets, formats, notes, scenarioXml('')));
  }
  if (hasScenarios) {
    const spec = summarySheetSpec(workbook, engine, sheets);
    add(summarySheet!, sheetXml(spec, spec.rows, noFormulas, { name: summarySheet!, rowOffset: 1 }, sheets, formats, notes, ''));
  }
  const checks = workbook.checks ?? [];
  if (checks.length > 0) {
    const results = engine.evaluateChecks();
    const spec = checksSheetSpec(workbook);
    add(checksSheet!, sheetXml(spec, spec.rows, (r, c) => (c === 1 ? results[r]?.value ?? null : null), { name: checksSheet!, rowOffset: 1 }, sheets, formats, notes, ''));
  }
  const nameTarget = (p: string): string => `${quoteSheetName(paramSheet!)}!$B$${paramRows.get(p)! + 1}`;
  if (dynamicArrays) files['xl/metadata.xml'] = strToU8(METADATA_XML);
  files['xl/workbook.xml'] = strToU8(workbookXml(workbook, order, nameTarget));
  files['xl/_rels/workbook.xml.rels'] = strToU8(workbookRels(order.length, dynamicArrays));
  files['xl/styles.xml'] = strToU8(formats.stylesXml());
  files['[Content_Types].xml'] = strToU8(contentTypes(order.length, dynamicArrays));
  files['_rels/.rels'] = strToU8(ROOT_RELS);
  return {
    bytes: zipSync(files, { level: 6 }),
    notes,
    sheets: workbook.sheets.map((s) => ({ model: s.name, ...sheets.get(s.name.toLowerCase())! })),
  };
}

function hasHeader(sheet: SheetSpec): boolean {
  return (sheet.columns ?? []).some((c) => c.header !== undefined && c.header !== '');
}

const noFormulas = (): CellValue => null;

/** The area a formula cell's array result fills (see `WorkbookEngine.spillAt`). */
type SpillAt = (row: number, col: number) => { rows: number; cols: number } | undefined;
const noSpill: SpillAt = () => undefined;

/** Text as a raw cell that stays text (a description may start with `=`). */
const literal = (text: string | undefined): RawCell => (text === undefined ? null : `'${text}`);

/** The Parameters sheet: one row per parameter, its value (under the scenario) in column B. */
function parameterSheet(workbook: Workbook, engine: WorkbookEngine): SheetSpec {
  const headers = ['Parameter', 'Value', 'Unit', 'Min', 'Max', 'Description', 'Source'];
  return {
    name: 'Parameters',
    columns: headers.map((header, i) => ({ header, width: i === 5 ? 420 : i === 0 ? 180 : 90 })),
    rows: Object.entries(workbook.parameters ?? {}).map(([name, spec]) => {
      const value = engine.getParameterValue(name);
      return [literal(name), typeof value === 'string' ? literal(value.replace(/^'/, '')) : value, literal(spec.unit), spec.min ?? null, spec.max ?? null, literal(spec.description), literal(spec.source)];
    }),
  };
}

/**
 * The checks as a sheet of formulas (TRUE when a check passes). An unqualified reference in
 * an assert means the first sheet: it is qualified, since on this sheet it would mean this one.
 */
function checksSheetSpec(workbook: Workbook): SheetSpec {
  const first = workbook.sheets[0]?.name;
  return {
    name: 'Checks',
    columns: [{ header: 'Check', width: 300 }, { header: 'Passes' }, { header: 'Severity' }, { header: 'Message', width: 420 }],
    rows: (workbook.checks ?? []).map((check) => [
      literal(check.name),
      first === undefined ? check.assert : translateFormula(check.assert, { defaultSheet: first }),
      literal(check.severity ?? 'error'),
      literal(check.message),
    ]),
  };
}

/** `Sheet!B5` of the model as the exported workbook addresses it. */
function exportedAddress(label: string, sheets: ReadonlyMap<string, ExportedSheet>): string {
  const ref = splitSheetRef(label);
  const at = ref && parseA1(ref.address);
  const sheet = ref && sheets.get(ref.sheet.toLowerCase());
  return ref && at && sheet ? qualifiedAddress(sheet.name, at.row + sheet.rowOffset, at.col) : label;
}

/** Excel's Scenario Summary, as `minerals compare` computes it: values, a column per scenario. */
function summarySheetSpec(workbook: Workbook, engine: WorkbookEngine, sheets: ReadonlyMap<string, ExportedSheet>): SheetSpec {
  const [header, ...body] = summaryTable(engine.compare(defaultResultCells(workbook, Infinity)));
  return {
    name: 'Scenarios',
    columns: header!.map((h, i) => ({ header: i === 0 ? 'Parameter, cell or check' : String(h), width: i === 0 ? 260 : 140 })),
    rows: body.map(([label, ...values]) => [literal(exportedAddress(String(label), sheets)), ...values.map((v) => (typeof v === 'string' ? literal(v) : v))]),
  };
}

/** Excel's column width (characters of the default font's digit, 7 px at Calibri 11) for a width in pixels. */
function widthInCharacters(pixels: number): number {
  return Math.max(0, Math.trunc(((pixels - 5) / 7) * 100 + 0.5) / 100);
}

function sheetXml(
  sheet: SheetSpec, rows: RawCell[][], valueAt: (r: number, c: number) => CellValue,
  exported: ExportedSheet, sheets: ReadonlyMap<string, ExportedSheet>, formats: NumberFormats, notes: XlsxNote[],
  scenarios: string, spillAt: SpillAt = noSpill,
): string {
  const columns = sheet.columns ?? [];
  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">');
  if (exported.rowOffset > 0) {
    parts.push('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>');
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  const cols = columns.map((c, i) => (c.width !== undefined && c.width > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${widthInCharacters(c.width)}" customWidth="1"/>` : '')).join('');
  if (cols) parts.push(`<cols>${cols}</cols>`);
  parts.push('<sheetData>');
  if (exported.rowOffset > 0) {
    const header = columns.map((c, i) => (c.header ? `<c r="${cellAddress(0, i)}" s="${formats.headerStyle}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.header)}</t></is></c>` : '')).join('');
    parts.push(`<row r="1">${header}</row>`);
  }
  const cellFormats = sheet.formats ?? {};
  // Cells by model row, each [column, xml]: a dynamic array's values spill into cells the
  // model leaves empty, possibly past a row's end or the sheet's last row.
  const byRow = new Map<number, [number, string][]>();
  const put = (r: number, c: number, xml: string): void => {
    const list = byRow.get(r);
    if (list) list.push([c, xml]);
    else byRow.set(r, [[c, xml]]);
  };
  const styleAt = (r: number, c: number): string => {
    const format = Object.hasOwn(cellFormats, cellAddress(r, c)) ? cellFormats[cellAddress(r, c)] : columns[c]?.format;
    return format ? ` s="${formats.styleFor(format)}"` : '';
  };
  rows.forEach((row, r) => {
    row.forEach((raw, c) => {
      const ref = cellAddress(r + exported.rowOffset, c);
      const s = styleAt(r, c);
      const spill = typeof raw === 'string' && raw.startsWith('=') ? spillAt(r, c) : undefined;
      const array = spill && { ref: `${ref}:${cellAddress(r + spill.rows - 1 + exported.rowOffset, c + spill.cols - 1)}` };
      const cell = cellXml(raw, ref, s, () => valueAt(r, c), { sheet: sheet.name, sheets }, (message) => notes.push({ sheet: sheet.name, message: `${sheet.name}!${cellAddress(r, c)}: ${message}` }), array);
      if (cell) put(r, c, cell);
      if (spill && cell !== undefined && array) {
        for (let dr = 0; dr < spill.rows; dr++) {
          for (let dc = 0; dc < spill.cols; dc++) {
            if (dr === 0 && dc === 0) continue;
            const spilled = cachedOnly(cellAddress(r + dr + exported.rowOffset, c + dc), styleAt(r + dr, c + dc), valueAt(r + dr, c + dc));
            if (spilled) put(r + dr, c + dc, spilled);
          }
        }
      }
    });
  });
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = byRow.get(r)!.sort((a, b) => a[0] - b[0]).map(([, xml]) => xml);
    parts.push(`<row r="${r + 1 + exported.rowOffset}">${cells.join('')}</row>`);
  }
  parts.push('</sheetData>');
  parts.push(scenarios);
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  parts.push('</worksheet>');
  return parts.join('');
}

function inlineString(ref: string, s: string, text: string): string {
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function cellXml(
  raw: RawCell, ref: string, s: string, value: () => CellValue,
  ctx: { sheet: string; sheets: ReadonlyMap<string, ExportedSheet> }, note: (message: string) => void,
  array?: { ref: string },
): string | undefined {
  if (raw === null || raw === '') return undefined;
  if (typeof raw === 'number') return `<c r="${ref}"${s}><v>${raw}</v></c>`;
  if (typeof raw === 'boolean') return `<c r="${ref}"${s} t="b"><v>${raw ? 1 : 0}</v></c>`;
  if (raw.startsWith("'")) return inlineString(ref, s, raw.slice(1));
  if (!raw.startsWith('=')) return inlineString(ref, s, raw);
  const formula = toStoredFormula(raw, ctx);
  const cached = value();
  if (formula.length > MAX_FORMULA_LENGTH) {
    note(`the formula is ${formula.length} characters long, more than Excel's ${MAX_FORMULA_LENGTH}; only its value is written`);
    return cachedOnly(ref, s, cached);
  }
  // A dynamic array as Excel 365 writes it: an array formula over the area it fills, marked
  // dynamic by cell metadata 1 (xl/metadata.xml); without the mark Excel would apply implicit
  // intersection (`=@FILTER(...)`) and show one value.
  const dynamic = array !== undefined;
  const f = dynamic ? `<f t="array" ref="${array.ref}">${escapeXml(formula)}</f>` : `<f>${escapeXml(formula)}</f>`;
  const a = dynamic ? `${s} cm="1"` : s;
  if (cached === null) return `<c r="${ref}"${a} t="str">${f}<v></v></c>`;
  if (typeof cached === 'number') return `<c r="${ref}"${a}>${f}<v>${cached}</v></c>`;
  if (typeof cached === 'boolean') return `<c r="${ref}"${a} t="b">${f}<v>${cached ? 1 : 0}</v></c>`;
  if (typeof cached === 'string') return `<c r="${ref}"${a} t="str">${f}<v>${escapeXml(cached)}</v></c>`;
  if (!EXCEL_ERRORS.has(cached.error)) note(`the engine's ${cached.error} is cached as #VALUE! (Excel has no ${cached.error})`);
  return `<c r="${ref}"${s} t="e">${f}<v>${escapeXml(EXCEL_ERRORS.has(cached.error) ? cached.error : '#VALUE!')}</v></c>`;
}

function cachedOnly(ref: string, s: string, v: CellValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'string') return inlineString(ref, s, v);
  return `<c r="${ref}"${s} t="e"><v>${EXCEL_ERRORS.has(v.error) ? v.error : '#VALUE!'}</v></c>`;
}

function workbookXml(workbook: Workbook, order: string[], nameTarget: (parameter: string) => string): string {
  const sheetList = order.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const defined = Object.entries(workbook.parameters ?? {}).map(([name, spec]) => {
    const comment = spec.description ? ` comment="${escapeXml(spec.description.slice(0, 255))}"` : '';
    return `<definedName name="${escapeXml(name)}"${comment}>${escapeXml(nameTarget(name))}</definedName>`;
  }).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + '<bookViews><workbookView/></bookViews>'
    + `<sheets>${sheetList}</sheets>`
    + (defined ? `<definedNames>${defined}</definedNames>` : '')
    + '<calcPr calcId="191029" fullCalcOnLoad="1"/>'
    + '</workbook>';
}

function workbookRels(count: number, metadata: boolean): string {
  let rels = '';
  for (let i = 1; i <= count; i++) rels += `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  rels += `<Relationship Id="rId${count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`;
  if (metadata) rels += `<Relationship Id="rId${count + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}

function contentTypes(count: number, metadata: boolean): string {
  let overrides = '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>';
  if (metadata) overrides += '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>';
  for (let i = 1; i <= count; i++) overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + `${overrides}</Types>`;
}

/**
 * Cell metadata record 1: Excel's dynamic-array properties (XLDAPR, MS-XLSX 2.6.x), the part
 * Excel 365 writes beside any workbook with a spilling formula.
 */
const METADATA_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
  + '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
  + '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
  + '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
  + '</metadata>';

const ROOT_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';

