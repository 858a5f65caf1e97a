/**
 * Semantic diff of two versions of a workbook: what was edited (parameters, scenarios,
 * checks, sheets, inserted or deleted rows and columns, cells), and what the edits did to
 * every formula result and check under every scenario. No vscode import: the CLI and the
 * extension share it.
 */
import { EngineError, WorkbookEngine, type EngineOptions } from '../engine/index';
import type { Workbook } from '../model/workbook';
import { cellEdits, checkEdits, columnEdits, parameterEdits, scenarioEdits } from './edits';
import { scenarioEffects } from './effects';
import { correspond } from './structure';
import type { WorkbookDiff, WorkbookEdits } from './types';

export * from './types';
export { unionScenarios } from './effects';
export { rowLabel, cellLabelText } from './edits';

export interface DiffOptions {
  /** Skip evaluating (edits only). */
  editsOnly?: boolean;
  /** Engine options for both versions (limits). */
  engine?: Omit<EngineOptions, 'scenario'>;
}

/** Only the edits: no engine is built. */
export function diffEdits(oldWb: Workbook, newWb: Workbook): WorkbookEdits {
  return editsOf(oldWb, newWb, correspond(oldWb, newWb));
}

function editsOf(oldWb: Workbook, newWb: Workbook, c: ReturnType<typeof correspond>): WorkbookEdits {
  const edits: WorkbookEdits = {
    parameters: parameterEdits(oldWb, newWb),
    scenarios: scenarioEdits(oldWb, newWb, c),
    checks: checkEdits(oldWb, newWb, c),
    sheets: c.sheetEdits,
    structure: c.structure,
    columns: columnEdits(c),
    cells: cellEdits(c),
  };
  if (oldWb.title !== newWb.title) edits.title = { field: 'title', old: oldWb.title, new: newWb.title };
  return edits;
}

function anyEdit(e: WorkbookEdits): boolean {
  return e.title !== undefined || e.parameters.length + e.scenarios.length + e.checks.length + e.sheets.length
    + e.structure.length + e.columns.length + e.cells.length > 0;
}

/**
 * The diff of `oldWb` -> `newWb`. Both are evaluated under every scenario of either version;
 * when an engine cannot load a version, `effectsError` says why and `effects` is empty.
 */
export function diffWorkbooks(oldWb: Workbook, newWb: Workbook, options: DiffOptions = {}): WorkbookDiff {
  const c = correspond(oldWb, newWb);
  const edits = editsOf(oldWb, newWb, c);
  const diff: WorkbookDiff = { edits, effects: [], changed: anyEdit(edits) };
  if (options.editsOnly) return diff;
  let oldEngine: WorkbookEngine | undefined, newEngine: WorkbookEngine | undefined;
  try {
    oldEngine = WorkbookEngine.create(oldWb, options.engine);
    newEngine = WorkbookEngine.create(newWb, options.engine);
    diff.effects = scenarioEffects(c, oldWb, newWb, oldEngine, newEngine);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    diff.effectsError = err.message;
    diff.effects = [];
  } finally {
    oldEngine?.dispose();
    newEngine?.dispose();
  }
  diff.changed = diff.changed || diff.effects.some((e) => e.changed);
  return diff;
}
