/**
 * Ranges too large to evaluate (security requirement 8): a one-line formula over
 * A1:XFD1048576 must not hang the engine; it is an MW4007 at the cell, and the cell is #VALUE!.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FORMULA_LENGTH, MAX_RANGE_CELLS, oversizedRange, WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate/index';
import { runCli } from '../fixtures/cli/memory-io';

const HUGE = '{"format":"minerals-workbook","version":1,"title":"t","sheets":[{"name":"S","rows":[[1,"=SUM(A1:XFD1048576)"]]}]}';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

function wb(rows: Workbook['sheets'][number]['rows'], extra?: Partial<Workbook>): Workbook {
  return { format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }], ...extra };
}

function diagnose(workbook: Workbook): { code: string; severity: string; message: string; text: string; scenario?: string }[] {
  const text = JSON.stringify(workbook);
  const { diagnostics } = validateWorkbookText(text);
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, text: text.slice(d.start, d.end), ...(d.scenario ? { scenario: d.scenario } : {}) }));
}

describe('engine: ranges too large to evaluate (MW4007)', () => {
  it('the 130-byte SUM(A1:XFD1048576) file validates in well under a few seconds, MW4007 at the cell', () => {
    const { value, ms } = timed(() => validateWorkbookText(HUGE));
    assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
    assert.equal(value.diagnostics.length, 1, JSON.stringify(value.diagnostics));
    const d = value.diagnostics[0]!;
    assert.equal(d.code, 'MW4007');
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/sheets/0/rows/0/1');
    assert.equal(HUGE.slice(d.start, d.end), '"=SUM(A1:XFD1048576)"');
    assert.match(d.message, /^S!B1: the range A1:XFD1048576 has 17,179,869,184 cells, more than .*\(1,000,000 cells\)/);
  });

  it('minerals validate on that file: exit 1 with the MW4007 line, quickly', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-range-'));
    try {
      await fs.writeFile(path.join(dir, 'huge.minerals.json'), HUGE);
      const t0 = performance.now();
      const r = await runCli(['validate', 'huge.minerals.json'], dir);
      assert.ok(performance.now() - t0 < 2000);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^huge\.minerals\.json:1:88 - error MW4007: S!B1: the range A1:XFD1048576 /);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('the engine holds #VALUE! for the cell and stays fast; SUMPRODUCT and whole-row ranges alike', () => {
    const { value, ms } = timed(() => {
      const engine = WorkbookEngine.create(wb([[1, '=SUM(A1:XFD1048576)', '=SUMPRODUCT(A1:XFD1048576*1)', "=SUM('S'!2:1048576)", '=B1+1', '=SUM(A:A)']]));
      try { return engine.getSheetValues(0); } finally { engine.dispose(); }
    });
    assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
    assert.equal(value[0]![5], 1);
    for (const c of [1, 2, 3, 4]) assert.equal((value[0]![c] as { error: string }).error, '#VALUE!');
    // Live edits (the webview's setCell) are guarded too.
    const engine = WorkbookEngine.create(wb([[1]]));
    try {
      const t0 = performance.now();
      engine.setCell(0, 0, 1, '=SUM(A1:XFD1048576)');
      assert.equal((engine.getValueAt(0, 0, 1) as { error: string }).error, '#VALUE!');
      assert.ok(performance.now() - t0 < 1000);
    } finally {
      engine.dispose();
    }
  });

  it('reports each root cause once: not the dependent cell, not whole columns; inside IFERROR too', () => {
    const ds = diagnose(wb([[1, '=SUMPRODUCT(A1:XFD1048576*1)', '=B1+1', '=SUM(A:A)', '=IFERROR(SUM(S!1:1048576),0)']], {
      checks: [{ name: 'Big', assert: '=COUNT(A1:Z1000000)>0' }],
    }));
    assert.deepEqual(ds.map((d) => [d.code, d.text]), [
      ['MW4007', '"=SUMPRODUCT(A1:XFD1048576*1)"'],
      ['MW4007', '"=IFERROR(SUM(S!1:1048576),0)"'],
      ['MW4007', '"=COUNT(A1:Z1000000)>0"'],
    ]);
    assert.match(ds[1]!.message, /^S!E1: the range S!1:1048576 spans whole rows, 16,777,216 cells of the used sheet area/);
    assert.match(ds[2]!.message, /^Check "Big": the range A1:Z1000000 has 26,000,000 cells/);
  });

  it('a scenario override with a huge range is tagged with that scenario only', () => {
    const ds = diagnose(wb([[1, '=A1*2']], { scenarios: { Big: { set: { 'S!B1': '=SUM(A1:XFD1048576)' } } } }));
    assert.deepEqual(ds.map((d) => [d.code, d.text, d.scenario]), [['MW4007', '"=SUM(A1:XFD1048576)"', 'Big']]);
  });

  it('oversizedRange: the limit, reversed ends, sheet prefixes, strings; whole rows and columns by the used extent', () => {
    const small = { rows: 2, columns: 3 };
    assert.equal(MAX_RANGE_CELLS, 1_000_000);
    assert.equal(oversizedRange('=SUM(A1:A1000000)', small), undefined); // exactly the limit
    assert.deepEqual(oversizedRange('=SUM(A1:A1000001)', small), { text: 'A1:A1000001', size: 1_000_001, unit: 'cells' });
    assert.deepEqual(oversizedRange("=SUM('My data'!$XFD$1048576:$A$1)", small)?.text, "'My data'!$XFD$1048576:$A$1");
    assert.deepEqual(oversizedRange('=SUM(Data!A1:Data!XFD100)', small)?.size, 1_638_400);
    assert.equal(oversizedRange('="A1:XFD1048576"', small), undefined);
    assert.equal(oversizedRange('=SUM(A1:XFD1048576)', small, 20_000_000_000), undefined);
    // A whole-column range costs columns x max(used rows, 16): all 16,384 columns of a
    // 2-row sheet are 262,144 cells, of a 5,000-row sheet 81,920,000.
    assert.equal(oversizedRange('=SUM(A:XFD)+SUM(B2:ZZ999)', small), undefined);
    assert.deepEqual(oversizedRange('=SUM(A:XFD)+SUM(B2:ZZ999)', { rows: 5000, columns: 3 }), { text: 'A:XFD', size: 81_920_000, unit: 'columns' });
    assert.deepEqual(oversizedRange('=SUM(Data!A:ZZ)', { rows: 5000, columns: 3 }), { text: 'Data!A:ZZ', size: 3_510_000, unit: 'columns' });
    assert.equal(oversizedRange('=SUM(A:A)', { rows: 1_000_000, columns: 3 }), undefined);
    // A whole-row range costs rows x max(used columns, 16).
    assert.deepEqual(oversizedRange('=SUM(Data!1:999999)', small), { text: 'Data!1:999999', size: 15_999_984, unit: 'rows' });
    assert.equal(oversizedRange('=SUM(1:62500)', small), undefined); // 62,500 x 16: exactly the limit
    assert.equal(oversizedRange('=SUM($2:$900)', { rows: 900, columns: 2000 })?.size, 1_798_000);
    // OFFSET by its literal height and width (HyperFormula accepts no computed ones).
    assert.deepEqual(oversizedRange('=SUM(OFFSET(A1,0,0,1048576,16384))', small), { text: 'OFFSET(A1,0,0,1048576,16384)', size: 17_179_869_184, unit: 'cells' });
    assert.equal(oversizedRange('=SUM(OFFSET(A1,0,0,1000,1000))', small), undefined);
    assert.equal(oversizedRange('=SUM(OFFSET(A1:B2,1,1))', small), undefined);
    assert.equal(oversizedRange('=SUM(OFFSET(A1:XFD1,0,0,100))', small)?.size, 1_638_400);
    assert.equal(oversizedRange('=SUM(offset(A1, 0, 0, -2000, 999))', small)?.size, 1_998_000);
  });

  it('a formula longer than Excel\'s 8,192 characters is refused before it is tokenized', () => {
    const ok = `=${'1+'.repeat(4095)}1`;
    assert.equal(ok.length, MAX_FORMULA_LENGTH);
    assert.equal(oversizedRange(ok, { rows: 0, columns: 0 }), undefined);
    assert.deepEqual(oversizedRange(`${ok}+1`, { rows: 0, columns: 0 }), { text: '=1+1+1+1+1+1+1+1+1+1+1+1...', size: 8_194, unit: 'characters' });
  });
});
