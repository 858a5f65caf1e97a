/**
 * One hostile cell must not stop the workbook (issue 9, "Smaller"): TEXT() with more than 100
 * decimals, deeply nested parentheses and REPT("x",6e8) each threw out of HyperFormula's build
 * (toFixed's limit, a stack overflow, V8's string limit), so nothing evaluated and the only
 * diagnostic was MW4006 at 1:1. Now each is an error at its cell and the rest evaluates, in
 * the engine and through the CLI. A column format with more than 100 decimals threw in the
 * webview's grid; it shows General and validation warns at the format (MW3008).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { HOSTILE_HEAP_MB } from '../fixtures/hostile-bounds';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate/index';
import { formatValue } from '../../webview/format/number-format';
import { CLI, buildCli } from '../fixtures/cli/built-cli';

const DECIMALS = `0.${'0'.repeat(150)}`;

/** MW4005 (an error value) is a warning, MW4007 (not evaluated) an error. */
interface Bomb { name: string; formula: string; code: string; message: RegExp }
const severity = (b: Bomb): string => (b.code === 'MW4005' ? 'warning' : 'error');

const BOMBS: Bomb[] = [
  { name: 'text-decimals', formula: `=TEXT(1.5,"${DECIMALS}")`, code: 'MW4005', message: /^S!B1 evaluates to #VALUE! \(TEXT: the format shows 150 decimal places, more than can be displayed \(100\)\)$/ },
  { name: 'parens-10k', formula: `=${'('.repeat(10_000)}1${')'.repeat(10_000)}`, code: 'MW4007', message: /^S!B1: the formula has 20,002 characters, more than Excel allows/ },
  { name: 'parens-4k', formula: `=${'('.repeat(4_000)}1${')'.repeat(4_000)}`, code: 'MW4007', message: /^S!B1: the formula nests 4,000 levels of parentheses, more than Excel allows \(64\); it is not evaluated/ },
  { name: 'functions-1k', formula: `=${'ABS('.repeat(1_000)}1${')'.repeat(1_000)}`, code: 'MW4007', message: /^S!B1: the formula nests 1,000 levels of parentheses/ },
  { name: 'rept-6e8', formula: '=LEN(REPT("x",6e8))', code: 'MW4005', message: /^S!B1 evaluates to #VALUE! \(Text is longer than 32,767 characters\)$/ },
  { name: 'rept-5e8', formula: '=LEN(REPT("x",5e8))', code: 'MW4005', message: /^S!B1 evaluates to #VALUE! \(Text is longer than 32,767 characters\)$/ },
];

const workbook = (formula: string): Workbook => ({
  format: 'minerals-workbook', version: 1, title: 'bomb',
  sheets: [{ name: 'S', rows: [[1, formula, '=A1+1', '=LEN(REPT("ab",16383))']] }],
});

function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--max-memory', String(HOSTILE_HEAP_MB)], { cwd, encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

describe('hostile: a cell that threw out of the engine is an error at that cell', function () {
  this.timeout(120_000);

  for (const b of BOMBS) {
    it(`${b.name}: ${b.code} at S!B1, the other cells evaluate, in bounded time`, () => {
      const text = JSON.stringify(workbook(b.formula));
      const t0 = performance.now();
      const { diagnostics } = validateWorkbookText(text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.pointer]), [[b.code, '/sheets/0/rows/0/1']], JSON.stringify(diagnostics).slice(0, 1000));
      assert.match(diagnostics[0]!.message, b.message);
      const engine = WorkbookEngine.create(workbook(b.formula));
      try {
        const [row] = engine.getSheetValues(0);
        assert.deepEqual([row![0], row![2], row![3]], [1, 2, 32766]);
        assert.equal((row![1] as { error: string }).error, '#VALUE!');
      } finally {
        engine.dispose();
      }
      assert.ok(performance.now() - t0 < 10_000, `${performance.now() - t0} ms`);
    });
  }

  it('REPT up to Excel\'s 32,767 characters still gives the text', () => {
    const engine = WorkbookEngine.create(workbook('=REPT("ab",3)&"|"&LEN(REPT("x",32767))'));
    try {
      assert.equal(engine.getValueAt(0, 0, 1), 'ababab|32767');
    } finally {
      engine.dispose();
    }
  });

  it('minerals validate and eval on each file: the diagnostic at the cell (exit 1 for an error), the rest evaluates', async () => {
    buildCli();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-bombs-'));
    try {
      for (const b of BOMBS) await fs.writeFile(path.join(dir, `${b.name}.minerals.json`), JSON.stringify(workbook(b.formula)));
      for (const b of BOMBS) {
        const file = `${b.name}.minerals.json`;
        const v = await runCli(['validate', file], dir);
        const exit = severity(b) === 'error' ? 1 : 0;
        assert.equal(v.code, exit, `${b.name}: ${v.stderr}`);
        assert.match(v.stdout.split('\n')[0]!, new RegExp(`^${b.name}\\.minerals\\.json:1:\\d+ - ${severity(b)} ${b.code}: ${b.message.source.replace(/^\^/, '')}`));
        const e = await runCli(['eval', file], dir);
        assert.equal(e.code, exit, `${b.name}: ${e.stderr}`);
        assert.deepEqual(JSON.parse(e.stdout).sheets.S, [[1, '#VALUE!', 2, 32766]]);
        assert.match(e.stderr, new RegExp(`${severity(b)} ${b.code}: `));
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile: a column format with more than 100 decimals', () => {
  const wb: Workbook = {
    format: 'minerals-workbook', version: 1, title: 'fmt',
    sheets: [{ name: 'S', columns: [{ format: DECIMALS }, { format: '0.00' }], formats: { B1: `#,##0.${'#'.repeat(101)}` }, rows: [[1.5, 2.25]] }],
  };

  it('the grid shows General instead of throwing', () => {
    assert.equal(formatValue(1.5, DECIMALS), '1.5');
    assert.equal(formatValue(1.5, `0.${'0'.repeat(100)}`), `1.5${'0'.repeat(99)}`);
  });

  it('validation warns at each such format (MW3008), and evaluation goes on', () => {
    const text = JSON.stringify(wb);
    const { diagnostics, workbook: ok } = validateWorkbookText(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.pointer]), [
      ['MW3008', 'warning', '/sheets/0/columns/0/format'],
      ['MW3008', 'warning', '/sheets/0/formats/B1'],
    ]);
    assert.match(diagnostics[0]!.message, /^sheet "S", column A: the format shows 150 decimal places, more than can be displayed \(100\); the cells show General$/);
    assert.match(diagnostics[1]!.message, /^sheet "S", cell B1: the format shows 101 decimal places/);
    assert.equal(text.slice(diagnostics[0]!.start, diagnostics[0]!.end), JSON.stringify(DECIMALS));
    assert.ok(ok);
  });
});
