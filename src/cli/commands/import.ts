/**
 * `minerals import FILE.xlsx [-o OUT.minerals.json] [--report text|json]`: an Excel workbook
 * as a scenario workbook, with a report of what could not be carried over and of every formula
 * whose value differs from the one Excel cached.
 */
import * as path from 'node:path';
import { importXlsx, XlsxImportError, type XlsxImportDiagnostic } from '../../core/xlsx/index';
import { workbookText } from '../../core/files/workbook-text';
import { validateWorkbookText } from '../../core/validate/index';
import { choiceOption, parseCommandArgs, singleFile, stringOption, type Command } from '../args';
import { CliError, EXIT, usageError } from '../errors';
import { resolvePath, type CliIo } from '../io';
import { terminalJson } from '../terminal';
import { plural } from '../diagnostics';

const NAME = 'import';

/** Larger files are refused before they are read (the package limits bound what they inflate to). */
export const MAX_XLSX_BYTES = 256 * 1024 * 1024;

export const importCommand: Command = {
  name: NAME,
  summary: 'turn an Excel workbook (.xlsx, .xlsm) into a *.minerals.json workbook',
  help: `Usage: minerals import FILE.xlsx [-o OUT.minerals.json] [--report text|json]

Reads every worksheet: values, formulas (shared formulas expanded per cell, _xlfn. prefixes
removed), number formats, column widths, and the first row as column headers when it holds
labels nothing refers to. A workbook-scoped name holding a number becomes a parameter (its
comment the description), as does each name on a Parameters sheet written by
'minerals export --xlsx'; other names are replaced in formulas by what they stand for. Excel
Scenario Manager scenarios become scenarios. Macros are never run.

Then every formula is evaluated and compared with the value Excel cached in the file; each
difference is reported with both values. Anything the workbook format cannot hold (charts,
pivot tables, macros, comments, conditional formatting, ...) is listed in the report.

Options:
  -o, --output FILE    where to write (default: FILE with .minerals.json in place of .xlsx)
  --title TEXT         the workbook's title (default: the file's name)
  --report text        the report on stderr, one line per finding (default)
  --report json        the report on stdout as {output, verified, diagnostics}
  -h, --help           show this help

Exit status: 0 imported and every cached value reproduced, 1 imported but some values differ
from Excel's or the result has errors (the file is still written), 2 bad usage, or a file
that is not an .xlsx the importer can read within its limits (nothing is written).`,
  run,
};

/** `model.xlsx` -> `model.minerals.json`. */
function outputNameFor(file: string): string {
  return /\.xls[xm]$/i.test(file) ? file.replace(/\.xls[xm]$/i, '.minerals.json') : `${file}.minerals.json`;
}

function formatDiagnostic(file: string, d: XlsxImportDiagnostic): string {
  return `${file}: ${d.severity}: ${d.message}\n`;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, { output: { type: 'string', short: 'o' }, report: { type: 'string' }, title: { type: 'string' } });
  const file = singleFile(parsed, NAME);
  const report = choiceOption(parsed, 'report', ['text', 'json'] as const, 'text', NAME);
  const output = stringOption(parsed, 'output') ?? outputNameFor(file);
  if (!/\.json$/i.test(output)) throw usageError(`the output ${output} should end in .minerals.json`, NAME);
  let bytes: Uint8Array;
  try {
    bytes = await io.readBinary(resolvePath(io, file), MAX_XLSX_BYTES);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, EXIT.usage);
  }
  let result;
  try {
    result = importXlsx(bytes, { title: stringOption(parsed, 'title') ?? path.basename(file).replace(/\.xls[xm]$/i, '') });
  } catch (err) {
    if (err instanceof XlsxImportError) throw new CliError(`cannot import ${file}: ${err.message}`, EXIT.usage);
    throw err;
  }
  const text = workbookText(result.workbook);
  const validation = validateWorkbookText(text, { model: false });
  const invalid = validation.diagnostics.filter((d) => d.severity === 'error');
  try {
    await io.writeFile(resolvePath(io, output), text);
  } catch (err) {
    throw new CliError(`cannot write ${output}: ${err instanceof Error ? err.message : String(err)}`, EXIT.usage);
  }
  const diagnostics = [...result.diagnostics, ...invalid.map((d): XlsxImportDiagnostic => ({ severity: 'error', message: `the imported workbook: ${d.code}: ${d.message}` }))];
  if (report === 'json') {
    io.stdout(terminalJson(JSON.stringify({ output, verified: result.verified, diagnostics }, null, 2)) + '\n');
  } else {
    for (const d of diagnostics) io.stderr(formatDiagnostic(file, d));
    const { compared, differ } = result.verified;
    io.stderr(`${file}: wrote ${output}: ${plural(result.workbook.sheets.length, 'sheet')}, ${plural(Object.keys(result.workbook.parameters ?? {}).length, 'parameter')}, ${plural(Object.keys(result.workbook.scenarios ?? {}).length, 'scenario')}; ${differ === 0 ? `all ${compared} cached values reproduced` : `${differ} of ${compared} cached values differ`}\n`);
  }
  return result.verified.differ > 0 || diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
}
