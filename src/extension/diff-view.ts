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
import { EngineError, WorkbookEngine, engineBuildProblem, toPlainValue } from '../core/engine/index';
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

type SheetValues = Record<string, DiffSheet['values']>;

/**
 * The new version's values under a scenario, from one engine built on the first request and
 * switched between scenarios after (a rebuild per pick cost a whole build each time, on the
 * extension host's thread). A workbook past the build budget is not built here: the grid shows
 * its cells as written and the reason.
 */
class NewVersionValues {
  private engine: WorkbookEngine | undefined;
  private readonly problem: string | undefined;

  constructor(private readonly workbook: Workbook) {
    this.problem = engineBuildProblem(workbook);
  }

  /** Values under `scenario` (Baseline when undefined), or the reason they cannot be had. */
  under(scenario: string | undefined): { values: SheetValues } | { error: string } {
    if (this.problem !== undefined) return { error: this.problem };
    try {
      this.engine ??= WorkbookEngine.create(this.workbook);
      this.engine.setScenario(scenario ?? BASE_SCENARIO);
      const engine = this.engine;
      return { values: Object.fromEntries(this.workbook.sheets.map((s) => [s.name, engine.getSheetValues(s.name).map((r) => r.map(toPlainValue))])) };
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      return { error: err.message };
    }
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }
}

/** The view's model under `scenario`: the new version's values, the edits and that scenario's effects. */
function diffViewModel(input: Pick<DiffViewInput, 'title' | 'newWorkbook' | 'diff'>, scenario: string, newValues: NewVersionValues): DiffViewModel {
  const { newWorkbook: wb, diff } = input;
  const scenarios = diff.effects.length ? diff.effects.map((e) => e.scenario) : [BASE_SCENARIO];
  const effect = diff.effects.find((e) => e.scenario === scenario);
  let effectsError = diff.effectsError;
  const read = newValues.under(effect && !effect.inNew ? undefined : scenario);
  let values: SheetValues;
  if ('values' in read) {
    values = read.values;
  } else {
    // The grid then shows the cells as written.
    values = Object.fromEntries(wb.sheets.map((s) => [s.name, s.rows.map((r) => r.map((v) => v))]));
    effectsError ??= read.error;
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
  const newValues = new NewVersionValues(input.newWorkbook);
  panel.onDidDispose(() => newValues.dispose());
  let model = diffViewModel(input, BASE_SCENARIO, newValues);
  const send = () => void panel.webview.postMessage({ type: 'model', model });
  panel.webview.onDidReceiveMessage((raw: unknown) => {
    const m = parseDiffViewMessage(raw);
    if (!m) return;
    if (m.type === 'ready') send();
    else if (m.type === 'showText') void input.showText(panel.viewColumn);
    else if (m.type === 'scenario' && model.scenarios.includes(m.name)) {
      model = diffViewModel(input, m.name, newValues);
      send();
    }
  });
  panel.webview.html = bundlePageHtml(panel.webview, extensionUri, input.title, 'diff-view', 'diff-app');
  return { panel, get model() { return model; } };
}
