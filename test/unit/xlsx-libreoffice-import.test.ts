/**
 * Files written by a spreadsheet program nobody here wrote: the test writes a flat ODF
 * spreadsheet, LibreOffice converts it to .xlsx headless (`soffice --convert-to xlsx`, which
 * calculates every formula and caches its value), and the import must hold LibreOffice's
 * cached value in every formula cell. A second file gets a Scenario Manager scenario through
 * UNO (scripts/libreoffice-scenarios.py), which LibreOffice writes as <scenarios>.
 * Needs soffice and python3-uno (scripts/setup-libreoffice.sh).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { exportXlsx, importXlsx, type XlsxImport } from '../../src/core/xlsx/index';
import { scenarioNames, type Workbook } from '../../src/core/model/workbook';
import { comparable } from '../fixtures/xlsx/package';
import { WorkbookEngine } from '../../src/core/engine/index';

const run = promisify(execFile);
const SCENARIOS = path.resolve(__dirname, '../../scripts/libreoffice-scenarios.py');

const cell = (content: string, attrs = ''): string => `<table:table-cell ${attrs}>${content}</table:table-cell>`;
const text = (t: string): string => cell(`<text:p>${t}</text:p>`, 'office:value-type="string"');
const num = (v: number, style = ''): string => cell('', `office:value-type="float" office:value="${v}"${style ? ` table:style-name="${style}"` : ''}`);
const formula = (f: string, style = ''): string => cell('', `table:formula="of:=${f}"${style ? ` table:style-name="${style}"` : ''}`);
const row = (...cells: string[]): string => `<table:table-row>${cells.join('')}</table:table-row>`;

/** A model as analysts build one: labels, inputs, a named constant, a named range, a percentage format. */
const FODS = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:percentage-style style:name="pct"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<style:style style:name="cpct" style:family="table-cell" style:data-style-name="pct"/>
<style:style style:name="cwide" style:family="table-column"><style:table-column-properties style:column-width="1.5in"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Supply">
<table:table-column table:style-name="cwide"/><table:table-column/><table:table-column/><table:table-column/>
${row(text('Mineral'), text('Tonnes'), text('Recycled'), text('Share'))}
${row(text('Lithium'), num(5), formula('[.B2]*Rate'), formula('[.C2]/[.C$5]', 'cpct'))}
${row(text('Cobalt'), num(7), formula('[.B3]*Rate'), formula('[.C3]/[.C$5]', 'cpct'))}
${row(text('Nickel'), num(11), formula('[.B4]*Rate'), formula('[.C4]/[.C$5]', 'cpct'))}
${row(text('Total'), formula('SUM(Amounts)'), formula('ROUND(SUM([.C2:.C4]);2)'), formula('SUM([.D2:.D4])', 'cpct'))}
${row(text('Largest'), formula('INDEX([.A2:.A4];MATCH(MAX([.B2:.B4]);[.B2:.B4];0))'), formula('IF([.C5]&gt;1;&quot;over&quot;;&quot;under&quot;)'), formula('AVERAGE([.B2:.B4])'))}
${row(text('Checks'), formula('ISNUMBER([.B5])'), formula('1/0'), formula('CONCATENATE([.A2];&quot;-&quot;;[.A3])'))}
</table:table>
<table:named-expressions>
<table:named-range table:name="Amounts" table:base-cell-address="$Supply.$A$1" table:cell-range-address="$Supply.$B$2:.$B$4"/>
<table:named-expression table:name="Rate" table:base-cell-address="$Supply.$A$1" table:expression="of:=0.35"/>
</table:named-expressions>
</office:spreadsheet></office:body></office:document>
`;

/** Every formula cell's cached value in the file, by address, read straight from the sheet XML. */
function cachedValues(file: string): Map<string, string> {
  const xml = strFromU8(unzipSync(readFileSync(file))['xl/worksheets/sheet1.xml']!);
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:<f[^>]*>[^<]*<\/f>)<v>([^<]*)<\/v>/g)) out.set(m[1]!, m[2]!);
  return out;
}

describe('xlsx import: files LibreOffice wrote', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-lo-import-'));
  let plain: XlsxImport;
  let withScenario: XlsxImport;
  let plainFile = '';

  before(async () => {
    const fods = path.join(dir, 'supply.fods');
    writeFileSync(fods, FODS);
    await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', dir, fods], { timeout: 100_000 });
    plainFile = path.join(dir, 'supply.xlsx');
    plain = importXlsx(readFileSync(plainFile), { title: 'Supply' });
    // Without the named range: LibreOffice 7 writes a range name of a sheet with a scenario as
    // pointing at the scenario's own hidden sheet (which it does not export), so SUM(Amounts)
    // would be #REF! after import; the importer reports that cell, but it is LibreOffice's doing.
    const scenarioFods = path.join(dir, 'scenario.fods');
    writeFileSync(scenarioFods, FODS.replace('SUM(Amounts)', 'SUM([.B2:.B4])').replace(/<table:named-range [^>]*\/>/, ''));
    const scenarioFile = path.join(dir, 'scenario.xlsx');
    const spec = [{ name: 'High supply', comment: 'More lithium and cobalt', startRow: 1, endRow: 2, column: 1, values: [50, 70] }];
    await run('/usr/bin/python3', [SCENARIOS, scenarioFods, scenarioFile, JSON.stringify(spec)], { timeout: 100_000 });
    withScenario = importXlsx(readFileSync(scenarioFile), { title: 'Supply' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds LibreOffice\'s cached value in every formula cell', () => {
    const cached = cachedValues(plainFile);
    assert.equal(cached.size, 15, [...cached.keys()].join(' '));
    assert.deepEqual(plain.verified, { compared: 15, differ: 0, uncached: 0 }, plain.diagnostics.map((d) => d.message).join('\n'));
    // Independently of the importer's own check: our engine on the imported workbook, cell by cell.
    const engine = WorkbookEngine.create(plain.workbook);
    try {
      for (const [address, v] of cached) {
        const at = /^([A-Z]+)(\d+)$/.exec(address)!;
        const ours = engine.getCellValue(`Supply!${at[1]}${Number(at[2]) - 1}`);
        if (typeof ours === 'number') assert.ok(Math.abs(ours - Number(v)) <= 1e-9 * Math.max(1, Math.abs(ours)), `${address}: LibreOffice ${v}, ours ${ours}`);
        else if (typeof ours === 'boolean') assert.equal(ours ? '1' : '0', v, address);
        else if (ours !== null && typeof ours === 'object') assert.equal(ours.error, v, address);
        else assert.equal(ours, v, address);
      }
    } finally {
      engine.dispose();
    }
  });

  it('makes the named constant a parameter, inlines the named range, and keeps labels, formats and widths', () => {
    const w = plain.workbook;
    assert.deepEqual(w.parameters, { Rate: { value: 0.35 } });
    const sheet = w.sheets[0]!;
    assert.equal(sheet.name, 'Supply');
    assert.deepEqual(sheet.columns?.map((c) => c.header), ['Mineral', 'Tonnes', 'Recycled', 'Share']);
    assert.equal(sheet.columns?.[3]?.format, '0.0%');
    assert.ok(Math.abs((sheet.columns?.[0]?.width ?? 0) - 144) <= 3, `width ${sheet.columns?.[0]?.width}`);
    assert.deepEqual(sheet.rows[0], ['Lithium', 5, '=B1*Rate', '=C1/C$4']);
    assert.equal(sheet.rows[3]![1], '=SUM(Supply!$B$1:$B$3)');
  });

  it('imports the Scenario Manager scenario LibreOffice wrote as a scenario with cell overrides', () => {
    assert.deepEqual(withScenario.workbook.scenarios, { 'High supply': { description: 'More lithium and cobalt', set: { 'Supply!B1': 50, 'Supply!B2': 70 } } });
    assert.equal(withScenario.verified.differ, 0, withScenario.diagnostics.map((d) => d.message).join('\n'));
    const engine = WorkbookEngine.create(withScenario.workbook, { scenario: 'High supply' });
    try {
      assert.equal(engine.getCellValue('Supply!B4'), 50 + 70 + 11);
    } finally {
      engine.dispose();
    }
  });
});

describe('xlsx round trip through LibreOffice: export, LibreOffice recalculates and saves, import', function () {
  this.timeout(300_000);
  const SAMPLES = path.resolve(__dirname, '../../samples');
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-lo-resave-'));
  const cases: { sample: string; scenario: string; workbook: Workbook; file: string }[] = [];
  let control = '';

  before(async () => {
    mkdirSync(path.join(dir, 'in'));
    for (const sample of readdirSync(SAMPLES).filter((f) => f.endsWith('.minerals.json') && !f.startsWith('broken'))) {
      const workbook = JSON.parse(readFileSync(path.join(SAMPLES, sample), 'utf8')) as Workbook;
      for (const scenario of scenarioNames(workbook)) {
        const name = `${sample.replace('.minerals.json', '')}--${cases.length}.xlsx`;
        writeFileSync(path.join(dir, 'in', name), exportXlsx(workbook, { scenario }).bytes);
        cases.push({ sample, scenario, workbook, file: path.join(dir, 'out', name) });
      }
    }
    // A control whose cached values are all wrong: only a recalculation brings them back.
    const parts = unzipSync(readFileSync(path.join(dir, 'in', path.basename(cases[0]!.file))));
    parts['xl/worksheets/sheet1.xml'] = strToU8(strFromU8(parts['xl/worksheets/sheet1.xml']!).replace(/(<\/f><v>)[^<]*(<\/v>)/g, '$1987654321$2'));
    writeFileSync(path.join(dir, 'in', 'control.xlsx'), zipSync(parts));
    control = path.join(dir, 'out', 'control.xlsx');
    const inputs = readdirSync(path.join(dir, 'in')).map((f) => path.join(dir, 'in', f));
    await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', path.join(dir, 'out'), ...inputs], { timeout: 280_000 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports every re-saved file with LibreOffice\'s values in every formula cell, and the same cells, parameters and checks', () => {
    assert.ok(cases.length >= 20, `${cases.length} files`);
    for (const c of cases) {
      const imported = importXlsx(readFileSync(c.file), { title: c.workbook.title });
      const label = `${c.sample} [${c.scenario}]`;
      assert.ok(imported.verified.compared >= 40, `${label}: ${JSON.stringify(imported.verified)}`);
      assert.equal(imported.verified.differ, 0, `${label}:\n${imported.diagnostics.map((d) => d.message).join('\n')}`);
      const ours = comparable(imported.workbook) as Workbook;
      const theirs = comparable(c.workbook) as Workbook;
      assert.deepEqual(ours.sheets, theirs.sheets, label);
      assert.deepEqual(ours.parameters, theirs.parameters, label);
      assert.deepEqual(ours.checks, theirs.checks, label);
      // LibreOffice cuts scenario names to 31 characters (they are sheet names there).
      const cut = (w: Workbook): Record<string, unknown> => Object.fromEntries(Object.entries(w.scenarios ?? {}).map(([k, v]) => [k.slice(0, 31), v]));
      assert.deepEqual(cut(ours), cut(theirs), label);
    }
  });

  it('recalculates rather than keeping the cached values (control file with wrong cached values)', () => {
    const before = importXlsx(readFileSync(path.join(dir, 'in', 'control.xlsx')));
    assert.ok(before.verified.differ >= 1, JSON.stringify(before.verified));
    assert.equal(importXlsx(readFileSync(control)).verified.differ, 0);
  });
});
