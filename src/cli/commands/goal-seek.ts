/**
 * `minerals goal-seek FILE --set Sheet!B5 --to VALUE --by PARAM [--scenario NAME]`.
 */
import { choiceOption, parseCommandArgs, requiredOption, singleFile, stringOption, type Command } from '../args';
import { CliError, EXIT, usageError } from '../errors';
import type { CliIo } from '../io';
import { parseCellRef } from '../cell-ref';
import { loadWorkbook, openEngine, reportModelDiagnostics } from '../load';
import { plural } from '../diagnostics';
import { terminalJson, terminalText } from '../terminal';

const NAME = 'goal-seek';

export const goalSeekCommand: Command = {
  name: NAME,
  summary: 'find the parameter value that makes a cell reach a target',
  help: `Usage: minerals goal-seek FILE --set Sheet!B5 --to VALUE --by PARAM [--scenario NAME]

Finds the value of parameter PARAM that makes cell Sheet!B5 equal VALUE, starting from the
parameter's value under the scenario (default: Baseline) and staying within its min/max.

Options:
  --set CELL        the cell to reach the target, e.g. Budget!B12 or 'Stock pile'!C4
  --to VALUE        the target value (a number)
  --by PARAM        the parameter to vary
  --scenario NAME   seek under this scenario
  --format text     "PARAM = value" and the iterations (default)
  --format json     {"ok", "parameter", "value", "cell", "target", "achieved", "iterations"}
  -h, --help        show this help

Exit status: 0 a value was found, 1 no value reaches the target (the reason is printed)
or the workbook has errors, 2 bad usage, unreadable file, unknown sheet, scenario or parameter.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, {
    set: { type: 'string' },
    to: { type: 'string' },
    by: { type: 'string' },
    scenario: { type: 'string' },
    format: { type: 'string' },
  });
  const format = choiceOption(parsed, 'format', ['text', 'json'] as const, 'text', NAME);
  const file = singleFile(parsed, NAME);
  const setText = requiredOption(parsed, 'set', NAME);
  const toText = requiredOption(parsed, 'to', NAME);
  const by = requiredOption(parsed, 'by', NAME);
  const to = Number(toText.trim());
  if (toText.trim() === '' || !Number.isFinite(to)) throw usageError(`--to must be a number, not "${toText}"`, NAME);

  const loaded = await loadWorkbook(io, file);
  const { workbook } = loaded;
  const cell = parseCellRef(setText, workbook, NAME);
  const parameters = Object.keys(workbook.parameters ?? {});
  const param = parameters.find((p) => p === by) ?? parameters.find((p) => p.toLowerCase() === by.toLowerCase());
  if (param === undefined) {
    throw usageError(parameters.length === 0
      ? `unknown parameter "${by}": the workbook defines no parameters`
      : `unknown parameter "${by}"; the workbook has ${parameters.join(', ')}`, NAME);
  }
  const engine = openEngine(workbook, stringOption(parsed, 'scenario'), NAME);
  try {
    const target = cell.canonical;
    const result = engine.goalSeek({ set: target, to, by: param, scenario: engine.scenario });
    const iterations = result.iterations.length;
    if (format === 'json') {
      io.stdout(terminalJson(JSON.stringify({
        ok: result.ok,
        scenario: engine.scenario,
        parameter: param,
        cell: target,
        target: to,
        ...(result.ok ? { value: result.value, achieved: result.achieved } : { reason: result.reason }),
        iterations,
      }, null, 2)) + '\n');
    }
    const tried = plural(iterations, 'iteration');
    if (format === 'text' && result.ok) {
      io.stdout(terminalText(`${param} = ${result.value}\n`));
      io.stdout(terminalText(`${target} = ${result.achieved} (target ${to}) after ${tried}, scenario "${engine.scenario}"\n`));
    }
    const failed = reportModelDiagnostics(io, loaded, [engine.scenario], engine);
    if (!result.ok) throw new CliError(`goal seek failed: ${result.reason} (${target} = ${to} by ${param}, ${tried})`, EXIT.failed);
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    engine.dispose();
  }
}
