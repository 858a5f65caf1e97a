import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fileUri, freshFile, openWorkbook, readText, workspaceRoot } from './helpers';

/** Minimal RFC 4180 reader: enough to check exported cells independently of the product's CSV code. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function rowOf(rows: string[][], first: string): string[] {
  const r = rows.find((x) => x[0] === first);
  assert.ok(r, `no CSV row starting with ${first}; rows: ${JSON.stringify(rows)}`);
  return r;
}

async function exportCsv(args: Record<string, unknown>): Promise<string[][]> {
  const result = await vscode.commands.executeCommand<vscode.Uri>('mineralsWorkbook.exportSheetCsv', args);
  assert.ok(result instanceof vscode.Uri, 'exportSheetCsv returns the target Uri');
  assert.equal(result.toString(), (args.target as vscode.Uri).toString());
  return parseCsv(await readText(result));
}

describe('CSV export command', () => {
  const uri = fileUri('known-values.minerals.json');
  let n = 0;
  const target = () => vscode.Uri.joinPath(workspaceRoot(), `export-${Date.now()}-${++n}.csv`);

  before(async () => { await openWorkbook(uri); });
  after(closeAll);

  it('writes the computed values of a sheet (hand-checked cells)', async () => {
    const rows = await exportCsv({ uri, sheet: 'Stockpile', target: target() });
    assert.deepEqual(rowOf(rows, 'Neodymium').slice(0, 3), ['Neodymium', '1200', '240']); // 1200*73/365
    assert.deepEqual(rowOf(rows, 'Dysprosium').slice(0, 3), ['Dysprosium', '80', '16']);
    assert.deepEqual(rowOf(rows, 'Total').slice(0, 3), ['Total', '1280', '256']);
  });

  it('applies the chosen scenario', async () => {
    const rows = await exportCsv({ uri, sheet: 'Stockpile', scenario: 'Double cover', target: target() });
    assert.deepEqual(rowOf(rows, 'Neodymium').slice(0, 3), ['Neodymium', '1200', '480']);
    assert.deepEqual(rowOf(rows, 'Total').slice(0, 3), ['Total', '1280', '512']);
  });

  it('exports the formulas as written when asked', async () => {
    const rows = await exportCsv({ uri, sheet: 'Stockpile', formulas: true, target: target() });
    const neodymium = rowOf(rows, 'Neodymium');
    // Injection-safe: a formula is written so a spreadsheet shows it as text, never runs it.
    assert.ok(neodymium[2].endsWith('=B1*StockpileDays/365') && !/^[=+\-@\t\r\n]/.test(neodymium[2]),
      `formula cell exported as ${JSON.stringify(neodymium[2])}`);
  });

  it('neutralizes text that a spreadsheet would run as a formula', async () => {
    const rows = await exportCsv({ uri, sheet: 'Stockpile', target: target() });
    const cell = rows.flat().find((c) => c.includes('HYPERLINK'));
    assert.ok(cell, 'the literal text cell is exported');
    assert.ok(!/^[=+\-@\t\r\n]/.test(cell), `dangerous leading character survives: ${JSON.stringify(cell)}`);
  });
});

describe('Excel export command', () => {
  const uri = fileUri('known-values.minerals.json');
  before(async () => { await openWorkbook(uri); });
  after(closeAll);

  it('writes the workbook as .xlsx with the chosen scenario\'s values cached', async () => {
    const target = vscode.Uri.joinPath(workspaceRoot(), `export-${Date.now()}.xlsx`);
    const result = await vscode.commands.executeCommand<vscode.Uri>('mineralsWorkbook.exportXlsx', { uri, scenario: 'Double cover', target });
    assert.ok(result instanceof vscode.Uri, 'exportXlsx returns the target Uri');
    assert.equal(result.toString(), target.toString());
    const { strFromU8, unzipSync } = await import('fflate');
    const parts = unzipSync(await vscode.workspace.fs.readFile(target));
    const workbookXml = strFromU8(parts['xl/workbook.xml']!);
    assert.match(workbookXml, /<sheet name="Stockpile" sheetId="1"/);
    // Stockpile C1 is 1200*StockpileDays/365 with 146 days under Double cover (73 in Baseline).
    assert.match(strFromU8(parts['xl/worksheets/sheet1.xml']!), /<f>[^<]*<\/f><v>480<\/v>/);
  });
});

describe('export on the extension host past the engine build budget (issue 9)', () => {
  // 5 formulas over distinct million-cell ranges: about 10 s of building on the host's thread
  // (every extension frozen meanwhile); 40 of them took minutes.
  const formulas = Array.from({ length: 5 }, (_, i) => `=SUM(A${i + 1}:J${i + 99_999})`);
  const text = JSON.stringify({ format: 'minerals-workbook', version: 1, title: 'ranges', sheets: [{ name: 'S', rows: [[1], formulas] }] });
  const created: vscode.Uri[] = [];
  after(async () => { for (const u of created) await vscode.workspace.fs.delete(u).then(undefined, () => undefined); });

  it('xlsx and values CSV are refused at once with the reason and the CLI command; formulas CSV still exports', async function () {
    this.timeout(60_000);
    const uri = await freshFile('ranges.minerals.json', text);
    created.push(uri);
    const file = uri.path.split('/').pop()!;
    const target = (ext: string) => { const t = vscode.Uri.joinPath(workspaceRoot(), `export-${Date.now()}-ranges.${ext}`); created.push(t); return t; };
    const refused = (e: unknown) => {
      const m = (e as Error).message;
      assert.match(m, /^Not exported: the workbook is too large to compute here \(6 cells, 5 formulas and ranges of 4,999,950 cells: about 14,999,906 units of work, more than 10,000,000\)\. /);
      assert.ok(m.endsWith(`minerals export ${file} --xlsx (or --sheet NAME).`), m);
      return true;
    };
    const t0 = Date.now();
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.exportXlsx', { uri, target: target('xlsx') })), refused);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mineralsWorkbook.exportSheetCsv', { uri, sheet: 'S', target: target('csv') })), refused);
    assert.ok(Date.now() - t0 < 5_000, `took ${Date.now() - t0} ms`);
    const asWritten = await vscode.commands.executeCommand<vscode.Uri>('mineralsWorkbook.exportSheetCsv', { uri, sheet: 'S', formulas: true, target: target('csv') });
    assert.ok(asWritten instanceof vscode.Uri);
    assert.match(await readText(asWritten), /SUM\(A1:J99999\)/);
  });
});
