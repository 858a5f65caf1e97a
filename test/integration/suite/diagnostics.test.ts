import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fileUri, freshFile, openWorkbook, waitUntil } from './helpers';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The product's diagnostics only (VS Code's own JSON support reports on these files too). */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'minerals');
}

async function diagnosticsFor(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  await waitUntil(() => ours(uri).length > 0, 20_000, `no minerals diagnostics for ${uri.path}`);
  return ours(uri);
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
    for (const d of diags) assert.ok(/^MW\d{4}$/.test(codeOf(d)), `unexpected code ${codeOf(d)}`);
  });

  it('the broken sample reports every deliberate mistake at its exact characters', async () => {
    const uri = fileUri('broken.minerals.json');
    const doc = await openWorkbook(uri);
    const diags = await diagnosticsFor(uri);
    const found = diags.map((d) => `${codeOf(d)} ${doc.getText(d.range)}`);
    // Each labelled mistake in samples/broken.minerals.json, with the JSON token it must point at.
    const expected = [
      'MW1002 "StockpileDays"', 'MW1003 "__proto__"', 'MW3002 "Sum"', 'MW3005 1.5',
      'MW3003 "StockpileDayz"', 'MW3003 "Ghost!B3"', 'MW3004 500',
      'MW4001 "=SUM(Demand!B1:B2"', 'MW4002 "=Demnd!B1*2"', 'MW4003 "=STOCKPILE(Demand!B1)"',
      'MW4003 "=Demand!B1*StockpileDayz/365"', 'MW4004 "=C5+1"', 'MW4005 "=Demand!B1/0"',
      'MW4006 "=FREQUENCY(Demand!B1:B2,Demand!B1)"', 'MW3007 "extra"',
      'MW5001 "=Demand!B1>5000"', 'MW5002 "=SUM(Demand!B1:B2)"',
      // Schema and sheet-name errors, with the formulas above still evaluated despite them.
      'MW1006 ,', 'MW2001 -40', 'MW2001 "descripton"', 'MW2001 "30"', 'MW2001 "Demand!B1>0"', 'MW2001 "fatal"',
      'MW3002 "CO2"', 'MW3001 "Demand"', 'MW3006 "Imports [draft]"', 'MW4003 "=Demand!B1*ReserveDays/365"',
      'MW5001 "=Demand!B2>100"',
    ];
    const missing = expected.filter((e) => !found.includes(e));
    assert.deepEqual(missing, [], `missing diagnostics; found:\n${found.join('\n')}`);
    // The duplicate is the second definition (the one JSON would silently keep).
    const dup = diags.find((d) => codeOf(d) === 'MW1002')!;
    assert.ok(doc.lineAt(dup.range.start.line).text.includes('"value": 120'), 'MW1002 points at the second StockpileDays');
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf);
    for (const code of ['MW1002', 'MW2001', 'MW3001', 'MW4001', 'MW4002', 'MW5001']) assert.ok(errors.includes(code), `${code} is an error`);
    // The comment is reported (MW1006) as a range starting with "//".
    assert.ok(diags.some((d) => codeOf(d) === 'MW1006' && doc.getText(d.range).startsWith('// MW1006')), 'MW1006 at the comment');
    for (const d of diags) assert.ok(/^MW\d{4}$/.test(codeOf(d)), `unexpected code ${codeOf(d)}`);
  });

  it('fixing the error in the document clears its diagnostic', async () => {
    const uri = await freshFile('known-errors.minerals.json');
    const doc = await openWorkbook(uri);
    await diagnosticsFor(uri);
    const at = doc.getText().indexOf('"=1/0"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 6)), '"=1/4"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil(() => !ours(uri).some((d) => codeOf(d) === 'MW4005'), 10_000,
      'MW4005 is still reported after the division by zero was fixed');
    assert.ok(ours(uri).some((d) => codeOf(d) === 'MW4003'), 'the other errors remain');
  });
});
