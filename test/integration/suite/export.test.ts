import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fileUri, openWorkbook, readText, workspaceRoot } from './helpers';

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
