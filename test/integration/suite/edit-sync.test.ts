import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api, closeAll, editMessage, freshFile, openWorkbook, readText, replaceOnce, setCell, waitUntil,
} from './helpers';

/** A 10x10 sheet of zeros, one row per line, as the product's files are formatted. */
function gridText(value: (r: number, c: number) => number): string {
  const rows = Array.from({ length: 10 }, (_, r) =>
    `        [${Array.from({ length: 10 }, (_, c) => value(r, c)).join(', ')}]`);
  return `{
  "format": "minerals-workbook",
  "version": 1,
  "title": "Rapid edits",
  "sheets": [
    {
      "name": "Grid",
      "rows": [
${rows.join(',\n')}
      ]
    }
  ]
}
`;
}

async function textBecomes(doc: vscode.TextDocument, expected: string, what: string): Promise<void> {
  await waitUntil(() => doc.getText() === expected, 10_000, () => `${what}: document text is\n${doc.getText()}`);
}

describe('edits from the webview and document sync', () => {
  afterEach(closeAll);

  it('an edit message changes exactly the edited value', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const before = doc.getText();
    const outcome = await (await api()).simulateWebviewMessage(uri, editMessage(doc, [setCell(0, 1, 1500)]));
    assert.equal(outcome, 'applied');
    assert.equal(doc.getText(), replaceOnce(before, '["Neodymium", 1200,', '["Neodymium", 1500,'));
    assert.equal(doc.isDirty, true);
  });

  it('a formula typed into a cell is stored as a JSON string', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const before = doc.getText();
    const outcome = await (await api()).simulateWebviewMessage(uri, editMessage(doc, [setCell(1, 1, '=B1/15')]));
    assert.equal(outcome, 'applied');
    assert.equal(doc.getText(), replaceOnce(before, '["Dysprosium", 80,', '["Dysprosium", "=B1/15",'));
  });

  it('malformed or unknown messages are dropped and change nothing', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const before = doc.getText();
    const a = await api();
    const bad: unknown[] = [
      null, 42, 'edit', [], { type: 'nope' },
      { type: 'edit', requestId: 1, baseVersion: doc.version, edits: [{ ...(setCell(0, 1, 7) as object), extra: 1 }] },
      { type: 'edit', requestId: 1, baseVersion: doc.version, edits: [setCell(-1, 1, 7)] },
      { type: 'edit', requestId: 1, baseVersion: doc.version, edits: [setCell(0, 1, { toString: 'x' })] },
      { type: 'edit', requestId: 1, baseVersion: doc.version, edits: [] },
      JSON.parse(`{"type":"edit","requestId":1,"baseVersion":${doc.version},"edits":[{"kind":"setCell","sheet":0,"row":0,"col":1,"raw":7}],"__proto__":{"polluted":true}}`),
    ];
    for (const m of bad) assert.equal(await a.simulateWebviewMessage(uri, m), 'dropped', `not dropped: ${JSON.stringify(m)}`);
    assert.equal(doc.getText(), before);
    assert.equal(doc.isDirty, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a message for a workbook with no open editor reports no-editor', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const outcome = await (await api()).simulateWebviewMessage(uri, { type: 'ready' });
    assert.equal(outcome, 'no-editor');
  });

  it('100 rapid edit messages lose nothing', async () => {
    const uri = await freshFile('grid.minerals.json', gridText(() => 0));
    const doc = await openWorkbook(uri);
    const a = await api();
    const baseVersion = doc.version;
    // Sent back-to-back like a fast typist, all against the version the webview last saw.
    const pending: Promise<string>[] = [];
    for (let r = 0; r < 10; r++) {
      for (let c = 0; c < 10; c++) {
        pending.push(a.simulateWebviewMessage(uri, { type: 'edit', requestId: 1 + r * 10 + c, baseVersion, edits: [setCell(r, c, r * 10 + c + 1)] }));
      }
    }
    const outcomes = await Promise.all(pending);
    assert.deepEqual(outcomes.filter((o) => o !== 'applied'), [], 'every edit is applied');
    await textBecomes(doc, gridText((r, c) => r * 10 + c + 1), 'after 100 edits');
  });

  it('undo restores the text and redo reapplies the edit', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const before = doc.getText();
    assert.equal(await (await api()).simulateWebviewMessage(uri, editMessage(doc, [setCell(0, 1, 999)])), 'applied');
    const after = doc.getText();
    assert.notEqual(after, before);
    await vscode.commands.executeCommand('undo');
    await textBecomes(doc, before, 'after undo');
    await vscode.commands.executeCommand('redo');
    await textBecomes(doc, after, 'after redo');
  });

  it('save writes the edited text to disk; revert brings back the saved text', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const a = await api();
    assert.equal(await a.simulateWebviewMessage(uri, editMessage(doc, [setCell(0, 1, 1300)])), 'applied');
    assert.ok(await doc.save(), 'save succeeded');
    assert.equal(doc.isDirty, false);
    const saved = doc.getText();
    assert.equal(await readText(uri), saved);

    assert.equal(await a.simulateWebviewMessage(uri, editMessage(doc, [setCell(0, 1, 1400)])), 'applied');
    assert.equal(doc.isDirty, true);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await textBecomes(doc, saved, 'after revert');
    assert.equal(doc.isDirty, false);
    // The webview was told: a further edit is applied against the reverted text.
    assert.equal(await a.simulateWebviewMessage(uri, editMessage(doc, [setCell(1, 1, 81)])), 'applied');
    assert.equal(doc.getText(), replaceOnce(saved, '["Dysprosium", 80,', '["Dysprosium", 81,'));
  });

  it('an external change on disk reaches the open document', async () => {
    const uri = await freshFile('known-values.minerals.json');
    const doc = await openWorkbook(uri);
    const changed = replaceOnce(doc.getText(), '"value": 73', '"value": 74');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(changed));
    await textBecomes(doc, changed, 'after the file changed on disk');
    assert.equal(doc.isDirty, false);
  });
});
