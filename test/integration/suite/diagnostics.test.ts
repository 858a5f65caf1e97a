import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fileUri, freshFile, openWorkbook, waitUntil } from './helpers';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function diagnosticsFor(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  await waitUntil(() => vscode.languages.getDiagnostics(uri).length > 0, 20_000, `no diagnostics for ${uri.path}`);
  return vscode.languages.getDiagnostics(uri);
}

describe('diagnostics in the Problems panel', () => {
  afterEach(closeAll);

  it('each known error has its code and the exact range of the offending value', async () => {
    const uri = fileUri('known-errors.minerals.json');
    const doc = await openWorkbook(uri);
    const diags = await diagnosticsFor(uri);
    const found = diags.map((d) => ({ code: codeOf(d), text: doc.getText(d.range), severity: d.severity }));
    const expected: { code: string; text: string }[] = [
      { code: 'MW3005', text: '500' },             // parameter outside its own min/max
      { code: 'MW4005', text: '"=1/0"' },          // #DIV/0!
      { code: 'MW4003', text: '"=NoSuchName*2"' }, // unknown name
      { code: 'MW4002', text: '"=Missing!A1"' },   // unknown sheet
    ];
    for (const e of expected) {
      assert.ok(found.some((f) => f.code === e.code && f.text === e.text),
        `expected ${e.code} on ${e.text}; got ${JSON.stringify(found)}`);
    }
    for (const d of diags) {
      assert.ok(d.source, 'every diagnostic names its source');
      assert.ok(/^MW\d{4}$/.test(codeOf(d)), `unexpected code ${codeOf(d)}`);
    }
  });

  it('the broken sample has errors, each pointing at real characters in the file', async () => {
    const uri = fileUri('broken.minerals.json');
    const doc = await openWorkbook(uri);
    const diags = await diagnosticsFor(uri);
    assert.ok(diags.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no error-severity diagnostic');
    for (const d of diags) {
      assert.ok(/^MW\d{4}$/.test(codeOf(d)), `unexpected code ${codeOf(d)}`);
      assert.ok(!d.range.isEmpty || doc.getText().length === 0, `${codeOf(d)} has an empty range at ${d.range.start.line}:${d.range.start.character}`);
      assert.ok(d.range.end.line < doc.lineCount, `${codeOf(d)} range is outside the document`);
    }
  });

  it('fixing the error in the document clears its diagnostic', async () => {
    const uri = await freshFile('known-errors.minerals.json');
    const doc = await openWorkbook(uri);
    await diagnosticsFor(uri);
    const at = doc.getText().indexOf('"=1/0"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 6)), '"=1/4"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil(() => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'MW4005'), 10_000,
      'MW4005 is still reported after the division by zero was fixed');
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'MW4003'), 'the other errors remain');
  });
});
