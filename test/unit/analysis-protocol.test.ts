import * as assert from 'node:assert/strict';
import { isExportFileName, MAX_EXPORT_CHARS, parseWebviewMessage } from '../../src/shared/protocol';

describe('protocol: analysis messages from the webview', () => {
  it('revealCheck: a check index only', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'revealCheck', index: 2 }), { type: 'revealCheck', index: 2 });
    for (const index of [-1, 1.5, '2', null, Number.NaN, 2 ** 40]) {
      assert.equal(parseWebviewMessage({ type: 'revealCheck', index }), undefined, String(index));
    }
    assert.equal(parseWebviewMessage({ type: 'revealCheck' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'revealCheck', index: 0, extra: 1 }), undefined);
  });

  it('saveExport: csv and svg text, png base64, with a bare file name of the right extension', () => {
    const csv = { type: 'saveExport', format: 'csv', suggestedName: 'summary (Baseline).csv', data: 'a,b\r\n1,2' };
    assert.deepEqual(parseWebviewMessage(csv), csv);
    const svg = { type: 'saveExport', format: 'svg', suggestedName: 'chart.svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
    assert.deepEqual(parseWebviewMessage(svg), svg);
    const png = { type: 'saveExport', format: 'png', suggestedName: 'chart.png', data: 'iVBORw0KGgo=' };
    assert.deepEqual(parseWebviewMessage(png), png);
  });

  it('saveExport: drops unknown formats, paths, wrong extensions, bad base64, empty or oversize data, extra keys', () => {
    const ok = { type: 'saveExport', format: 'csv', suggestedName: 'summary.csv', data: 'x' };
    const bad: Record<string, unknown>[] = [
      { ...ok, format: 'html', suggestedName: 'a.html' },
      { ...ok, suggestedName: '../summary.csv' },
      { ...ok, suggestedName: '/etc/summary.csv' },
      { ...ok, suggestedName: 'dir\\summary.csv' },
      { ...ok, suggestedName: '.summary.csv' },
      { ...ok, suggestedName: 'summary.txt' },
      { ...ok, suggestedName: 'a..csv' },
      { ...ok, suggestedName: 42 },
      { ...ok, data: '' },
      { ...ok, data: 7 },
      { ...ok, data: 'x'.repeat(MAX_EXPORT_CHARS + 1) },
      { ...ok, format: 'png', suggestedName: 'c.png', data: 'not base64!' },
      { ...ok, extra: true },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m).slice(0, 120));
  });

  it('isExportFileName checks the extension case-insensitively', () => {
    assert.ok(isExportFileName('Chart.PNG', 'png'));
    assert.ok(!isExportFileName('chart.png', 'svg'));
    assert.ok(!isExportFileName('', 'csv'));
  });
});
