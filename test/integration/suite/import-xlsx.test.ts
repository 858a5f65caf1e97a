import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, activeCustomTab, closeAll, readText, VIEW_TYPE, waitUntil, workspaceRoot } from './helpers';
import { fakeXlsx, worksheet } from '../../fixtures/xlsx/package';

/** An Excel-style model: labels, a shared formula, a named constant, a Scenario Manager scenario. */
function model(): Uint8Array {
  return fakeXlsx({
    sharedStrings: ['Mineral', 'Tonnes', 'Recycled', 'Lithium', 'Cobalt'],
    definedNames: '<definedName name="Rate" comment="Recycling rate">0.25</definedName>',
    sheets: [{
      name: 'Supply',
      xml: worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
        + '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>40</v></c><c r="C2"><f t="shared" ref="C2:C3" si="0">B2*Rate</f><v>10</v></c></row>'
        + '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3"><v>8</v></c><c r="C3"><f t="shared" si="0"/><v>2</v></c><c r="D3"><f>B3+1</f><v>99</v></c></row>',
        '<scenarios current="0" show="0" sqref="B2"><scenario name="More lithium" count="1"><inputCells r="B2" val="80"/></scenario></scenarios>'),
    }],
  });
}

describe('Import Excel Workbook command', () => {
  afterEach(closeAll);

  it('is in the command palette', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('mineralsWorkbook.importXlsx'));
    assert.ok(all.includes('mineralsWorkbook.openXlsxAsWorkbook'));
  });

  it('writes the .minerals.json next to the .xlsx and opens it in the workbook editor', async () => {
    const name = `import-${Date.now()}`;
    const xlsx = vscode.Uri.joinPath(workspaceRoot(), `${name}.xlsx`);
    await vscode.workspace.fs.writeFile(xlsx, model());
    const result = await vscode.commands.executeCommand<vscode.Uri>('mineralsWorkbook.importXlsx', { xlsx });
    const expected = vscode.Uri.joinPath(workspaceRoot(), `${name}.minerals.json`);
    assert.ok(result instanceof vscode.Uri, 'importXlsx returns the written Uri');
    assert.equal(result.toString(), expected.toString());
    const workbook = JSON.parse(await readText(expected)) as { parameters: unknown; scenarios: unknown; sheets: { columns: { header: string }[]; rows: unknown[][] }[] };
    assert.deepEqual(workbook.parameters, { Rate: { value: 0.25, description: 'Recycling rate' } });
    assert.deepEqual(workbook.sheets[0]!.columns.map((c) => c.header), ['Mineral', 'Tonnes', 'Recycled']);
    assert.deepEqual(workbook.sheets[0]!.rows, [['Lithium', 40, '=B1*Rate'], ['Cobalt', 8, '=B2*Rate', '=B2+1']]);
    assert.deepEqual(workbook.scenarios, { 'More lithium': { set: { 'Supply!B1': 80 } } });
    await waitUntil(() => activeCustomTab()?.uri.toString() === expected.toString() && activeCustomTab()?.viewType === VIEW_TYPE, 20_000, 'the imported workbook is not the active workbook editor');
    const a = await api();
    await waitUntil(() => a.webviewHtml(expected) !== undefined, 20_000, 'no webview for the imported workbook');
    // The report in the Problems panel, at the cell whose value Excel cached differently.
    const report = vscode.languages.getDiagnostics(expected).filter((d) => d.source === 'xlsx import');
    const differs = report.find((d) => d.message.startsWith('Supply!D2 (D3 in the .xlsx): Excel cached 99, the engine computes 9'));
    assert.ok(differs, JSON.stringify(report.map((d) => d.message)));
    assert.equal(differs.severity, vscode.DiagnosticSeverity.Warning);
    const text = await readText(expected);
    const line = text.split('\n')[differs.range.start.line]!;
    assert.equal(line.slice(differs.range.start.character, differs.range.end.character), '"=B2+1"');
  });

  it('refuses a file that is not an .xlsx with a message, and writes nothing', async () => {
    const name = `not-xlsx-${Date.now()}`;
    const xlsx = vscode.Uri.joinPath(workspaceRoot(), `${name}.xlsx`);
    await vscode.workspace.fs.writeFile(xlsx, new TextEncoder().encode('Mineral,Tonnes\nLithium,5\n'));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.importXlsx', { xlsx, open: false })),
      /this is not an \.xlsx file/,
    );
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), `${name}.minerals.json`))));
  });
});
