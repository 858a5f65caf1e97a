import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { CompareResult } from '../../../src/extension/compare';
import { closeAll, freshFile, openWorkbook, readText, waitUntil, workspaceRoot } from './helpers';

const FIXTURE = 'known-values.minerals.json';

/**
 * The report as text, once the diff view shows the comparison: the view's counts are the
 * diff's, and its "Show as Text" document holds the report.
 */
async function shownReport(result: CompareResult): Promise<string> {
  await waitUntil(() => result.view.panel.visible, 10_000, () => 'the diff view is not visible');
  const counts = result.view.model.counts;
  const baseline = result.diff.effects.find((e) => e.scenario === 'Baseline');
  assert.equal(counts.cells, result.diff.edits.cells.length);
  assert.equal(counts.values, baseline?.values.length ?? 0);
  assert.equal(result.view.model.marks.length, result.diff.edits.cells.length + (baseline?.values.length ?? 0));
  return (await vscode.workspace.openTextDocument(result.document)).getText();
}

describe('compare workbooks (semantic diff per scenario)', () => {
  afterEach(closeAll);

  it('Compare with Saved: an unsaved edit in the workbook editor, its effects by Sheet!cell under each scenario', async () => {
    const uri = await freshFile(FIXTURE);
    const doc = await openWorkbook(uri);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf('"value": 73');
    assert.ok(at > 0);
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"value": 73'.length)), '"value": 146');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the edit is not saved');

    const result = await vscode.commands.executeCommand<CompareResult>('mineralsWorkbook.compareWithSaved', { uri });
    assert.deepEqual(result.diff.edits.parameters.map((p) => p.name), ['StockpileDays']);
    const baseline = result.diff.effects.find((e) => e.scenario === 'Baseline')!;
    // 1200 t/yr * 73 / 365 = 240 t before; * 146 / 365 = 480 t after.
    const c1 = baseline.values.find((v) => v.address === 'Stockpile!C1');
    assert.deepEqual([c1?.old, c1?.new], [240, 480]);
    // "Double cover" sets 146 days itself: nothing changes under it.
    assert.equal(result.diff.effects.find((e) => e.scenario === 'Double cover')!.changed, false);

    const text = await shownReport(result);
    assert.match(text, /\(saved\) -> /);
    assert.match(text, /^Effects under Baseline:$/m);
    assert.match(text, /^ {2}Stockpile!C1 \(Stockpile \(t\), Neodymium\): 240 -> 480 \(\+100%\)$/m);
    assert.match(text, /^Results unchanged under: Double cover$/m);
    assert.ok(doc.isDirty, 'comparing does not save or revert the workbook');
  });

  it('Compare with…: two workbook files; a row inserted above is not an edit of the formulas below', async () => {
    const oldUri = await freshFile(FIXTURE);
    const wb = JSON.parse(await readText(oldUri)) as { sheets: { rows: unknown[][] }[] };
    const rows = wb.sheets[0]!.rows;
    // What inserting a row at the top does in Excel: the rows below move down, their formulas
    // follow; the totals are widened by hand to take the new row in.
    wb.sheets[0]!.rows = [
      ['Cobalt', 500, '=B1*StockpileDays/365'],
      ['Neodymium', 1200, '=B2*StockpileDays/365'],
      ['Dysprosium', 80, '=B3*StockpileDays/365'],
      ['Total', '=SUM(B1:B3)', '=SUM(C1:C3)'],
      rows[3]!,
    ];
    const newUri = await freshFile(FIXTURE, JSON.stringify(wb, null, 2));
    const result = await vscode.commands.executeCommand<CompareResult>('mineralsWorkbook.compareWith', { uri: newUri, other: oldUri });
    assert.deepEqual(result.diff.edits.structure.map((s) => [s.kind, s.sheet, s.at, s.count]), [['insertRows', 'Stockpile', 0, 1]]);
    assert.deepEqual(result.diff.edits.cells.map((c) => c.address), ['Stockpile!B4', 'Stockpile!C4'], 'the moved formulas are not edits');
    const total = result.diff.effects.find((e) => e.scenario === 'Baseline')!.values.find((v) => v.address === 'Stockpile!B4');
    assert.deepEqual([total?.old, total?.new], [1280, 1780]);
    const report = await shownReport(result);
    assert.match(report, /^ {2}Stockpile: 1 row inserted at row 1$/m);
    assert.match(report, /^Effects under Double cover:$/m);
    assert.match(report, /^ {2}Stockpile!C4 \(Stockpile \(t\), Total\): 512 -> 712 \(\+39\.06%\)$/m);
  });

  it('Compare with HEAD: the file on disk against its last commit, through the Git extension', async function () {
    this.timeout(60_000);
    const folder = vscode.Uri.joinPath(workspaceRoot(), `repo-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    const uri = vscode.Uri.joinPath(folder, FIXTURE);
    const original = await readText(vscode.Uri.joinPath(workspaceRoot(), FIXTURE));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=T', ...args], { cwd: folder.fsPath });
    git('init', '-q');
    git('add', FIXTURE);
    git('commit', '-qm', 'workbook');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original.replace('["Neodymium", 1200,', '["Neodymium", 1500,')));

    const result = await vscode.commands.executeCommand<CompareResult>('mineralsWorkbook.compareWithHead', { uri });
    assert.deepEqual(result.diff.edits.cells.map((c) => [c.address, c.old, c.new]), [['Stockpile!B1', 1200, 1500]]);
    const under = result.diff.effects.find((e) => e.scenario === 'Double cover')!;
    // 1500 * 146 / 365 = 600, was 480.
    const c1 = under.values.find((v) => v.address === 'Stockpile!C1');
    assert.deepEqual([c1?.old, c1?.new], [480, 600]);
    const report = await shownReport(result);
    assert.match(report, /\(HEAD\) -> /);
    assert.match(report, /^ {2}Stockpile!B1 \(Demand \(t\/yr\), Neodymium\): 1200 -> 1500$/m);
  });

  it('scripted misuse and a broken side reject with a clear message', async () => {
    const uri = await freshFile(FIXTURE);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.compareWith', { uri })), /needs "other"/);
    const broken = await freshFile('broken.minerals.json', '{ "format": "minerals-workbook", ');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.compareWith', { uri, other: broken })), /broken\.minerals\.json is not a valid workbook: MW1001/);
    const outside = await freshFile(FIXTURE);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.compareWithHead', { uri: outside })), /not in a Git repository/);
  });
});
