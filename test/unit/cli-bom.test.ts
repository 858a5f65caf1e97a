/** A workbook saved with a UTF-8 byte-order mark: the CLI's positions are VS Code's (no BOM). */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../fixtures/cli/memory-io';

const ONE_LINE = '{"format":"minerals-workbook","version":1,"title":"t","sheets":[{"name":"S","rows":[[1,"=NOPE(1)"]]}]}';

describe('cli: files with a byte-order mark', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-bom-'));
    await fs.writeFile(path.join(dir, 'bom.minerals.json'), '\uFEFF' + ONE_LINE, 'utf8');
    await fs.writeFile(path.join(dir, 'plain.minerals.json'), ONE_LINE, 'utf8');
  });
  after(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  it('validate: line 1 columns are the same as without the BOM (the editor\'s)', async () => {
    const column = ONE_LINE.indexOf('"=NOPE(1)"') + 1;
    for (const format of ['text', 'json']) {
      const bom = await runCli(['validate', 'bom.minerals.json', '--format', format], dir);
      const plain = await runCli(['validate', 'plain.minerals.json', '--format', format], dir);
      assert.equal(bom.code, 1);
      assert.equal(bom.stdout.replaceAll('bom.minerals.json', 'plain.minerals.json'), plain.stdout);
    }
    const text = await runCli(['validate', 'bom.minerals.json'], dir);
    assert.match(text.stdout, new RegExp(`^bom\\.minerals\\.json:1:${column} - error MW4003: S!B1: unknown function NOPE`, 'm'));
    const json = JSON.parse((await runCli(['validate', 'bom.minerals.json', '--format', 'json'], dir)).stdout) as { column: number; endColumn: number }[];
    assert.deepEqual([json[0]!.column, json[0]!.endColumn], [column, column + '"=NOPE(1)"'.length]);
  });

  it('eval reports the same positions', async () => {
    const r = await runCli(['eval', 'bom.minerals.json'], dir);
    assert.match(r.stderr, new RegExp(`^bom\\.minerals\\.json:1:${ONE_LINE.indexOf('"=NOPE(1)"') + 1} - error MW4003`, 'm'));
  });
});
