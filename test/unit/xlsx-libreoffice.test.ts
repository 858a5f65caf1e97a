/**
 * Round trip through a spreadsheet engine nobody here wrote: every sample is exported under
 * every scenario with `minerals export --xlsx`, LibreOffice opens each file headless and
 * recalculates it (scripts/libreoffice-recalc.py: UNO calculateAll, values at full precision),
 * and every formula cell must equal what `minerals eval` computes (relative 1e-9).
 * Needs soffice and python3-uno (installed by scripts/setup-libreoffice.sh from .ci/run).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseA1 } from '../../src/core/model/a1';
import { scenarioNames, type Workbook } from '../../src/core/model/workbook';
import { runCli } from '../fixtures/cli/memory-io';

const SAMPLES = path.resolve(__dirname, '../../samples');
const FIXTURES = path.resolve(__dirname, '../fixtures/xlsx');
const SCRIPT = path.resolve(__dirname, '../../scripts/libreoffice-recalc.py');

interface LoCell { cell: string; formula: string; kind: 'number' | 'string' | 'error'; value: number | string }
type LoResult = Record<string, Record<string, LoCell[]>>;
type Plain = number | string | boolean | null;

interface Case {
  sample: string;
  scenario: string;
  file: string;
  /** Model sheets in workbook order, with their row offset in the .xlsx. */
  sheets: { name: string; rowOffset: number }[];
  values: Record<string, Plain[][]>;
  checks: { name: string; value: Plain }[];
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** What differs between LibreOffice's value and ours, or undefined when they agree. */
function difference(lo: LoCell, ours: Plain): string | undefined {
  if (lo.kind === 'number') {
    const expected = typeof ours === 'boolean' ? Number(ours) : ours;
    return typeof expected === 'number' && close(lo.value as number, expected) ? undefined : `LibreOffice ${lo.value}, minerals ${JSON.stringify(ours)}`;
  }
  if (lo.kind === 'error') return typeof ours === 'string' && ours === lo.value ? undefined : `LibreOffice error ${lo.value}, minerals ${JSON.stringify(ours)}`;
  return lo.value === (ours ?? '') ? undefined : `LibreOffice ${JSON.stringify(lo.value)}, minerals ${JSON.stringify(ours)}`;
}

function position(cell: string): { row: number; col: number } {
  const at = parseA1(cell);
  assert.ok(at, `LibreOffice reported cell "${cell}"`);
  return at;
}

describe('xlsx export: LibreOffice recalculates every sample to the values minerals computes', function () {
  this.timeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-xlsx-lo-'));
  const cases: Case[] = [];
  let tampered = '';
  let lo: LoResult = {};

  /** Export `name` (in `folder`) under every scenario, and what `minerals eval` says of each. */
  async function addCases(folder: string, name: string): Promise<void> {
    const workbook = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Workbook;
    for (const scenario of scenarioNames(workbook)) {
      const file = path.join(dir, `${name.replace('.minerals.json', '')}--${cases.length}.xlsx`);
      const exported = await runCli(['export', name, '--xlsx', '--scenario', scenario, '-o', file], folder);
      assert.equal(exported.code, 0, exported.stderr);
      writeFileSync(file, exported.writtenBinary.get(file)!);
      const evaluated = await runCli(['eval', name, '--scenario', scenario, '--format', 'json'], folder);
      assert.equal(evaluated.code, 0, evaluated.stderr);
      const sheets = workbook.sheets.map((s) => ({ name: s.name, rowOffset: (s.columns ?? []).some((c) => c.header) ? 1 : 0 }));
      const json = JSON.parse(evaluated.stdout) as { sheets: Record<string, Plain[][]>; checks: { name: string; value: Plain }[] };
      cases.push({ sample: name, scenario, file, sheets, values: json.sheets, checks: json.checks });
    }
  }

  before(async () => {
    const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.minerals.json') && !f.startsWith('broken'));
    for (const sample of samples) await addCases(SAMPLES, sample);
    // Formulas whose results spill (array arithmetic, TRANSPOSE, IF over ranges): every cell
    // they fill must reach LibreOffice, not only the anchor.
    await addCases(FIXTURES, 'dynamic-arrays.minerals.json');
    // A control: a file whose cached values are all wrong. If LibreOffice only showed the
    // cached values, this would come back wrong and the comparison above would prove nothing.
    const first = cases[0]!;
    const parts = unzipSync(readFileSync(first.file));
    parts['xl/worksheets/sheet1.xml'] = strToU8(strFromU8(parts['xl/worksheets/sheet1.xml']!).replace(/(<\/f><v>)[^<]*(<\/v>)/g, '$1987654321$2'));
    tampered = path.join(dir, 'tampered.xlsx');
    writeFileSync(tampered, zipSync(parts));
    const { stdout } = await promisify(execFile)('/usr/bin/python3', [SCRIPT, ...cases.map((c) => c.file), tampered], { maxBuffer: 256 * 1024 * 1024, timeout: 280_000 });
    lo = JSON.parse(stdout) as LoResult;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('agrees on every formula cell of every sample under every scenario (relative 1e-9)', () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const c of cases) {
      const result = lo[c.file]!;
      assert.ok(result, `LibreOffice did not report ${c.file}`);
      for (const sheet of c.sheets) {
        const cells = result[sheet.name];
        assert.ok(cells, `${c.sample}: LibreOffice has no sheet ${sheet.name}`);
        for (const cell of cells) {
          const { row, col } = position(cell.cell);
          const ours = c.values[sheet.name]?.[row - sheet.rowOffset]?.[col] ?? null;
          compared++;
          const diff = difference(cell, ours);
          if (diff) mismatches.push(`${c.sample} [${c.scenario}] ${sheet.name}!${cell.cell} ${cell.formula}: ${diff}`);
        }
      }
    }
    let checks = 0;
    for (const c of cases) {
      const cells = lo[c.file]!['Checks'] ?? [];
      assert.equal(cells.length, c.checks.length, `${c.sample}: the Checks sheet has a formula per check`);
      for (const cell of cells) {
        const check = c.checks[position(cell.cell).row - 1]!;
        checks++;
        const diff = difference(cell, check.value);
        if (diff) mismatches.push(`${c.sample} [${c.scenario}] check "${check.name}" ${cell.formula}: ${diff}`);
      }
    }
    assert.ok(checks >= 50, `only ${checks} checks compared`);
    assert.ok(compared >= 500, `only ${compared} formula cells compared`);
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${compared} formula cells differ`);
  });

  it('recalculates every cell a spilling formula fills, under every scenario (not only its anchor)', () => {
    const spilled = cases.filter((c) => c.sample === 'dynamic-arrays.minerals.json');
    assert.equal(spilled.length, 2);
    for (const c of spilled) {
      const result = lo[c.file]!;
      // Imports: D and E fill 4 rows each; Summary: two rows of 4 from TRANSPOSE, then 2 formulas.
      assert.deepEqual(result['Imports']!.map((cell) => cell.cell).sort(), ['D2', 'D3', 'D4', 'D5', 'E2', 'E3', 'E4', 'E5'], c.scenario);
      assert.equal(result['Summary']!.length, 10, c.scenario);
      assert.ok(result['Summary']!.every((cell) => cell.kind !== 'error'), JSON.stringify(result['Summary']));
    }
  });

  it('recalculates rather than showing the cached values (control file with wrong cached values)', () => {
    const first = cases[0]!;
    const sheet = first.sheets[0]!;
    const cells = lo[tampered]![sheet.name]!;
    assert.ok(cells.length > 0);
    for (const cell of cells) {
      const { row, col } = position(cell.cell);
      assert.equal(difference(cell, first.values[sheet.name]?.[row - sheet.rowOffset]?.[col] ?? null), undefined, cell.cell);
    }
  });
});
