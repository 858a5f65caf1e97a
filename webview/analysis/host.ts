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
  /**
   * Called when the view becomes visible, or with `auto` when the model changed while it is
   * visible (a view whose recomputation is slow may then only say that it is stale).
   */
  refresh(auto?: boolean): void;
}

/**
 * Remembers how long a view's last recomputation took, so that an automatic refresh (after
 * every edit) skips one that would make typing lag, e.g. a summary over 10 scenarios of a
 * 10k-formula model (about a second, docs/PERFORMANCE.md 5.gen.compare).
 */
export class RecomputeCost {
  /** Slower than this, a model change only marks the view stale. */
  static readonly AUTO_LIMIT_MS = 300;
  private lastMs = 0;

  /** Whether an automatic refresh should be skipped. */
  deferred(auto: boolean | undefined): boolean {
    return auto === true && this.lastMs > RecomputeCost.AUTO_LIMIT_MS;
  }

  /** The sentence for a stale view. */
  staleText(action: string): string {
    return `The workbook changed. ${action} to recompute (the last run took ${(this.lastMs / 1000).toFixed(1)} s).`;
  }

  time<T>(fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.lastMs = performance.now() - t0;
    }
  }
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
