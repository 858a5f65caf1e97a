import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HyperFormula } from 'hyperformula';
import {
  cellAddress, columnIndex, columnLetters, MAX_COLUMNS, parseA1, qualifiedAddress, quoteSheetName,
} from '../../src/core/model/a1';
import { runCli } from '../fixtures/cli/memory-io';

describe('a1: column letters, addresses, sheet names', () => {
  it('columnLetters and columnIndex are inverse over the whole sheet width', () => {
    assert.deepEqual([0, 25, 26, 51, 701, 702, 16383].map(columnLetters), ['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'XFD']);
    for (let c = 0; c < MAX_COLUMNS; c++) assert.equal(columnIndex(columnLetters(c)), c);
    assert.equal(columnIndex('xfd'), 16383);
    assert.deepEqual(['', 'ABCD', 'A1', '$A'].map(columnIndex), [-1, -1, -1, -1]);
    assert.deepEqual([-1, 1.5, Number.NaN].map(columnLetters), ['', '', '']);
  });

  it('cellAddress and parseA1 (with $, within XFD1048576)', () => {
    assert.equal(cellAddress(4, 1), 'B5');
    assert.deepEqual(parseA1('$b$5'), { row: 4, col: 1 });
    assert.deepEqual(parseA1('XFD1048576'), { row: 1048575, col: 16383 });
    assert.deepEqual(['XFE1', 'A1048577', 'A0', 'B', 'Sheet!B5', ' B5'].map(parseA1), Array(6).fill(undefined));
  });

  it('quoteSheetName quotes what Excel or HyperFormula would misread, and nothing else', () => {
    const bare = ['Stockpile', 'Summary_2024', 'Données', '_x', 'ABCD1', 'Sheet'];
    const quoted: [string, string][] = [
      ['CO2', "'CO2'"], ['XFD100', "'XFD100'"], ['R', "'R'"], ['C', "'C'"], ['RC', "'RC'"], ['R1C1', "'R1C1'"], ['c3', "'c3'"],
      ['TRUE', "'TRUE'"], ['false', "'false'"], ['2024', "'2024'"], ['Data.v2', "'Data.v2'"], ['Δelta', "'Δelta'"],
      ['My sheet', "'My sheet'"], ["O'Brien", "'O''Brien'"], ['', "''"],
    ];
    for (const n of bare) assert.equal(quoteSheetName(n), n);
    for (const [n, q] of quoted) assert.equal(quoteSheetName(n), q, n);
    assert.equal(qualifiedAddress('CO2', 0, 1), "'CO2'!B1");
  });

  it('every name, as quoted, is read back by HyperFormula as a reference to that sheet', () => {
    const names = ['Stockpile', 'Données', 'ABCD1', 'CO2', 'R', 'RC', 'R1C1', 'TRUE', '2024', 'Data.v2', 'Δelta', 'My sheet', "O'Brien"];
    for (const name of names) {
      const hf = HyperFormula.buildFromSheets({ [name]: [[7]], Main: [[`=${qualifiedAddress(name, 0, 0)}*2`]] }, { licenseKey: 'gpl-v3' });
      try {
        assert.equal(hf.getCellValue({ sheet: hf.getSheetId('Main')!, row: 0, col: 0 }), 14, name);
      } finally {
        hf.destroy();
      }
    }
  });

  it('the CLI prints cell-like sheet names quoted, as Excel needs them: compare and goal-seek', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-a1-'));
    try {
      await fs.writeFile(path.join(dir, 'co2.minerals.json'), JSON.stringify({
        format: 'minerals-workbook', version: 1, title: 't',
        parameters: { Tonnes: { value: 2, min: 0, max: 100 } },
        sheets: [{ name: 'CO2', rows: [[1, '=Tonnes*10']] }],
      }));
      const compare = await runCli(['compare', 'co2.minerals.json', '--format', 'json'], dir);
      assert.equal(compare.code, 0, compare.stderr);
      assert.deepEqual(JSON.parse(compare.stdout).cells, ["'CO2'!B1"]);
      const cells = await runCli(['compare', 'co2.minerals.json', '--cells', 'co2!$B$1', '--format', 'json'], dir);
      assert.deepEqual(JSON.parse(cells.stdout).cells, ["'CO2'!B1"]);
      const seek = await runCli(['goal-seek', 'co2.minerals.json', '--set', 'CO2!B1', '--to', '50', '--by', 'Tonnes'], dir);
      assert.equal(seek.code, 0, seek.stderr);
      assert.match(seek.stdout, /^'CO2'!B1 = 50 \(target 50\)/m);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
