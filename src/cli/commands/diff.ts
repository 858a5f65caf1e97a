/**
 * `minerals diff OLD NEW | FILE --rev REV[..REV]`: what changed between two versions of a
 * workbook and what it did to every result under every scenario (core/diff). Also runs as a
 * git external diff driver (7 positionals).
 */
import * as path from 'node:path';
import { diffWorkbooks, type PlainValue, type WorkbookDiff } from '../../core/diff/index';
import { validateWorkbookText } from '../../core/validate/index';
import type { RawCell, Workbook } from '../../core/model/workbook';
import { columnLetters } from '../../core/model/a1';
import { choiceOption, parseCommandArgs, stringOption, type Command } from '../args';
import { CliError, EXIT, usageError } from '../errors';
import type { CliIo } from '../io';
import { readText } from '../load';

const NAME = 'diff';
/** Version of the `--format json` schema (docs/ci.md); bumped on any incompatible change. */
export const DIFF_SCHEMA_VERSION = 1;
/** Markdown stays well under GitHub's 65,536-character comment limit. */
const MARKDOWN_ROWS = 50;

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
  if (format === 'json') io.stdout(JSON.stringify({ schemaVersion: DIFF_SCHEMA_VERSION, old: oldName, new: newName, ...diff }, null, 2) + '\n');
  else if (format === 'markdown') io.stdout(markdownReport(diff, oldName, newName));
  else io.stdout(`minerals diff ${oldName} ${newName}\n${textReport(diff)}`);
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

function show(v: PlainValue | RawCell | undefined): string {
  if (v === undefined || v === null) return '(empty)';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v.replace(/\r\n|\r|\n/g, '\u21b5');
  return JSON.stringify(v);
}

function pct(r: number | null): string {
  return r === null ? '' : ` (${r >= 0 ? '+' : ''}${Number((r * 100).toPrecision(4))}%)`;
}

/** Edits as one line each, in the order a reviewer reads them. */
export function editLines(diff: WorkbookDiff): string[] {
  const e = diff.edits, out: string[] = [];
  if (e.title) out.push(`title: ${show(e.title.old as string)} -> ${show(e.title.new as string)}`);
  for (const p of e.parameters) {
    out.push(p.kind === 'changed'
      ? `parameter ${p.name}: ${p.changes.map((c) => `${c.field} ${show(c.old as PlainValue)} -> ${show(c.new as PlainValue)}`).join(', ')}`
      : `parameter ${p.name} ${p.kind}`);
  }
  for (const s of e.scenarios) {
    const parts = [...s.overrides.map((o) => `${o.target} ${show(o.old)} -> ${show(o.new)}`), ...s.changes.map((c) => `${c.field} changed`)];
    out.push(`scenario ${s.name} ${s.kind}${parts.length ? ': ' + parts.join(', ') : ''}`);
  }
  for (const c of e.checks) {
    out.push(`check ${c.name} ${c.kind}${c.changes.length ? ': ' + c.changes.map((f) => `${f.field} ${show(f.old as PlainValue)} -> ${show(f.new as PlainValue)}`).join(', ') : ''}`);
  }
  for (const s of e.sheets) out.push(s.kind === 'renamed' ? `sheet ${s.oldName} renamed to ${s.name}` : `sheet ${s.name} ${s.kind}`);
  for (const s of e.structure) {
    const what = s.kind.endsWith('Rows') ? 'row' : 'column';
    out.push(`${s.sheet}: ${s.count} ${what}${s.count === 1 ? '' : 's'} ${s.kind.startsWith('insert') ? 'inserted' : 'deleted'} at ${what} ${what === 'row' ? s.at + 1 : columnLetters(s.at)}`);
  }
  for (const c of e.columns) out.push(`${c.sheet}!${c.column}: ${c.changes.map((f) => `${f.field} ${show(f.old)} -> ${show(f.new)}`).join(', ')}`);
  for (const c of e.cells) out.push(`${c.address}${c.label ? ` (${c.label})` : ''}: ${show(c.old)} -> ${show(c.new)}`);
  return out;
}

function textReport(diff: WorkbookDiff): string {
  if (!diff.changed) return 'No changes.\n';
  const out = ['Edits:', ...editLines(diff).map((l) => `  ${l}`)];
  if (out.length === 1) out.push('  (none)');
  if (diff.effectsError) out.push(`Effects not computed: ${diff.effectsError}`);
  for (const eff of diff.effects) {
    if (!eff.changed) continue;
    out.push(`Effects under ${eff.scenario}:`);
    for (const v of eff.values) out.push(`  ${v.address}${v.label ? ` (${v.label})` : ''}: ${show(v.old)} -> ${show(v.new)}${pct(v.relative)}`);
    for (const c of eff.checks) out.push(`  check ${c.name}: ${flip(c.old)} -> ${flip(c.new)}`);
  }
  const unchanged = diff.effects.filter((e) => !e.changed).map((e) => e.scenario);
  if (unchanged.length) out.push(`Results unchanged under: ${unchanged.join(', ')}`);
  return out.join('\n') + '\n';
}

function flip(v: boolean | null): string {
  return v === null ? 'absent' : v ? 'passed' : 'failed';
}

/** Markdown text with the table and HTML specials neutralised. */
function md(s: string): string {
  return s.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/&/g, '&amp;');
}

function markdownReport(diff: WorkbookDiff, oldName: string, newName: string): string {
  const out = [`### minerals diff \`${oldName.replace(/`/g, '')}\` → \`${newName.replace(/`/g, '')}\``, ''];
  if (!diff.changed) return out.concat('No changes.', '').join('\n');
  const edits = editLines(diff);
  out.push('| Scenario | Results changed | Largest change | Checks flipped |', '|---|---:|---|---:|');
  for (const e of diff.effects) {
    const top = e.values[0];
    out.push(`| ${md(e.scenario)} | ${e.values.length} | ${top ? md(`${top.label || top.address}: ${show(top.old)} → ${show(top.new)}${pct(top.relative)}`) : ''} | ${e.checks.length} |`);
  }
  out.push('', `**${edits.length} edit${edits.length === 1 ? '' : 's'}**`, '');
  out.push('<details><summary>Edits</summary>', '', ...capped(edits, (l) => `- ${md(l)}`), '', '</details>');
  for (const e of diff.effects) {
    if (!e.changed) continue;
    const lines = [...e.checks.map((c) => `- check ${md(c.name)}: ${flip(c.old)} → ${flip(c.new)}`),
      ...capped(e.values, (v) => `- ${md(`${v.address}${v.label ? ` (${v.label})` : ''}: ${show(v.old)} → ${show(v.new)}${pct(v.relative)}`)}`)];
    out.push('', `<details><summary>Effects under ${md(e.scenario)}</summary>`, '', ...lines, '', '</details>');
  }
  if (diff.effectsError) out.push('', `Effects not computed: ${md(diff.effectsError)}`);
  return out.join('\n') + '\n';
}

function capped<T>(items: readonly T[], line: (t: T) => string): string[] {
  const shown = items.slice(0, MARKDOWN_ROWS).map(line);
  if (items.length > MARKDOWN_ROWS) shown.push(`- … and ${items.length - MARKDOWN_ROWS} more not shown`);
  return shown;
}
