/**
 * Big hostile files through the CLI (issue 9, "Denial of service"). The files are generated
 * here, never committed (one is 48 MB).
 *
 * - 16 million invalid cells: ajv (allErrors) built an error object for every one before any
 *   was reported and ran the CLI's 4 GB worker out of memory; now the cells past the first
 *   1,000 problems are only counted.
 * - 1,000 scenarios of a 20,000-formula workbook took 44 s to validate: scenarios are evaluated
 *   within a budget (`SCENARIO_BUDGET`), and one MW4007 warning names those left out.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { HOSTILE_HEAP_MB } from '../fixtures/hostile-bounds';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAX_SCHEMA_DIAGNOSTICS, validateWorkbookText } from '../../src/core/validate/index';
import { SCENARIO_BUDGET } from '../../src/core/engine/index';
import { CLI, buildCli } from '../fixtures/cli/built-cli';

interface Spawned { code: number | null; stdout: string; stderr: string; ms: number }

function spawnCli(args: string[], cwd: string): Promise<Spawned> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--max-memory', String(2 * HOSTILE_HEAP_MB)], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** A workbook text whose one sheet holds `rows` rows of 50 cells that are objects (not cells). */
function invalidCells(rows: number): string {
  const row = `[${Array(50).fill('{}').join(',')}]`;
  return `{"format":"minerals-workbook","version":1,"title":"invalid cells","sheets":[{"name":"S","rows":[${Array(rows).fill(row).join(',\n')}]}]}`;
}

/** `rows` rows of a value and a formula over parameter Growth, `scenarios` scenarios setting it; the last one sets 0. */
function manyScenarios(rows: number, scenarios: number): string {
  const data: unknown[][] = [];
  for (let i = 1; i <= rows; i++) data.push([i, `=A${i}/Growth`]);
  const set: Record<string, unknown> = {};
  for (let s = 1; s <= scenarios; s++) set[`S${s}`] = { set: { Growth: s === scenarios ? 0 : s } };
  return JSON.stringify({
    format: 'minerals-workbook', version: 1, title: 'many scenarios',
    parameters: { Growth: { value: 1 } }, sheets: [{ name: 'S', rows: data }], scenarios: set,
  });
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

  it('1,000 scenarios x 20,000 formula cells: the first 20 are evaluated, one MW4007 names the rest, in seconds', () => {
    const text = manyScenarios(20_000, 1_000);
    const t0 = Date.now();
    const { diagnostics } = validateWorkbookText(text);
    const ms = Date.now() - t0;
    const limited = diagnostics.filter((d) => d.code === 'MW4007');
    assert.equal(limited.length, 1, JSON.stringify(diagnostics).slice(0, 2000));
    const d = limited[0]!;
    // Baseline and S1..S19: 20 x 240,000 (40,000 cells, 20,000 formulas x 10) is the budget.
    assert.equal(SCENARIO_BUDGET / 240_000 | 0, 20);
    assert.deepEqual([d.severity, d.pointer, text.slice(d.start, d.end)], ['warning', '/scenarios/S20', '"S20"']);
    assert.equal(d.message, 'formulas and checks were evaluated under 20 of the 1,001 scenarios: each costs 240,000 cell evaluations in this workbook '
      + 'and validation spends at most 5,000,000; not evaluated: "S20", "S21", "S22", "S23", "S24", "S25", "S26", "S27", "S28", "S29" and 971 more. '
      + 'Check one with minerals eval --scenario NAME, or show it in the workbook editor');
    // S1000's division by zero is in a scenario not evaluated: not reported as if checked.
    assert.ok(!diagnostics.some((x) => x.code === 'MW4005'), JSON.stringify(diagnostics.map((x) => x.message)).slice(0, 1000));
    assert.ok(ms < 30_000, `took ${ms} ms`);
  });

  it('a small workbook gets all of its 1,000 scenarios evaluated (the #DIV/0! of the last is found)', () => {
    const { diagnostics } = validateWorkbookText(manyScenarios(10, 1_000));
    assert.ok(!diagnostics.some((x) => x.code === 'MW4007'));
    const div = diagnostics.filter((x) => x.code === 'MW4005');
    assert.equal(div.length, 10);
    assert.match(div[0]!.message, /^S!B1 evaluates to #DIV\/0! \(scenario "S1000"\)$/);
  });

  it('minerals validate on it: exit 0, the MW4007 warning at the first scenario not evaluated', async () => {
    writeFileSync(path.join(dir, 'scenarios.minerals.json'), manyScenarios(20_000, 1_000));
    const r = await spawnCli(['validate', 'scenarios.minerals.json'], dir);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    assert.match(r.stdout, /^scenarios\.minerals\.json:1:\d+ - warning MW4007: formulas and checks were evaluated under 20 of the 1,001 scenarios/m);
    assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
  });
});
