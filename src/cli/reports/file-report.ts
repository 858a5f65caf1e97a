/**
 * What `minerals validate` knows about one file, for the report formats (SARIF, JUnit) that
 * need more than the diagnostic records: the parsed file, to name cells and checks, and
 * whether the model could be evaluated at all.
 */
import type { DiagnosticRecord } from '../diagnostics';

export interface FileReport {
  /** The path as the user wrote it. */
  file: string;
  /** The path relative to the working directory, with `/` separators. */
  relative: string;
  /** Set when the file could not be read; then nothing else is known. */
  unreadable?: string;
  records: DiagnosticRecord[];
  /** The parsed JSON value, when the text is JSON. */
  root?: unknown;
  /** Whether the model diagnostics ran (the core structure was usable). */
  evaluated: boolean;
  /** Every scenario the model was evaluated under, Baseline first. */
  scenarios: string[];
  /** The file's checks in order, with the 1-based line of each assertion. */
  checks: {
    name: string;
    line: number;
    column: number;
    /** For a failed check, by scenario: what its assertion read (`Costs!B1 = 25, Budget = 10`). */
    inputs?: Map<string, string>;
  }[];
}
