import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, buildCli } from '../fixtures/cli/built-cli';
import { FIXTURES } from '../fixtures/cli/memory-io';


interface Spawned { code: number | null; stdout: string; stderr: string; ms: number }

function spawnCli(args: string[], cwd: string): Promise<Spawned> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** `rows` rows of chained formulas: seconds of evaluation and tens of MB of engine heap. */
function heavyWorkbook(rows: number): string {
  const data: unknown[][] = [];
  for (let i = 1; i <= rows; i++) data.push([i, `=A${i}*2+1`, `=B${i}+A${i}`]);
  return JSON.stringify({ format: 'minerals-workbook', version: 1, title: 'heavy', sheets: [{ name: 'Data', rows: data }] });
}

describe('hostile: the CLI bounds time (--timeout) and memory (--max-memory)', function () {
  this.timeout(120_000);
  let dir: string;

  before(function () {
    buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'mw-cli-limits-'));
    writeFileSync(path.join(dir, 'slow.minerals.json'), heavyWorkbook(100_000));
    writeFileSync(path.join(dir, 'big.minerals.json'), heavyWorkbook(20_000));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const noAbort = (r: Spawned) => assert.doesNotMatch(r.stderr, /FATAL ERROR|Abort|heap out of memory\n|Error: |at /, r.stderr);

  for (const command of [['validate'], ['eval'], ['export', '--sheet', 'Data'], ['compare']]) {
    it(`${command[0]} --timeout 1 on a workbook that takes longer: exit 2 and a message, soon after the second`, async () => {
      const r = await spawnCli([command[0], 'slow.minerals.json', ...command.slice(1), '--timeout', '1'], dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^minerals: stopped after 1 s \(--timeout 1\): the workbook took too long to evaluate/m);
      noAbort(r);
      assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
    });
  }

  it('eval past --max-memory: exit 2, "too large to evaluate here", no partial output, no V8 abort', async () => {
    const r = await spawnCli(['eval', 'big.minerals.json', '--max-memory=16'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^minerals: the workbook is too large to evaluate here: it needed more than 16 MB of memory/m);
    assert.equal(r.stdout, '');
    noAbort(r);
  });

  it('within the limits the commands behave as before (results on stdout, their own exit status)', async () => {
    const ok = await spawnCli(['--timeout=30', 'eval', 'stockpile.minerals.json'], FIXTURES);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).scenario, 'Baseline');
    const failing = await spawnCli(['validate', 'over-budget.minerals.json', '--timeout', '0'], FIXTURES);
    assert.equal(failing.code, 1, failing.stderr);
    assert.match(failing.stdout, /error MW5001: /);
  });

  it('a bad --timeout or --max-memory value is a usage error (exit 2)', async () => {
    for (const args of [['--timeout', 'soon'], ['--timeout'], ['--max-memory', '1']]) {
      const r = await spawnCli(['validate', 'stockpile.minerals.json', ...args], FIXTURES);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^minerals: --(timeout|max-memory) needs /, r.stderr);
    }
  });
});
