import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, freshFile, readText, workspaceRoot } from './helpers';

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
});
