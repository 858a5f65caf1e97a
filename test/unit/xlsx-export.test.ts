import assert from 'node:assert/strict';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { exportXlsx, excelSheetNames, storedFunctionName, toStoredFormula, type ExportedSheet } from '../../src/core/xlsx/index';
import type { Workbook } from '../../src/core/model/workbook';
import { runCli } from '../fixtures/cli/memory-io';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['row', 'c', 'sheet', 'definedName', 'numFmt', 'xf', 'col', 'Override'].includes(name) });

type Part = Record<string, unknown>;
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}
function xml(text: string): Part {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, JSON.stringify(valid));
  return parser.parse(text) as Part;
}
interface Cell { '@r': string; '@t'?: string; '@s'?: string; f?: string; v?: string | number; is?: { t: string | { '#text': string } } }
function cells(sheetXml: string): Map<string, Cell> {
  const ws = xml(sheetXml).worksheet as { sheetData: { row?: { c?: Cell[] }[] } };
  const out = new Map<string, Cell>();
  for (const row of ws.sheetData.row ?? []) for (const c of row.c ?? []) out.set(c['@r'], c);
  return out;
}
const text = (c: Cell | undefined): string | undefined => {
  const t = c?.is?.t;
  return typeof t === 'object' ? t['#text'] : t === undefined ? undefined : String(t);
};

function workbook(overrides: Partial<Workbook> = {}): Workbook {
  return {
    format: 'minerals-workbook', version: 1, title: 't',
    parameters: { Rate: { value: 2, description: 'Growth <rate> & "more"' } },
    scenarios: { High: { set: { Rate: 5, 'Data!A2': 10 } } },
    sheets: [
      {
        name: 'Data',
        columns: [{ header: 'Amount', format: '#,##0.0', width: 110 }, { header: 'Scaled', format: '0.0%' }],
        rows: [[1, '=A1*Rate'], [3, '=A2*Rate'], ['=SUM(A1:A2)', '=CONCAT("a","b")']],
        formats: { B2: '0.000' },
      },
      { name: 'Out/put', rows: [['=SUM(Data!B1:B2)', "'=not a formula", 'plain', true, '=Data!$A$1+\'Out/put\'!A2'], [7]] },
    ],
    ...overrides,
  };
}

describe('xlsx export: formulas as Excel stores them', () => {
  const sheets = new Map<string, ExportedSheet>([
    ['data', { name: 'Data', rowOffset: 1 }],
    ['plain', { name: 'Plain', rowOffset: 0 }],
    ['out/put', { name: 'Out_put', rowOffset: 0 }],
  ]);
  it('drops the =, prefixes post-2007 functions once and leaves older ones and strings alone', () => {
    assert.equal(toStoredFormula('=XLOOKUP(1,A1:A3,B1:B3)+SUM(1)', { sheet: 'Plain', sheets }), '_xlfn.XLOOKUP(1,A1:A3,B1:B3)+SUM(1)');
    assert.equal(toStoredFormula('=_xlfn.CONCAT("XLOOKUP(",concat(1))', { sheet: 'Plain', sheets }), '_xlfn.CONCAT("XLOOKUP(",_xlfn.CONCAT(1))');
    assert.equal(storedFunctionName('filter'), '_xlfn._xlws.FILTER');
    assert.equal(storedFunctionName('STDEV.S'), '_xlfn.STDEV.S');
    assert.equal(storedFunctionName('ROUND'), 'ROUND');
  });
  it('moves references to a sheet that gains a header row down one row, and only those', () => {
    assert.equal(toStoredFormula('=A1+$B$2+SUM(A1:B3)+Plain!A1+LOG10(A1)', { sheet: 'Data', sheets }), 'A2+$B$3+SUM(A2:B4)+Plain!A1+LOG10(A2)');
    assert.equal(toStoredFormula('=Data!A1:B2+A1+SUM(Data!3:4)+SUM(C:C)', { sheet: 'Plain', sheets }), 'Data!A2:B3+A1+SUM(Data!4:5)+SUM(C:C)');
    assert.equal(toStoredFormula('="A1"&\'Out/put\'!B1', { sheet: 'Data', sheets }), '"A1"&Out_put!B1');
  });
  it('renames sheet names Excel refuses, keeping them unique and at most 31 characters', () => {
    const long = 'x'.repeat(40);
    assert.deepEqual(excelSheetNames(['a/b', 'a?b', 'History', "'q'", long, 'ok']), ['a_b', 'a_b (2)', 'History_', 'q', 'x'.repeat(31), 'ok']);
  });
});

describe('xlsx export: the package', () => {
  it('is a valid SpreadsheetML package whose content types name every part', () => {
    const p = parts(exportXlsx(workbook()).bytes);
    assert.deepEqual(Object.keys(p).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/worksheets/sheet4.xml']);
    for (const t of Object.values(p)) xml(t);
    const overrides = ((xml(p['[Content_Types].xml']!).Types as Part).Override as { '@PartName': string }[]).map((o) => o['@PartName']).sort();
    assert.deepEqual(overrides, ['/xl/styles.xml', '/xl/workbook.xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/sheet2.xml', '/xl/worksheets/sheet3.xml', '/xl/worksheets/sheet4.xml']);
  });

  it('writes values, formulas with cached Baseline values, a header row, formats, widths and a frozen pane', () => {
    const result = exportXlsx(workbook());
    const p = parts(result.bytes);
    const data = cells(p['xl/worksheets/sheet1.xml']!);
    assert.equal(text(data.get('A1')), 'Amount');
    assert.equal(data.get('A2')!.v, 1);
    assert.deepEqual([data.get('B2')!.f, data.get('B2')!.v], ['A2*Rate', 2]);
    assert.deepEqual([data.get('A4')!.f, data.get('A4')!.v], ['SUM(A2:A3)', 4]);
    assert.deepEqual([data.get('B4')!.f, data.get('B4')!['@t'], data.get('B4')!.v], ['_xlfn.CONCAT("a","b")', 'str', 'ab']);
    const out = cells(p['xl/worksheets/sheet2.xml']!);
    assert.deepEqual([out.get('A1')!.f, out.get('A1')!.v], ['SUM(Data!B2:B3)', 8]);
    assert.equal(text(out.get('B1')), '=not a formula');
    assert.equal(out.get('B1')!.f, undefined);
    assert.equal(text(out.get('C1')), 'plain');
    assert.deepEqual([out.get('D1')!['@t'], out.get('D1')!.v], ['b', 1]);
    assert.equal(out.get('E1')!.f, "Data!$A$2+Out_put!A2");

    const styles = xml(p['xl/styles.xml']!).styleSheet as { numFmts: { numFmt: { '@numFmtId': string; '@formatCode': string }[] }; cellXfs: { xf: { '@numFmtId': string }[] } };
    const codeOf = (s: string | undefined): string | undefined => {
      const id = styles.cellXfs.xf[Number(s)]!['@numFmtId'];
      return styles.numFmts.numFmt.find((f) => f['@numFmtId'] === id)?.['@formatCode'] ?? `builtin ${id}`;
    };
    assert.equal(codeOf(data.get('A2')!['@s']), '#,##0.0');
    assert.equal(codeOf(data.get('B2')!['@s']), '0.0%');
    assert.equal(codeOf(data.get('B3')!['@s']), '0.000', 'model B2\'s own format overrides its column\'s, one row down');
    const sheet1 = p['xl/worksheets/sheet1.xml']!;
    assert.match(sheet1, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    assert.match(sheet1, /<col min="1" max="1" width="15" customWidth="1"\/>/);
    assert.doesNotMatch(p['xl/worksheets/sheet2.xml']!, /<pane/, 'no header, nothing frozen');

    const wb = xml(p['xl/workbook.xml']!).workbook as { sheets: { sheet: { '@name': string }[] }; definedNames: { definedName: { '@name': string; '@comment': string; '#text': number }[] } };
    assert.deepEqual(wb.sheets.sheet.map((s) => s['@name']), ['Data', 'Out_put', 'Parameters', 'Scenarios']);
    assert.deepEqual(wb.definedNames.definedName.map((d) => [d['@name'], d['#text'], d['@comment']]), [['Rate', 'Parameters!$B$2', 'Growth <rate> & "more"']]);
    const params = cells(p['xl/worksheets/sheet3.xml']!);
    assert.deepEqual([text(params.get('A2')), params.get('B2')!.v, text(params.get('F2'))], ['Rate', 2, 'Growth <rate> & "more"']);
    assert.deepEqual(result.notes.map((n) => n.sheet), ['Out/put']);
    assert.match(result.notes[0]!.message, /"Out\/put" is called "Out_put".*: \\ \/ \?/);
  });

  it('under a scenario: its cell overrides, its parameter values in the names, its values cached', () => {
    const p = parts(exportXlsx(workbook(), { scenario: 'High' }).bytes);
    const data = cells(p['xl/worksheets/sheet1.xml']!);
    assert.equal(data.get('A3')!.v, 10, 'Data!A2 set by the scenario, one row down');
    assert.deepEqual([data.get('B2')!.v, data.get('B3')!.v], [5, 50]);
    assert.equal(cells(p['xl/worksheets/sheet3.xml']!).get('B2')!.v, 5, 'the Parameters sheet holds the scenario\'s value');
  });

  it('writes the scenarios as Scenario Manager scenarios on the sheets they change, Baseline included', () => {
    const p = parts(exportXlsx(workbook(), { scenario: 'High' }).bytes);
    type Scenarios = { '@current': string; '@sqref': string; scenario: { '@name': string; inputCells: { '@r': string; '@val': string }[] | { '@r': string; '@val': string } }[] };
    const scenariosOf = (part: string): Scenarios => (xml(p[part]!).worksheet as { scenarios: Scenarios }).scenarios;
    const inputs = (sc: Scenarios): [string, [string, string][]][] => sc.scenario.map((x) => [x['@name'], [x.inputCells].flat().map((i) => [i['@r'], i['@val']] as [string, string])]);
    const onParams = scenariosOf('xl/worksheets/sheet3.xml');
    assert.equal(onParams['@current'], '1', 'High is shown');
    assert.deepEqual(inputs(onParams), [['Baseline', [['B2', '2']]], ['High', [['B2', '5']]]]);
    const onData = scenariosOf('xl/worksheets/sheet1.xml');
    assert.deepEqual([onData['@sqref'], inputs(onData)], ['A3', [['Baseline', [['A3', '3']]], ['High', [['A3', '10']]]]]);
    assert.doesNotMatch(p['xl/worksheets/sheet2.xml']!, /<scenarios/);
    // Schema order: scenarios come after sheetData and before pageMargins.
    assert.match(p['xl/worksheets/sheet1.xml']!, /<\/sheetData><scenarios .*<\/scenarios><pageMargins/);
  });

  it('adds a Scenarios sheet: the compare table with one column per scenario', () => {
    const p = parts(exportXlsx(workbook()).bytes);
    const s = cells(p['xl/worksheets/sheet4.xml']!);
    assert.deepEqual([text(s.get('B1')), text(s.get('C1'))], ['Baseline', 'High']);
    assert.deepEqual([text(s.get('A2')), s.get('B2')!.v, s.get('C2')!.v], ['Rate', 2, 5]);
    // The result cells are the last sheet's formula cells, addressed as in the .xlsx.
    assert.deepEqual([text(s.get('A3')), s.get('B3')!.v, s.get('C3')!.v], ['Out_put!A1', 8, 5 + 50]);
  });

  it('caches error values Excel knows, and #VALUE! with a note for the engine\'s own', () => {
    const result = exportXlsx(workbook({ parameters: {}, scenarios: {}, sheets: [{ name: 'S', rows: [['=1/0', '=B1'], ['=A1']] }] }));
    const s = cells(parts(result.bytes)['xl/worksheets/sheet1.xml']!);
    assert.deepEqual([s.get('A1')!['@t'], s.get('A1')!.v], ['e', '#DIV/0!']);
    assert.deepEqual([s.get('B1')!['@t'], s.get('B1')!.v], ['e', '#VALUE!']);
    assert.ok(result.notes.some((n) => /S!B1: the engine's #CYCLE! is cached as #VALUE!/.test(n.message)), JSON.stringify(result.notes));
  });

  // The engine refuses such a formula (MW4007 at the cell), so the value written is its #VALUE!.
  it('writes only the value of a formula longer than Excel\'s 8,192 characters, with a note', () => {
    const long = `=LEN("${'x'.repeat(9000)}")`;
    const result = exportXlsx(workbook({ parameters: {}, scenarios: {}, sheets: [{ name: 'S', rows: [[long]] }] }));
    const a1 = cells(parts(result.bytes)['xl/worksheets/sheet1.xml']!).get('A1')!;
    assert.deepEqual([a1.f, a1['@t'], a1.v], [undefined, 'e', '#VALUE!']);
    assert.match(result.notes[0]!.message, /S!A1: the formula is 9007 characters long, more than Excel's 8192/);
  });
});

describe('xlsx export: dynamic arrays (a formula whose result spills)', () => {
  const spilling: Workbook = {
    format: 'minerals-workbook', version: 1, title: 'spills',
    parameters: { Threshold: { value: 0.1 } },
    scenarios: { Strict: { set: { Threshold: 0.3 } } },
    sheets: [
      {
        name: 'Supply',
        columns: [{ header: 'Country' }, { header: 'Share' }, { header: 'Above' }, { header: 'x2' }],
        rows: [['China', 0.69, '=FILTER(A1:A3,B1:B3>Threshold)', '=B1:B3*2'], ['Myanmar', 0.11], ['Australia', 0.05]],
      },
      { name: 'Years', rows: [['=SEQUENCE(1,3,2025)', null, null, '=SEQUENCE(2,1)'], [null, null, null, 'in the way']] },
    ],
  };
  const exported = exportXlsx(spilling);
  const files = parts(exported.bytes);
  const supply = cells(files['xl/worksheets/sheet1.xml']!);
  const years = cells(files['xl/worksheets/sheet2.xml']!);
  type ArrayCell = Cell & { '@cm'?: string; f?: string | { '#text': string; '@t'?: string; '@ref'?: string } };
  const formula = (c: Cell | undefined): { text?: string; t?: string; ref?: string } => {
    const f = (c as ArrayCell | undefined)?.f;
    return typeof f === 'object' ? { text: f['#text'], t: f['@t'], ref: f['@ref'] } : { text: f };
  };

  it('writes the anchor as an array formula over the area it fills, marked dynamic (cm="1"), as Excel 365 does', () => {
    // Without the mark Excel reads a plain formula with implicit intersection (=@B2:B4*2): one value.
    assert.deepEqual(formula(supply.get('D2')), { text: 'B2:B4*2', t: 'array', ref: 'D2:D4' });
    assert.equal((supply.get('D2') as ArrayCell)['@cm'], '1');
    assert.deepEqual(formula(years.get('A1')), { text: '_xlfn.SEQUENCE(1,3,2025)', t: 'array', ref: 'A1:C1' });
    assert.deepEqual(formula(supply.get('C2')), { text: '_xlfn._xlws.FILTER(A2:A4,B2:B4>Threshold)', t: 'array', ref: 'C2:C4' });
  });

  it('caches every spilled value in the cells the result fills, which the model leaves empty', () => {
    assert.deepEqual(['D2', 'D3', 'D4'].map((r) => Number(supply.get(r)?.v)), [1.38, 0.22, 0.1]);
    assert.equal(supply.get('D3')?.f, undefined);
    assert.deepEqual(['A1', 'B1', 'C1'].map((r) => Number(years.get(r)?.v)), [2025, 2026, 2027]);
    assert.deepEqual([text(supply.get('C2')) ?? supply.get('C2')?.v, text(supply.get('C3'))], ['China', 'Myanmar']);
  });

  it('leaves a blocked spill a plain formula caching #SPILL!, as Excel shows it', () => {
    const blocked = years.get('D1');
    assert.deepEqual(formula(blocked), { text: '_xlfn.SEQUENCE(2,1)' });
    assert.equal((blocked as ArrayCell)['@cm'], undefined);
    assert.deepEqual([blocked?.['@t'], blocked?.v], ['e', '#SPILL!']);
  });

  it('adds the dynamic-array metadata part, its content type and relationship, only when a formula spills', () => {
    const meta = xml(files['xl/metadata.xml']!) as { metadata: { metadataTypes: { metadataType: Record<string, string> }; cellMetadata: { bk: { rc: Record<string, string> } } } };
    assert.equal(meta.metadata.metadataTypes.metadataType['@name'], 'XLDAPR');
    assert.deepEqual([meta.metadata.cellMetadata.bk.rc['@t'], meta.metadata.cellMetadata.bk.rc['@v']], ['1', '0']);
    assert.match(files['xl/metadata.xml']!, /<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"\/>/);
    assert.match(files['[Content_Types].xml']!, /PartName="\/xl\/metadata.xml" ContentType="application\/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata\+xml"/);
    assert.match(files['xl/_rels/workbook.xml.rels']!, /relationships\/sheetMetadata" Target="metadata.xml"/);
    const plain = parts(exportXlsx(workbook()).bytes);
    assert.equal(plain['xl/metadata.xml'], undefined);
    assert.doesNotMatch(plain['[Content_Types].xml']!, /metadata/);
    assert.doesNotMatch(plain['xl/worksheets/sheet1.xml']!, / cm="/);
  });

  it('spills under the cached scenario: FILTER keeps what passes Strict\'s threshold', () => {
    const strict = cells(parts(exportXlsx(spilling, { scenario: 'Strict' }).bytes)['xl/worksheets/sheet1.xml']!);
    assert.equal(text(strict.get('C2')) ?? strict.get('C2')?.v, 'China');
    assert.equal(text(strict.get('C3')) ?? strict.get('C3')?.v, undefined);
  });
});

describe('xlsx export: checks', () => {
  it('are a Checks sheet of formulas, unqualified references meaning the first sheet, values cached', () => {
    const wb = workbook({ checks: [{ name: 'Positive', assert: '=B1>0', message: '=looks like a formula' }, { name: 'Small', assert: "='Out/put'!A1<5", severity: 'warning' }] });
    const s = cells(parts(exportXlsx(wb).bytes)['xl/worksheets/sheet5.xml']!);
    assert.deepEqual([text(s.get('A2')), s.get('B2')!.f, s.get('B2')!['@t'], s.get('B2')!.v, text(s.get('D2'))], ['Positive', 'Data!B2>0', 'b', 1, '=looks like a formula']);
    assert.deepEqual([s.get('B3')!.f, s.get('B3')!.v, text(s.get('C3'))], ['Out_put!A1<5', 0, 'warning']);
  });
});

describe('cli: minerals export --xlsx', () => {
  const CLI = path.resolve(__dirname, '../fixtures/cli');
  it('writes FILE.xlsx next to the workbook by default, and -o where asked, exit as the other commands', async () => {
    const r = await runCli(['export', 'stockpile.minerals.json', '--xlsx', '--scenario', 'long stockpile']);
    assert.equal(r.code, 0, r.stderr);
    const bytes = r.writtenBinary.get(path.join(CLI, 'stockpile.xlsx'));
    assert.ok(bytes, [...r.writtenBinary.keys()].join());
    assert.match(parts(bytes)['xl/worksheets/sheet3.xml']!, /<c r="B2"><v>180<\/v><\/c>/);
    const o = await runCli(['export', 'stockpile.minerals.json', '--xlsx', '-o', 'out/book.xlsx']);
    assert.ok(o.writtenBinary.has(path.join(CLI, 'out/book.xlsx')));
    assert.equal(o.code, 0, o.stderr);
    assert.doesNotMatch(o.stderr, /note:/, 'both sheet names are valid in Excel');
  });
  it('refuses CSV options and unknown scenarios as bad usage (exit 2), writing nothing', async () => {
    for (const args of [['--sheet', 'Stockpile'], ['--bom'], ['--scenario', 'Nope']]) {
      const r = await runCli(['export', 'stockpile.minerals.json', '--xlsx', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.writtenBinary.size, 0);
    }
  });
});
