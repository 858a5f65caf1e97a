/**
 * `minerals validate --format junit`: JUnit XML as CI test reports read it (GitLab's
 * `artifacts:reports:junit`, GitHub test-report actions, Jenkins). Per file, one testsuite:
 * - a test case for each layer of diagnostics (parse, schema, names and references,
 *   formulas), failed by that layer's errors;
 * - a test case for each check under each scenario, failed when the check fails there with
 *   severity error (the check's message, its assertion and the values it read in the failure).
 * Warnings never fail a test case (they do not fail the exit status either); they are listed
 * in the test case's system-out. What could not be evaluated is `skipped`, with the reason.
 */
import { formatRecord, type DiagnosticRecord } from '../diagnostics';
import { terminalText } from '../terminal';
import type { FileReport } from './file-report';

interface TestCase {
  name: string;
  line?: number;
  errors: DiagnosticRecord[];
  warnings: DiagnosticRecord[];
  skipped?: string;
  /** Extra lines for the failure body (the check's assertion). */
  detail?: string;
}

const LAYERS: { prefix: string; name: string }[] = [
  { prefix: 'MW1', name: 'JSON syntax (MW1xxx)' },
  { prefix: 'MW2', name: 'schema (MW2xxx)' },
  { prefix: 'MW3', name: 'names, references and bounds (MW3xxx)' },
  { prefix: 'MW4', name: 'formulas (MW4xxx)' },
];

const CHECK_POINTER = /^\/checks\/(0|[1-9][0-9]*)(\/|$)/;

/** The JUnit XML document for `files`. */
export function junitXml(files: readonly FileReport[]): string {
  const suites = files.map(suite);
  const total = (k: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((n, s) => n + s.counts[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="minerals validate" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(f: FileReport): { xml: string; counts: Record<'tests' | 'failures' | 'errors' | 'skipped', number> } {
  const file = attr(f.relative);
  if (f.unreadable !== undefined) {
    const xml = `  <testsuite name="${file}" file="${file}" tests="1" failures="0" errors="1" skipped="0">\n`
      + `    <testcase classname="${file}" name="read the file" file="${file}">\n`
      + `      <error message="${attr(f.unreadable)}" type="unreadable">${text(f.unreadable)}</error>\n`
      + '    </testcase>\n  </testsuite>';
    return { xml, counts: { tests: 1, failures: 0, errors: 1, skipped: 0 } };
  }
  const cases = testCases(f);
  const failures = cases.filter((c) => c.skipped === undefined && c.errors.length > 0).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const body = cases.map((c) => testCase(f, c)).join('\n');
  return {
    xml: `  <testsuite name="${file}" file="${file}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${body}\n  </testsuite>`,
    counts: { tests: cases.length, failures, errors: 0, skipped },
  };
}

/** The test cases of one readable file, each with the diagnostics that belong to it. */
function testCases(f: FileReport): TestCase[] {
  const layers: TestCase[] = LAYERS.map((l) => ({ name: l.name, errors: [], warnings: [] }));
  const checks: TestCase[][] = f.checks.map((check) => f.scenarios.map((scenario) => {
    const inputs = check.inputs?.get(scenario);
    const lines = [assertion(f, check), inputs !== undefined ? `values: ${inputs}` : undefined].filter((l) => l !== undefined);
    return {
      name: `check "${check.name}" (scenario "${scenario}")`,
      line: check.line,
      errors: [],
      warnings: [],
      ...(lines.length > 0 ? { detail: lines.join('\n') } : {}),
    };
  }));
  for (const r of f.records) {
    const bucket = r.severity === 'error' ? 'errors' : 'warnings';
    const m = CHECK_POINTER.exec(r.pointer);
    const perScenario = m ? checks[Number(m[1])] : undefined;
    if (perScenario !== undefined) {
      // Untagged: found under every scenario.
      f.scenarios.forEach((s, i) => { if (r.scenario === undefined || r.scenario === s) perScenario[i]![bucket].push(r); });
      continue;
    }
    const layer = LAYERS.findIndex((l) => r.code.startsWith(l.prefix));
    layers[layer === -1 ? LAYERS.length - 1 : layer]![bucket].push(r);
  }
  const parseFailed = f.root === undefined;
  layers.forEach((l, i) => {
    if (parseFailed && i > 0) l.skipped = 'not checked: the file is not valid JSON';
    else if (!f.evaluated && i === 3) l.skipped = 'not evaluated: the workbook structure (sheets and their rows) is not usable';
  });
  const all = checks.flat();
  if (!f.evaluated) {
    // A check's own schema error still fails it; the others cannot be said to pass.
    for (const c of all) if (c.errors.length === 0) c.skipped = 'not evaluated: the workbook structure (sheets and their rows) is not usable';
  }
  return [...layers, ...all];
}

function assertion(f: FileReport, check: { name: string }): string | undefined {
  const i = f.checks.findIndex((c) => c === check);
  const list = (f.root as { checks?: unknown } | undefined)?.checks;
  const item = Array.isArray(list) ? (list[i] as { assert?: unknown } | undefined) : undefined;
  return typeof item?.assert === 'string' ? `assert: ${item.assert}` : undefined;
}

function testCase(f: FileReport, c: TestCase): string {
  const file = attr(f.relative);
  const line = c.line !== undefined ? ` line="${c.line}"` : '';
  const open = `    <testcase classname="${file}" name="${attr(c.name)}" file="${file}"${line}>`;
  const inner: string[] = [];
  if (c.skipped !== undefined) inner.push(`      <skipped message="${attr(c.skipped)}"/>`);
  else if (c.errors.length > 0) {
    const first = c.errors[0]!;
    const more = c.errors.length > 1 ? ` (and ${c.errors.length - 1} more)` : '';
    const lines = [...c.errors.map(formatRecord), ...(c.detail !== undefined ? [c.detail] : [])];
    inner.push(`      <failure message="${attr(first.message + more)}" type="${first.code}">${text(lines.join('\n'))}</failure>`);
  }
  if (c.warnings.length > 0) {
    // A check that failed with severity warning: what it read is worth showing there too.
    const lines = [...c.warnings.map(formatRecord), ...(c.errors.length === 0 && c.detail !== undefined ? [c.detail] : [])];
    inner.push(`      <system-out>${text(lines.join('\n'))}</system-out>`);
  }
  return inner.length === 0 ? open.replace(/>$/, '/>') : `${open}\n${inner.join('\n')}\n    </testcase>`;
}

// XML 1.0 cannot carry these at all, not even as character references.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Workbook text as XML character data: shown like the terminal shows it, then escaped. */
function text(s: string): string {
  return terminalText(s)
    .replace(NOT_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** As `text`, for an attribute value in double quotes (line breaks kept as references). */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
