import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FIXTURES, runCli } from '../fixtures/cli/memory-io';
import { DIAGNOSTIC_CODES } from '../../src/core/model/diagnostic';

/*
 * The SARIF schema is draft-04; ajv 8 (the project's ajv) implements draft-06 and later, and
 * ajv-draft-04 is not installed (nothing can be installed offline). Between draft-04 and
 * draft-07 only `id` (now `$id`), boolean `exclusiveMinimum`/`exclusiveMaximum` and the
 * meta-schema changed. The schema is read under draft-07 after renaming its `id`s, and the
 * test first proves it uses no keyword outside the set whose meaning is the same in both.
 * ajv-formats is not installed either: `uri`, `uri-reference` and `date-time` are checked
 * with WHATWG URL parsing and RFC 3339's grammar.
 */
const SAME_IN_DRAFT_04_AND_07 = new Set([
  '$schema', 'id', 'title', 'description', 'type', 'properties', 'additionalProperties', 'items', 'required',
  '$ref', 'enum', 'default', 'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'pattern',
  'format', 'oneOf', 'anyOf', 'allOf', 'not', 'definitions', 'patternProperties', 'dependencies', 'multipleOf',
]);
// Objects whose keys are names (of properties, definitions), not keywords.
const NAME_MAPS = new Set(['properties', 'definitions', 'patternProperties', 'dependencies']);

function keywords(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) { for (const s of schema) keywords(s, out); return out; }
  if (schema === null || typeof schema !== 'object') return out;
  for (const [k, v] of Object.entries(schema)) {
    out.add(k);
    if (NAME_MAPS.has(k)) for (const sub of Object.values(v as object)) keywords(sub, out);
    else if (k === 'items' || k === 'additionalProperties' || k === 'oneOf' || k === 'anyOf' || k === 'allOf' || k === 'not') keywords(v, out);
  }
  return out;
}

function toDraft07(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft07);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$schema') continue;
    if (k === 'id' && typeof v === 'string') out.$id = v;
    else out[k] = NAME_MAPS.has(k)
      ? Object.fromEntries(Object.entries(v as object).map(([n, s]) => [n, toDraft07(s)]))
      : toDraft07(v);
  }
  return out;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

let validator: ValidateFunction | undefined;
async function sarifValidator(): Promise<ValidateFunction> {
  if (validator) return validator;
  const schema = JSON.parse(await fs.readFile(path.join(FIXTURES, '..', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const used = [...keywords(schema)].filter((k) => !SAME_IN_DRAFT_04_AND_07.has(k));
  assert.deepEqual(used, [], 'keywords whose meaning changed after draft-04');
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', { validate: (s: string) => URL.canParse(s) });
  ajv.addFormat('uri-reference', { validate: (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s) });
  ajv.addFormat('date-time', { validate: (s: string) => RFC3339.test(s) });
  validator = ajv.compile(toDraft07(schema) as object);
  return validator;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  properties: { pointer: string; scenario?: string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; help: { text: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    results: SarifResult[];
  }[];
}

const FILES = ['stockpile.minerals.json', 'errors.minerals.json', 'over-budget.minerals.json', 'bad-version.minerals.json', 'broken-json.minerals.json'];

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-reports-'));
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('cli: minerals validate --format sarif', () => {
  it('is valid SARIF 2.1.0 by the official schema, and the validator does reject a broken log', async () => {
    const validate = await sarifValidator();
    const r = await runCli(['validate', ...FILES, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.ok(log.runs[0]!.results.length > 5, 'the fixtures have problems to report');

    const broken = JSON.parse(r.stdout) as SarifLog;
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    assert.equal(validate(broken), false, 'a 0-based line is refused');
    const noVersion = JSON.parse(r.stdout) as Partial<SarifLog>;
    delete noVersion.version;
    assert.equal(validate(noVersion), false, 'a log without its version is refused');
  });

  it('one run; a rule for exactly the codes used, with their description and help; ruleIndex points at its rule', async () => {
    const r = await runCli(['validate', ...FILES, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0]!.tool;
    assert.equal(driver.name, 'minerals');
    const used = [...new Set(log.runs[0]!.results.map((x) => x.ruleId))].sort();
    assert.deepEqual(driver.rules.map((x) => x.id), used);
    for (const rule of driver.rules) {
      assert.equal(rule.shortDescription.text, DIAGNOSTIC_CODES[rule.id as keyof typeof DIAGNOSTIC_CODES]);
      assert.ok(rule.help.text.length > 20, `${rule.id} has help`);
    }
    for (const res of log.runs[0]!.results) assert.equal(driver.rules[res.ruleIndex]!.id, res.ruleId);
    for (const code of ['MW1001', 'MW2001', 'MW4005', 'MW5001']) assert.ok(used.includes(code), `${code} among ${used.join(' ')}`);
  });

  it('every result sits at the region --format json gives, 1-based, with the level and message', async () => {
    const sarif = JSON.parse((await runCli(['validate', ...FILES, '--format', 'sarif'])).stdout) as SarifLog;
    const json = JSON.parse((await runCli(['validate', ...FILES, '--format', 'json'])).stdout) as {
      file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string;
    }[];
    const results = sarif.runs[0]!.results;
    assert.equal(results.length, json.length);
    const level = { error: 'error', warning: 'warning', info: 'note' } as Record<string, string>;
    json.forEach((rec, i) => {
      const res = results[i]!;
      const loc = res.locations[0]!.physicalLocation;
      assert.deepEqual(
        [loc.artifactLocation.uri, loc.region.startLine, loc.region.startColumn, loc.region.endLine, loc.region.endColumn, res.ruleId, res.level, res.message.text],
        [rec.file, rec.line, rec.column, rec.endLine, rec.endColumn, rec.code, level[rec.severity], rec.message],
      );
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    });
  });

  it('names the place: sheet!cell for a cell, the check, the parameter; the scenario as a property', async () => {
    const dir = await tempDir({
      'm.minerals.json': JSON.stringify({
        format: 'minerals-workbook', version: 1,
        parameters: { Rate: { value: 5, min: 0, max: 10 } },
        scenarios: { High: { set: { Rate: 50 } } },
        sheets: [{ name: 'My sheet', rows: [[1, 0, '=A1/B1']] }],
        checks: [{ name: 'Rate is low', assert: '=Rate<8', severity: 'error' }],
      }, null, 2),
    });
    const log = JSON.parse((await runCli(['validate', 'm.minerals.json', '--format', 'sarif'], dir)).stdout) as SarifLog;
    const byCode = (code: string) => log.runs[0]!.results.filter((x) => x.ruleId === code);
    assert.deepEqual(byCode('MW4005')[0]!.locations[0]!.logicalLocations, [{ name: 'C1', fullyQualifiedName: "'My sheet'!C1", kind: 'cell' }]);
    const check = byCode('MW5001');
    assert.equal(check.length, 1, JSON.stringify(log.runs[0]!.results));
    assert.deepEqual(check[0]!.locations[0]!.logicalLocations, [{ name: 'Rate is low', fullyQualifiedName: 'Rate is low', kind: 'check' }]);
    assert.equal(check[0]!.properties.scenario, 'High');
    const bounds = byCode('MW3004');
    assert.equal(bounds.length, 1);
    assert.deepEqual(bounds[0]!.locations[0]!.logicalLocations, [{ name: 'Rate', fullyQualifiedName: 'Rate', kind: 'parameter' }]);
  });

  it('artifact URIs are relative to the working directory, percent-encoded, with %SRCROOT% resolving to it', async () => {
    const dir = await tempDir({ 'models/a b#1.minerals.json': await fs.readFile(path.join(FIXTURES, 'errors.minerals.json'), 'utf8') });
    const r = await runCli(['validate', path.join(dir, 'models', 'a b#1.minerals.json'), '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as SarifLog & { runs: { originalUriBaseIds: Record<string, { uri: string }> }[] };
    const art = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    assert.deepEqual(art, { uri: 'models/a%20b%231.minerals.json', uriBaseId: '%SRCROOT%' });
    const base = log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri;
    assert.equal(decodeURIComponent(new URL(art.uri, base).pathname), path.join(dir, 'models', 'a b#1.minerals.json'));
  });

  it('exit status as for text: 0 warnings only, 1 errors, 2 an unreadable file (named in the run\'s notifications)', async () => {
    assert.equal((await runCli(['validate', 'stockpile.minerals.json', '--format', 'sarif'])).code, 0);
    assert.equal((await runCli(['validate', 'over-budget.minerals.json', '--format', 'sarif'])).code, 1);
    const r = await runCli(['validate', 'stockpile.minerals.json', 'missing.minerals.json', '--format', 'sarif']);
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.ok((await sarifValidator())(log));
    const inv = log.runs[0]!.invocations[0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0]!.message.text, /missing\.minerals\.json/);
    assert.ok(log.runs[0]!.results.length > 0, 'the readable file is still reported');
  });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
interface JCase { name: string; classname: string; file: string; line?: string; failure?: { message: string; type: string; '#text': string }; skipped?: { message: string }; 'system-out'?: string }
interface JSuite { name: string; tests: string; failures: string; errors: string; skipped: string; testcase: JCase[] }

function parseJunit(text: string): { testsuites: { tests: string; failures: string; testsuite: JSuite[] } } {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, JSON.stringify(valid));
  return xml.parse(text) as { testsuites: { tests: string; failures: string; testsuite: JSuite[] } };
}

describe('cli: minerals validate --format junit', () => {
  it('well-formed XML; one testsuite per file; counts add up', async () => {
    const r = await runCli(['validate', ...FILES, '--format', 'junit']);
    assert.equal(r.code, 1);
    const doc = parseJunit(r.stdout);
    const suites = doc.testsuites.testsuite;
    assert.deepEqual(suites.map((s) => s.name), FILES);
    for (const s of suites) {
      assert.equal(Number(s.tests), s.testcase.length, s.name);
      assert.equal(Number(s.failures), s.testcase.filter((c) => c.failure !== undefined).length, s.name);
      assert.equal(Number(s.skipped), s.testcase.filter((c) => c.skipped !== undefined).length, s.name);
    }
    assert.equal(Number(doc.testsuites.tests), suites.reduce((n, s) => n + s.testcase.length, 0));
  });

  it('each check under each scenario is a test case; an error check failing under one scenario fails only there, with its message and assertion', async () => {
    const dir = await tempDir({
      'm.minerals.json': JSON.stringify({
        format: 'minerals-workbook', version: 1, title: 'scenarios',
        parameters: { Rate: { value: 5 } },
        scenarios: { High: { set: { Rate: 50 } }, Low: { set: { Rate: 1 } } },
        sheets: [{ name: 'S', rows: [['=Rate*2']] }],
        checks: [
          { name: 'Small', assert: '=S!A1<20', severity: 'error', message: 'A1 is too big.' },
          { name: 'Positive', assert: '=S!A1>0', severity: 'error' },
          { name: 'Soft', assert: '=S!A1<5', severity: 'warning', message: 'Rather big.' },
        ],
      }, null, 2),
    });
    const r = await runCli(['validate', 'm.minerals.json', '--format', 'junit'], dir);
    assert.equal(r.code, 1);
    const cases = parseJunit(r.stdout).testsuites.testsuite[0]!.testcase;
    const checkCases = cases.filter((c) => c.name.startsWith('check '));
    assert.deepEqual(checkCases.map((c) => c.name), ['Small', 'Positive', 'Soft'].flatMap((n) =>
      ['Baseline', 'High', 'Low'].map((s) => `check "${n}" (scenario "${s}")`)));
    const failed = checkCases.filter((c) => c.failure !== undefined);
    assert.deepEqual(failed.map((c) => c.name), ['check "Small" (scenario "High")']);
    assert.match(failed[0]!.failure!.message, /A1 is too big/);
    assert.equal(failed[0]!.failure!.type, 'MW5001');
    assert.match(failed[0]!.failure!['#text'], /^m\.minerals\.json:\d+:\d+ - error MW5001: /);
    assert.match(failed[0]!.failure!['#text'], /assert: =S!A1<20/);
    // The values the assertion read, under the scenario it failed in: Rate 50 there, A1 = 50*2.
    assert.match(failed[0]!.failure!['#text'], /^values: S!A1 = 100$/m);
    // A failing warning check does not fail the build (exit status) nor the test case; it is shown.
    const soft = checkCases.filter((c) => c.name.startsWith('check "Soft"'));
    assert.deepEqual(soft.map((c) => c['system-out'] !== undefined), [true, true, false]);
    assert.match(soft[0]!['system-out']!, /values: S!A1 = 10$/);
    assert.ok(soft.every((c) => c.failure === undefined));
    assert.ok(checkCases.every((c) => c.file === 'm.minerals.json' && Number(c.line) > 1));
  });

  it('a diagnostic layer fails its test case; a file that is not JSON skips the rest, saying why', async () => {
    const r = await runCli(['validate', 'bad-version.minerals.json', 'broken-json.minerals.json', 'stockpile.minerals.json', '--format', 'junit']);
    const [bad, broken, good] = parseJunit(r.stdout).testsuites.testsuite;
    const schema = bad!.testcase.find((c) => c.name.startsWith('schema'))!;
    assert.equal(schema.failure?.type, 'MW2001');
    const syntax = broken!.testcase.find((c) => c.name.startsWith('JSON syntax'))!;
    assert.equal(syntax.failure?.type, 'MW1001');
    assert.ok(broken!.testcase.filter((c) => c !== syntax).every((c) => /not valid JSON/.test(c.skipped?.message ?? '')));
    assert.equal(good!.failures, '0');
    const over = parseJunit((await runCli(['validate', 'over-budget.minerals.json', '--format', 'junit'])).stdout).testsuites.testsuite[0]!;
    const budget = over.testcase.find((c) => c.failure !== undefined)!;
    assert.match(budget.failure!['#text'], /^values: Costs!B1 = 25, Budget = 10$/m);
    assert.equal(good!.testcase.length, 4 + 2 * 3, 'four layers, two checks under three scenarios');
  });

  it('checks of a workbook whose sheets cannot be evaluated are skipped, not passed', async () => {
    const dir = await tempDir({ 'm.minerals.json': JSON.stringify({ format: 'minerals-workbook', version: 1, title: 't', sheets: 'none', scenarios: { Up: { set: {} } }, checks: [{ name: 'C', assert: '=1=1' }] }) });
    const r = await runCli(['validate', 'm.minerals.json', '--format', 'junit'], dir);
    assert.equal(r.code, 1);
    const cases = parseJunit(r.stdout).testsuites.testsuite[0]!.testcase;
    const check = cases.filter((c) => c.name.startsWith('check '));
    assert.deepEqual(check.map((c) => c.name), ['check "C" (scenario "Baseline")', 'check "C" (scenario "Up")']);
    assert.ok(check.every((c) => /not evaluated/.test(c.skipped?.message ?? '')), JSON.stringify(check));
    assert.match(cases.find((c) => c.name.startsWith('formulas'))!.skipped!.message, /not evaluated/);
  });

  it('hostile names (control characters, markup, lone surrogates, ::workflow commands) stay well-formed XML and inert', async () => {
    const evil = 'x\u0000\u001b[2J</testcase><b a="1">&amp;\ud800\n::error::pwned';
    const dir = await tempDir({
      'm.minerals.json': JSON.stringify({
        format: 'minerals-workbook', version: 1, title: evil,
        scenarios: { [evil]: { set: {} } },
        sheets: [{ name: 'S', rows: [[1]] }],
        checks: [{ name: evil, assert: '=S!A1>2', severity: 'error', message: evil }],
      }),
    });
    const r = await runCli(['validate', 'm.minerals.json', '--format', 'junit'], dir);
    const cases = parseJunit(r.stdout).testsuites.testsuite[0]!.testcase;
    const failed = cases.filter((c) => c.failure !== undefined);
    assert.equal(failed.length, 2, 'the check fails under both scenarios');
    assert.ok(failed[0]!.name.includes('</testcase><b a="1">&amp;'), failed[0]!.name);
    // eslint-disable-next-line no-control-regex -- the control characters are what must not be there
    assert.doesNotMatch(r.stdout, /[\u0000\u001b]/);
    assert.doesNotMatch(r.stdout, /^\s*::/m);
  });

  it('an unreadable file is a testsuite with an error, and exit 2', async () => {
    const r = await runCli(['validate', 'stockpile.minerals.json', 'missing.minerals.json', '--format', 'junit']);
    assert.equal(r.code, 2);
    const suites = parseJunit(r.stdout).testsuites.testsuite;
    assert.equal(suites.length, 2);
    assert.equal(suites[1]!.errors, '1');
    assert.match(r.stdout, /<error message="cannot read missing\.minerals\.json/);
  });
});
