/**
 * The sample workbooks in `samples/` are what a new user opens first: they must validate
 * clean under every scenario, compute plausible numbers, label every figure, and the broken
 * sample must show every diagnostic it claims to show.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkbookText } from '../../src/core/validate';
import { WorkbookEngine } from '../../src/core/engine';
import type { Workbook } from '../../src/core/model/workbook';
import type { PlainValue, ScenarioValues } from '../../scripts/samples-libreoffice';

const SAMPLES = join(__dirname, '..', '..', 'samples');
const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.minerals.json')).sort();
const goodFiles = files.filter((f) => !f.startsWith('broken'));
const read = (f: string): string => readFileSync(join(SAMPLES, f), 'utf8');

/**
 * Codes the broken sample demonstrates, each labelled in the file: every diagnostic that can
 * coexist in one file whose formulas are still evaluated. MW1001 (no JSON at all) has its own
 * file; MW1004/MW1005 (absurd nesting, oversize file), MW4007 (engine size limits) and MW4008
 * (an internal failure) are left out.
 */
const BROKEN_CODES = [
  'MW1002', 'MW1003', 'MW1006', 'MW2001', 'MW3001', 'MW3002', 'MW3003', 'MW3004', 'MW3005', 'MW3006', 'MW3007',
  'MW4001', 'MW4002', 'MW4003', 'MW4004', 'MW4005', 'MW4006', 'MW5001', 'MW5002',
];

function scenarioNames(wb: Workbook): string[] {
  return ['Baseline', ...Object.keys(wb.scenarios ?? {}).filter((s) => s !== 'Baseline')];
}

function isErrorValue(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

describe('sample workbooks', () => {
  it('include the four domain samples and the broken ones', () => {
    for (const f of [
      'rare-earth-stockpile.minerals.json', 'e-waste-recycling.minerals.json', 'ncmm-budget.minerals.json',
      'supplier-concentration.minerals.json', 'broken.minerals.json', 'broken-syntax.minerals.json',
    ]) assert.ok(files.includes(f), `samples/${f} is missing`);
    assert.deepEqual(files.filter((f) => f.startsWith('broken')), ['broken-syntax.minerals.json', 'broken.minerals.json'],
      'one broken sample shows every diagnostic; only the syntax error needs a file of its own');
  });

  for (const file of goodFiles) {
    describe(file, () => {
      const text = read(file);
      const wb = JSON.parse(text) as Workbook;

      it('is a version-1 workbook pointing at the schema', () => {
        assert.equal(wb.format, 'minerals-workbook');
        assert.equal(wb.version, 1);
        assert.equal(wb.$schema, '../schemas/minerals-workbook.schema.json');
        assert.ok(wb.title.length > 0);
      });

      it('has no error-severity diagnostic under any scenario', () => {
        const { diagnostics } = validateWorkbookText(text, { model: true, scenarios: 'all' });
        const errors = diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(errors.map((d) => `${d.code} ${d.message} @${d.start}: ${text.slice(d.start, d.end)}`), []);
      });

      it('keeps one row of cells per line, so diffs show changed rows', () => {
        for (const sheet of wb.sheets) {
          for (const row of sheet.rows) {
            const line = '[' + row.map((c) => JSON.stringify(c)).join(', ') + ']';
            assert.ok(text.includes(line), `${sheet.name}: row not on one line: ${line}`);
          }
        }
      });

      it('labels every parameter with a unit, bounds, a description and a source', () => {
        for (const [name, p] of Object.entries(wb.parameters ?? {})) {
          assert.ok(p.unit, `${name} has no unit`);
          assert.ok(p.description, `${name} has no description`);
          assert.equal(typeof p.min, 'number', `${name} has no min`);
          assert.equal(typeof p.max, 'number', `${name} has no max`);
          assert.ok(p.min! <= p.value && p.value <= p.max!, `${name} = ${p.value} outside [${p.min}, ${p.max}]`);
          assert.ok(p.source === 'Illustrative assumption' || p.source === 'Definition' || /^Source: /.test(p.source ?? ''),
            `${name}: source must be "Illustrative assumption", "Definition" or "Source: ..." (got ${p.source})`);
          assert.doesNotMatch(name, /^[A-Za-z]{1,3}[0-9]+$/, `${name} looks like a cell address`);
        }
      });

      it('has several sheets, scenarios and checks, with overrides within bounds', () => {
        assert.ok(wb.sheets.length >= 2 && wb.sheets.length <= 4, 'two to four sheets');
        assert.ok(scenarioNames(wb).length >= 4, 'Baseline and at least three other scenarios');
        assert.ok((wb.checks ?? []).length >= 4, 'at least four checks');
        for (const [sname, sc] of Object.entries(wb.scenarios ?? {})) {
          for (const [k, v] of Object.entries(sc.set)) {
            const cell = /^([A-Za-z]+)!([A-Z]+)([0-9]+)$/.exec(k);
            if (cell) {
              const sheet = wb.sheets.find((s) => s.name === cell[1]);
              assert.ok(sheet, `${sname} overrides a cell on unknown sheet ${cell[1]}`);
              const col = [...cell[2]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
              const original = sheet.rows[Number(cell[3]) - 1]?.[col];
              assert.equal(typeof original, 'number', `${sname} overrides ${k}, which is not an input number`);
              assert.equal(typeof v, 'number', `${sname}: ${k} should be set to a number`);
              continue;
            }
            const p = wb.parameters?.[k];
            assert.ok(p, `${sname} overrides unknown parameter ${k}`);
            assert.ok(typeof v === 'number' && v >= p.min! && v <= p.max!, `${sname}: ${k} = ${String(v)} outside bounds`);
          }
        }
        for (const sheet of wb.sheets) {
          assert.ok(sheet.columns && sheet.columns.every((c) => c.header), `${sheet.name}: every column needs a header`);
          const width = Math.max(...sheet.rows.map((r) => r.length));
          assert.ok(sheet.columns.length >= width, `${sheet.name}: rows longer than the declared columns`);
        }
      });

      it('evaluates without error values; error checks pass everywhere, all checks pass in Baseline', () => {
        for (const scenario of scenarioNames(wb)) {
          const engine = WorkbookEngine.create(wb, { scenario });
          try {
            const ev = engine.evaluate();
            for (const s of wb.sheets) {
              const values = ev.sheets[s.name];
              assert.ok(values && values.length >= s.rows.length, `${scenario}: sheet ${s.name} not evaluated`);
              values.forEach((row, r) => row.forEach((v, c) => {
                assert.ok(!isErrorValue(v), `${scenario}: ${s.name} row ${r + 1} col ${c + 1} is ${JSON.stringify(v)}`);
              }));
            }
            assert.equal(ev.checks.length, (wb.checks ?? []).length);
            for (const ch of ev.checks) {
              if (ch.severity === 'error' || scenario === 'Baseline') {
                assert.ok(ch.passed, `${scenario}: check "${ch.name}" fails (${JSON.stringify(ch.value)})`);
              }
            }
          } finally {
            engine.dispose();
          }
        }
      });
    });
  }

  describe('agreement with LibreOffice Calc', () => {
    // Values LibreOffice computed from the same formulas (regenerate with
    // `npx tsx scripts/samples-libreoffice.ts` after changing a sample).
    const expected = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'samples-libreoffice.json'), 'utf8')) as
      Record<string, Record<string, ScenarioValues>>;
    const same = (a: PlainValue, b: PlainValue): boolean =>
      typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b;

    it('covers every sample and scenario (the fixture is up to date)', () => {
      assert.deepEqual(Object.keys(expected).sort(), goodFiles);
      for (const file of goodFiles) {
        const wb = JSON.parse(read(file)) as Workbook;
        assert.deepEqual(Object.keys(expected[file]).sort(), scenarioNames(wb).sort(), file);
      }
    });

    for (const file of goodFiles) {
      it(`${file}: every cell and check under every scenario`, () => {
        const wb = JSON.parse(read(file)) as Workbook;
        const diffs: string[] = [];
        for (const scenario of scenarioNames(wb)) {
          const lo = expected[file]?.[scenario];
          assert.ok(lo, `no LibreOffice values for ${scenario}`);
          const engine = WorkbookEngine.create(wb, { scenario });
          try {
            const ev = engine.evaluate();
            for (const s of wb.sheets) {
              const ours = ev.sheets[s.name] ?? [];
              const theirs = lo.sheets[s.name] ?? [];
              for (let r = 0; r < Math.max(ours.length, theirs.length); r++) {
                for (let c = 0; c < Math.max(ours[r]?.length ?? 0, theirs[r]?.length ?? 0); c++) {
                  const v = ours[r]?.[c] ?? null;
                  const a: PlainValue = v !== null && typeof v === 'object' ? v.error : v;
                  const b = theirs[r]?.[c] ?? null;
                  if (!same(a, b)) diffs.push(`${scenario}: ${s.name} row ${r + 1} col ${c + 1}: ${JSON.stringify(a)} vs LibreOffice ${JSON.stringify(b)}`);
                }
              }
            }
            ev.checks.forEach((ch, i) => {
              if (ch.passed !== lo.checks[i]) diffs.push(`${scenario}: check "${ch.name}": ${ch.passed} vs LibreOffice ${lo.checks[i]}`);
            });
          } finally {
            engine.dispose();
          }
        }
        assert.deepEqual(diffs, []);
      });
    }
  });

  describe('computed results a reader relies on', () => {
    const value = (file: string, ref: string, scenario = 'Baseline'): unknown => {
      const engine = WorkbookEngine.create(JSON.parse(read(file)) as Workbook, { scenario });
      try { return engine.getCellValue(ref); } finally { engine.dispose(); }
    };
    const near = (actual: unknown, expected: number, tol: number, what: string): void => {
      assert.equal(typeof actual, 'number', `${what}: ${JSON.stringify(actual)}`);
      assert.ok(Math.abs((actual as number) - expected) <= tol, `${what}: ${String(actual)}, expected about ${expected}`);
    };

    it('NCMM: government plan of Rs 14,100 crore within the Rs 16,300 crore envelope; PSU gap when PSUs deliver 60%', () => {
      near(value('ncmm-budget.minerals.json', 'Summary!B1'), 14100, 0.5, 'government allocation');
      near(value('ncmm-budget.minerals.json', 'Summary!B2'), 16300, 0, 'envelope');
      near(value('ncmm-budget.minerals.json', 'Summary!B7', 'PSU shortfall'), 18000 - 0.6 * 18000, 0.5, 'PSU gap');
    });

    it('stockpile: 90 days of imports cost about Rs 1,319 crore; export controls leave heavy rare earths short', () => {
      near(value('rare-earth-stockpile.minerals.json', 'Summary!B1'), 1319.4, 0.5, 'stockpile cost');
      const cover = value('rare-earth-stockpile.minerals.json', 'Summary!B9', 'Export controls');
      assert.ok(typeof cover === 'number' && cover < 270, `heavy rare-earth cover ${String(cover)} should be below the 270-day disruption`);
    });

    it('e-waste: doubling collection doubles recovered tonnes and overshoots the Rs 1,500 crore scheme', () => {
      const base = value('e-waste-recycling.minerals.json', 'Recovery!F6') as number;
      const high = value('e-waste-recycling.minerals.json', 'Recovery!F6', 'High collection') as number;
      near(high / base, 2, 1e-9, 'ratio of recovered tonnes');
      const incentive = value('e-waste-recycling.minerals.json', 'Scheme!B3', 'High collection') as number;
      assert.ok(incentive > 1500, `incentive ${incentive} should exceed the scheme`);
    });

    it('supplier concentration: China-dominated rare-earth processing has an HHI near 5,000', () => {
      near(value('supplier-concentration.minerals.json', 'Outlook!I2'), 5038, 1, 'HHI');
      const diversified = value('supplier-concentration.minerals.json', 'Outlook!I2', 'Central Asia partnerships') as number;
      assert.ok(diversified < 5038, `diversification should lower the HHI (got ${diversified})`);
    });
  });

  describe('broken.minerals.json', () => {
    const text = read('broken.minerals.json');
    const result = validateWorkbookText(text, { model: true, scenarios: 'all' });
    const { diagnostics } = result;

    it(`yields ${BROKEN_CODES.join(', ')}, each labelled in the file and pointing into it`, () => {
      const codes = new Set<string>(diagnostics.map((d) => d.code));
      assert.deepEqual(BROKEN_CODES.filter((c) => !codes.has(c)), [], 'codes not reported');
      assert.deepEqual([...codes].filter((c) => !BROKEN_CODES.includes(c)), [], 'codes not listed here');
      for (const code of BROKEN_CODES) assert.ok(text.includes(code), `${code} is not labelled in the file`);
      for (const d of diagnostics) {
        assert.ok(d.start >= 0 && d.end >= d.start && d.end <= text.length, `${d.code}: range ${d.start}-${d.end}`);
      }
    });

    it('is evaluated despite its schema and sheet-name errors, but is not a workbook to compute results from', () => {
      assert.equal(result.workbook, undefined);
      assert.ok(result.evaluated, 'the formulas are evaluated');
      assert.deepEqual(result.evaluated.sheets.map((s) => s.name), ['Demand', 'Errors'], 'the duplicate and the invalid sheet are left out');
    });

    it('labels each diagnostic on its line or in the lines around it (a sheet\'s description)', () => {
      const lines = text.split('\n');
      const unlabelled = diagnostics.filter((d) => {
        const line = text.slice(0, d.start).split('\n').length - 1;
        return !lines.slice(Math.max(0, line - 4), line + 2).some((l) => l.includes(d.code));
      });
      assert.deepEqual(unlabelled.map((d) => `${d.code} ${d.pointer}: ${text.slice(d.start, d.end)}`), []);
    });
  });

  describe('broken-syntax.minerals.json', () => {
    it('yields a JSON syntax error at the missing comma', () => {
      const text = read('broken-syntax.minerals.json');
      const { diagnostics } = validateWorkbookText(text);
      const syntax = diagnostics.find((d) => d.code === 'MW1001');
      assert.ok(syntax, `no MW1001 in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      const missingCommaLine = text.indexOf('["Dysprosium"');
      const lineStart = text.lastIndexOf('\n', syntax.start) + 1;
      assert.equal(lineStart, text.lastIndexOf('\n', missingCommaLine) + 1, 'MW1001 should point at the Dysprosium row');
    });
  });
});
