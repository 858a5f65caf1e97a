import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshFile, waitUntil } from './helpers';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'minerals');
}

/** 60,000 rows of chained formulas: ordinary under the default limit, far past a 32 MB heap. */
function heavyWorkbook(): string {
  const rows: unknown[][] = [];
  for (let i = 1; i <= 60_000; i++) rows.push([i, `=A${i}*2+1`, `=B${i}+A${i}`]);
  return JSON.stringify({ format: 'minerals-workbook', version: 1, sheets: [{ name: 'Data', rows }] });
}

describe('validation worker limits', () => {
  const config = () => vscode.workspace.getConfiguration('mineralsWorkbook');
  const created: vscode.Uri[] = [];
  afterEach(async () => {
    await config().update('validation.memoryLimitMb', undefined, vscode.ConfigurationTarget.Global);
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('a workbook that exhausts the worker memory limit gets MW4007 "too large to evaluate here"; the next workbook still validates', async function () {
    this.timeout(90_000);
    // 32 MB, not 16: a fresh worker loading the 2.2 MB bundle (HyperFormula and the Excel
    // plugins) came close to 16 MB on its own, and the small next workbook ran out too.
    await config().update('validation.memoryLimitMb', 32, vscode.ConfigurationTarget.Global);
    // The file watcher validates a new workbook in the folder without it being opened.
    const heavy = await freshFile('heavy.minerals.json', heavyWorkbook());
    created.push(heavy);
    await waitUntil(() => ours(heavy).some((d) => codeOf(d) === 'MW4007'), 60_000,
      () => `no MW4007 for the heavy workbook; got ${JSON.stringify(ours(heavy).map((d) => `${codeOf(d)} ${d.message}`))}`);
    const tooLarge = ours(heavy).find((d) => codeOf(d) === 'MW4007')!;
    assert.match(tooLarge.message, /too large to evaluate here/);
    assert.match(tooLarge.message, /32 MB/);
    assert.equal(tooLarge.severity, vscode.DiagnosticSeverity.Warning);
    // The extension host survived, and a fresh worker (same low limit) validates the next file.
    const next = await freshFile('known-errors.minerals.json');
    created.push(next);
    await waitUntil(() => ours(next).some((d) => codeOf(d) === 'MW4005'), 30_000,
      () => `the workbook after the out-of-memory one was not validated; got ${JSON.stringify(ours(next).map(codeOf))}`);
  });
});
