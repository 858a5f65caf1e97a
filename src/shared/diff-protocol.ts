/**
 * Messages between the host and the workbook diff view (dist/diff-view.js). The page is
 * untrusted: the host checks every message it gets (`parseDiffViewMessage`).
 */

export type DiffPlainValue = number | string | boolean | null;

/** One marked cell: an edit of its input or formula, or a result that changed under the scenario. */
export interface DiffMark {
  kind: 'edited' | 'changed';
  sheet: string;
  /** 0-based row and column in the new version. */
  row: number;
  col: number;
  /** `Sheet!B5` in the new version. */
  address: string;
  label: string;
  /** Old and new as the list and the hover show them. */
  old: string;
  new: string;
  /** Relative change of a result, when both sides are numbers and old is not 0. */
  relative?: number | null;
}

export interface DiffSheet {
  name: string;
  headers: (string | undefined)[];
  formats: (string | undefined)[];
  cellFormats: Record<string, string>;
  /** The new version's values under the scenario, trimmed to the used area. */
  values: DiffPlainValue[][];
}

/** Everything the view shows for one scenario. */
export interface DiffViewModel {
  title: string;
  scenario: string;
  scenarios: string[];
  sheets: DiffSheet[];
  /** Cell edits first (in sheet order), then the scenario's changed results, ranked. */
  marks: DiffMark[];
  /** Counts as the diff has them: edits of every kind, and this scenario's effects. */
  counts: { edits: number; cells: number; values: number; checks: number };
  /** Other edits (parameters, scenarios, checks, sheets, structure), one line each. */
  otherEdits: string[];
  /** Checks that flipped under the scenario, one line each. */
  checkFlips: string[];
  effectsError?: string;
}

export type DiffHostMessage = { type: 'model'; model: DiffViewModel };

export type DiffViewMessage =
  | { type: 'ready' }
  | { type: 'scenario'; name: string }
  | { type: 'showText' };

/** The message if it is one the view may send, else undefined (the page is untrusted). */
export function parseDiffViewMessage(m: unknown): DiffViewMessage | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const t = (m as { type?: unknown }).type;
  if (t === 'ready' || t === 'showText') return { type: t };
  if (t === 'scenario') {
    const name = (m as { name?: unknown }).name;
    if (typeof name === 'string' && name.length <= 1000) return { type: 'scenario', name };
  }
  return undefined;
}
