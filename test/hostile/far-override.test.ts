/**
 * A scenario overriding a far cell (issue 9): `"S!XFD1048576": 5` on a one-cell sheet made the
 * sheet 17 billion cells for the engine, and validation aborted V8 at 4 GB. The override is
 * ignored (MW3003 at it says so and why); overrides near the sheet still apply.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { HOSTILE_HEAP_MB } from '../fixtures/hostile-bounds';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkbookEngine } from '../../src/core/engine/index';
import { rawRowsUnder } from '../../src/core/csv/sheet-rows';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate/index';
import { CLI, buildCli } from '../fixtures/cli/built-cli';

const far = (set: Record<string, number>): Workbook => ({
  format: 'minerals-workbook', version: 1, title: 'far',
  sheets: [{ name: 'S', rows: [[1, '=A1+1']] }],
  scenarios: { Far: { set } },
});

function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--max-memory', String(HOSTILE_HEAP_MB)], { cwd, encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

describe('hostile: a scenario overriding a far cell is ignored, with MW3003 at it', function () {
  this.timeout(120_000);

  it('validation: one MW3003 at the override saying it is ignored and why, in well under a second', () => {
    const text = JSON.stringify(far({ 'S!XFD1048576': 5 }));
    const t0 = performance.now();
    const { diagnostics } = validateWorkbookText(text);
    const ms = performance.now() - t0;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.pointer, text.slice(d.start, d.end)]),
      [['MW3003', '/scenarios/Far/set/S!XFD1048576', '"S!XFD1048576"']]);
    assert.match(diagnostics[0]!.message, /^scenario "Far" sets "S!XFD1048576", outside sheet "S" \(whose written cells span A1:B1\): it is ignored: holding it would add 17,179,869,182 cells to the sheet, more than a scenario may add \(1,000,000\)$/);
    assert.ok(ms < 5000, `${ms} ms`);
  });

  it('the engine under the scenario: the sheet stays its size, the rest evaluates', () => {
    const engine = WorkbookEngine.create(far({ 'S!XFD1048576': 5, 'S!A1': 41 }), { scenario: 'Far' });
    try {
      assert.deepEqual(engine.getSheetValues(0), [[41, 42]]);
      assert.equal(engine.getCellValue('S!XFD1048576'), null);
    } finally {
      engine.dispose();
    }
  });

  it('near overrides still apply; far ones in two directions do not multiply', () => {
    const wb = far({ 'S!C3': 7, 'S!A1000': 8, 'S!XFD1': 9 });
    const engine = WorkbookEngine.create(wb, { scenario: 'Far' });
    try {
      const values = engine.getSheetValues(0);
      // A1000 grows the sheet by 2,998 cells; XFD1 would then make it 1000 x 16,384.
      assert.deepEqual([values.length, Math.max(...values.map((r) => r.length)), values[2]![2], values[999]![0]], [1000, 3, 7, 8]);
    } finally {
      engine.dispose();
    }
    const { diagnostics } = validateWorkbookText(JSON.stringify(wb));
    const ignored = diagnostics.filter((d) => /it is ignored/.test(d.message)).map((d) => d.pointer);
    assert.deepEqual(ignored, ['/scenarios/Far/set/S!XFD1']);
    assert.equal(diagnostics.filter((d) => d.code === 'MW3003').length, 3);
  });

  it('the CSV/xlsx rows under the scenario skip it too', () => {
    assert.deepEqual(rawRowsUnder(far({ 'S!XFD1048576': 5, 'S!A2': 3 }), 0, 'Far'), [[1, '=A1+1'], [3]]);
  });

  it('minerals eval/export --scenario Far: the values, the MW3003 on stderr, exit 1, no abort', async () => {
    buildCli();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-far-'));
    try {
      await fs.writeFile(path.join(dir, 'far.minerals.json'), JSON.stringify(far({ 'S!XFD1048576': 5 })));
      const ev = await runCli(['eval', 'far.minerals.json', '--scenario', 'Far'], dir);
      assert.equal(ev.code, 1, ev.stderr);
      assert.deepEqual(JSON.parse(ev.stdout).sheets, { S: [[1, 2]] });
      assert.match(ev.stderr, /far\.minerals\.json:1:\d+ - error MW3003: .*it is ignored/);
      const ex = await runCli(['export', 'far.minerals.json', '--sheet', 'S', '--scenario', 'Far', '--formulas'], dir);
      assert.equal(ex.stdout.split('\n').filter((l) => l !== '').length, 1, ex.stderr);
      assert.ok(ev.ms + ex.ms < 30_000, `${ev.ms} + ${ex.ms} ms`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
