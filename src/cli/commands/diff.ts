/**
 * `minerals diff OLD NEW | FILE --rev REV[..REV]`: what changed between two versions of a
 * workbook and what it did to every result under every scenario (core/diff). Also runs as a
 * git external diff driver (7 positionals).
 */
import * as path from 'node:path';
import { diffWorkbooks } from '../../core/diff/index';
import { markdownReport, textReport } from '../../core/diff/report';
import { validateWorkbookText } from '../../core/validate/index';
import type { Workbook } from '../../core/model/workbook';
import { choiceOption, parseCommandArgs, stringOption, type Command } from '../args';
import { CliError, EXIT, usageError } from '../errors';
import type { CliIo } from '../io';
import { readText } from '../load';
import { terminalJson, terminalText } from '../terminal';

const NAME = 'diff';
/** Version of the `--format json` schema (docs/ci.md); bumped on any incompatible change. */
export const DIFF_SCHEMA_VERSION = 1;

export const diffCommand: Command = {
  name: NAME,
  summary: 'semantic diff: edits and their effects on results under every scenario',
  help: `Usage: minerals diff OLD NEW [--format text|markdown|json]
       minerals diff FILE --rev REV        (FILE at git revision REV vs the working tree)
       minerals diff FILE --rev A..B       (FILE at revision A vs revision B)

Shows what was edited (parameters, scenarios, checks, sheets, inserted or deleted rows and
columns, cells) and what the edits did: every formula whose value changed, ranked by
relative change and labelled with its row and column headers, and checks that flipped,
under every scenario. A formula that changed only because a row was inserted above it is
not an edit.

Options:
  --rev REV          compare with git revision(s), read with 'git show REV:FILE'
  --format text      for a terminal (default)
  --format markdown  a pull-request comment: summary table, details collapsible, capped
  --format json      {schemaVersion: 1, old, new, changed, edits, effects} (docs/ci.md)
  -h, --help         show this help

As a git external diff driver (git passes 7 arguments), see docs/ci.md.
Exit status: 0 nothing changed, 1 something changed, 2 bad usage or unreadable file.`,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  // git's GIT_EXTERNAL_DIFF / diff.<driver>.command call: path old-file old-hex old-mode new-file new-hex new-mode.
  if (args.length === 7 && !args.some((a) => a.startsWith('--'))) {
    const [file, oldFile, , , newFile] = args;
    const diff = diffWorkbooks(await loadSide(io, oldFile, `a/${file}`), await loadSide(io, newFile, `b/${file}`));
    io.stdout(`minerals diff a/${file} b/${file}\n${textReport(diff)}`);
    // git stops the whole `git diff` on a non-zero exit: a difference is not a failure here.
    return EXIT.ok;
  }
  const parsed = parseCommandArgs(NAME, args, { format: { type: 'string' }, rev: { type: 'string' } });
  const format = choiceOption(parsed, 'format', ['text', 'markdown', 'json'] as const, 'text', NAME);
  const rev = stringOption(parsed, 'rev');
  const pos = parsed.positionals;
  let oldWb: Workbook, newWb: Workbook, oldName: string, newName: string;
  if (rev !== undefined) {
    if (pos.length !== 1) throw usageError(`--rev takes one FILE, got ${pos.length}`, NAME);
    const [a, b] = rev.includes('..') ? rev.split('..') : [rev, undefined];
    if (!a || b === '') throw usageError(`--rev must be REV or A..B, not "${rev}"`, NAME);
    oldName = `${a}:${pos[0]}`;
    oldWb = parseSide(await gitShow(io, a, pos[0]), oldName);
    newName = b === undefined ? pos[0] : `${b}:${pos[0]}`;
    newWb = b === undefined ? parseSide(await readText(io, pos[0]), newName) : parseSide(await gitShow(io, b, pos[0]), newName);
  } else {
    if (pos.length !== 2) throw usageError(`expected OLD and NEW, got ${pos.length} file${pos.length === 1 ? '' : 's'}`, NAME);
    [oldName, newName] = pos;
    oldWb = parseSide(await readText(io, oldName), oldName);
    newWb = parseSide(await readText(io, newName), newName);
  }
  const diff = diffWorkbooks(oldWb, newWb);
  // Names and cell text come from the workbooks (untrusted): the reports go through the same
  // terminal escaping as every other printer, since CI logs and PR comments show them.
  if (format === 'json') io.stdout(terminalJson(JSON.stringify({ schemaVersion: DIFF_SCHEMA_VERSION, old: oldName, new: newName, ...diff }, null, 2)) + '\n');
  else if (format === 'markdown') io.stdout(terminalText(markdownReport(diff, oldName, newName)));
  else io.stdout(terminalText(`minerals diff ${oldName} ${newName}\n${textReport(diff)}`));
  return diff.changed ? EXIT.failed : EXIT.ok;
}

/** A workbook git passed as a side of a diff; `/dev/null` (file added or deleted) is empty. */
async function loadSide(io: CliIo, file: string, name: string): Promise<Workbook> {
  if (file === '/dev/null') return { format: 'minerals-workbook', version: 1, sheets: [] } as unknown as Workbook;
  return parseSide(await readText(io, file), name);
}

function parseSide(text: string, name: string): Workbook {
  const v = validateWorkbookText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { model: false });
  if (!v.workbook) {
    const first = v.diagnostics.find((d) => d.severity === 'error');
    throw new CliError(`${name} is not a valid workbook${first ? `: ${first.code} ${first.message}` : ''}; run 'minerals validate' on it`, EXIT.usage);
  }
  return v.workbook;
}

async function gitShow(io: CliIo, rev: string, file: string): Promise<string> {
  if (!io.git) throw new CliError('--rev needs git, which is not available', EXIT.usage);
  // `./` makes git resolve the path against the working directory, not the repository root.
  const spec = `${rev}:./${path.relative(io.cwd, path.resolve(io.cwd, file)).split(path.sep).join('/')}`;
  try {
    return await io.git(['show', spec]);
  } catch (err) {
    throw new CliError(`cannot read ${spec} from git: ${err instanceof Error ? err.message : String(err)}`, EXIT.usage);
  }
}

