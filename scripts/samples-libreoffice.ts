/**
 * Recomputes the sample workbooks with LibreOffice Calc, an independent spreadsheet engine,
 * and writes its values to `test/fixtures/samples-libreoffice.json`; `test/unit/samples.test.ts`
 * checks the engine against them. Needs `soffice` on PATH. Run after changing a sample:
 *
 *   npx tsx scripts/samples-libreoffice.ts
 *
 * Each sample and scenario becomes a flat ODS file whose formulas are written in Excel syntax
 * (the `msoxl:` formula namespace), with the parameters (after the scenario's overrides) as
 * named expressions and the checks on an extra sheet; LibreOffice calculates on load and
 * exports every sheet to CSV at full precision.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { RawCell, Workbook } from '../src/core/model/workbook';

const ROOT = join(__dirname, '..');
const SAMPLES = join(ROOT, 'samples');
const OUT = join(ROOT, 'test', 'fixtures', 'samples-libreoffice.json');
const CHECKS_SHEET = 'LibreOfficeChecks';

export type PlainValue = number | string | boolean | null;
export interface ScenarioValues { sheets: Record<string, PlainValue[][]>; checks: boolean[] }

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function cellXml(c: RawCell | undefined): string {
  if (c === null || c === undefined) return '<table:table-cell/>';
  if (typeof c === 'number') return `<table:table-cell office:value-type="float" office:value="${c}"/>`;
  if (typeof c === 'boolean') return `<table:table-cell office:value-type="boolean" office:boolean-value="${c}"/>`;
  if (c.startsWith('=')) return `<table:table-cell table:formula="msoxl:${esc(c)}"/>`;
  const text = c.startsWith("'") ? c.slice(1) : c;
  return `<table:table-cell office:value-type="string"><text:p>${esc(text)}</text:p></table:table-cell>`;
}

function toFods(wb: Workbook, scenario: string): string {
  const params: Record<string, number> = {};
  for (const [k, p] of Object.entries(wb.parameters ?? {})) params[k] = p.value;
  const sheets = wb.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
  for (const [k, v] of Object.entries(wb.scenarios?.[scenario]?.set ?? {})) {
    const m = /^(.+)!([A-Z]+)([0-9]+)$/.exec(k);
    if (m) {
      const sheet = sheets.find((s) => s.name === m[1]);
      if (!sheet) throw new Error(`${scenario}: unknown sheet in ${k}`);
      const r = Number(m[3]) - 1;
      while (sheet.rows.length <= r) sheet.rows.push([]);
      sheet.rows[r][columnIndex(m[2])] = v;
    } else {
      params[k] = Number(v);
    }
  }
  sheets.push({ name: CHECKS_SHEET, rows: (wb.checks ?? []).map((c) => [c.assert]) });
  const tables = sheets.map((s) =>
    `<table:table table:name="${esc(s.name)}">${s.rows.map((r) => `<table:table-row>${r.map(cellXml).join('')}</table:table-row>`).join('')}</table:table>`);
  const names = Object.entries(params).map(([k, v]) =>
    `<table:named-expression table:name="${k}" table:base-cell-address="$'${esc(wb.sheets[0].name)}'.$A$1" table:expression="of:=${v}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:msoxl="http://schemas.microsoft.com/office/excel/formula" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>
${tables.join('\n')}
<table:named-expressions>${names.join('')}</table:named-expressions>
</office:spreadsheet></office:body></office:document>
`;
}

function plain(s: string): PlainValue {
  if (s === '') return null;
  if (s === 'TRUE') return true;
  if (s === 'FALSE') return false;
  const n = Number(s);
  return Number.isFinite(n) && /^-?[0-9.]+(E[-+]?[0-9]+)?$/i.test(s) ? n : s;
}

/** JSON with 2-space indent and each array of plain values (a row) on one line, for readable diffs. */
function format(v: unknown, indent: string): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const next = indent + '  ';
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return JSON.stringify(v);
    return `[\n${v.map((x) => next + format(x, next)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v);
  return `{\n${entries.map(([k, x]) => `${next}${JSON.stringify(k)}: ${format(x, next)}`).join(',\n')}\n${indent}}`;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'samples-lo-'));
  try {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.minerals.json') && !f.startsWith('broken')).sort();
    const jobs: { file: string; scenario: string; base: string; wb: Workbook }[] = [];
    files.forEach((file, i) => {
      const wb = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as Workbook;
      const scenarios = ['Baseline', ...Object.keys(wb.scenarios ?? {}).filter((s) => s !== 'Baseline')];
      scenarios.forEach((scenario, j) => {
        const base = `s${i}x${j}`;
        writeFileSync(join(dir, `${base}.fods`), toFods(wb, scenario));
        jobs.push({ file, scenario, base, wb });
      });
    });
    execFileSync('soffice', ['--headless', '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      ...jobs.map((j) => `${j.base}.fods`)], { cwd: dir, stdio: 'ignore', timeout: 300_000 });
    const out: Record<string, Record<string, ScenarioValues>> = {};
    const readCsv = (base: string, sheet: string): string[][] =>
      Papa.parse<string[]>(readFileSync(join(dir, `${base}-${sheet}.csv`), 'utf8').replace(/\r?\n$/, '')).data;
    for (const j of jobs) {
      const sheets: Record<string, PlainValue[][]> = {};
      for (const s of j.wb.sheets) sheets[s.name] = readCsv(j.base, s.name).map((r) => r.map(plain));
      const checks = readCsv(j.base, CHECKS_SHEET).map((r) => r[0] === 'TRUE');
      (out[j.file] ??= {})[j.scenario] = { sheets, checks };
    }
    writeFileSync(OUT, format(out, '') + '\n');
    process.stdout.write(`Wrote ${OUT}: ${jobs.length} sample scenarios.\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
