/**
 * Every command that computes (eval, export, compare, goal-seek) reports the model's problems
 * on stderr, tsc-style, and exits 1 when one is an error; the output is still written.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../fixtures/cli/memory-io';

const BROKEN = `{
  "format": "minerals-workbook",
  "version": 1,
  "title": "Broken model",
  "parameters": { "Share": { "value": 2, "min": 0, "max": 100 } },
  "scenarios": { "High": { "set": { "Share": 10 } } },
  "sheets": [
    {
      "name": "Data",
      "rows": [
        [1, "=A1+", "=NOPE(1)", "=A1*Share"]
      ]
    }
  ],
  "checks": [
    { "name": "Big enough", "assert": "=Data!A1>5", "severity": "error", "message": "A1 must exceed 5" }
  ]
}
`;

const HEALTHY = BROKEN.replace('"=A1+", "=NOPE(1)"', '"=A1+1", "=SUM(1)"').replace('"=Data!A1>5"', '"=Data!A1>0"');

/** 1-based line:col of the first occurrence of `needle` in BROKEN. */
function at(needle: string): string {
  const i = BROKEN.indexOf(needle);
  const before = BROKEN.slice(0, i).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('cli: model diagnostics of export, compare, eval and goal-seek', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-cli-model-'));
    await fs.writeFile(path.join(dir, 'broken.minerals.json'), BROKEN);
    await fs.writeFile(path.join(dir, 'healthy.minerals.json'), HEALTHY);
  });
  after(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  const expectProblems = (stderr: string): void => {
    assert.match(stderr, new RegExp(`^broken\\.minerals\\.json:${at('"=A1+"')} - error MW4001: Data!B1: formula syntax error`, 'm'));
    assert.match(stderr, new RegExp(`^broken\\.minerals\\.json:${at('"=NOPE(1)"')} - error MW4003: Data!C1: unknown function NOPE`, 'm'));
    assert.match(stderr, new RegExp(`^broken\\.minerals\\.json:${at('"=Data!A1>5"')} - error MW5001: Check "Big enough" failed: A1 must exceed 5`, 'm'));
  };

  it('export: the CSV is written, the problems are on stderr, exit 1', async () => {
    const r = await runCli(['export', 'broken.minerals.json', '--sheet', 'Data'], dir);
    assert.equal(r.stdout, '1,#ERROR!,#NAME?,2\r\n');
    expectProblems(r.stderr);
    assert.equal(r.code, 1);
  });

  it('export -o and --formulas: written all the same, exit 1', async () => {
    const o = await runCli(['export', 'broken.minerals.json', '--sheet', 'Data', '-o', 'out.csv'], dir);
    assert.equal(o.written.get(path.join(dir, 'out.csv')), '1,#ERROR!,#NAME?,2\r\n');
    expectProblems(o.stderr);
    assert.equal(o.code, 1);
    const f = await runCli(['export', 'broken.minerals.json', '--sheet', 'Data', '--formulas'], dir);
    assert.equal(f.stdout, "1,'=A1+,'=NOPE(1),'=A1*Share\r\n");
    expectProblems(f.stderr);
    assert.equal(f.code, 1);
  });

  it('compare: the summary is written, the problems are on stderr, exit 1', async () => {
    const r = await runCli(['compare', 'broken.minerals.json', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { scenarios: { name: string }[] };
    assert.deepEqual(out.scenarios.map((s) => s.name), ['Baseline', 'High']);
    expectProblems(r.stderr);
    assert.equal(r.code, 1);
  });

  it('eval and goal-seek: the same problems, exit 1', async () => {
    const e = await runCli(['eval', 'broken.minerals.json'], dir);
    assert.equal(JSON.parse(e.stdout).scenario, 'Baseline');
    expectProblems(e.stderr);
    assert.equal(e.code, 1);
    const g = await runCli(['goal-seek', 'broken.minerals.json', '--set', 'Data!D1', '--to', '8', '--by', 'Share'], dir);
    assert.match(g.stdout, /^Share = 8$/m);
    expectProblems(g.stderr);
    assert.equal(g.code, 1);
  });

  it('a healthy workbook: no stderr, exit 0 for every command', async () => {
    for (const argv of [
      ['export', 'healthy.minerals.json', '--sheet', 'Data'],
      ['export', 'healthy.minerals.json', '--sheet', 'Data', '--formulas', '--scenario', 'high'],
      ['compare', 'healthy.minerals.json'],
      ['eval', 'healthy.minerals.json', '--scenario', 'High'],
      ['goal-seek', 'healthy.minerals.json', '--set', 'Data!D1', '--to', '8', '--by', 'Share'],
    ]) {
      const r = await runCli(argv, dir);
      assert.deepEqual([r.code, r.stderr], [0, ''], argv.join(' '));
    }
  });
});
