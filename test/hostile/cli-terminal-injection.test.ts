import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../fixtures/cli/memory-io';
import { terminalJson, terminalText } from '../../src/cli/terminal';

// Names and messages that would drive a terminal or a GitHub Actions runner if printed raw.
const SHEET = 'Data\u001bc'; // ESC c: full terminal reset
const SCENARIOS = ['::error::pwned', '\u001b[2Jclear', 'two\n::add-mask::secret', '\u009b31m\u202eevil', '  ::stop-commands::tok'];
const HOSTILE = {
  format: 'minerals-workbook',
  version: 1,
  title: '::error::title\u001b[2J',
  parameters: { P: { value: 1 } },
  scenarios: Object.fromEntries(SCENARIOS.map((name, i) => [name, { set: { P: i + 2 } }])),
  sheets: [{
    name: SHEET,
    rows: [
      ['::error::cell', '=P*2', '\u001b]0;title\u0007', 'x\r::warning::cr'],
      ['\u2028::notice::ls', '=1/0', '\u001b[31mred', 1],
    ],
  }],
  checks: [
    { name: '::error::check', assert: '=FALSE', severity: 'error', message: '\n::add-mask::x\u001b[2J' },
    { name: '\u001b[31mred check', assert: '=P>100', severity: 'warning', message: '::notice::m\u0085' },
  ],
};

// eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function assertSafe(what: string, r: CliRun): void {
  for (const [stream, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const raw = RAW.exec(text);
    assert.equal(raw, null, `${what} ${stream}: raw U+${raw?.[0].charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`);
    const command = /^[ \t]*::.*$/m.exec(text);
    assert.equal(command, null, `${what} ${stream}: a line starts with "::": ${JSON.stringify(command?.[0])}`);
  }
}

describe('hostile: workbook text printed by the CLI (terminal escapes, CI workflow commands)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-cli-inj-'));
    writeFileSync(join(dir, 'h.minerals.json'), JSON.stringify(HOSTILE, null, 2));
    // Invalid, so that validate and eval print diagnostics quoting the hostile names.
    const bad = { ...HOSTILE, scenarios: { ...HOSTILE.scenarios, '::warning::bad\u0007': { set: { Nope: 1 } } } };
    writeFileSync(join(dir, 'bad.minerals.json'), JSON.stringify(bad, null, 2));
    // A second version for diff: a changed hostile text cell, a new hostile sheet, a moved parameter.
    const [first, second] = HOSTILE.sheets[0].rows;
    const changed = { ...HOSTILE, parameters: { P: { value: 5 } }, sheets: [
      { name: SHEET, rows: [['::error::changed\u001b[2J', ...first.slice(1)], second] },
      { name: 'new\u001bc\u202e', rows: [['\n::error::x']] },
    ] };
    writeFileSync(join(dir, 'h2.minerals.json'), JSON.stringify(changed, null, 2));
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });
  const cli = (argv: string[]) => runCli(argv, dir);
  const ref = `'${SHEET}'!B1`;

  // [title, argv, whether stdout has results]
  const runs: [string, string[], boolean][] = [
    ['validate', ['validate', 'h.minerals.json', 'bad.minerals.json'], true],
    ['validate json', ['validate', 'h.minerals.json', 'bad.minerals.json', '--format', 'json'], true],
    ['eval invalid workbook', ['eval', 'bad.minerals.json', '--format', 'text'], false],
    ['eval text', ['eval', 'h.minerals.json', '--format', 'text'], true],
    ['eval json', ['eval', 'h.minerals.json'], true],
    ...SCENARIOS.map((s): [string, string[], boolean] => [`eval text --scenario ${JSON.stringify(s)}`, ['eval', 'h.minerals.json', '--format', 'text', '--scenario', s], true]),
    ['eval --sheet', ['eval', 'h.minerals.json', '--format', 'text', '--sheet', SHEET], true],
    ['eval unknown scenario', ['eval', 'h.minerals.json', '--scenario', '::error::nope'], false],
    ['eval unknown sheet', ['eval', 'h.minerals.json', '--sheet', '::error::nope\u001b[2J'], false],
    ['compare text', ['compare', 'h.minerals.json', '--cells', ref], true],
    ['compare json', ['compare', 'h.minerals.json', '--cells', ref, '--format', 'json'], true],
    ['goal-seek text', ['goal-seek', 'h.minerals.json', '--set', ref, '--to', '10', '--by', 'P', '--scenario', SCENARIOS[0]], true],
    ['goal-seek json', ['goal-seek', 'h.minerals.json', '--set', ref, '--to', '10', '--by', 'P', '--format', 'json'], true],
    ['goal-seek failing', ['goal-seek', 'h.minerals.json', '--set', ref, '--to', '-1e300', '--by', 'P'], false],
    ['export', ['export', 'h.minerals.json', '--sheet', SHEET, '-o', 'out.csv'], false],
    ['diff text', ['diff', 'h.minerals.json', 'h2.minerals.json'], true],
    ['diff markdown', ['diff', 'h.minerals.json', 'h2.minerals.json', '--format', 'markdown'], true],
    ['diff json', ['diff', 'h.minerals.json', 'h2.minerals.json', '--format', 'json'], true],
  ];
  for (const [what, argv, results] of runs) {
    it(`${what}: no raw control character, no line starting with "::"`, async () => {
      const r = await cli(argv);
      assert.ok(results ? r.stdout.length > 0 : r.stderr.length > 0, `${what} printed nothing: ${r.stderr}`);
      assertSafe(what, r);
    });
  }

  it('export CSV to stdout: no raw control character, no line starting with "::"; a note says -o writes the exact text', async () => {
    for (const argv of [['export', 'h.minerals.json', '--sheet', SHEET], ['export', 'h.minerals.json', '--sheet', SHEET, '--formulas']]) {
      const r = await cli(argv);
      assert.equal(r.code, 1, r.stderr); // the failing check of severity error
      // CSV rows end in CRLF (RFC 4180): the CR of a row end is the format's, not the workbook's.
      assert.ok(r.stdout.endsWith('\r\n'));
      assertSafe(argv.join(' '), { ...r, stdout: r.stdout.replace(/\r\n/g, '\n') });
      const lines = r.stdout.split('\r\n');
      assert.equal(lines[0], '\\x3a:error::cell,' + (argv.includes('--formulas') ? "'=P*2" : '2') + ',\\x1b]0;title\\x07,x\\x0d::warning::cr');
      assert.match(r.stderr, /^h\.minerals\.json: note: 5 cells were escaped for the terminal \(control characters shown as \\xNN, a line starting with :: as \\x3a:\); write the exact text with -o FILE$/m);
    }
  });

  it('export CSV to a file keeps the exact text (only formula signs are neutralized)', async () => {
    const r = await cli(['export', 'h.minerals.json', '--sheet', SHEET, '-o', 'exact.csv']);
    assert.doesNotMatch(r.stderr, /escaped for the terminal/);
    const csv = r.written.get(join(dir, 'exact.csv')) ?? '';
    assert.ok(csv.includes('::error::cell,2,\u001b]0;title\u0007,"x\r::warning::cr"'), JSON.stringify(csv));
  });

  it('text output still shows the hostile text, escaped', async () => {
    const r = await cli(['eval', 'h.minerals.json', '--format', 'text', '--scenario', SCENARIOS[1]]);
    assert.match(r.stdout, /Scenario: \\x1b\[2Jclear/);
    assert.match(r.stdout, /FAIL +::error::check - \n\\x3a:add-mask::x\\x1b\[2J/);
  });

  it('JSON output parses back to the exact workbook text', async () => {
    const r = await cli(['eval', 'h.minerals.json']);
    const json = JSON.parse(r.stdout) as { sheets: Record<string, unknown[][]>; checks: { name: string; message?: string }[] };
    assert.deepEqual(Object.keys(json.sheets), [SHEET]);
    assert.equal(json.sheets[SHEET][1][0], '\u2028::notice::ls');
    assert.deepEqual(json.checks.map((c) => c.name), HOSTILE.checks.map((c) => c.name));
    assert.equal(json.checks[1].message, '::notice::m\u0085');
  });
});

describe('cli terminal text', () => {
  it('escapes controls, line separators and bidi controls; keeps LF and ordinary text', () => {
    assert.equal(terminalText('a\u001b[2Jb\u0007\r\n\u009b\u2028\u202e\u2066 ok é 中'), 'a\\x1b[2Jb\\x07\\x0d\n\\x9b\\u2028\\u202e\\u2066 ok é 中');
    assert.equal(terminalText('no change: a::b'), 'no change: a::b');
  });

  it('escapes the first colon of every line that starts (after blanks) with "::"', () => {
    assert.equal(terminalText('::error::x\n  ::add-mask::y\nok ::z\n:single'), '\\x3a:error::x\n  \\x3a:add-mask::y\nok ::z\n:single');
    assert.equal(terminalText('a\n\t::x'), 'a\n\\x09::x');
  });

  it('terminalJson keeps the JSON value and leaves no raw C1, separator or bidi character', () => {
    const value = { s: '\u0085\u2028\u202e\u001b' };
    const json = terminalJson(JSON.stringify(value));
    assert.doesNotMatch(json, RAW);
    assert.deepEqual(JSON.parse(json), value);
  });
});
