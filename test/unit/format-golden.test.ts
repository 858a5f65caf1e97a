/**
 * One golden table of Excel format codes (test/fixtures/format/golden-formats.json), checked
 * against every place a format is applied: the core formatter, the grid's display and TEXT()
 * in the engine, so a cell and TEXT(cell, format) can never disagree with Excel or each other.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbookEngine } from '../../src/core/engine';
import { formatNumberCode, formatTextCode } from '../../src/core/format/number-format';
import { formatNumber, formatValue } from '../../webview/format/number-format';

interface Case { value: number; format: string; expected: string; source: string; note?: string }
const golden = JSON.parse(readFileSync(join(__dirname, '../fixtures/format/golden-formats.json'), 'utf8')) as { cases: Case[] };

/** A formula string literal: quotes doubled. */
const quoted = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('Excel format codes: one golden table for the core, the grid and TEXT()', () => {
  it('has cases for numbers, scaling, scientific, sections, conditions, dates and times', () => {
    assert.ok(golden.cases.length >= 40);
  });
  for (const c of golden.cases) {
    it(`${c.value} as ${c.format} -> ${c.expected} (${c.source})`, () => {
      assert.equal(formatNumberCode(c.value, c.format), c.expected, 'core');
      assert.equal(formatNumber(c.value, c.format), c.expected, 'grid');
    });
  }
  it('TEXT() gives every golden result', () => {
    const rows = golden.cases.map((c) => [c.value, `=TEXT(A${0},${quoted(c.format)})`]);
    rows.forEach((r, i) => { r[1] = `=TEXT(A${i + 1},${quoted(golden.cases[i]!.format)})`; });
    const e = WorkbookEngine.create({ format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }] });
    try {
      const got = e.getSheetValues(0).map((r) => r[1]);
      assert.deepEqual(got, golden.cases.map((c) => c.expected));
    } finally { e.dispose(); }
  });
  it('keeps Indian (lakh/crore) grouping a grid setting', () => {
    assert.equal(formatNumber(12345678, '#,##0', 'en-IN'), '1,23,45,678');
    assert.equal(formatNumberCode(12345678, '#,##0', { indianGrouping: true }), '1,23,45,678');
    assert.equal(formatNumberCode(12345678, '#,##0'), '12,345,678');
  });
  it('shows text through the text section (@)', () => {
    assert.equal(formatTextCode('abc', '0;0;0;"x"@'), 'xabc');
    assert.equal(formatValue('Nd', '0.00'), 'Nd');
  });
  it('refuses codes it cannot render rather than showing a wrong number', () => {
    assert.equal(formatNumberCode(4.34, '# ?/?'), undefined); // fractions
    assert.equal(formatNumberCode(1234567898, '###-####'), undefined); // digits across a literal
    assert.equal(formatNumberCode(-1, 'yyyy-mm-dd'), undefined); // Excel: #####
    assert.equal(formatNumber(5, 'nonsense'), '5'); // the grid falls back to General
  });
});
