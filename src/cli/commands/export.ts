/**
 * `minerals export FILE --sheet NAME [--scenario NAME] [--formulas] [-o OUT.csv]`, and
 * `minerals export FILE --xlsx [--scenario NAME] [-o OUT.xlsx]` (the whole workbook).
 */
import { toCsv } from '../../core/csv/index';
import { exportXlsx } from '../../core/xlsx/index';
import { sheetCsvRows } from '../../core/csv/sheet-rows';
import { parseCommandArgs, requiredOption, singleFile, stringOption, type Command } from '../args';
import { EXIT, usageError } from '../errors';
import { resolvePath, type CliIo } from '../io';
import { requireSheet } from '../cell-ref';
import { loadWorkbook, openEngine, reportModelDiagnostics, resolveScenario } from '../load';
import { terminalCsvRows } from '../terminal';

const NAME = 'export';

export const exportCommand: Command = {
  name: NAME,
  summary: 'write one sheet as CSV, or the whole workbook as an Excel .xlsx',
  help: `Usage: minerals export FILE --sheet NAME [--scenario NAME] [--formulas] [-o OUT.csv]
       minerals export FILE --xlsx [--scenario NAME] [-o OUT.xlsx]

Writes one sheet as RFC 4180 CSV (CRLF line breaks), computed under a scenario
(default: Baseline). The first record holds the column headers when the sheet declares any.
Safe to open in a spreadsheet: text starting with = + - @ tab CR or LF (also on any line
of a multi-line value) gets a leading ' so it is shown as text, never run as a formula.
Numbers stay numbers; booleans are TRUE/FALSE; error values are written as #DIV/0! etc.

With --xlsx, writes every sheet as an Excel workbook: formulas as Excel stores them, with
the values computed under the scenario cached (a viewer that does not recalculate shows
them), the scenario's cell overrides applied, number formats, column widths, and the column
headers as a frozen first row (rows below move down one, and every reference with them).
Parameters go on a Parameters sheet (the scenario's values), each cell with a defined name
of the parameter's name; every scenario becomes an Excel Scenario Manager scenario, and a
Scenarios sheet holds the compare table. Sheet names Excel refuses are renamed; each such
change, and anything Excel cannot hold, is reported on stderr as a note.

Options:
  --xlsx               write the whole workbook as .xlsx (default output: FILE with .xlsx
                       in place of .minerals.json)
  --sheet NAME         the sheet to export (required for CSV)
  --scenario NAME      compute under this scenario
  --formulas           write the cells as written (formulas, not their values), with the
                       scenario's cell overrides applied
  --no-header          leave out the column-header record
  --delimiter D        , (default), ; or tab
  --bom                start with a UTF-8 byte-order mark, so Excel reads non-ASCII text
                       (Rs, em dashes, accented names) correctly
  -o, --output FILE    write to FILE instead of stdout
  -h, --help           show this help

Problems (formula errors, failing checks) under the scenario are reported on stderr as
path:line:col lines, after the CSV is written.
Exit status: 0 success, 1 the workbook has errors or a check of severity error fails (the
CSV is still written), 2 bad usage, unreadable file, unknown sheet or scenario.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, {
    sheet: { type: 'string' },
    scenario: { type: 'string' },
    formulas: { type: 'boolean' },
    'no-header': { type: 'boolean' },
    delimiter: { type: 'string' },
    bom: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    xlsx: { type: 'boolean' },
  });
  const file = singleFile(parsed, NAME);
  if (parsed.values.xlsx === true) return runXlsx(parsed, file, io);
  const sheetName = requiredOption(parsed, 'sheet', NAME);
  const delimiter = parseDelimiter(stringOption(parsed, 'delimiter'));
  const output = stringOption(parsed, 'output');

  const loaded = await loadWorkbook(io, file);
  const { workbook } = loaded;
  const sheetIndex = requireSheet(workbook, sheetName, NAME);
  const scenario = resolveScenario(workbook, stringOption(parsed, 'scenario'), NAME);
  const formulas = parsed.values.formulas === true;
  // The formulas as written need no engine.
  const engine = formulas ? undefined : openEngine(workbook, scenario, NAME);
  try {
    const exact = sheetCsvRows(workbook, sheetIndex, { formulas, scenario, engine, header: !parsed.values['no-header'] });
    // On stdout the CSV is read on a terminal or in a CI log: escaped there, exact in a file.
    const shown = output === undefined ? terminalCsvRows(exact) : { rows: exact, escaped: 0 };
    const rows = shown.rows;
    const csv = (parsed.values.bom ? '\uFEFF' : '') + (rows.length > 0 ? toCsv(rows, { delimiter }) + '\r\n' : '');
    if (shown.escaped > 0) {
      io.stderr(`${file}: note: ${shown.escaped} cell${shown.escaped === 1 ? ' was' : 's were'} escaped for the terminal `
        + '(control characters shown as \\xNN, a line starting with :: as \\x3a:); write the exact text with -o FILE\n');
    }
    if (output !== undefined) {
      try {
        await io.writeFile(resolvePath(io, output), csv);
      } catch (err) {
        throw usageError(`cannot write ${output}: ${err instanceof Error ? err.message : String(err)}`, NAME);
      }
    } else {
      io.stdout(csv);
    }
    return reportModelDiagnostics(io, loaded, [scenario], engine) ? EXIT.failed : EXIT.ok;
  } finally {
    engine?.dispose();
  }
}

async function runXlsx(parsed: ReturnType<typeof parseCommandArgs>, file: string, io: CliIo): Promise<number> {
  for (const option of ['sheet', 'formulas', 'no-header', 'delimiter', 'bom']) {
    if (parsed.values[option] !== undefined) throw usageError(`--${option} is for CSV; --xlsx writes every sheet`, NAME);
  }
  const output = stringOption(parsed, 'output') ?? xlsxNameFor(file);
  const loaded = await loadWorkbook(io, file);
  const scenario = resolveScenario(loaded.workbook, stringOption(parsed, 'scenario'), NAME);
  const engine = openEngine(loaded.workbook, scenario, NAME);
  try {
    const result = exportXlsx(loaded.workbook, { scenario, engine });
    try {
      await io.writeBinary(resolvePath(io, output), result.bytes);
    } catch (err) {
      throw usageError(`cannot write ${output}: ${err instanceof Error ? err.message : String(err)}`, NAME);
    }
    for (const note of result.notes) io.stderr(`${file}: note: ${note.message}\n`);
    return reportModelDiagnostics(io, loaded, [scenario], engine) ? EXIT.failed : EXIT.ok;
  } finally {
    engine.dispose();
  }
}

/** `model.minerals.json` -> `model.xlsx`; any other name gets `.xlsx` appended. */
function xlsxNameFor(file: string): string {
  return /\.minerals\.json$/i.test(file) ? file.replace(/\.minerals\.json$/i, '.xlsx') : `${file}.xlsx`;
}

function parseDelimiter(value: string | undefined): string {
  if (value === undefined || value === ',') return ',';
  if (value === ';') return ';';
  if (value === 'tab' || value === '\t' || value === '\\t') return '\t';
  throw usageError(`--delimiter must be , ; or tab, not "${value}"`, NAME);
}
