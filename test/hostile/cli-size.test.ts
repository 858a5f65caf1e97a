/**
 * Big hostile files through the CLI (issue 9, "Denial of service"). The files are generated
 * here, never committed (one is 48 MB).
 *
 * - 16 million invalid cells: ajv (allErrors) built an error object for every one before any
 *   was reported and ran the CLI's 4 GB worker out of memory; now the cells past the first
 *   1,000 problems are only counted.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAX_SCHEMA_DIAGNOSTICS, validateWorkbookText } from '../../src/core/validate/index';
import { CLI, buildCli } from '../fixtures/cli/built-cli';

interface Spawned { code: number | null; stdout: string; stderr: string; ms: number }

function spawnCli(args: string[], cwd: string): Promise<Spawned> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** A workbook text whose one sheet holds `rows` rows of 50 cells that are objects (not cells). */
function invalidCells(rows: number): string {
  const row = `[${Array(50).fill('{}').join(',')}]`;
  return `{"format":"minerals-workbook","version":1,"title":"invalid cells","sheets":[{"name":"S","rows":[${Array(rows).fill(row).join(',\n')}]}]}`;
}

describe('hostile: big files through the CLI', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => { buildCli(); dir = mkdtempSync(path.join(tmpdir(), 'mw-cli-size-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the first 1,000 invalid cells are reported and the rest counted exactly', () => {
    const text = invalidCells(4_000); // 200,000 invalid cells
    const { diagnostics } = validateWorkbookText(text);
    assert.equal(diagnostics.length, MAX_SCHEMA_DIAGNOSTICS + 1);
    const cells = diagnostics.filter((d) => /^sheet "S", cell [A-Z]+\d+: expected a number, text, boolean or empty, not an object/.test(d.message));
    assert.equal(cells.length, MAX_SCHEMA_DIAGNOSTICS);
    // The first 1,000 in file order: rows 1 to 20, 50 cells each.
    assert.deepEqual([cells[0]!.pointer, cells.at(-1)!.pointer], ['/sheets/0/rows/0/0', '/sheets/0/rows/19/49']);
    const summary = diagnostics.find((d) => d.pointer === '' && d.code === 'MW2001');
    assert.equal(summary?.message, `${200_000 - MAX_SCHEMA_DIAGNOSTICS} more schema problems not shown (only the first ${MAX_SCHEMA_DIAGNOSTICS} are listed)`);
  });

  it('minerals validate on 48 MB of invalid cells: exit 1, 1,000 problems and the count of the rest, no memory abort', async () => {
    const rows = 315_800; // 15.8 million cells, 48 MB
    const file = path.join(dir, 'invalid-cells.minerals.json');
    writeFileSync(file, invalidCells(rows));
    const r = await spawnCli(['validate', 'invalid-cells.minerals.json'], dir);
    assert.equal(r.code, 1, r.stderr.slice(0, 2000));
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, MAX_SCHEMA_DIAGNOSTICS + 1);
    assert.match(r.stdout, new RegExp(`^invalid-cells\\.minerals\\.json:1:1 - error MW2001: ${(rows * 50 - MAX_SCHEMA_DIAGNOSTICS)} more schema problems not shown`, 'm'));
    assert.doesNotMatch(r.stderr, /too large to evaluate here|heap out of memory|FATAL/);
    // Reading 48 MB of JSON is most of it (about 5 s on an idle machine, more under load); the
    // schema check alone ran out of memory after a minute before.
    assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
  });
});
