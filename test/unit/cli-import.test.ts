import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exportXlsx } from '../../src/core/xlsx/index';
import { validateWorkbookText } from '../../src/core/validate/index';
import type { Workbook } from '../../src/core/model/workbook';
import { runCli } from '../fixtures/cli/memory-io';
import { comparable, fakeXlsx, worksheet } from '../fixtures/xlsx/package';

const SAMPLE = path.resolve(__dirname, '../../samples/rare-earth-stockpile.minerals.json');

describe('minerals import', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-cli-import-'));
  const workbook = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Workbook;
  writeFileSync(path.join(dir, 'stockpile.xlsx'), exportXlsx(workbook, { scenario: 'Export controls' }).bytes);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes FILE.minerals.json next to the .xlsx: the same workbook, valid, one row of cells per line', async () => {
    const r = await runCli(['import', 'stockpile.xlsx', '--title', workbook.title], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = path.join(dir, 'stockpile.minerals.json');
    const text = r.written.get(out);
    assert.ok(text, [...r.written.keys()].join(', '));
    assert.deepEqual(validateWorkbookText(text).diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(comparable(JSON.parse(text) as Workbook), comparable(workbook));
    assert.match(text, /\n {8}\["Neodymium oxide \(NdPr\)", 1200, 0\.95, "=ChinaREProcessing", 0, 75000, "[^"\n]*"\],\n/);
    assert.match(r.stderr, /stockpile\.xlsx: wrote stockpile\.minerals\.json: 3 sheets, 12 parameters, 6 scenarios; all 80 cached values reproduced/);
  });

  it('--report json prints the report on stdout', async () => {
    const r = await runCli(['import', 'stockpile.xlsx', '-o', 'out/x.minerals.json', '--report', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { output: string; verified: { compared: number; differ: number }; diagnostics: { severity: string; message: string }[] };
    assert.equal(report.output, 'out/x.minerals.json');
    assert.deepEqual(report.verified, { compared: 80, differ: 0, uncached: 0 });
    assert.ok(report.diagnostics.some((d) => /Scenarios" summary sheet/.test(d.message)));
    assert.ok(r.written.has(path.join(dir, 'out/x.minerals.json')));
  });

  it('exits 1 and names each cell whose value differs from Excel\'s cached one; the file is still written', async () => {
    writeFileSync(path.join(dir, 'off.xlsx'), fakeXlsx({ sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>5</v></c></row>') }] }));
    const r = await runCli(['import', 'off.xlsx'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /off\.xlsx: warning: S!B1: Excel cached 5, the engine computes 4\n/);
    assert.match(r.stderr, /1 of 1 cached values differ/);
    assert.ok(r.written.has(path.join(dir, 'off.minerals.json')));
  });

  it('exits 2 with the reason and writes nothing for a file that is not an .xlsx', async () => {
    writeFileSync(path.join(dir, 'data.xlsx'), 'Mineral,Tonnes\nLithium,5\n');
    const r = await runCli(['import', 'data.xlsx'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^minerals: cannot import data\.xlsx: this is not an \.xlsx file/);
    assert.equal(r.written.size, 0);
    const missing = await runCli(['import', 'nope.xlsx'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope\.xlsx/);
  });

  it('refuses an output that is not a .json file', async () => {
    const r = await runCli(['import', 'stockpile.xlsx', '-o', 'model.xlsx'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /should end in \.minerals\.json/);
  });
});
