import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, editMessage, freshFile, openWorkbook, readText, replaceOnce, setCell, VIEW_TYPE, waitUntil, workspaceRoot } from './helpers';

/** Regression tests for code-review findings on the extension host. */
describe('host keeps user data safe: overwrites, stale edits, duplicate keys, exports', () => {
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

  describe('whole-sheet edits computed on an older version', () => {
    const rows = [['Replaced', 1, 2]];
    const replaceRows = (doc: vscode.TextDocument, baseVersion: number) =>
      ({ ...(editMessage(doc, [{ kind: 'replaceRows', sheet: 0, rows }]) as object), baseVersion });

    it('are refused when a later version came from elsewhere; cell edits on that version still apply', async () => {
      const uri = await freshFile('known-values.minerals.json');
      const doc = await openWorkbook(uri);
      const a = await api();
      const base = doc.version;
      // A change from elsewhere (as the split text editor makes).
      const elsewhere = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf('"Dysprosium"');
      elsewhere.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"Dysprosium"'.length)), '"Terbium"');
      assert.ok(await vscode.workspace.applyEdit(elsewhere));
      const afterElsewhere = doc.getText();
      assert.equal(await a.simulateWebviewMessage(uri, replaceRows(doc, base)), 'rejected');
      assert.equal(doc.getText(), afterElsewhere, 'the change made elsewhere survives');
      const cell = { ...(editMessage(doc, [setCell(0, 1, 1500)]) as object), baseVersion: base };
      assert.equal(await a.simulateWebviewMessage(uri, cell), 'applied');
      assert.equal(doc.getText(), replaceOnce(afterElsewhere, '["Neodymium", 1200,', '["Neodymium", 1500,'));
      // On the current version the same whole-sheet edit applies.
      assert.equal(await a.simulateWebviewMessage(uri, replaceRows(doc, doc.version)), 'applied');
      assert.deepEqual((JSON.parse(doc.getText()) as { sheets: { rows: unknown[] }[] }).sheets[0]!.rows, rows);
    });

    it('from a second editor of the same document are refused when the first editor changed it meanwhile', async () => {
      const uri = await freshFile('known-values.minerals.json');
      const doc = await openWorkbook(uri);
      const a = await api();
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, vscode.ViewColumn.Beside);
      await waitUntil(() => a.editorCount(uri) === 2, 20_000, 'a second workbook editor on the same file');
      await a.settled(uri);
      const base = doc.version;
      // Editor A types a value; editor B, still on the base version, inserts a row (a whole-sheet rewrite).
      assert.equal(await a.simulateWebviewMessage(uri, { ...(editMessage(doc, [setCell(0, 1, 1500)]) as object), baseVersion: base }, 0), 'applied');
      const afterA = doc.getText();
      assert.equal(await a.simulateWebviewMessage(uri, replaceRows(doc, base), 1), 'rejected');
      assert.equal(doc.getText(), afterA, "editor A's value survives");
      // Editor B, resynced to the current version, applies it.
      assert.equal(await a.simulateWebviewMessage(uri, replaceRows(doc, doc.version), 1), 'applied');
      assert.deepEqual((JSON.parse(doc.getText()) as { sheets: { rows: unknown[] }[] }).sheets[0]!.rows, rows);
    });

    it('apply over versions the grid\'s own edits produced; an undo in between counts as elsewhere', async () => {
      const uri = await freshFile('known-values.minerals.json');
      const doc = await openWorkbook(uri);
      const a = await api();
      const base = doc.version;
      // Two grid edits in flight on the same base version, then a whole-sheet edit on it.
      assert.equal(await a.simulateWebviewMessage(uri, { ...(editMessage(doc, [setCell(0, 1, 1)]) as object), baseVersion: base }), 'applied');
      assert.equal(await a.simulateWebviewMessage(uri, { ...(editMessage(doc, [setCell(1, 1, 2)]) as object), baseVersion: base }), 'applied');
      assert.equal(await a.simulateWebviewMessage(uri, replaceRows(doc, base)), 'applied');
      const replaced = doc.getText();
      const mine = doc.version;
      await vscode.commands.executeCommand('undo');
      await waitUntil(() => doc.getText() !== replaced, 5000, 'undo changes the document');
      const undone = doc.getText();
      assert.equal(await a.simulateWebviewMessage(uri, replaceRows(doc, mine)), 'rejected');
      assert.equal(doc.getText(), undone);
    });
  });

  it('an unchanged open workbook is not validated again by Validate All', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const a = await api();
    await a.settled(uri);
    let published = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) published++; });
    try {
      await vscode.commands.executeCommand('mineralsWorkbook.validateAll', {});
      await a.settled(uri);
      assert.equal(published, 0, 'Validate All re-validated an unchanged open workbook');
      // A real change is validated (and published) again.
      const edit = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf('1200');
      edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 4)), '1300');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitUntil(() => published > 0, 10_000, 'the changed text is validated and published');
    } finally {
      sub.dispose();
    }
  });

  it('a cell typed in a file with a duplicate "sheets" key lands in the copy the grid shows (the last)', async () => {
    const text = (await readText(vscode.Uri.joinPath(workspaceRoot(), 'known-values.minerals.json')))
      .replace('"sheets": [', '"sheets": [ { "name": "Ignored", "rows": [[1, 2]] } ],\n  "sheets": [');
    const uri = await freshFile('known-values.minerals.json', text);
    const doc = await openWorkbook(uri);
    assert.equal(await (await api()).simulateWebviewMessage(uri, editMessage(doc, [setCell(0, 1, 1500)])), 'applied');
    assert.equal(doc.getText(), replaceOnce(text, '["Neodymium", 1200,', '["Neodymium", 1500,'));
    assert.equal((JSON.parse(doc.getText()) as { sheets: { rows: unknown[][] }[] }).sheets[0]!.rows[0]![1], 1500);
  });

  it('problems in cells offer "Show in Workbook" naming the sheet and the A1 cell', async () => {
    const uri = await freshFile('known-errors.minerals.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'minerals' && doc.getText(d.range) === '"=NoSuchName*2"');
    await waitUntil(() => ours().length > 0, 20_000, 'the unknown-name problem is reported');
    const range = ours()[0]!.range;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Show in Workbook (Errors!B2)'), JSON.stringify(titles));
  });
});
