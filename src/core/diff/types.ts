/**
 * The result of a semantic diff of two workbooks (`diffWorkbooks`): what was edited, and what
 * the edits did to every result under every scenario. `docs/diff-json.md` documents the JSON
 * form (`minerals diff --format json`), which is this shape with `schemaVersion` added.
 */
import type { OverrideValue, RawCell } from '../model/workbook';

/** A plain cell value: number, text, boolean, null (empty) or an error string such as `#DIV/0!`. */
export type PlainValue = number | string | boolean | null;

/** One field of a parameter, scenario or check that changed. */
export interface FieldChange<T = unknown> {
  field: string;
  old: T | undefined;
  new: T | undefined;
}

export type AddedRemovedChanged = 'added' | 'removed' | 'changed';

export interface ParameterEdit {
  name: string;
  kind: AddedRemovedChanged;
  /** For `changed`: `value`, `min`, `max`, `unit`, `description`, `source` that differ. */
  changes: FieldChange[];
}

export interface OverrideChange {
  /** Parameter name or `Sheet!B3` (in the new version's addresses). */
  target: string;
  old: OverrideValue | undefined;
  new: OverrideValue | undefined;
}

export interface ScenarioEdit {
  name: string;
  kind: AddedRemovedChanged;
  /** Overrides added, removed or set to another value (for `changed`). */
  overrides: OverrideChange[];
  /** Other fields (`description`) that differ. */
  changes: FieldChange[];
}

export interface CheckEdit {
  name: string;
  kind: AddedRemovedChanged;
  /** For `changed`: `assert` (beyond moved references), `severity`, `message`. */
  changes: FieldChange[];
}

export interface SheetEdit {
  kind: 'added' | 'removed' | 'renamed' | 'moved';
  /** The sheet's name in the new version (the old name for `removed`). */
  name: string;
  /** For `renamed`. */
  oldName?: string;
  /** 0-based position in the old version (absent for `added`). */
  oldIndex?: number;
  /** 0-based position in the new version (absent for `removed`). */
  newIndex?: number;
}

/** Rows or columns inserted (at = first new index) or deleted (at = first old index). */
export interface StructureEdit {
  sheet: string;
  kind: 'insertRows' | 'deleteRows' | 'insertColumns' | 'deleteColumns';
  at: number;
  count: number;
}

/** A cell whose content changed beyond what moving rows, columns or sheets explains. */
export interface CellEdit {
  /** New sheet name. */
  sheet: string;
  /** `Sheet!B5` in the new version. */
  address: string;
  /** `Sheet!B4` in the old version (differs from `address` when rows or columns moved it). */
  oldAddress: string;
  /** Column header and row label, e.g. `Stockpile cost, Neodymium`; empty when the sheet has neither. */
  label: string;
  old: RawCell;
  new: RawCell;
}

/** Column header or number format edits. */
export interface ColumnEdit {
  sheet: string;
  /** Column letters in the new version. */
  column: string;
  changes: FieldChange<string>[];
}

export interface WorkbookEdits {
  title?: FieldChange<string>;
  parameters: ParameterEdit[];
  scenarios: ScenarioEdit[];
  checks: CheckEdit[];
  sheets: SheetEdit[];
  structure: StructureEdit[];
  columns: ColumnEdit[];
  cells: CellEdit[];
}

/** A formula cell whose value changed under one scenario. */
export interface ValueChange {
  sheet: string;
  address: string;
  label: string;
  old: PlainValue;
  new: PlainValue;
  /** new - old when both are numbers, else null. */
  absolute: number | null;
  /** (new - old) / |old| when both are numbers and old is not 0, else null (ranked first). */
  relative: number | null;
}

/** A check whose outcome differs (`null`: the check does not exist in that version). */
export interface CheckFlip {
  name: string;
  old: boolean | null;
  new: boolean | null;
  severity: string;
  message?: string;
}

export interface ScenarioEffect {
  scenario: string;
  /** Whether the old and new versions define the scenario; a missing side is evaluated as `Baseline`. */
  inOld: boolean;
  inNew: boolean;
  /** Ranked by |relative| change, largest first (non-numeric changes and changes from 0 first). */
  values: ValueChange[];
  checks: CheckFlip[];
  /** True when any value or check differs. */
  changed: boolean;
}

export interface WorkbookDiff {
  edits: WorkbookEdits;
  /** One per scenario of either version: `Baseline` first, then the new version's, then removed ones. */
  effects: ScenarioEffect[];
  /** Why effects could not be computed (an engine could not load a version), if so. */
  effectsError?: string;
  /** True when any edit or effect was found. */
  changed: boolean;
}
