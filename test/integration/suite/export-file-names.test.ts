import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { freshFile, workspaceRoot } from './helpers';

/** "Export Workbook as CSV Files": no writing through links, no device or colliding names. */
describe('export workbook as CSV files: hostile sheet names and links in the folder', () => {
  const nfc = 'Caf\u00e9', nfd = 'Cafe\u0301';
  const workbook = (names: string[]) => JSON.stringify({
    format: 'minerals-workbook', version: 1, title: 'hostile names',
    sheets: names.map((name, i) => ({ name, rows: [[`sheet ${i}`, i]] })),
  });

  it('renames CON and NFC/NFD twins, refuses a dangling and a live symbolic link', async () => {
    const uri = await freshFile('names.minerals.json', workbook(['CON', nfc, nfd, 'dangling', 'live', 'plain']));
    const folder = vscode.Uri.joinPath(workspaceRoot(), `names-${Date.now()}`);
    const dir = folder.fsPath;
    mkdirSync(dir);
    const outside = path.join(path.dirname(dir), `outside-${Date.now()}`);
    mkdirSync(outside);
    symlinkSync(path.join(outside, 'stolen.csv'), path.join(dir, 'dangling.csv'));
    const victim = path.join(outside, 'victim.csv');
    await vscode.workspace.fs.writeFile(vscode.Uri.file(victim), new TextEncoder().encode('keep me\n'));
    symlinkSync(victim, path.join(dir, 'live.csv'));

    const written = await vscode.commands.executeCommand<vscode.Uri[]>('mineralsWorkbook.exportAllSheetsCsv', { uri, folder, formulas: true });
    const names = written.map((u) => path.basename(u.fsPath));
    assert.deepEqual(names, ['CON_.csv', `${nfc}.csv`, `${nfd} (2).csv`, 'plain.csv']);
    for (const n of names) assert.ok(lstatSync(path.join(dir, n)).isFile(), n);
    assert.ok(!existsSync(path.join(outside, 'stolen.csv')), 'wrote through the dangling link');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(victim))), 'keep me\n', 'wrote through the live link');
    assert.ok(lstatSync(path.join(dir, 'dangling.csv')).isSymbolicLink());
  });
});
