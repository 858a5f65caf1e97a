import assert from 'node:assert/strict';
import { importXlsx, type XlsxImport } from '../../src/core/xlsx/index';
import { fakeXlsx, worksheet } from '../fixtures/xlsx/package';

const messages = (r: XlsxImport, severity?: string): string[] => r.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.message);

describe('xlsx import: cells and formulas', () => {
  it('reads numbers, shared and inline strings, booleans and formulas with their cached values', () => {
    const r = importXlsx(fakeXlsx({
      sharedStrings: ['Mineral', 'Lithium', '=not a formula'],
      sheets: [{ name: 'Data', xml: worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>40</v></c><c r="C1" t="b"><v>1</v></c></row>'
        + '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><f>B1*2</f><v>80</v></c><c r="C2" t="inlineStr"><is><t>note</t></is></c></row>'
        + '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><f>SUM(B1:B2)</f><v>120</v></c><c r="C3" t="str"><f>_xlfn.CONCAT("a","b")</f><v>ab</v></c></row>') }],
    }));
    assert.deepEqual(r.workbook.sheets[0]!.rows, [
      ['Mineral', 40, true],
      ['Lithium', '=B1*2', 'note'],
      ["'=not a formula", '=SUM(B1:B2)', '=CONCAT("a","b")'],
    ]);
    assert.deepEqual(r.verified, { compared: 3, differ: 0, uncached: 0 });
  });

  it('expands a shared formula cell by cell: relative references move, $ references stay', () => {
    const r = importXlsx(fakeXlsx({ sheets: [{ name: 'S', xml: worksheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*$A$1+SUM(A$1:A1)</f><v>2</v></c></row>'
      + '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>5</v></c></row>'
      + '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>9</v></c></row>') }] }));
    assert.deepEqual(r.workbook.sheets[0]!.rows.map((row) => row[1]), ['=A1*$A$1+SUM(A$1:A1)', '=A2*$A$1+SUM(A$1:A2)', '=A3*$A$1+SUM(A$1:A3)']);
    assert.equal(r.verified.differ, 0, messages(r).join('\n'));
  });

  it('keeps an array formula on its anchor cell, says so, and compares the cells it fills', () => {
    const r = importXlsx(fakeXlsx({ sheets: [{ name: 'S', xml: worksheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="array" ref="B1:B2">A1:A2*10</f><v>10</v></c></row>'
      + '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>20</v></c></row>') }] }));
    assert.deepEqual(r.workbook.sheets[0]!.rows, [[1, '=A1:A2*10'], [2]]);
    assert.ok(messages(r, 'info').some((m) => /S!B1 holds an array formula over B1:B2/.test(m)), messages(r).join('\n'));
    assert.deepEqual(r.verified, { compared: 2, differ: 0, uncached: 0 });
  });

  it('reports each formula whose value differs from the one Excel cached, with both values', () => {
    const r = importXlsx(fakeXlsx({ sheets: [{ name: 'S', xml: worksheet(
      '<row r="1"><c r="A1"><v>3</v></c><c r="B1"><f>A1*2</f><v>7</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><f>_xludf.MYFN(1)</f><v>4</v></c></row>') }] }));
    assert.equal(r.verified.compared, 3);
    assert.equal(r.verified.differ, 2);
    const warnings = messages(r, 'warning');
    assert.ok(warnings.includes('S!B1: Excel cached 7, the engine computes 6'), warnings.join('\n'));
    assert.ok(warnings.some((m) => m.startsWith('S!D1: Excel cached 4, the engine computes #')), warnings.join('\n'));
  });

  it('takes a labelled first row as column headers and moves every reference to that sheet up one row', () => {
    const r = importXlsx(fakeXlsx({
      sharedStrings: ['Amount', 'Double'],
      sheets: [
        { name: 'Data', xml: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>5</v></c><c r="B2"><f>A2*2</f><v>10</v></c></row><row r="3"><c r="A3"><v>6</v></c><c r="B3"><f>SUM(A2:A3)+SUM(A:A)</f><v>22</v></c></row>') },
        { name: 'Other', xml: worksheet('<row r="1"><c r="A1"><f>Data!B2+Data!A3</f><v>16</v></c></row>') },
      ],
    }));
    const [data, other] = r.workbook.sheets;
    assert.deepEqual(data!.columns?.map((c) => c.header), ['Amount', 'Double']);
    assert.deepEqual(data!.rows, [[5, '=A1*2'], [6, '=SUM(A1:A2)+SUM(A:A)']]);
    assert.deepEqual(other!.rows, [['=Data!B1+Data!A2']]);
    assert.equal(other!.columns, undefined, 'a first row of numbers is not a header');
    assert.equal(r.verified.differ, 0, messages(r).join('\n'));
  });

  it('leaves a labelled first row in the grid when a formula refers to it', () => {
    const r = importXlsx(fakeXlsx({ sharedStrings: ['Label'], sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="str"><f>A1&amp;"!"</f><v>Label!</v></c></row>') }] }));
    assert.deepEqual(r.workbook.sheets[0]!.rows, [['Label'], ['=A1&"!"']]);
  });

  it('turns number formats into column formats (the one most cells share) and per-cell formats, and widths into pixels', () => {
    const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs>';
    const r = importXlsx(fakeXlsx({ styles, sheets: [{ name: 'S', xml: worksheet(
      '<row r="1"><c r="A1" s="1"><v>0.1</v></c><c r="B1" s="2"><v>1000</v></c></row><row r="2"><c r="A2" s="1"><v>0.2</v></c></row><row r="3"><c r="A3" s="2"><v>3000</v></c></row>',
      '', '<cols><col min="1" max="1" width="15" customWidth="1"/></cols>') }] }));
    const s = r.workbook.sheets[0]!;
    assert.deepEqual(s.columns, [{ format: '0.0%', width: 110 }, { format: '#,##0' }]);
    assert.deepEqual(s.formats, { A3: '#,##0' });
  });
});

describe('xlsx import: defined names', () => {
  it('makes a workbook constant a parameter (comment as description) and inlines names of ranges, formulas and sheet-scoped names', () => {
    const r = importXlsx(fakeXlsx({
      definedNames: '<definedName name="Rate" comment="Growth rate">0.05</definedName>'
        + '<definedName name="Amounts">S!$A$1:$A$2</definedName>'
        + '<definedName name="Twice">2*Rate</definedName>'
        + '<definedName name="Local" localSheetId="0">S!$A$1</definedName>'
        + '<definedName name="_xlnm.Print_Area" localSheetId="0">S!$A$1:$B$2</definedName>',
      sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>SUM(Amounts)*Rate</f><v>0.15</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f>Twice+Local</f><v>1.1</v></c></row>') }],
    }));
    assert.deepEqual(r.workbook.parameters, { Rate: { value: 0.05, description: 'Growth rate' } });
    assert.deepEqual(r.workbook.sheets[0]!.rows.map((row) => row[1]), ['=SUM(S!$A$1:$A$2)*Rate', '=(2*Rate)+S!$A$1']);
    assert.equal(r.verified.differ, 0, messages(r).join('\n'));
    const info = messages(r, 'info').join('\n');
    assert.match(info, /the name Amounts stands for S!\$A\$1:\$A\$2/);
    assert.match(info, /the name Local \(scoped to one sheet\)/);
    assert.match(info, /built-in name Print_Area/);
  });
});

describe('xlsx import: Scenario Manager scenarios', () => {
  it('imports <scenarios> as scenarios with cell overrides, in the header-shifted coordinates', () => {
    const r = importXlsx(fakeXlsx({
      sharedStrings: ['Input', 'Output'],
      sheets: [{ name: 'Model', xml: worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>10</v></c><c r="B2"><f>A2*3</f><v>30</v></c></row>',
        '<scenarios current="0" show="0" sqref="A2"><scenario name="Low" locked="1" count="1" user="x" comment="Low demand"><inputCells r="A2" val="5"/></scenario><scenario name="High" count="1"><inputCells r="A2" val="20"/></scenario></scenarios>') }],
    }));
    assert.deepEqual(r.workbook.scenarios, { Low: { description: 'Low demand', set: { 'Model!A1': 5 } }, High: { set: { 'Model!A1': 20 } } });
  });
});

describe('xlsx import: what the format cannot hold is reported', () => {
  it('lists macros, pivot tables, external links, charts, comments and sheet features, and imports the cells anyway', () => {
    const r = importXlsx(fakeXlsx({
      sheets: [
        { name: 'S', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="dataTable" ref="B1" dt2D="0" dtr="0" r1="A1"/><v>4</v></c></row>', '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><conditionalFormatting sqref="A1"><cfRule type="cellIs" priority="1"/></conditionalFormatting><dataValidations count="1"><dataValidation sqref="A1"/></dataValidations>') },
      ],
      extra: {
        'xl/vbaProject.bin': new Uint8Array([1, 2, 3]), 'xl/pivotTables/pivotTable1.xml': '<x/>', 'xl/externalLinks/externalLink1.xml': '<x/>',
        'xl/charts/chart1.xml': '<x/>', 'xl/comments1.xml': '<x/>',
      },
    }));
    const all = messages(r).join('\n');
    for (const what of ['macros', 'pivot tables', 'external links', 'charts', 'comments', 'merged cells', 'conditional formatting', 'data validation', 'data table']) assert.match(all, new RegExp(what), what);
    assert.deepEqual(r.workbook.sheets[0]!.rows, [[1, 4]]);
  });
});
