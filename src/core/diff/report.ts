/**
 * The semantic diff as people read it: one line per edit, and per scenario the results and
 * checks that changed. Text for a terminal or an editor, markdown for a pull-request comment.
 * Shared by `minerals diff` and the extension's compare commands.
 */
import { columnLetters } from '../model/a1';
import type { RawCell } from '../model/workbook';
import type { PlainValue, WorkbookDiff } from './types';

/** Markdown stays well under GitHub's 65,536-character comment limit. */
const MARKDOWN_ROWS = 50;

export function show(v: PlainValue | RawCell | undefined): string {
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

export function textReport(diff: WorkbookDiff): string {
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

export function flip(v: boolean | null): string {
  return v === null ? 'absent' : v ? 'passed' : 'failed';
}

/** Markdown text with the table and HTML specials neutralised. */
function md(s: string): string {
  return s.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/&/g, '&amp;');
}

export function markdownReport(diff: WorkbookDiff, oldName: string, newName: string): string {
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
