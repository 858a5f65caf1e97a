/**
 * `minerals eval FILE [--scenario NAME] [--sheet NAME] [--format json|text]`.
 */
import { toPlainValue, type CellValue, type CheckResult } from '../../core/engine/index';
import { choiceOption, parseCommandArgs, singleFile, stringOption, type Command } from '../args';
import { EXIT } from '../errors';
import type { CliIo } from '../io';
import { requireSheet } from '../cell-ref';
import { columnLetters } from '../../core/model/a1';
import { loadWorkbook, openEngine, reportModelDiagnostics } from '../load';
import { displayValue, formatTable } from '../table';
import { terminalJson, terminalText } from '../terminal';

const NAME = 'eval';

export const evalCommand: Command = {
  name: NAME,
  summary: 'compute every cell and check under a scenario',
  help: `Usage: minerals eval FILE [--scenario NAME] [--sheet NAME] [--format json|text]

Computes the workbook under a scenario (default: Baseline, the parameter values as written)
and prints every sheet's values and every check's outcome.

Options:
  --scenario NAME   evaluate under this scenario
  --sheet NAME      print only this sheet's values
  --format json     {"scenario", "sheets": {"Sheet": [[v, ...], ...]}, "checks": [{"name",
                    "passed", "severity", "value", "message" (when failing)}]}; error
                    values are strings such as "#DIV/0!" (default)
  --format text     aligned tables, one per sheet, then the checks
  -h, --help        show this help

Problems (formula errors, failing checks) are reported on stderr as path:line:col lines.
Exit status: 0 success, 1 the workbook has errors or a check of severity error fails,
2 bad usage, unreadable file, unknown sheet or scenario.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, {
    scenario: { type: 'string' },
    sheet: { type: 'string' },
    format: { type: 'string' },
  });
  const format = choiceOption(parsed, 'format', ['json', 'text'] as const, 'json', NAME);
  const file = singleFile(parsed, NAME);
  const sheetName = stringOption(parsed, 'sheet');

  const loaded = await loadWorkbook(io, file);
  const { workbook } = loaded;
  const engine = openEngine(workbook, stringOption(parsed, 'scenario'), NAME);
  try {
    const sheetIndex = sheetName !== undefined ? requireSheet(workbook, sheetName, NAME) : undefined;
    const evaluation = engine.evaluate();

    const sheets: Record<string, CellValue[][]> = {};
    for (const [i, sheet] of workbook.sheets.entries()) {
      if (sheetIndex === undefined || sheetIndex === i) sheets[sheet.name] = evaluation.sheets[sheet.name] ?? [];
    }
    if (format === 'json') {
      io.stdout(terminalJson(evaluationJson(evaluation.scenario, sheets, evaluation.checks)));
    } else {
      io.stdout(terminalText(textReport(evaluation.scenario, sheets, evaluation.checks)));
    }

    const failingCheck = evaluation.checks.some((c) => !c.passed && c.severity === 'error');
    const failed = reportModelDiagnostics(io, loaded, [engine.scenario], engine);
    return failingCheck || failed ? EXIT.failed : EXIT.ok;
  } finally {
    engine.dispose();
  }
}

/** A check as eval's JSON shows it. */
export function checkJson(c: CheckResult): { name: string; passed: boolean; severity: string; value: number | string | boolean | null; message?: string } {
  const json = { name: c.name, passed: c.passed, severity: c.severity, value: toPlainValue(c.value) };
  return !c.passed && c.message !== undefined ? { ...json, message: c.message } : json;
}

/** Eval's JSON, indented, with one line per row of cells so large sheets stay readable. */
function evaluationJson(scenario: string, sheets: Record<string, CellValue[][]>, checks: CheckResult[]): string {
  const sheetLines = Object.entries(sheets).map(([name, rows]) => {
    const body = rows.map((row) => `      ${JSON.stringify(row.map(toPlainValue))}`).join(',\n');
    return `    ${JSON.stringify(name)}: ${rows.length === 0 ? '[]' : `[\n${body}\n    ]`}`;
  });
  const checkLines = checks.map((c) => `    ${JSON.stringify(checkJson(c))}`);
  return [
    '{',
    `  "scenario": ${JSON.stringify(scenario)},`,
    `  "sheets": ${sheetLines.length === 0 ? '{}' : `{\n${sheetLines.join(',\n')}\n  }`},`,
    `  "checks": ${checkLines.length === 0 ? '[]' : `[\n${checkLines.join(',\n')}\n  ]`}`,
    '}',
  ].join('\n') + '\n';
}

function textReport(scenario: string, sheets: Record<string, CellValue[][]>, checks: CheckResult[]): string {
  const out: string[] = [`Scenario: ${scenario}`];
  for (const [name, rows] of Object.entries(sheets)) {
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const table: string[][] = [['', ...Array.from({ length: width }, (_, c) => columnLetters(c))]];
    rows.forEach((row, r) => table.push([String(r + 1), ...Array.from({ length: width }, (_, c) => displayValue(row[c] ?? null))]));
    const numeric = (r: number, c: number) => c === 0 || (r > 0 && typeof rows[r - 1][c - 1] === 'number');
    out.push('', `Sheet: ${name}`, formatTable(table, numeric));
  }
  if (checks.length > 0) {
    out.push('', 'Checks:');
    for (const c of checks) {
      const status = c.passed ? 'PASS' : c.severity === 'error' ? 'FAIL' : c.severity.toUpperCase();
      out.push(`  ${status.padEnd(7)} ${c.name}${!c.passed && c.message ? ` - ${c.message}` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
