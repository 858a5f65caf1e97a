/**
 * What the analysis panels need from the app shell. The panels never own the workbook: they
 * read the app's live engine (restoring its scenario and parameters after every what-if run)
 * and change the file only through edit intents, which the host writes as minimal edits.
 */
import { defaultResultCells, findSheetIndex, parseRange } from '../../src/core/analysis/index';
import type { WorkbookEngine } from '../../src/core/engine/index';
import type { Workbook } from '../../src/core/model/workbook';
import type { EditIntent } from '../../src/shared/protocol';

export interface AnalysisHost {
  /** The live engine; undefined until the first good document. */
  engine(): WorkbookEngine | undefined;
  workbook(): Workbook | undefined;
  /** The scenario the grid shows. */
  scenario(): string;
  /** Switches the grid (and everything else) to a scenario, as the toolbar picker does. */
  setScenario(name: string): void;
  /** The active cell as `Sheet!B5` (sheet quoted when needed). */
  activeCell(): string;
  /** The selected range as `Sheet!B2:D9` (a single cell as `Sheet!B2`). */
  selectedRange(): string;
  /** Sends edits to the host as one undo step. */
  edit(edits: EditIntent[]): void;
}

/** The host as the tools see it: also shows a scenario once the file that creates it arrives. */
export interface ToolHost extends AnalysisHost {
  showWhenCreated(name: string): void;
}

/** One tab of the analysis panel. */
export interface AnalysisView {
  readonly id: string;
  readonly label: string;
  readonly element: HTMLElement;
  /** Called when the view becomes visible or the model changes while it is visible. */
  refresh(): void;
}

/** Engine errors (unknown cell, parameter, scenario) as a sentence for the status line. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The cell a tool starts with: the active cell when it holds a formula (a result), else the
 * workbook's first result cell (a formula on its last sheet), else the active cell.
 */
export function suggestedCell(host: AnalysisHost): string {
  const wb = host.workbook();
  const active = host.activeCell();
  if (!wb) return active;
  const ref = parseRange(active);
  const sheet = ref?.sheet !== undefined ? wb.sheets[findSheetIndex(wb, ref.sheet)] : undefined;
  const raw = ref && sheet ? sheet.rows[ref.top]?.[ref.left] : undefined;
  if (typeof raw === 'string' && raw.startsWith('=')) return active;
  return defaultResultCells(wb, 1)[0] ?? active;
}
