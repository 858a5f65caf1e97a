/**
 * An .xlsx (or .xlsm) package as a workbook: every worksheet's cells, formulas (shared ones
 * expanded, `_xlfn.` prefixes removed, defined names of ranges and formulas inlined), number
 * formats, widths and header row; workbook-scoped constant names and the names of a Parameters
 * sheet (as our export writes one) as parameters; Scenario Manager scenarios as scenarios; a
 * Checks sheet (ours) as checks. What the format cannot hold is reported, never silently
 * dropped, and every formula's value is compared with the value Excel cached (verify.ts).
 */
import { parameterNameClash } from '../validate/names';
import { parameterNameProblem } from '../engine/workbook-engine';
import { cellAddress, qualifiedAddress } from '../model/a1';
import { BASE_SCENARIO, type CheckSpec, type ColumnSpec, type OverrideValue, type ParameterSpec, type RawCell, type ScenarioSpec, type SheetSpec, type Severity, type Workbook } from '../model/workbook';
import { attr, child, children, parseXml, readPackage, relationships, textOf, XlsxImportError, DEFAULT_PACKAGE_LIMITS, type PackageLimits, type XlsxPackage, type XmlNode } from './package';
import { position, readSheet, richText, type StoredCell, type StoredSheet, type StoredValue } from './import-sheet';
import { mapReferences, type ReferenceVisitor } from './references';
import { numberFormatCode } from './styles';
import { verifyCachedValues, type CachedCell } from './verify';

export { XlsxImportError } from './package';

export interface XlsxImportOptions {
  /** The workbook's title (default: the file's, else "Imported workbook"). */
  title?: string;
  limits?: Partial<PackageLimits & { maxCells: number; maxDenseCells: number }>;
  /** Compare every formula's value with the cached one (default true; the bench times it apart). */
  verify?: boolean;
}

/** One finding of the import, for the report and as a diagnostic. */
export interface XlsxImportDiagnostic {
  severity: Severity;
  /** The model's sheet and cell it is about, when it is about one. */
  sheet?: string;
  cell?: string;
  message: string;
}

export interface XlsxImport {
  workbook: Workbook;
  diagnostics: XlsxImportDiagnostic[];
  /** Formula cells whose cached value was compared, and how many differ. */
  verified: { compared: number; differ: number; uncached: number };
}

const DEFAULT_MAX_CELLS = 5_000_000;
const DEFAULT_MAX_DENSE = 10_000_000;

/** Parts of a package that are features the format cannot hold. */
const PACKAGE_FEATURES: [RegExp, string][] = [
  [/^xl\/vbaProject\.bin$/i, 'macros (VBA project; never run)'],
  [/^xl\/pivotTables\//i, 'pivot tables'],
  [/^xl\/externalLinks\//i, 'external links (references to other workbooks keep their text and do not compute)'],
  [/^xl\/charts\/chart/i, 'charts'],
  [/^xl\/(comments|threadedComments\/)/i, 'comments'],
  [/^xl\/(activeX|ctrlProps)\//i, 'form controls'],
  [/^xl\/connections\.xml$/i, 'data connections (nothing is fetched)'],
  [/^customXml\//i, 'custom XML'],
];

interface SheetEntry { name: string; index: number; stored: StoredSheet; hidden: boolean }

interface DefinedName { name: string; expr: string; sheetIndex?: number; comment?: string; hidden: boolean }

/** The exporter's Parameters sheet: name -> its row (0-based in the .xlsx) and spec. */
interface ParameterSheet { sheet: SheetEntry; rows: Map<number, string> }

/**
 * Import `bytes` as a workbook.
 * @throws XlsxImportError when the file is not an .xlsx the importer can read within its bounds.
 */
export function importXlsx(bytes: Uint8Array, options: XlsxImportOptions = {}): XlsxImport {
  const limits = { ...DEFAULT_PACKAGE_LIMITS, maxCells: DEFAULT_MAX_CELLS, maxDenseCells: DEFAULT_MAX_DENSE, ...options.limits };
  const pkg = readPackage(bytes, limits);
  const diagnostics: XlsxImportDiagnostic[] = [];
  const note = (severity: Severity, message: string, sheet?: string, cell?: string): void => { diagnostics.push({ severity, message, ...(sheet === undefined ? {} : { sheet }), ...(cell === undefined ? {} : { cell }) }); };

  const rootRels = relationships(pkg, '_rels/.rels', '');
  const main = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const mainText = pkg.text(main);
  if (mainText === undefined) throw new XlsxImportError(`the package has no workbook part (${main}); is this an .xlsx?`);
  const base = main.includes('/') ? main.slice(0, main.lastIndexOf('/')) : '';
  const wb = parseXml(mainText, main).workbook as XmlNode | undefined;
  if (!wb) throw new XlsxImportError('the workbook part has no <workbook> element', main);
  const rels = relationships(pkg, `${base}/_rels/${main.slice(base.length + 1)}.rels`, base);
  const date1904 = ['1', 'true'].includes(attr(child(wb, 'workbookPr'), 'date1904') ?? '');

  const sharedStrings = readSharedStrings(pkg, rels);
  const styleFormats = readStyleFormats(pkg, rels, note);

  const sheets: SheetEntry[] = [];
  const allSheetNames: string[] = [];
  for (const s of children(child(wb, 'sheets'), 'sheet')) {
    const name = attr(s, 'name') ?? `Sheet${allSheetNames.length + 1}`;
    allSheetNames.push(name);
    const rel = rels.get(attr(s, 'id') ?? '');
    if (!rel || !rel.type.endsWith('/worksheet')) {
      note('warning', `sheet "${name}" is ${rel ? rel.type.replace(/.*\//, 'a ') : 'missing from the package'}, not a worksheet; dropped`);
      continue;
    }
    const text = pkg.text(rel.target);
    if (text === undefined) throw new XlsxImportError(`the worksheet part ${rel.target} of sheet "${name}" is missing from the package`);
    const stored = readSheet(parseXml(text, rel.target), {
      part: rel.target, name, sharedStrings, styleFormats, date1904, maxCells: limits.maxCells, maxDenseCells: limits.maxDenseCells,
    });
    const sheetRels = relationships(pkg, `${rel.target.replace(/[^/]+$/, '')}_rels/${rel.target.replace(/.*\//, '')}.rels`, rel.target.replace(/\/[^/]+$/, ''));
    if ([...sheetRels.values()].some((r) => r.type.endsWith('/pivotTable'))) stored.dropped.push('pivot tables');
    for (const d of stored.dropped) note('warning', `sheet "${name}" has ${d}, which the workbook format cannot hold; dropped`, name);
    const hidden = (attr(s, 'state') ?? 'visible') !== 'visible';
    if (hidden) note('info', `sheet "${name}" is hidden in Excel; it is imported as an ordinary sheet`, name);
    sheets.push({ name, index: allSheetNames.length - 1, stored, hidden });
  }
  if (sheets.length === 0) throw new XlsxImportError('the workbook has no worksheets to import');
  reportPackageFeatures(pkg, note);

  const definedNames = readDefinedNames(wb);
  const paramSheet = findParameterSheet(sheets, definedNames);
  const scenarioSheet = sheets.find((s) => s.name === 'Scenarios' && cellText(s, 0, 0) === 'Parameter, cell or check');
  const checksSheet = sheets.find((s) => s.name === 'Checks' && cellText(s, 0, 0) === 'Check' && cellText(s, 0, 1) === 'Passes');
  const modelSheets = sheets.filter((s) => s !== paramSheet?.sheet && s !== scenarioSheet && s !== checksSheet);
  if (modelSheets.length === 0) throw new XlsxImportError('the workbook has no worksheets to import (only a Parameters, Scenarios or Checks sheet)');
  if (scenarioSheet) note('info', 'the "Scenarios" summary sheet is not imported: it is the compare table, which the workbook recomputes (minerals compare)');

  // Parameters: workbook-scoped constants and the exporter's Parameters sheet.
  const parameters: Record<string, ParameterSpec> = {};
  const inline = new Map<string, DefinedName>();
  const seen = new Map<string, DefinedName>();
  const duplicates = new Map<DefinedName, string[]>();
  for (const dn of definedNames) {
    const key = `${dn.sheetIndex ?? ''}:${dn.name.toUpperCase()}`;
    const first = seen.get(key);
    if (first) {
      // Excel refuses a second definition; LibreOffice writes one for each scenario's hidden sheet.
      if (first.expr !== dn.expr) duplicates.set(first, [...(duplicates.get(first) ?? []), dn.expr]);
      continue;
    }
    seen.set(key, dn);
    if (/^_xlnm\./i.test(dn.name)) {
      note('info', `the built-in name ${dn.name.replace(/^_xlnm\./i, '')} (${dn.expr.slice(0, 80)}) is not imported (print settings and filters are not part of the workbook format)`);
      continue;
    }
    const constant = dn.sheetIndex === undefined && /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(dn.expr.replace(/^=/, '').trim());
    const paramRow = dn.sheetIndex === undefined ? paramSheet?.rows.get(parameterRowOf(dn, paramSheet) ?? -1) : undefined;
    const problem = parameterNameProblem(dn.name) ?? (parameterNameClash(dn.name)?.fatal ? parameterNameClash(dn.name)!.reason : undefined);
    if ((constant || paramRow === dn.name) && problem === undefined) {
      setOwn(parameters, dn.name, constant
        ? { value: Number(dn.expr.replace(/^=/, '').trim()), ...(dn.comment ? { description: dn.comment } : {}) }
        : parameterFromSheet(paramSheet!, dn, note));
      continue;
    }
    if ((constant || paramRow === dn.name) && problem) note('warning', `the name ${dn.name} cannot be a parameter (${problem}); its uses are replaced by its value`);
    inline.set(key, dn);
  }

  for (const [dn, others] of duplicates) {
    note('warning', `the name ${dn.name} is defined ${others.length + 1} times in the same scope (also as ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}); the first definition, ${dn.expr.slice(0, 80)}, is used`);
  }

  // Which sheets get a header row: row 1 all labels, and nothing refers to row 1.
  const refersToFirstRow = firstRowReferences(sheets, definedNames);
  const offsets = new Map<string, number>();
  for (const s of modelSheets) offsets.set(s.name.toLowerCase(), hasHeaderRow(s, refersToFirstRow) ? 1 : 0);

  const translate = formulaTranslator(allSheetNames, offsets, paramSheet, inline, note);

  const outSheets: SheetSpec[] = modelSheets.map((s) => buildSheet(s, offsets.get(s.name.toLowerCase())!, translate, note));
  const checks = checksSheet ? readChecks(checksSheet, translate) : [];
  const scenarios = buildScenarios(modelSheets, offsets, paramSheet, parameters, outSheets, note);

  const workbook: Workbook = {
    format: 'minerals-workbook',
    version: 1,
    title: options.title ?? 'Imported workbook',
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    ...(Object.keys(scenarios.specs).length > 0 ? { scenarios: scenarios.specs } : {}),
    sheets: outSheets,
    ...(checks.length > 0 ? { checks } : {}),
  };
  const cached: CachedCell[] = [];
  modelSheets.forEach((s, index) => {
    const offset = offsets.get(s.name.toLowerCase())!;
    for (const c of s.stored.cells) {
      if (c.row < offset) continue;
      if (c.formula !== undefined || c.inSpill) cached.push({ sheet: index, row: c.row - offset, col: c.col, xlsxCell: cellAddress(c.row, c.col), value: c.value, formula: c.formula });
    }
  });
  const verified = options.verify === false ? { compared: 0, differ: 0, uncached: cached.length } : verifyCachedValues(workbook, cached, scenarios.cachedUnder, note);
  return { workbook, diagnostics, verified };
}

function readSharedStrings(pkg: XlsxPackage, rels: ReturnType<typeof relationships>): string[] {
  const rel = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'));
  const text = pkg.text(rel?.target ?? 'xl/sharedStrings.xml');
  if (text === undefined) return [];
  return children(parseXml(text, rel?.target ?? 'xl/sharedStrings.xml').sst, 'si').map(richText);
}

function readStyleFormats(pkg: XlsxPackage, rels: ReturnType<typeof relationships>, note: (s: Severity, m: string) => void): (string | undefined)[] {
  const part = [...rels.values()].find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml';
  const text = pkg.text(part);
  if (text === undefined) return [];
  const ss = parseXml(text, part).styleSheet as XmlNode | undefined;
  const custom = new Map(children(child(ss, 'numFmts'), 'numFmt').map((n) => [Number(attr(n, 'numFmtId')), attr(n, 'formatCode') ?? '']));
  const count = (el: string, item: string): number => children(child(ss, el), item).length;
  if (count('fills', 'fill') > 2 || count('borders', 'border') > 1 || count('fonts', 'font') > 2) {
    note('warning', 'cell styles other than number formats (fonts, fills, borders) are not part of the workbook format; dropped');
  }
  return children(child(ss, 'cellXfs'), 'xf').map((xf) => numberFormatCode(Number(attr(xf, 'numFmtId') ?? 0), custom));
}

function reportPackageFeatures(pkg: XlsxPackage, note: (s: Severity, m: string) => void): void {
  for (const [pattern, label] of PACKAGE_FEATURES) {
    const parts = pkg.names.filter((n) => pattern.test(n));
    if (parts.length > 0) note('warning', `the workbook has ${label}, which the workbook format cannot hold; dropped (${parts.slice(0, 5).join(', ')}${parts.length > 5 ? ', ...' : ''})`);
  }
}

function readDefinedNames(wb: XmlNode): DefinedName[] {
  return children(child(wb, 'definedNames'), 'definedName').map((d) => {
    const local = attr(d, 'localSheetId');
    return {
      name: attr(d, 'name') ?? '',
      expr: textOf(d).trim(),
      ...(local === undefined ? {} : { sheetIndex: Number(local) }),
      ...(attr(d, 'comment') ? { comment: attr(d, 'comment') } : {}),
      hidden: attr(d, 'hidden') === '1',
    };
  }).filter((d) => d.name !== '');
}

function cellAt(s: SheetEntry, row: number, col: number): StoredCell | undefined {
  return s.stored.cells.find((c) => c.row === row && c.col === col);
}
function cellText(s: SheetEntry, row: number, col: number): string | undefined {
  const v = cellAt(s, row, col)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

/** `Parameters!$B$2` -> row 1, when `dn` points at one cell of column B of the Parameters sheet. */
function parameterRowOf(dn: DefinedName, ps: ParameterSheet | undefined): number | undefined {
  if (!ps) return undefined;
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!(\$?[A-Z]{1,3}\$?\d+)$/i.exec(dn.expr.replace(/^=/, ''));
  const sheet = m && (m[1]?.replace(/''/g, "'") ?? m[2]);
  const at = m ? position(m[3]!) : undefined;
  return sheet === ps.sheet.name && at && at.col === 1 ? at.row : undefined;
}

/** The Parameters sheet our export writes: header Parameter | Value, a workbook name on each value cell. */
function findParameterSheet(sheets: SheetEntry[], names: DefinedName[]): ParameterSheet | undefined {
  const sheet = sheets.find((s) => s.name === 'Parameters' && cellText(s, 0, 0) === 'Parameter' && cellText(s, 0, 1) === 'Value');
  if (!sheet) return undefined;
  const candidate: ParameterSheet = { sheet, rows: new Map() };
  for (const dn of names) {
    if (dn.sheetIndex !== undefined) continue;
    const row = parameterRowOf(dn, candidate);
    if (row !== undefined && row > 0 && cellText(sheet, row, 0) === dn.name && cellAt(sheet, row, 1)?.value?.kind === 'number') candidate.rows.set(row, dn.name);
  }
  // Only a sheet that is nothing but named parameter rows is taken apart; otherwise it stays a sheet.
  const dataRows = new Set(sheet.stored.cells.filter((c) => c.row > 0 && c.value !== undefined).map((c) => c.row));
  const formulas = sheet.stored.cells.some((c) => c.formula !== undefined);
  return !formulas && candidate.rows.size > 0 && [...dataRows].every((r) => candidate.rows.has(r)) ? candidate : undefined;
}

function parameterFromSheet(ps: ParameterSheet, dn: DefinedName, note: (s: Severity, m: string) => void): ParameterSpec {
  const row = parameterRowOf(dn, ps)!;
  const header = new Map<string, number>();
  for (const c of ps.sheet.stored.cells) if (c.row === 0 && c.value?.kind === 'string') header.set(c.value.value.toLowerCase(), c.col);
  const text = (h: string): string | undefined => (header.has(h) ? cellText(ps.sheet, row, header.get(h)!) : undefined);
  const num = (h: string): number | undefined => {
    const v = header.has(h) ? cellAt(ps.sheet, row, header.get(h)!)?.value : undefined;
    return v?.kind === 'number' ? v.value : undefined;
  };
  const spec: ParameterSpec = { value: num('value')! };
  const unit = text('unit'); if (unit !== undefined) spec.unit = unit;
  const min = num('min'); if (min !== undefined) spec.min = min;
  const max = num('max'); if (max !== undefined) spec.max = max;
  const description = text('description') ?? dn.comment; if (description !== undefined) spec.description = description;
  const source = text('source'); if (source !== undefined) spec.source = source;
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) note('warning', `parameter ${dn.name}: min ${spec.min} is above max ${spec.max}`);
  return spec;
}

/** Lower-cased sheet names some formula or name refers to row 1 of (cells or whole rows). */
function firstRowReferences(sheets: SheetEntry[], names: DefinedName[]): Set<string> {
  const out = new Set<string>();
  // Most formulas cannot touch row 1 (no `A1`-like or `1:` text): skip tokenizing those.
  const mayTouchRow1 = /(^|[^0-9A-Za-z_.])\$?[A-Za-z]{0,3}\$?1(?![0-9])/;
  const scan = (formula: string, own: string | undefined): void => {
    if (!mayTouchRow1.test(formula)) return;
    mapReferences(formula, {
      cell: (r) => { if (r.row === 0) out.add((r.sheet ?? own ?? '').toLowerCase()); return undefined; },
      row: (r) => { if (r.row === 0) out.add((r.sheet ?? own ?? '').toLowerCase()); return undefined; },
    });
  };
  for (const s of sheets) for (const c of s.stored.cells) if (c.formula) scan(c.formula, s.name);
  for (const dn of names) scan(dn.expr, undefined);
  return out;
}

function hasHeaderRow(s: SheetEntry, refersToFirstRow: Set<string>): boolean {
  if (refersToFirstRow.has(s.name.toLowerCase())) return false;
  const first = s.stored.cells.filter((c) => c.row === 0 && (c.value !== undefined || c.formula !== undefined));
  if (first.length === 0 || !first.every((c) => c.formula === undefined && c.value?.kind === 'string' && c.value.value !== '')) return false;
  if (s.stored.frozenFirstRow) return true;
  const second = s.stored.cells.filter((c) => c.row === 1 && (c.value !== undefined || c.formula !== undefined));
  return second.some((c) => c.formula !== undefined || c.value?.kind !== 'string');
}

type Translate = (formula: string, sheet: string | undefined, where: string) => string;

/**
 * Excel's formula text (no `=`) as the workbook's: `_xlfn.`/`_xlws.` removed, rows moved up on
 * sheets whose header row left the grid, cells of the Parameters sheet by their parameter's name,
 * inlined names replaced by what they stand for. Returns it with its `=`.
 */
function formulaTranslator(allSheetNames: string[], offsets: Map<string, number>, ps: ParameterSheet | undefined, inline: Map<string, DefinedName>, note: (s: Severity, m: string, sheet?: string, cell?: string) => void): Translate {
  const reported = new Set<string>();
  // Sheet-scoped names are keyed by the sheet's position in workbook.xml's <sheets>.
  const sheetIndexByName = new Map(allSheetNames.map((n, i) => [n.toLowerCase(), i]));
  // The visitor for one sheet's formulas is made once (a formula at a time, `where` changes):
  // a fresh set of closures per formula cost a tenth of a 100k-formula import.
  let where = '';
  const visitor = (sheet: string | undefined, depth: number, localIndex?: number): ReferenceVisitor => ({
    fn: (name) => name.replace(/^(_xlfn\.)?(_xlws\.)?/i, ''),
    cell: (r) => {
      const target = (r.sheet ?? sheet ?? '');
      if (ps && target === ps.sheet.name && r.col === 1 && !r.inRange) {
        const name = ps.rows.get(r.row);
        if (name !== undefined) return name;
      }
      const offset = offsets.get(target.toLowerCase()) ?? 0;
      return offset ? { row: r.row - offset, col: r.col } : undefined;
    },
    row: (r) => {
      const offset = offsets.get((r.sheet ?? sheet ?? '').toLowerCase()) ?? 0;
      return offset ? r.row - offset : undefined;
    },
    name: (name, qualifier) => {
      const upper = name.toUpperCase();
      const local = qualifier !== undefined ? sheetIndexByName.get(qualifier.toLowerCase()) : localIndex;
      const dn = (local !== undefined ? inline.get(`${local}:${upper}`) : undefined) ?? (qualifier === undefined ? inline.get(`:${upper}`) : undefined);
      if (!dn) return undefined;
      if (depth > 16) { note('error', `the name ${name} refers to itself through other names; left as written`, undefined, where); return undefined; }
      const expr = mapReferences(dn.expr.replace(/^=/, ''), visitor(undefined, depth + 1, dn.sheetIndex));
      const key = `${dn.sheetIndex ?? ''}:${upper}`;
      if (!reported.has(key)) {
        reported.add(key);
        note('info', `the name ${dn.name}${dn.sheetIndex !== undefined ? ' (scoped to one sheet)' : ''} stands for ${dn.expr.slice(0, 120)}; the workbook format has no such names, so each use is replaced by what it stands for`);
      }
      return isPlainReference(expr) ? expr : `(${expr})`;
    },
  });
  const bySheet = new Map<string | undefined, ReferenceVisitor>();
  return (formula, sheet, at) => {
    where = at;
    let v = bySheet.get(sheet);
    if (!v) {
      v = visitor(sheet, 0, sheet === undefined ? undefined : sheetIndexByName.get(sheet.toLowerCase()));
      bySheet.set(sheet, v);
    }
    return `=${mapReferences(formula, v)}`;
  };
}

/**
 * `obj[key] = value` as an own property whatever the key: a name or scenario called `__proto__`
 * in the file must become a key of the workbook (which validation then reports), never reach
 * the object's prototype.
 */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A reference, a range or a literal, which needs no parentheses where a name stood. */
function isPlainReference(expr: string): boolean {
  return /^('([^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{0,3}\$?\d*(:\$?[A-Za-z]{0,3}\$?\d*)?$/.test(expr) || /^-?[\d.]+([eE][+-]?\d+)?$/.test(expr) || /^#[A-Z/0!?]+$/.test(expr);
}

/** A constant as a raw cell: text that would read as a formula or a literal keeps a `'`. */
function rawOf(v: StoredValue | undefined): RawCell {
  if (v === undefined) return null;
  switch (v.kind) {
    case 'number': return v.value;
    case 'boolean': return v.value;
    case 'string': return v.value.startsWith('=') || v.value.startsWith("'") ? `'${v.value}` : v.value;
    case 'error': return v.value === '#N/A' ? '=NA()' : `=${v.value}`;
  }
}

/** Excel characters of width as pixels (the inverse of the export's conversion). */
function widthInPixels(chars: number): number {
  return Math.round(chars * 7 + 5);
}

function buildSheet(s: SheetEntry, offset: number, translate: Translate, note: (s: Severity, m: string, sheet?: string, cell?: string) => void): SheetSpec {
  const rows: RawCell[][] = [];
  // Each written cell's number format, with its address and column (read back below).
  const formats: { address: string; col: number; code: string | undefined }[] = [];
  const headers: string[] = [];
  const spill = new Set<string>();
  for (const c of s.stored.cells) {
    if (c.arrayRef) {
      const [a, b] = c.arrayRef.split(':').map((x) => position(x));
      if (a && b) for (let r = a.row; r <= b.row; r++) for (let col = a.col; col <= b.col; col++) if (r !== c.row || col !== c.col) spill.add(`${r}:${col}`);
    }
  }
  for (const c of s.stored.cells) {
    if (c.row < offset) {
      if (c.value?.kind === 'string') headers[c.col] = c.value.value;
      continue;
    }
    const r = c.row - offset;
    const address = cellAddress(r, c.col);
    let raw: RawCell;
    if (spill.size > 0 && spill.has(`${c.row}:${c.col}`)) {
      c.inSpill = true;
      raw = null;
    } else if (c.formula !== undefined) {
      raw = translate(c.formula, s.name, `${s.name}!${address}`);
      if (c.arrayRef) note('info', `${s.name}!${address} holds an array formula over ${c.arrayRef} (in the .xlsx); it is imported as one formula whose result spills over that range`, s.name, address);
    } else {
      if (c.dataTable) note('warning', `${s.name}!${address} is part of a data table (What-If Analysis); only its value is imported`, s.name, address);
      raw = rawOf(c.value);
    }
    if (raw !== null || c.format !== undefined) {
      const row = (rows[r] ??= []);
      while (row.length < c.col) row.push(null);
      row[c.col] = raw;
      if (raw !== null) formats.push({ address, col: c.col, code: c.format });
    }
  }
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
  }
  let columnCount = headers.length;
  for (const row of rows) columnCount = Math.max(columnCount, row.length);
  for (const col of s.stored.widths.keys()) columnCount = Math.max(columnCount, col + 1);
  const columnFormats = majorityFormats(formats, columnCount);
  const columns: ColumnSpec[] = [];
  for (let col = 0; col < columnCount; col++) {
    const spec: ColumnSpec = {};
    if (headers[col] !== undefined) spec.header = headers[col];
    if (columnFormats[col] !== undefined) spec.format = columnFormats[col];
    const width = s.stored.widths.get(col);
    if (width !== undefined) spec.width = widthInPixels(width);
    columns.push(spec);
  }
  while (columns.length > 0 && Object.keys(columns[columns.length - 1]!).length === 0) columns.pop();
  const cellFormats: Record<string, string> = {};
  for (const { address, col, code } of formats) {
    if (code !== columnFormats[col]) cellFormats[address] = code ?? 'General';
  }
  return {
    name: s.name,
    ...(columns.length > 0 ? { columns } : {}),
    rows,
    ...(Object.keys(cellFormats).length > 0 ? { formats: cellFormats } : {}),
  };
}

/** Per column, the number format most of its cells share (undefined: General). */
function majorityFormats(formats: readonly { col: number; code: string | undefined }[], columnCount: number): (string | undefined)[] {
  const counts: Map<string | undefined, number>[] = Array.from({ length: columnCount }, () => new Map());
  for (const { col, code } of formats) {
    const m = counts[col]!;
    m.set(code, (m.get(code) ?? 0) + 1);
  }
  return counts.map((m) => {
    let best: string | undefined;
    let bestCount = 0;
    for (const [code, n] of m) if (n > bestCount || (n === bestCount && code === undefined)) { best = code; bestCount = n; }
    return best;
  });
}

function readChecks(s: SheetEntry, translate: Translate): CheckSpec[] {
  const out: CheckSpec[] = [];
  const rowsWithCells = [...new Set(s.stored.cells.filter((c) => c.row > 0).map((c) => c.row))].sort((a, b) => a - b);
  for (const r of rowsWithCells) {
    const formula = cellAt(s, r, 1)?.formula;
    const name = cellText(s, r, 0);
    if (formula === undefined || name === undefined) continue;
    const severity = cellText(s, r, 2);
    const message = cellText(s, r, 3);
    out.push({
      name,
      assert: translate(formula, undefined, `Checks!B${r + 1}`),
      ...(severity === 'error' || severity === 'warning' || severity === 'info' ? { severity } : {}),
      ...(message !== undefined ? { message } : {}),
    });
  }
  return out;
}

/** A Scenario Manager value as a raw cell: numbers and logicals as such, text as text. */
function scenarioValue(text: string): OverrideValue {
  if (text === '') return null;
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === 'TRUE';
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n)) return n;
  return text.startsWith('=') || text.startsWith("'") ? `'${text}` : text;
}

/**
 * Scenarios merged across sheets (Excel keeps one list per sheet). When a "Baseline" scenario
 * exists and the cells hold the values of another one (the one shown, as our export writes
 * them), the Baseline's values are put back into the cells and that scenario is the one the
 * cached values are compared under. An override equal to Baseline's value is left out.
 */
function buildScenarios(
  sheets: SheetEntry[], offsets: Map<string, number>, ps: ParameterSheet | undefined, parameters: Record<string, ParameterSpec>,
  outSheets: SheetSpec[], note: (s: Severity, m: string, sheet?: string, cell?: string) => void,
): { specs: Record<string, ScenarioSpec>; cachedUnder?: string } {
  interface Target { key: string; apply(v: OverrideValue): void; current(): OverrideValue }
  const merged = new Map<string, { comment?: string; inputs: Map<string, { target: Target; value: OverrideValue }> }>();
  let shown: string | undefined;
  const all = ps ? [...sheets, ps.sheet] : sheets;
  // LibreOffice keeps scenario names unique across the workbook: the same scenario on a second
  // sheet comes back as "NAME_-1". Merged into NAME when a scenario of that name exists.
  const names = new Set(all.flatMap((s) => s.stored.scenarios.map((sc) => sc.name)));
  const canonical = (name: string): string => {
    const m = /^(.*)_-\d+$/.exec(name);
    return m && names.has(m[1]!) ? m[1]! : name;
  };
  const renamed = new Set<string>();
  for (const s of all) {
    const isParams = s === ps?.sheet;
    s.stored.scenarios.forEach((stored, i) => {
      const sc = { ...stored, name: canonical(stored.name) };
      if (sc.name !== stored.name && !renamed.has(stored.name)) {
        renamed.add(stored.name);
        note('info', `scenario "${stored.name}" on sheet "${s.name}" is taken as part of "${sc.name}" (LibreOffice renames a scenario that spans several sheets)`);
      }
      if (s.stored.currentScenario === i) shown ??= sc.name;
      const entry = merged.get(sc.name) ?? { comment: sc.comment, inputs: new Map() };
      merged.set(sc.name, entry);
      entry.comment ??= sc.comment;
      for (const input of sc.inputs) {
        for (const address of input.address.split(/\s+/).filter(Boolean)) {
          const at = position(address);
          if (!at) { note('warning', `scenario "${sc.name}" changes "${address}" on sheet "${s.name}", which is not a cell; left out`); continue; }
          const value = scenarioValue(input.value);
          if (isParams) {
            const name = ps!.rows.get(at.row);
            if (name === undefined || at.col !== 1) { note('warning', `scenario "${sc.name}" changes Parameters!${address}, which is not a parameter's value; left out`); continue; }
            if (typeof value !== 'number') { note('warning', `scenario "${sc.name}" sets parameter ${name} to ${JSON.stringify(value)}, not a number; left out`); continue; }
            entry.inputs.set(name, { value, target: { key: name, apply: (v) => { parameters[name]!.value = v as number; }, current: () => parameters[name]!.value } });
            continue;
          }
          const offset = offsets.get(s.name.toLowerCase()) ?? 0;
          if (at.row < offset) { note('warning', `scenario "${sc.name}" changes ${s.name}!${address}, a header cell; left out`, s.name); continue; }
          const sheet = outSheets[sheets.indexOf(s)]!;
          const r = at.row - offset;
          const key = qualifiedAddress(s.name, r, at.col);
          entry.inputs.set(key, {
            value,
            target: {
              key,
              current: () => sheet.rows[r]?.[at.col] ?? null,
              apply: (v) => {
                while (sheet.rows.length <= r) sheet.rows.push([]);
                const row = sheet.rows[r]!;
                while (row.length <= at.col) row.push(null);
                row[at.col] = v;
              },
            },
          });
        }
      }
    });
  }
  const baseline = [...merged.keys()].find((n) => n.toLowerCase() === BASE_SCENARIO.toLowerCase());
  // The scenario whose values the cells hold: the one shown, if they still hold its values,
  // else the first that matches (LibreOffice rewrites `current` as 0 on save).
  const holds = (name: string): boolean => [...merged.get(name)!.inputs.values()].every((i) => i.target.current() === i.value);
  const inCells = shown !== undefined && holds(shown) ? shown : [...merged.keys()].find(holds);
  let cachedUnder: string | undefined;
  if (baseline && inCells && inCells !== baseline) {
    for (const i of merged.get(baseline)!.inputs.values()) i.target.apply(i.value);
    cachedUnder = inCells;
  } else if (baseline && shown && inCells === undefined) {
    note('info', `scenario "${shown}" was shown last, but its cells have been edited since; the cells are imported as they are`);
  }
  const specs: Record<string, ScenarioSpec> = {};
  for (const [name, entry] of merged) {
    const set: Record<string, OverrideValue> = {};
    for (const [key, i] of entry.inputs) if (i.value !== i.target.current()) setOwn(set, key, i.value);
    const isBase = name === baseline;
    if (isBase && Object.keys(set).length > 0) note('info', `scenario "${name}" changes cells from what the file holds; its changes are imported as the scenario "${name} (Excel)"`);
    if (isBase && Object.keys(set).length === 0 && !entry.comment) continue;
    setOwn(specs, isBase && Object.keys(set).length > 0 ? `${name} (Excel)` : isBase ? BASE_SCENARIO : name, { ...(entry.comment ? { description: entry.comment } : {}), set: isBase && Object.keys(set).length === 0 ? {} : set });
  }
  return { specs, ...(cachedUnder ? { cachedUnder: cachedUnder === baseline ? BASE_SCENARIO : cachedUnder } : {}) };
}

