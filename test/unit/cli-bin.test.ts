import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, buildCli } from '../fixtures/cli/built-cli';
import { FIXTURES } from '../fixtures/cli/memory-io';


interface Spawned { code: number | null; stdout: string; stderr: string }

/** Run the built executable directly (through its shebang), in the fixtures folder. */
function spawnCli(args: string[]): Promise<Spawned> {
  return new Promise((resolve) => {
    execFile(CLI, args, { cwd: FIXTURES, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('cli: built dist/cli.js', function () {
  this.timeout(120_000);

  before(buildCli);

  it('starts with a node shebang and is executable', async () => {
    const text = await fs.readFile(CLI, 'utf8');
    assert.equal(text.split('\n')[0], '#!/usr/bin/env node');
    assert.ok((statSync(CLI).mode & 0o111) !== 0, 'not executable');
  });

  it('exit 0 for a valid workbook, 1 for a failing check, 2 for a missing file', async () => {
    const ok = await spawnCli(['validate', 'stockpile.minerals.json']);
    assert.equal(ok.code, 0, ok.stderr);
    const failing = await spawnCli(['validate', 'over-budget.minerals.json']);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /^over-budget\.minerals\.json:\d+:\d+ - error MW5001: /m);
    const missing = await spawnCli(['eval', 'no-such.minerals.json']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /^minerals: cannot read no-such\.minerals\.json: /);
  });

  it('exits quietly with its status when the reader closes the pipe early (| head)', async () => {
    const child = spawn(CLI, ['validate', 'over-budget.minerals.json'], { cwd: FIXTURES });
    child.stdout.destroy(); // like `head -0`: nobody reads what the command prints
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
  });

  it('eval prints JSON on stdout; --version matches package.json', async () => {
    const r = await spawnCli(['eval', 'stockpile.minerals.json', '--sheet', 'Stockpile']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).scenario, 'Baseline');
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal((await spawnCli(['--version'])).stdout.trim(), pkg.version);
  });
});
