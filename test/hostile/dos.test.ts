/**
 * Hostile files that tried to exhaust the engine (issue 9, "Denial of service"): each gets an
 * MW4007 at the offending cell, the cell holds #VALUE!, and the rest of the workbook evaluates.
 * The files are generated here (one is 480 KB), never committed.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { HOSTILE_HEAP_MB } from '../fixtures/hostile-bounds';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate/index';
import { CLI, buildCli } from '../fixtures/cli/built-cli';


interface Hostile {
  name: string;
  workbook: Workbook;
  /** Where the MW4007 must be: the JSON pointer of the offending value. */
  pointer: string;
  message: RegExp;
  /** A cell that must still evaluate: [sheet, row, col, value]. */
  healthy: [string, number, number, number];
}

const data = (rows: number): Workbook['sheets'][number] => ({
  name: 'Data', rows: Array.from({ length: rows }, (_, r) => [r + 1, 1, 2]),
});
const wb = (sheets: Workbook['sheets'], extra?: Partial<Workbook>): Workbook =>
  ({ format: 'minerals-workbook', version: 1, title: 'hostile', sheets, ...extra });

const LONG = `=${'1+'.repeat(240_000)}1`; // 480 KB: took 61 s to lex before the length cap

const CORPUS: Hostile[] = [
  {
    name: 'long-formula',
    workbook: wb([{ name: 'S', rows: [[1, LONG, '=A1+1']] }]),
    pointer: '/sheets/0/rows/0/1',
    message: /^S!B1: the formula has 480,002 characters, more than Excel allows in a formula \(8,192\); it is not evaluated/,
    healthy: ['S', 0, 2, 2],
  },
  {
    name: 'row-range',
    workbook: wb([data(5000), { name: 'T', rows: [['=SUM(Data!1:999999)', '=SUM(Data!1:5000)']] }]),
    pointer: '/sheets/1/rows/0/0',
    message: /^T!A1: the range Data!1:999999 spans whole rows, 15,999,984 cells of the used sheet area, more than the engine evaluates in one range \(1,000,000 cells\)/,
    healthy: ['T', 0, 1, 5000 * 5000 / 2 + 5000 / 2 + 5000 * 3],
  },
  {
    name: 'column-range',
    workbook: wb([data(5000), { name: 'T', rows: [['=SUM(Data!A:XFD)', '=SUM(Data!A:C)']] }]),
    pointer: '/sheets/1/rows/0/0',
    message: /^T!A1: the range Data!A:XFD spans whole columns, 81,920,000 cells of the used sheet area/,
    healthy: ['T', 0, 1, 5000 * 5000 / 2 + 5000 / 2 + 5000 * 3],
  },
  {
    name: 'offset',
    workbook: wb([{ name: 'S', rows: [[1, '=SUM(OFFSET(A1,0,0,1048576,16384))', '=SUM(OFFSET(A1,0,0,1,1))+1']] }]),
    pointer: '/sheets/0/rows/0/1',
    message: /^S!B1: the range OFFSET\(A1,0,0,1048576,16384\) has 17,179,869,184 cells/,
    healthy: ['S', 0, 2, 2],
  },
];

function runCli(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The built executable, as users run it: it evaluates in its own bounded worker (--timeout).
    execFile(process.execPath, [CLI, 'validate', path.basename(file), '--max-memory', String(HOSTILE_HEAP_MB)],
      { cwd: path.dirname(file), encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
      });
  });
}

describe('hostile: denial of service through the engine (MW4007 at the cell)', function () {
  this.timeout(180_000);
  let dir: string;
  before(async () => { buildCli(); dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-dos-')); });
  after(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  for (const h of CORPUS) {
    it(`${h.name}: one MW4007 at the cell, the rest evaluates`, () => {
      const text = JSON.stringify(h.workbook);
      const { diagnostics } = validateWorkbookText(text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.pointer]), [['MW4007', 'error', h.pointer]], JSON.stringify(diagnostics).slice(0, 2000));
      assert.match(diagnostics[0]!.message, h.message);
      assert.equal(text.slice(diagnostics[0]!.start, diagnostics[0]!.start + 2), '"=');
      const engine = WorkbookEngine.create(h.workbook);
      try {
        const [sheet, row, col, value] = h.healthy;
        const s = h.workbook.sheets.findIndex((x) => x.name === sheet);
        assert.equal(engine.getValueAt(s, row, col), value);
        const [, , bs, , br, bc] = h.pointer.split('/').map(Number) as number[];
        assert.equal((engine.getValueAt(bs!, br!, bc!) as { error: string }).error, '#VALUE!');
      } finally {
        engine.dispose();
      }
    });
  }

  it('minerals validate on each file: exit 1, the MW4007 line with file:line:col', async () => {
    const runs = await Promise.all(CORPUS.map(async (h) => {
      const file = path.join(dir, `${h.name}.minerals.json`);
      await fs.writeFile(file, JSON.stringify(h.workbook));
      return { h, r: await runCli(file) };
    }));
    for (const { h, r } of runs) {
      assert.equal(r.code, 1, `${h.name}: ${r.stderr}`);
      const line = r.stdout.split('\n')[0]!;
      const source = h.message.source.replace(/^\^/, '');
      assert.match(line, new RegExp(`^${h.name}\\.minerals\\.json:1:\\d+ - error MW4007: ${source}`));
      assert.match(r.stderr, /1 error, 0 warnings/);
    }
  });
});
