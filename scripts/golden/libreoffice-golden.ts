/**
 * Computes golden values for test/fixtures/engine/golden-cases.json with LibreOffice Calc,
 * an engine independent of HyperFormula, and writes golden-libreoffice.json next to it.
 * Run by hand when the cases change (CI does not have LibreOffice):
 *   apt-get install -y libreoffice-calc-nogui
 *   node --import tsx scripts/golden/libreoffice-golden.ts
 * The cases become one CSV (data in A:D, one formula per row in column F) that LibreOffice
 * imports with formula evaluation on and converts back to CSV with full-precision values.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Golden = number | string | null | { error: string };
interface Cases { data: (number | string | null)[][]; cases: string[] }

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'engine');
const FORMULA_COL = 5; // column F

/** A CSV field, always quoted so commas inside formulas survive. */
const field = (v: number | string | null): string => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

/** Splits LibreOffice's CSV output; a quoted field is text, an unquoted one a number or error. */
function parseCsvLine(line: string): Golden[] {
  const out: Golden[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (; i < line.length; i++) {
        if (line[i] === '"') { if (line[i + 1] === '"') { s += '"'; i++; } else { i++; break; } } else s += line[i];
      }
      // LibreOffice quotes error values too.
      out.push(/^(#[A-Z/0]+[!?A]|#N\/A|Err:\d+)$/.test(s) ? { error: s } : s);
      i++; // comma
    } else {
      const end = line.indexOf(',', i) < 0 ? line.length : line.indexOf(',', i);
      const raw = line.slice(i, end);
      if (raw === '') out.push(null);
      else if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) out.push(Number(raw));
      else out.push({ error: raw }); // #DIV/0!, Err:502, ...
      i = end + 1;
    }
  }
  return out;
}

function main(): void {
  const spec = JSON.parse(readFileSync(join(FIXTURES, 'golden-cases.json'), 'utf8')) as Cases;
  const rows = Math.max(spec.data.length, spec.cases.length);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: (number | string | null)[] = [...(spec.data[r] ?? [null, null, null, null]), null];
    cells[FORMULA_COL] = spec.cases[r] ?? null;
    lines.push(cells.map(field).join(','));
  }
  const dir = mkdtempSync(join(tmpdir(), 'mw-golden-'));
  try {
    writeFileSync(join(dir, 'cases.csv'), lines.join('\n') + '\n');
    // CSV filter tokens: separator 44 (,), quote 34 ("), UTF-8 (76), from line 1, en-US (1033),
    // quoted fields as text on export, ..., token 13 = evaluate formulas on import.
    execFileSync('soffice', [
      `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless',
      '--infilter=CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,false,false,false,-1',
      '--outdir', join(dir, 'out'), join(dir, 'cases.csv'),
    ], { stdio: 'pipe', timeout: 120_000 });
    const outFile = readdirSync(join(dir, 'out')).find((f) => f.endsWith('.csv'));
    if (!outFile) throw new Error('LibreOffice produced no CSV');
    const out = readFileSync(join(dir, 'out', outFile), 'utf8').split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
    const version = execFileSync('soffice', ['--version'], { encoding: 'utf8' }).trim();
    const cases = spec.cases.map((formula, r) => ({ formula, expected: parseCsvLine(out[r] ?? '')[FORMULA_COL] ?? null }));
    const golden = { generator: version, note: 'Booleans come back from LibreOffice as 1/0.', data: spec.data, cases };
    // One case per line keeps the fixture diffable.
    const text = JSON.stringify({ ...golden, cases: [] }, null, 1).replace('"cases": []',
      `"cases": [\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n ]`);
    writeFileSync(join(FIXTURES, 'golden-libreoffice.json'), text + '\n');
    console.log(`wrote ${cases.length} golden values (${version})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
