import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fromCsv } from '../../src/core/csv/index';
import { FIXTURES, locate, runCli } from '../fixtures/cli/memory-io';
import { version } from '../../package.json';

// Figures of test/fixtures/cli/stockpile.minerals.json, computed from the model's definition.
const STOCK_DAYS = 90;
const PRICE = 50;
const BUDGET = 40000;
const stock = (imports: number, days = STOCK_DAYS) => (imports * days) / 365;

function close(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, 'number', `${what}: ${JSON.stringify(actual)} is not a number`);
  assert.ok(Math.abs((actual as number) - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

describe('cli: minerals (tool)', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['validate', 'eval', 'export', 'compare', 'goal-seek']) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
  });

  it('every command has --help (and `minerals help COMMAND`) with its usage line', async () => {
    const help = await runCli(['help', 'goal-seek']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: minerals goal-seek /);
    for (const c of ['validate', 'eval', 'export', 'compare', 'goal-seek']) {
      const r = await runCli([c, '--help']);
      assert.equal(r.code, 0, c);
      assert.match(r.stdout, new RegExp(`^Usage: minerals ${c} `), c);
      assert.equal(r.stderr, '');
    }
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    assert.deepEqual([r.code, r.stdout], [0, `${version}\n`]);
  });

  it('no command, an unknown command or an unknown option is bad usage (exit 2, stderr)', async () => {
    assert.equal((await runCli([])).code, 2);
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^minerals: unknown command "frobnicate"/);
    assert.equal(unknown.stdout, '');
    const badOption = await runCli(['eval', 'stockpile.minerals.json', '--colour']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--colour/);
    assert.match(badOption.stderr, /minerals eval --help/);
  });
});

describe('cli: minerals validate', () => {
  it('a workbook without errors: exit 0; a failing warning check is reported but does not fail', async () => {
    const r = await runCli(['validate', 'stockpile.minerals.json']);
    assert.equal(r.code, 0, r.stdout);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.match(line, /^stockpile\.minerals\.json:\d+:\d+ - warning MW5001: .*Less than 100 days/);
    assert.match(r.stderr, /1 file checked: 0 errors, \d+ warnings?\./);
  });

  it('a schema error: exit 1, tsc-style line at the offending value', async () => {
    const r = await runCli(['validate', 'bad-version.minerals.json']);
    assert.equal(r.code, 1);
    const at = await locate('bad-version.minerals.json', '7,');
    assert.match(r.stdout, new RegExp(`^bad-version\\.minerals\\.json:${at.line}:${at.column} - error MW2001: .+`, 'm'));
  });

  it('a JSON syntax error: exit 1 with MW1001 on the line of the missing comma or the next token', async () => {
    const r = await runCli(['validate', 'broken-json.minerals.json']);
    assert.equal(r.code, 1);
    const m = /^broken-json\.minerals\.json:(\d+):(\d+) - error MW1001: /m.exec(r.stdout);
    assert.ok(m, r.stdout);
    assert.ok([3, 4].includes(Number(m[1])), `line ${m[1]}`);
  });

  it('a failing check of severity error: exit 1, MW5001 on the check\'s line', async () => {
    const r = await runCli(['validate', 'over-budget.minerals.json']);
    assert.equal(r.code, 1);
    const at = await locate('over-budget.minerals.json', '"Within budget"');
    assert.match(r.stdout, new RegExp(`^over-budget\\.minerals\\.json:${at.line}:\\d+ - error MW5001: `, 'm'));
  });

  it('--format json: records with 1-based positions, the pointer, and every file', async () => {
    const r = await runCli(['validate', '--format', 'json', 'stockpile.minerals.json', 'bad-version.minerals.json']);
    assert.equal(r.code, 1);
    const records = JSON.parse(r.stdout) as Record<string, unknown>[];
    const bad = records.find((d) => d.code === 'MW2001');
    assert.ok(bad, r.stdout);
    const at = await locate('bad-version.minerals.json', '7,');
    assert.deepEqual(
      { file: bad.file, line: bad.line, column: bad.column, endLine: bad.endLine, endColumn: bad.endColumn, severity: bad.severity, pointer: bad.pointer },
      { file: 'bad-version.minerals.json', line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1, severity: 'error', pointer: '/version' },
    );
    assert.equal(typeof bad.message, 'string');
    assert.ok(records.every((d) => d.file !== 'stockpile.minerals.json' || d.severity !== 'error'));
  });

  it('an unreadable file: exit 2, "cannot read", the other files are still checked', async () => {
    const r = await runCli(['validate', 'missing.minerals.json', 'over-budget.minerals.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^minerals: cannot read missing\.minerals\.json: no such file$/m);
    assert.match(r.stdout, /MW5001/);
  });

  it('a directory is unreadable too; a wrong --format is bad usage', async () => {
    assert.equal((await runCli(['validate', '.'])).code, 2);
    const r = await runCli(['validate', '--format', 'xml', 'stockpile.minerals.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of text, json/);
  });
});

describe('cli: minerals eval', () => {
  it('json: scenario, every sheet\'s values, checks; exit 0', async () => {
    const r = await runCli(['eval', 'stockpile.minerals.json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.scenario, 'Baseline');
    assert.deepEqual(Object.keys(out.sheets), ['Stockpile', 'Summary table']);
    const s = out.sheets.Stockpile;
    assert.deepEqual(s[0].slice(0, 2), ['Neodymium', 1200]);
    close(s[0][2], stock(1200), 'Stockpile!C1');
    close(s[1][3], stock(80) * PRICE, 'Stockpile!D2');
    assert.deepEqual(s[2], ['=note', -5, '-literal', true]);
    close(out.sheets['Summary table'][1][1], stock(1280) * PRICE, 'total cost');
    assert.deepEqual(out.checks.map((c: { name: string; passed: boolean }) => [c.name, c.passed]), [['Within budget', true], ['Covers 100 days', false]]);
    // The failing check is a warning: reported on stderr, exit 0.
    assert.match(r.stderr, /stockpile\.minerals\.json:\d+:\d+ - warning MW5001/);
  });

  it('--scenario: the scenario\'s overrides apply', async () => {
    const r = await runCli(['eval', 'stockpile.minerals.json', '--scenario', 'Long stockpile']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.scenario, 'Long stockpile');
    close(out.sheets['Summary table'][1][1], stock(1280, 180) * PRICE, 'total cost');
    assert.deepEqual(out.checks.map((c: { passed: boolean }) => c.passed), [true, true]);
  });

  it('a failing check of severity error: exit 1, the outcome on stdout, a diagnostic on stderr', async () => {
    const r = await runCli(['eval', 'over-budget.minerals.json']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.checks, [{ name: 'Within budget', passed: false, severity: 'error', value: false, message: 'Cost exceeds the budget.' }]);
    assert.match(r.stderr, /over-budget\.minerals\.json:\d+:\d+ - error MW5001/);
  });

  it('--sheet limits the output; unknown sheet or scenario is exit 2 naming the known ones', async () => {
    const one = await runCli(['eval', 'stockpile.minerals.json', '--sheet', 'Summary table']);
    assert.equal(one.code, 0);
    assert.deepEqual(Object.keys(JSON.parse(one.stdout).sheets), ['Summary table']);
    const sheet = await runCli(['eval', 'stockpile.minerals.json', '--sheet', 'Nope']);
    assert.equal(sheet.code, 2);
    assert.match(sheet.stderr, /unknown sheet "Nope"; the workbook has "Stockpile", "Summary table"/);
    const scenario = await runCli(['eval', 'stockpile.minerals.json', '--scenario', 'Nope']);
    assert.equal(scenario.code, 2);
    assert.match(scenario.stderr, /unknown scenario "Nope"; the workbook has "Baseline", "Long stockpile", "Cheap magnets"/);
    assert.equal(scenario.stdout, '');
  });

  it('error values are strings such as "#DIV/0!"', async () => {
    const r = await runCli(['eval', 'errors.minerals.json']);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.sheets.Ratios, [[10, 0, '#DIV/0!', '#DIV/0!']]);
  });

  it('a workbook that cannot be evaluated: exit 1, diagnostics on stderr, nothing on stdout', async () => {
    const r = await runCli(['eval', 'bad-version.minerals.json']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /bad-version\.minerals\.json:\d+:\d+ - error MW2001/);
  });

  it('--format text: a table per sheet and the checks', async () => {
    const r = await runCli(['eval', 'stockpile.minerals.json', '--format', 'text']);
    assert.match(r.stdout, /^Scenario: Baseline$/m);
    assert.match(r.stdout, /^Sheet: Summary table$/m);
    assert.match(r.stdout, /^1 +Neodymium +1200 /m);
    assert.match(r.stdout, /^ {2}PASS +Within budget$/m);
    assert.match(r.stdout, /^ {2}WARNING +Covers 100 days - Less than 100 days of imports in stock\.$/m);
  });
});

describe('cli: minerals export', () => {
  it('writes RFC 4180 CSV of values with headers, injection-safe, numbers as numbers', async () => {
    const r = await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Stockpile']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\r\n');
    assert.equal(lines[0], 'Mineral,Imports (t/yr),Stock (t),Cost (USD thousand)');
    assert.equal(lines[3], "'=note,-5,'-literal,TRUE");
    assert.equal(lines[4], '');
    assert.equal(lines.length, 5);
    const { rows } = fromCsv(r.stdout);
    close(rows[1][2], stock(1200), 'C1');
  });

  it('--scenario with cell overrides, --formulas as written, --delimiter, --no-header', async () => {
    const values = await runCli(['export', 'stockpile.minerals.json', '--sheet', 'stockpile', '--scenario', 'Cheap magnets', '--no-header']);
    const rows = fromCsv(values.stdout).rows;
    assert.equal(rows[1][1], 100);
    close(rows[1][3], stock(100) * 20, 'D2 under Cheap magnets');
    const formulas = await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Stockpile', '--formulas', '--scenario', 'Cheap magnets', '--delimiter', ';']);
    assert.equal(formulas.code, 0);
    assert.deepEqual(formulas.stdout.split('\r\n').slice(1, 3), [
      "Neodymium;1200;'=B1*StockpileDays/365;'=C1*Price",
      "Dysprosium;100;'=B2*StockpileDays/365;'=C2*Price",
    ]);
  });

  it('--bom starts the output with a UTF-8 byte-order mark (for Excel), nothing else changes', async () => {
    const plain = await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Stockpile']);
    const bom = await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Stockpile', '--bom']);
    assert.equal(bom.stdout, '\uFEFF' + plain.stdout);
  });

  it('-o writes the file (relative to the working directory) and nothing to stdout', async () => {
    const r = await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Summary table', '-o', 'out/summary.csv']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    const csv = r.written.get(path.join(FIXTURES, 'out', 'summary.csv'));
    assert.ok(csv?.startsWith('Total stock (t),'), csv);
  });

  it('missing --sheet or an unknown sheet: exit 2', async () => {
    const missing = await runCli(['export', 'stockpile.minerals.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing --sheet/);
    assert.equal((await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Nope'])).code, 2);
    assert.equal((await runCli(['export', 'stockpile.minerals.json', '--sheet', 'Stockpile', '--delimiter', '|'])).code, 2);
  });
});

describe('cli: minerals compare', () => {
  it('json: every scenario with parameters and the default cells (formula cells of the last sheet)', async () => {
    const r = await runCli(['compare', 'stockpile.minerals.json', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.cells, ["'Summary table'!B1", "'Summary table'!B2"]);
    assert.deepEqual(out.scenarios.map((s: { name: string }) => s.name), ['Baseline', 'Long stockpile', 'Cheap magnets']);
    const [base, long, cheap] = out.scenarios;
    assert.deepEqual(long.parameters, { StockpileDays: 180, Price: PRICE, Budget: BUDGET });
    close(base.cells["'Summary table'!B2"], stock(1280) * PRICE, 'base cost');
    close(long.cells["'Summary table'!B2"], stock(1280, 180) * PRICE, 'long cost');
    close(cheap.cells["'Summary table'!B1"], stock(1300), 'cheap stock');
    assert.deepEqual([base.checks[1].passed, long.checks[1].passed], [false, true]);
  });

  it('--cells with --format csv: one row per parameter, cell and check, one column per scenario', async () => {
    const r = await runCli(['compare', 'stockpile.minerals.json', '--cells', 'Stockpile!C1', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const { rows } = fromCsv(r.stdout);
    assert.deepEqual(rows[0], [null, 'Baseline', 'Long stockpile', 'Cheap magnets']);
    assert.deepEqual(rows[1], ['StockpileDays', 90, 180, 90]);
    assert.equal(rows[4][0], 'Stockpile!C1');
    close(rows[4][2], stock(1200, 180), 'C1 long');
    assert.deepEqual(rows[5], ['check: Within budget', true, true, true]);
    assert.deepEqual(rows[6], ['check: Covers 100 days', false, true, false]);
  });

  it('--format text: a row per parameter (with its unit) and result cell (with its row label)', async () => {
    const r = await runCli(['compare', 'stockpile.minerals.json', '--cells', "Stockpile!C1,'summary TABLE'!$B$2"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^ +Baseline {2,}Long stockpile {2,}Cheap magnets$/);
    assert.match(lines[1], /^StockpileDays +days of imports +90 +180 +90$/);
    assert.match(r.stdout, /^Stockpile!C1 +Neodymium +\d/m);
    assert.match(r.stdout, /^'Summary table'!B2 +Total cost +\d/m);
    assert.match(r.stdout, /^check: Covers 100 days +FALSE +TRUE +FALSE$/m);
  });

  it('an unknown sheet or a malformed reference in --cells: exit 2', async () => {
    assert.equal((await runCli(['compare', 'stockpile.minerals.json', '--cells', 'Nope!A1'])).code, 2);
    const r = await runCli(['compare', 'stockpile.minerals.json', '--cells', 'B5']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"B5" is not a cell reference/);
    const far = await runCli(['compare', 'stockpile.minerals.json', '--cells', 'Stockpile!XFE1']);
    assert.equal(far.code, 2);
    assert.match(far.stderr, /outside a sheet/);
  });
});

describe('cli: minerals goal-seek', () => {
  it('finds the parameter value that reaches the target', async () => {
    const r = await runCli(['goal-seek', 'stockpile.minerals.json', '--set', "'Summary table'!B2", '--to', '20000', '--by', 'StockpileDays']);
    assert.equal(r.code, 0, r.stderr);
    const m = /^StockpileDays = (\S+)$/m.exec(r.stdout);
    assert.ok(m, r.stdout);
    const expected = (20000 * 365) / (1280 * PRICE);
    assert.ok(Math.abs(Number(m[1]) - expected) < 1e-4, `${m[1]} vs ${expected}`);
    assert.match(r.stdout, /after \d+ iterations?/);
  });

  it('no value within the parameter\'s bounds reaches the target: exit 1 with the reason', async () => {
    const r = await runCli(['goal-seek', 'stockpile.minerals.json', '--set', "'Summary table'!B2", '--to', '-5', '--by', 'StockpileDays']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^minerals: goal seek failed: .+/m);
    assert.doesNotMatch(r.stdout, /StockpileDays =/);
  });

  it('bad --to, unknown parameter or missing --set: exit 2', async () => {
    const base = ['goal-seek', 'stockpile.minerals.json', '--set', 'Stockpile!C1'];
    const notNumber = await runCli([...base, '--to', 'lots', '--by', 'Price']);
    assert.equal(notNumber.code, 2);
    assert.match(notNumber.stderr, /--to must be a number/);
    const param = await runCli([...base, '--to', '5', '--by', 'Nope']);
    assert.equal(param.code, 2);
    assert.match(param.stderr, /unknown parameter "Nope"; the workbook has StockpileDays, Price, Budget/);
    assert.equal((await runCli(['goal-seek', 'stockpile.minerals.json', '--to', '5', '--by', 'Price'])).code, 2);
  });
});
