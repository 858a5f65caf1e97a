/**
 * `minerals validate FILE... [--format text|json|sarif|junit]`: every diagnostic of every file.
 */
import * as path from 'node:path';
import { version } from '../../../package.json';
import { scenarioNames, type Workbook } from '../../core/model/workbook';
import { pointerOf } from '../../core/parse';
import { checkInputs } from '../../core/engine/check-inputs';
import { EngineError, toPlainValue, WorkbookEngine, type CellValue } from '../../core/engine/index';
import { LineIndex } from '../../core/text/line-index';
import { validateWorkbookText } from '../../core/validate/index';
import { choiceOption, parseCommandArgs, type Command } from '../args';
import { CliError, EXIT, usageError } from '../errors';
import { resolvePath, type CliIo } from '../io';
import { countBySeverity, formatRecord, plural, toRecords, type DiagnosticRecord } from '../diagnostics';
import { readText } from '../load';
import type { FileReport } from '../reports/file-report';
import { junitXml } from '../reports/junit';
import { sarifLog } from '../reports/sarif';
import { terminalJson, terminalText } from '../terminal';

const NAME = 'validate';
const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;

export const validateCommand: Command = {
  name: NAME,
  summary: 'check workbooks: syntax, schema, model and checks under every scenario',
  help: `Usage: minerals validate FILE... [--format text|json|sarif|junit]

Checks each workbook: JSON syntax, the schema, names and references, formula errors and
the workbook's own checks, under every scenario.

Options:
  --format text   one line per problem: path:line:col - severity CODE: message (default)
  --format json   an array of {file, line, column, endLine, endColumn, severity, code,
                  message, pointer}; lines and columns are 1-based, the end is exclusive
  --format sarif  SARIF 2.1.0 for code scanning (GitHub's upload-sarif): a rule per code,
                  a result per problem with its region and the cell or check it is about;
                  paths relative to the current directory
  --format junit  JUnit XML for CI test reports: per file a testsuite, a test case per
                  kind of diagnostic and per check under each scenario; errors fail them
  -h, --help      show this help

Exit status: 0 no errors (warnings allowed), 1 some file has errors,
2 bad usage or a file cannot be read.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, { format: { type: 'string' } });
  const format = choiceOption(parsed, 'format', FORMATS, 'text', NAME);
  if (parsed.positionals.length === 0) throw usageError('missing FILE', NAME);

  const reports: FileReport[] = [];
  for (const file of parsed.positionals) {
    const relative = path.relative(io.cwd, resolvePath(io, file)).split(path.sep).join('/');
    let text: string;
    try {
      text = await readText(io, file);
    } catch (err) {
      // Keep going: one unreadable file should not hide the others' problems.
      if (!(err instanceof CliError)) throw err;
      io.stderr(`minerals: ${err.message}\n`);
      reports.push({ file, relative, unreadable: err.message, records: [], evaluated: false, scenarios: [], checks: [] });
      continue;
    }
    const report = validateFile(file, relative, text, format === 'junit');
    if (format === 'text') for (const r of report.records) io.stdout(terminalText(formatRecord(r)) + '\n');
    reports.push(report);
  }
  const all: DiagnosticRecord[] = reports.flatMap((r) => r.records);
  if (format === 'json') io.stdout(terminalJson(JSON.stringify(all, null, 2)) + '\n');
  if (format === 'sarif') io.stdout(terminalJson(JSON.stringify(sarifLog(reports, io.cwd, version), null, 2)) + '\n');
  if (format === 'junit') io.stdout(junitXml(reports));

  const { errors, warnings } = countBySeverity(all);
  const unreadable = reports.filter((r) => r.unreadable !== undefined).length;
  const files = reports.length - unreadable;
  if (format === 'text') {
    io.stderr(errors + warnings === 0
      ? `${plural(files, 'file')} checked: no problems.\n`
      : `${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.\n`);
  }
  if (unreadable > 0) return EXIT.usage;
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

function validateFile(file: string, relative: string, text: string, withInputs: boolean): FileReport {
  const result = validateWorkbookText(text);
  const root = result.parse.value;
  const lines = new LineIndex(text);
  const rawChecks = (root as { checks?: unknown } | undefined)?.checks;
  const checks = (Array.isArray(rawChecks) ? rawChecks : []).map((c: unknown, i) => {
    const name = (c as { name?: unknown } | null)?.name;
    const pointer = pointerOf(['checks', i, 'assert']);
    const at = lines.positionAt(result.parse.sourceMap.valueRange(result.parse.sourceMap.has(pointer) ? pointer : pointerOf(['checks', i])).start);
    const check: FileReport['checks'][number] = { name: typeof name === 'string' && name !== '' ? name : `check ${i + 1}`, line: at.line + 1, column: at.character + 1 };
    return check;
  });
  const records = toRecords(file, text, result.diagnostics);
  if (withInputs && result.workbook) addCheckInputs(result.workbook, records, checks);
  return {
    file,
    relative,
    records,
    root,
    evaluated: result.evaluated !== undefined,
    // Not evaluated: the file's scenarios, so that its checks show as skipped under each.
    scenarios: scenarioNames(result.evaluated ?? fileScenarios(root)),
    checks,
  };
}

function fileScenarios(root: unknown): Pick<Workbook, 'scenarios'> {
  const s = (root as { scenarios?: unknown } | undefined)?.scenarios;
  // Only the names are read.
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? { scenarios: s as Workbook['scenarios'] } : {};
}

/**
 * What each failed check read, under each scenario it failed in (one more engine build, only
 * for a file with failed checks, only for the JUnit report, whose failures carry it).
 */
function addCheckInputs(workbook: Workbook, records: DiagnosticRecord[], checks: FileReport['checks']): void {
  const failed = records.filter((r) => r.code === 'MW5001' && /^\/checks\/\d+\/assert$/.test(r.pointer));
  if (failed.length === 0) return;
  let engine: WorkbookEngine;
  try {
    engine = WorkbookEngine.create(workbook);
  } catch (err) {
    if (err instanceof EngineError) return; // the diagnostics already say why
    throw err;
  }
  try {
    for (const scenario of engine.scenarioNames()) {
      const here = failed.filter((r) => r.scenario === undefined || r.scenario === scenario);
      if (here.length === 0) continue;
      engine.setScenario(scenario);
      for (const r of here) {
        const i = Number(r.pointer.split('/')[2]);
        const check = checks[i];
        const inputs = checkInputs(workbook, engine, i);
        if (check === undefined || inputs.length === 0) continue;
        (check.inputs ??= new Map()).set(scenario, inputs.map((x) => `${x.name} = ${showValue(x.value)}`).join(', '));
      }
    }
  } finally {
    engine.dispose();
  }
}

function showValue(v: CellValue): string {
  const p = toPlainValue(v);
  if (p === null) return '(empty)';
  if (typeof p === 'boolean') return p ? 'TRUE' : 'FALSE';
  return typeof p === 'string' && !(v !== null && typeof v === 'object') ? JSON.stringify(p) : String(p);
}
