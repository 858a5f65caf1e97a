import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, editMessage, freshFile, openWorkbook, readText, waitUntil, workspaceRoot } from './helpers';

/** Host-side commands and behaviours of the extension (args-object mode: nothing is asked). */
describe('extension commands and host behaviours', () => {
  afterEach(closeAll);

  it('exportAllSheetsCsv writes one CSV per sheet into the folder', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const folder = vscode.Uri.joinPath(workspaceRoot(), `all-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('mineralsWorkbook.exportAllSheetsCsv', { uri, folder, scenario: 'Double cover' });
    assert.deepEqual(written.map((u) => u.path.split('/').pop()), ['Stockpile.csv']);
    const csv = await readText(written[0]!);
    assert.ok(csv.split(/\r?\n/).some((l) => l.startsWith('Neodymium,1200,480')), csv);
  });

  it('exportSheetCsv rejects an unknown scenario with a clear message', async () => {
    const uri = await freshFile('known-values.minerals.json');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.exportSheetCsv', { uri, scenario: 'Nope', target: vscode.Uri.joinPath(workspaceRoot(), 'x.csv') })),
      /Nope/);
  });

  it('importCsv adds a sheet with the CSV cells as one undoable edit', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const csv = vscode.Uri.joinPath(workspaceRoot(), `prices-${Date.now()}.csv`);
    await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode('Mineral,Price\r\nNeodymium,95.5\r\nCobalt,=1+1\r\n'));
    const doc = await openWorkbook(uri);
    const before = doc.getText();
    const name = await vscode.commands.executeCommand<string>('mineralsWorkbook.importCsv', { uri, csv, name: 'Prices' });
    assert.equal(name, 'Prices');
    const wb = JSON.parse(doc.getText());
    assert.equal(wb.sheets[1].name, 'Prices');
    assert.deepEqual(wb.sheets[1].rows[1], ['Neodymium', 95.5]);
    // CSV text never becomes a formula.
    assert.notEqual(wb.sheets[1].rows[2][1], '=1+1');
    await vscode.commands.executeCommand('undo');
    await waitUntil(() => doc.getText() === before, 5000, 'one undo removes the imported sheet');
  });

  it('newWorkbook writes the blank template and opens it in the workbook editor', async () => {
    const target = vscode.Uri.joinPath(workspaceRoot(), `new-${Date.now()}.minerals.json`);
    const result = await vscode.commands.executeCommand<vscode.Uri>('mineralsWorkbook.newWorkbook', { template: 'blank', target });
    assert.equal(result.toString(), target.toString());
    const wb = JSON.parse(await readText(target));
    assert.equal(wb.format, 'minerals-workbook');
    const a = await api();
    await waitUntil(() => a.webviewHtml(target) !== undefined, 20_000, 'the new workbook opens in the workbook editor');
    await a.settled(target);
    const errors = vscode.languages.getDiagnostics(target).filter((d) => d.source === 'minerals' && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), [], 'the blank template is valid');
  });

  it('validateAll returns a summary of the workspace', async () => {
    const s = await vscode.commands.executeCommand<{ files: number; errors: number }>('mineralsWorkbook.validateAll', {});
    assert.ok(s.files >= 2, `files: ${s.files}`);
    assert.ok(s.errors > 0, 'the broken fixtures have errors');
  });

  it('renameSheet from the grid rewrites references to the sheet', async () => {
    const text = (await readText(vscode.Uri.joinPath(workspaceRoot(), 'known-values.minerals.json')))
      .replace('"rows": [', '"rows": [\n        ["=Stockpile!B1*2", "=\'Stockpile\'!C1"],');
    const uri = await freshFile('rename.minerals.json', text);
    const doc = await openWorkbook(uri);
    const outcome = await (await api()).simulateWebviewMessage(uri, editMessage(doc, [{ kind: 'renameSheet', sheet: 0, name: 'Stock pile' }]));
    assert.equal(outcome, 'applied');
    const wb = JSON.parse(doc.getText());
    assert.deepEqual(wb.sheets[0].rows[0], ["='Stock pile'!B1*2", "='Stock pile'!C1"]);
  });

  it('an edit whose target no longer exists is rejected and changes nothing', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const before = doc.getText();
    const outcome = await (await api()).simulateWebviewMessage(uri, editMessage(doc, [{ kind: 'deleteScenario', scenario: 'Gone' }]));
    assert.equal(outcome, 'rejected');
    assert.equal(doc.getText(), before);
  });

  it('closing an unsaved document brings back the problems of the file on disk', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const a = await api();
    assert.equal(await a.simulateWebviewMessage(uri, editMessage(doc, [{ kind: 'setCell', sheet: 0, row: 0, col: 1, raw: '=1/0' }])), 'applied');
    await a.settled(uri);
    const codes = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'minerals').map((d) => String(d.code));
    assert.ok(codes().includes('MW4005'), `after the edit: ${codes()}`);
    await closeAll();
    await waitUntil(() => !codes().includes('MW4005'), 20_000, () => `problems after closing without saving: ${codes()}`);
  });

  it('revealCell opens the workbook editor', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const ok = await vscode.commands.executeCommand<boolean>('mineralsWorkbook.revealCell', { uri: uri.toString(), sheet: 0, row: 2, col: 1 });
    assert.equal(ok, true);
    assert.ok((await api()).webviewHtml(uri));
    assert.equal(await vscode.commands.executeCommand<boolean>('mineralsWorkbook.revealCell', { uri, pointer: '/sheets/0/rows/1/2' }), true);
    assert.equal(await vscode.commands.executeCommand<boolean>('mineralsWorkbook.revealCell', { uri, pointer: '/checks/0' }), false);
  });

  it('a cell selected in the grid moves the cursor of the text editor beside it', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    assert.equal(await (await api()).simulateWebviewMessage(uri, { type: 'selectionChanged', sheet: 0, row: 1, col: 2 }), 'applied');
    const at = doc.getText().indexOf('"=B2*StockpileDays/365"');
    await waitUntil(() => doc.offsetAt(editor.selection.active) === at, 5000,
      () => `cursor at ${doc.offsetAt(editor.selection.active)}, expected ${at}`);
  });
});
