import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, editMessage, freshFile, openWorkbook, readText, setCell, workspaceRoot } from './helpers';

/** Regression tests for code-review findings on the extension host. */
describe('review fixes: host behaviours', () => {
  afterEach(closeAll);

  it('the blank template has no remote $schema (the jsonValidation association supplies it)', async () => {
    const target = vscode.Uri.joinPath(workspaceRoot(), `schema-${Date.now()}.minerals.json`);
    await vscode.commands.executeCommand('mineralsWorkbook.newWorkbook', { template: 'blank', target, open: false });
    const wb = JSON.parse(await readText(target)) as Record<string, unknown>;
    assert.equal(wb.format, 'minerals-workbook');
    assert.ok(!('$schema' in wb), `unexpected $schema: ${String(wb.$schema)}`);
  });

  it('exportAllSheetsCsv with arguments asks nothing and overwrites an existing <sheet>.csv (documented)', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const folder = vscode.Uri.joinPath(workspaceRoot(), `replace-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    const old = vscode.Uri.joinPath(folder, 'Stockpile.csv');
    await vscode.workspace.fs.writeFile(old, new TextEncoder().encode('old contents\n'));
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('mineralsWorkbook.exportAllSheetsCsv', { uri, folder });
    assert.deepEqual(written.map((u) => u.toString()), [old.toString()]);
    assert.ok((await readText(old)).includes('Neodymium'), 'the existing file was replaced');
  });

  it('exportSheetCsv of formulas applies the scenario\'s cell overrides, as minerals export --formulas does', async () => {
    const text = (await readText(vscode.Uri.joinPath(workspaceRoot(), 'known-values.minerals.json')))
      .replace('"set": { "StockpileDays": 146 }', '"set": { "StockpileDays": 146, "Stockpile!B1": 999 }');
    assert.ok(text.includes('"Stockpile!B1": 999'), 'fixture changed');
    const uri = await freshFile('known-values.minerals.json', text);
    const target = vscode.Uri.joinPath(workspaceRoot(), `formulas-${Date.now()}.csv`);
    await vscode.commands.executeCommand('mineralsWorkbook.exportSheetCsv', { uri, scenario: 'Double cover', formulas: true, target });
    const lines = (await readText(target)).split(/\r?\n/);
    assert.ok(lines.some((l) => l.startsWith('Neodymium,999,')), lines.join('\n'));
    const baseline = vscode.Uri.joinPath(workspaceRoot(), `formulas-base-${Date.now()}.csv`);
    await vscode.commands.executeCommand('mineralsWorkbook.exportSheetCsv', { uri, formulas: true, target: baseline });
    assert.ok((await readText(baseline)).split(/\r?\n/).some((l) => l.startsWith('Neodymium,1200,')));
  });

  it('an edit that changes nothing is still answered as applied, and leaves the document alone', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const [text, version] = [doc.getText(), doc.version];
    assert.equal(await (await api()).simulateWebviewMessage(uri, editMessage(doc, [setCell(0, 1, 1200)])), 'applied');
    assert.equal(doc.getText(), text);
    assert.equal(doc.version, version);
  });
});
