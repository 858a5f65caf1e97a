/**
 * `minerals compare FILE [--cells Sheet!B5,...] [--format json|csv|text]`: the scenario summary.
 */
import { defaultResultCells, resultLabel, splitCellList, summaryTable } from '../../core/analysis/index';
import { toCsv } from '../../core/csv/index';
import { toPlainValue, type ScenarioSummary } from '../../core/engine/index';
import type { Workbook } from '../../core/model/workbook';
import { choiceOption, parseCommandArgs, singleFile, stringOption, type Command } from '../args';
import { EXIT } from '../errors';
import type { CliIo } from '../io';
import { parseCellRef } from '../cell-ref';
import { loadWorkbook, openEngine, reportModelDiagnostics } from '../load';
import { displayValue, formatTable } from '../table';
import { checkJson } from './eval';
import { terminalJson, terminalText } from '../terminal';

const NAME = 'compare';

export const compareCommand: Command = {
  name: NAME,
  summary: 'scenario summary: every scenario\'s parameters and result cells side by side',
  help: `Usage: minerals compare FILE [--cells Sheet!B5,...] [--format json|csv|text]

Evaluates the workbook under every scenario (Baseline first) and shows, side by side, each
scenario's parameter values, the result cells, and the checks.

Options:
  --cells LIST    comma-separated result cells, e.g. Budget!B12,'Stock pile'!C4.
                  Default: every formula cell of the last sheet (where workbooks usually
                  keep their totals), in row order
  --format text   aligned table: one column per scenario (default)
  --format csv    the same table as RFC 4180 CSV, injection-safe
  --format json   {"cells", "parameters", "scenarios": [{"name", "parameters": {..},
                  "cells": {"Sheet!B5": v}, "checks": [..], "changedParameters",
                  "changedCells"}]}
  -h, --help      show this help

Problems (formula errors, failing checks) under any scenario are reported on stderr as
path:line:col lines, after the summary.
Exit status: 0 success, 1 the workbook has errors or a check of severity error fails (the
summary is still written), 2 bad usage, unreadable file, unknown sheet.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, { cells: { type: 'string' }, format: { type: 'string' } });
  const format = choiceOption(parsed, 'format', ['text', 'csv', 'json'] as const, 'text', NAME);
  const file = singleFile(parsed, NAME);
  const cellsOption = stringOption(parsed, 'cells');

  const loaded = await loadWorkbook(io, file);
  const { workbook } = loaded;
  const cells = cellsOption !== undefined
    ? splitCellList(cellsOption).map((text) => parseCellRef(text, workbook, NAME).canonical)
    : defaultResultCells(workbook, Infinity);
  const engine = openEngine(workbook, undefined, NAME);
  try {
    write(io, format, workbook, engine.compare(cells));
    return reportModelDiagnostics(io, loaded, 'all', engine) ? EXIT.failed : EXIT.ok;
  } finally {
    engine.dispose();
  }
}

function write(io: CliIo, format: 'text' | 'csv' | 'json', workbook: Workbook, summary: ScenarioSummary): void {

  if (format === 'json') {
    io.stdout(terminalJson(JSON.stringify({
      cells: summary.cells,
      parameters: summary.parameters,
      scenarios: summary.scenarios.map((s) => ({
        name: s.name,
        ...(s.description !== undefined ? { description: s.description } : {}),
        parameters: s.parameters,
        cells: Object.fromEntries(Object.entries(s.cells).map(([k, v]) => [k, toPlainValue(v)])),
        checks: s.checks.map(checkJson),
        changedParameters: s.changedParameters,
        changedCells: s.changedCells,
      })),
    }, null, 2)) + '\n');
  } else if (format === 'csv') {
    io.stdout(toCsv(summaryTable(summary)) + '\r\n');
  } else {
    // A label column makes the rows readable: a parameter's unit, a result cell's row label.
    const labels = new Map(summary.cells.map((cell) => [cell, resultLabel(workbook, cell)]));
    for (const [name, spec] of Object.entries(workbook.parameters ?? {})) if (spec.unit) labels.set(name, spec.unit);
    const table = summaryTable(summary).map((row) => {
      const [head, ...rest] = row.map((v) => (typeof v === 'string' ? v : displayValue(v)));
      return [head, labels.get(head) ?? '', ...rest];
    });
    io.stdout(terminalText(formatTable(table, (_r, c) => c > 1)) + '\n');
  }
}
