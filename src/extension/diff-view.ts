/**
 * The workbook diff view: a webview panel showing the NEW version's grid read-only with the
 * edited cells and the results that changed under the chosen scenario marked, a side list of
 * the changes, next/previous navigation and a scenario picker. The diff (every scenario's
 * effects) is computed once by the compare command; picking a scenario re-evaluates the new
 * version under it for the grid's values and shows that scenario's effects.
 */
import * as vscode from 'vscode';
import type { WorkbookDiff } from '../core/diff/index';
import { editLines, flip, show } from '../core/diff/report';
import { EngineError, WorkbookEngine, toPlainValue } from '../core/engine/index';
import { parseA1 } from '../core/model/a1';
import { BASE_SCENARIO, type Workbook } from '../core/model/workbook';
import { parseDiffViewMessage, type DiffMark, type DiffSheet, type DiffViewModel } from '../shared/diff-protocol';
import { bundlePageHtml } from './webview-html';

export const DIFF_VIEW_TYPE = 'mineralsWorkbook.diffView';

export interface DiffViewInput {
  title: string;
  newWorkbook: Workbook;
  diff: WorkbookDiff;
  /** Opens the same diff as a text document ("Show as Text"), in the view's editor group. */
  showText(column: vscode.ViewColumn | undefined): Thenable<unknown>;
}

/** The open view, for tests and the commands' results. */
export interface DiffView {
  panel: vscode.WebviewPanel;
  /** The model last sent to the page. */
  readonly model: DiffViewModel;
}

/** `Sheet!B5` -> row/col (the sheet part is given separately in the diff). */
function cellOf(address: string): { row: number; col: number } | undefined {
  return parseA1(address.slice(address.lastIndexOf('!') + 1));
}

/** The view's model under `scenario`: the new version's values, the edits and that scenario's effects. */
export function diffViewModel(input: Pick<DiffViewInput, 'title' | 'newWorkbook' | 'diff'>, scenario: string): DiffViewModel {
  const { newWorkbook: wb, diff } = input;
  const scenarios = diff.effects.length ? diff.effects.map((e) => e.scenario) : [BASE_SCENARIO];
  const effect = diff.effects.find((e) => e.scenario === scenario);
  let values: Record<string, DiffSheet['values']> = {};
  let effectsError = diff.effectsError;
  try {
    const engine = WorkbookEngine.create(wb, effect && !effect.inNew ? {} : { scenario });
    try {
      for (const s of wb.sheets) values[s.name] = engine.getSheetValues(s.name).map((r) => r.map(toPlainValue));
    } finally {
      engine.dispose();
    }
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    // The grid then shows the cells as written.
    values = Object.fromEntries(wb.sheets.map((s) => [s.name, s.rows.map((r) => r.map((v) => v))]));
    effectsError ??= err.message;
  }
  const sheets: DiffSheet[] = wb.sheets.map((s) => ({
    name: s.name,
    headers: (s.columns ?? []).map((c) => c.header),
    formats: (s.columns ?? []).map((c) => c.format),
    cellFormats: { ...(s.formats ?? {}) },
    values: values[s.name] ?? [],
  }));
  const marks: DiffMark[] = [];
  for (const c of diff.edits.cells) {
    const at = cellOf(c.address);
    if (at) marks.push({ kind: 'edited', sheet: c.sheet, ...at, address: c.address, label: c.label, old: show(c.old), new: show(c.new) });
  }
  for (const v of effect?.values ?? []) {
    const at = cellOf(v.address);
    if (at) marks.push({ kind: 'changed', sheet: v.sheet, ...at, address: v.address, label: v.label, old: show(v.old), new: show(v.new), relative: v.relative });
  }
  const e = diff.edits;
  const otherEdits = editLines({ ...diff, edits: { ...e, cells: [] } });
  return {
    title: input.title,
    scenario: effect ? scenario : scenarios[0]!,
    scenarios,
    sheets,
    marks,
    counts: {
      edits: otherEdits.length + e.cells.length,
      cells: e.cells.length,
      values: effect?.values.length ?? 0,
      checks: effect?.checks.length ?? 0,
    },
    otherEdits,
    checkFlips: (effect?.checks ?? []).map((c) => `check ${c.name}: ${flip(c.old)} -> ${flip(c.new)}`),
    ...(effectsError ? { effectsError } : {}),
  };
}

/** Opens a diff view beside the active editor. */
export function openDiffView(extensionUri: vscode.Uri, input: DiffViewInput): DiffView {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const panel = vscode.window.createWebviewPanel(DIFF_VIEW_TYPE, input.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
    { enableScripts: true, localResourceRoots: [dist], retainContextWhenHidden: true });
  let model = diffViewModel(input, BASE_SCENARIO);
  const send = () => void panel.webview.postMessage({ type: 'model', model });
  panel.webview.onDidReceiveMessage((raw: unknown) => {
    const m = parseDiffViewMessage(raw);
    if (!m) return;
    if (m.type === 'ready') send();
    else if (m.type === 'showText') void input.showText(panel.viewColumn);
    else if (m.type === 'scenario' && model.scenarios.includes(m.name)) {
      model = diffViewModel(input, m.name);
      send();
    }
  });
  panel.webview.html = bundlePageHtml(panel.webview, extensionUri, input.title, 'diff-view', 'diff-app');
  return { panel, get model() { return model; } };
}
