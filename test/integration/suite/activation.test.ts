import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { VIEW_TYPE, activeCustomTab, closeAll, fileUri, openWorkbook, product, waitUntil } from './helpers';

describe('activation and the workbook editor', () => {
  afterEach(closeAll);

  it('declares honest workspace capabilities in package.json', () => {
    const caps = product().packageJSON.capabilities;
    assert.ok(caps, 'package.json has no "capabilities"');
    assert.ok(caps.untrustedWorkspaces && 'supported' in caps.untrustedWorkspaces, 'untrustedWorkspaces.supported is not declared');
    assert.ok('virtualWorkspaces' in caps, 'virtualWorkspaces is not declared');
  });

  it('registers the custom editor for *.minerals.json', () => {
    const editors = product().packageJSON.contributes?.customEditors ?? [];
    const ours = editors.find((e: { viewType: string }) => e.viewType === VIEW_TYPE);
    assert.ok(ours, `no customEditors entry with viewType ${VIEW_TYPE}`);
    assert.ok(JSON.stringify(ours.selector).includes('*.minerals.json'));
  });

  for (const name of ['known-values.minerals.json', 'broken.minerals.json']) {
    it(`opening ${name} activates the extension and shows the workbook editor`, async () => {
      const uri = fileUri(name);
      await openWorkbook(uri);
      assert.equal(product().isActive, true);
      await waitUntil(() => activeCustomTab() !== undefined, 10_000, 'the active tab is not a custom editor');
      const tab = activeCustomTab()!;
      assert.equal(tab.viewType, VIEW_TYPE);
      assert.equal(tab.uri.toString(), uri.toString());
    });
  }

  it('every shipped sample (except the broken ones) opens without errors', async () => {
    const samples = (await vscode.workspace.findFiles('*.minerals.json'))
      .filter((u) => !/\/(broken[^/]*|known-errors[^/]*|tmp-[^/]*)$/.test(u.path));
    assert.ok(samples.length > 0, 'no samples in the workspace');
    for (const sample of samples) {
      await openWorkbook(sample);
      assert.equal(activeCustomTab()?.viewType, VIEW_TYPE);
      const errors = vscode.languages.getDiagnostics(sample)
        .filter((d) => d.source === 'minerals' && d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors.map((d) => `${String(d.code)}: ${d.message}`), [], `${sample.path} should be error-free`);
    }
  });
});
