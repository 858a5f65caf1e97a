/**
 * `minerals validate FILE... [--format text|json]`: every diagnostic of every file.
 */
import { validateWorkbookText } from '../../core/validate/index';
import { choiceOption, parseCommandArgs, type Command } from '../args';
import { CliError, EXIT, usageError } from '../errors';
import type { CliIo } from '../io';
import { countBySeverity, formatRecord, plural, toRecords, type DiagnosticRecord } from '../diagnostics';
import { readText } from '../load';
import { terminalJson, terminalText } from '../terminal';

const NAME = 'validate';

export const validateCommand: Command = {
  name: NAME,
  summary: 'check workbooks: syntax, schema, model and checks under every scenario',
  help: `Usage: minerals validate FILE... [--format text|json]

Checks each workbook: JSON syntax, the schema, names and references, formula errors and
the workbook's own checks, under every scenario.

Options:
  --format text   one line per problem: path:line:col - severity CODE: message (default)
  --format json   an array of {file, line, column, endLine, endColumn, severity, code,
                  message, pointer}; lines and columns are 1-based, the end is exclusive
  -h, --help      show this help

Exit status: 0 no errors (warnings allowed), 1 some file has errors,
2 bad usage or a file cannot be read.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, { format: { type: 'string' } });
  const format = choiceOption(parsed, 'format', ['text', 'json'] as const, 'text', NAME);
  if (parsed.positionals.length === 0) throw usageError('missing FILE', NAME);

  const all: DiagnosticRecord[] = [];
  let unreadable = 0;
  for (const file of parsed.positionals) {
    let text: string;
    try {
      text = await readText(io, file);
    } catch (err) {
      // Keep going: one unreadable file should not hide the others' problems.
      if (!(err instanceof CliError)) throw err;
      io.stderr(`minerals: ${err.message}\n`);
      unreadable++;
      continue;
    }
    const records = toRecords(file, text, validateWorkbookText(text).diagnostics);
    if (format === 'text') for (const r of records) io.stdout(terminalText(formatRecord(r)) + '\n');
    all.push(...records);
  }
  if (format === 'json') io.stdout(terminalJson(JSON.stringify(all, null, 2)) + '\n');

  const { errors, warnings } = countBySeverity(all);
  const files = parsed.positionals.length - unreadable;
  if (format === 'text') {
    io.stderr(errors + warnings === 0
      ? `${plural(files, 'file')} checked: no problems.\n`
      : `${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.\n`);
  }
  if (unreadable > 0) return EXIT.usage;
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
