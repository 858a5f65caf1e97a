/**
 * Export then import: every sample under every scenario comes back as the same workbook
 * (cells, formulas, parameters, scenarios, checks, formats, widths, headers), and every
 * formula's value equals the value the export cached. Descriptions of the workbook and its
 * sheets are not carried by the .xlsx (docs/xlsx.md) and are left out of the comparison.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportXlsx, importXlsx } from '../../src/core/xlsx/index';
import { scenarioNames, type Workbook } from '../../src/core/model/workbook';
import { comparable } from '../fixtures/xlsx/package';

const SAMPLES = path.resolve(__dirname, '../../samples');
const SPILLING = path.resolve(__dirname, '../fixtures/xlsx/dynamic-arrays.minerals.json');

describe('xlsx round trip: export, import, same workbook', () => {
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.minerals.json') && !f.startsWith('broken'));
  it('covers every sample', () => assert.ok(samples.length >= 4, samples.join(', ')));
  for (const sample of samples) {
    const workbook = JSON.parse(readFileSync(path.join(SAMPLES, sample), 'utf8')) as Workbook;
    for (const scenario of scenarioNames(workbook)) {
      it(`${sample} exported under "${scenario}"`, () => {
        const exported = exportXlsx(workbook, { scenario });
        const imported = importXlsx(exported.bytes, { title: workbook.title });
        assert.deepEqual(comparable(imported.workbook), comparable(workbook));
        assert.ok(imported.verified.compared >= 40, JSON.stringify(imported.verified));
        assert.equal(imported.verified.differ, 0, imported.diagnostics.map((d) => d.message).join('\n'));
        assert.deepEqual(imported.diagnostics.filter((d) => d.severity !== 'info'), []);
      });
    }
  }
  it('formulas whose results spill come back on their anchor cell, the filled cells empty, every spilled value checked', () => {
    const workbook = JSON.parse(readFileSync(SPILLING, 'utf8')) as Workbook;
    for (const scenario of scenarioNames(workbook)) {
      const imported = importXlsx(exportXlsx(workbook, { scenario }).bytes, { title: workbook.title });
      assert.deepEqual(comparable(imported.workbook), comparable(workbook), scenario);
      assert.equal(imported.verified.differ, 0, imported.diagnostics.map((d) => d.message).join('\n'));
      // 8 + 8 cells filled by the four spilling formulas, and the 2 plain ones.
      assert.ok(imported.verified.compared >= 18, JSON.stringify(imported.verified));
    }
  });
});
