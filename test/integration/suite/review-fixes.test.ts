import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, readText, workspaceRoot } from './helpers';

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
});
