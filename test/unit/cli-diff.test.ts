import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { run } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import type { Workbook } from '../../src/core/model/workbook';
import { FIXTURES } from '../fixtures/cli/memory-io';
import { insertRowAbove } from '../fixtures/cli/diff-edits';

const base = (): Workbook => JSON.parse(readFileSync(path.join(FIXTURES, 'stockpile.minerals.json'), 'utf8')) as Workbook;

/** Run minerals in `cwd` with a real git, capturing output. */
async function runIn(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: CliIo = {
    stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; },
    readFile: (p) => fs.readFile(p, 'utf8'), readBinary: async () => new Uint8Array(), writeFile: async () => undefined, writeBinary: async () => undefined, cwd,
    git: async (args) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  };
  return { code: await run(argv, io), stdout, stderr };
}

describe('cli: minerals diff', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'minerals-diff-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const put = (name: string, wb: Workbook) => writeFileSync(path.join(dir, name), JSON.stringify(wb, null, 2));

  it('identical files: exit 0, "No changes."', async () => {
    put('a.minerals.json', base());
    put('b.minerals.json', base());
    const r = await runIn(dir, ['diff', 'a.minerals.json', 'b.minerals.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No changes\./);
  });

  it('a row inserted above formulas is reported as one insertion, not as formula edits; no result changes', async () => {
    const neu = base();
    insertRowAbove(neu);
    put('a.minerals.json', base());
    put('b.minerals.json', neu);
    const r = await runIn(dir, ['diff', 'a.minerals.json', 'b.minerals.json', '--format', 'json']);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schemaVersion, 1);
    assert.deepEqual(j.edits.structure, [{ sheet: 'Stockpile', kind: 'insertRows', at: 0, count: 1 }]);
    assert.deepEqual(j.edits.cells, []);
    for (const e of j.effects) assert.equal(e.changed, false, e.scenario);
    const text = await runIn(dir, ['diff', 'a.minerals.json', 'b.minerals.json']);
    assert.match(text.stdout, /Stockpile: 1 row inserted at row 1/);
    assert.doesNotMatch(text.stdout, /=C\d\*Price ->/);
  });

  it('a parameter edit: effects carry row/column labels and relative change, per scenario (text, markdown)', async () => {
    const neu = base();
    neu.parameters!.Price!.value = 60;
    put('a.minerals.json', base());
    put('b.minerals.json', neu);
    const r = await runIn(dir, ['diff', 'a.minerals.json', 'b.minerals.json']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /parameter Price: value 50 -> 60/);
    assert.match(r.stdout, /Effects under Baseline:\n(.*\n)* {2}Stockpile!D1 \(Cost \(USD thousand\), Neodymium\): 14794\.52055 -> 17753\.42466 \(\+20%\)/);
    assert.doesNotMatch(r.stdout, /Effects under Cheap magnets/);
    assert.match(r.stdout, /Results unchanged under: Cheap magnets/);
    const m = await runIn(dir, ['diff', 'a.minerals.json', 'b.minerals.json', '--format', 'markdown']);
    assert.equal(m.code, 1);
    const lines = m.stdout.split('\n');
    assert.match(lines[2]!, /^\| Scenario \| Results changed/);
    assert.match(m.stdout, /\| Baseline \| \d+ \| .*\+20%/);
    assert.match(m.stdout, /<details><summary>Effects under Baseline<\/summary>/);
  });

  it('markdown is capped with a count of what was left out', async () => {
    const old = base();
    const neu = base();
    old.sheets.push({ name: 'Many', rows: Array.from({ length: 80 }, (_, i) => [i]) });
    neu.sheets.push({ name: 'Many', rows: Array.from({ length: 80 }, (_, i) => [i + 1000]) });
    put('a.minerals.json', old);
    put('b.minerals.json', neu);
    const m = await runIn(dir, ['diff', 'a.minerals.json', 'b.minerals.json', '--format', 'markdown']);
    assert.equal(m.code, 1);
    assert.match(m.stdout, /… and 30 more not shown/);
    assert.equal((m.stdout.match(/^- Many!A\d+/gm) ?? []).length, 50);
  });

  it('bad usage exits 2: one file, unknown format, unreadable file, bad --rev', async () => {
    put('a.minerals.json', base());
    assert.equal((await runIn(dir, ['diff', 'a.minerals.json'])).code, 2);
    assert.equal((await runIn(dir, ['diff', 'a.minerals.json', 'a.minerals.json', '--format', 'html'])).code, 2);
    const missing = await runIn(dir, ['diff', 'a.minerals.json', 'nope.minerals.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope\.minerals\.json/);
    assert.equal((await runIn(dir, ['diff', 'a.minerals.json', '--rev', 'A..'])).code, 2);
  });

  it('--rev REV and --rev A..B read the file from git (temp repository); git external-diff mode', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    put('w.minerals.json', base());
    git('add', '.');
    git('commit', '-qm', 'one');
    const neu = base();
    neu.parameters!.StockpileDays!.value = 120;
    put('w.minerals.json', neu);
    const wt = await runIn(dir, ['diff', 'w.minerals.json', '--rev', 'HEAD']);
    assert.equal(wt.code, 1, wt.stderr);
    assert.match(wt.stdout, /parameter StockpileDays: value 90 -> 120/);
    git('commit', '-qam', 'two');
    const ab = await runIn(dir, ['diff', 'w.minerals.json', '--rev', 'HEAD~1..HEAD', '--format', 'json']);
    assert.equal(ab.code, 1);
    assert.equal(JSON.parse(ab.stdout).old, 'HEAD~1:w.minerals.json');
    assert.equal((await runIn(dir, ['diff', 'w.minerals.json', '--rev', 'HEAD'])).code, 0);
    const bad = await runIn(dir, ['diff', 'w.minerals.json', '--rev', 'nosuchrev']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot read nosuchrev:/);

    // git's external diff driver: path old-file old-hex old-mode new-file new-hex new-mode; exit 0 always.
    put('old.json', base());
    const driver = await runIn(dir, ['diff', 'w.minerals.json', 'old.json', 'abc', '100644', 'w.minerals.json', 'def', '100644']);
    assert.equal(driver.code, 0);
    assert.match(driver.stdout, /^minerals diff a\/w\.minerals\.json b\/w\.minerals\.json\n/);
    assert.match(driver.stdout, /StockpileDays: value 90 -> 120/);
    const added = await runIn(dir, ['diff', 'w.minerals.json', '/dev/null', '.', '.', 'w.minerals.json', 'def', '100644']);
    assert.equal(added.code, 0);
    assert.match(added.stdout, /sheet Stockpile added/);
  });
});
