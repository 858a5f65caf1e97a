/**
 * Diagnostics as the CLI prints them: tsc-style text lines or JSON records, 1-based.
 */
import type { Diagnostic } from '../core/model/diagnostic';
import { LineIndex } from '../core/text/line-index';

/** One diagnostic in `minerals validate --format json` output. Lines and columns are 1-based; the end is exclusive. */
export interface DiagnosticRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  /** JSON pointer (RFC 6901) of the offending value. */
  pointer: string;
  /** Scenario under which a model diagnostic was found, when it depends on one. */
  scenario?: string;
}

/** Convert diagnostics of one file's text to located records (`file` as the user wrote it). */
export function toRecords(file: string, text: string, diagnostics: readonly Diagnostic[]): DiagnosticRecord[] {
  const lines = new LineIndex(text);
  return diagnostics.map((d) => {
    const start = lines.positionAt(d.start);
    const end = lines.positionAt(d.end);
    const record: DiagnosticRecord = {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      pointer: d.pointer,
    };
    if (d.scenario !== undefined) record.scenario = d.scenario;
    return record;
  });
}

/** `path:line:col - error CODE: message`, like tsc; the scenario is appended when there is one. */
export function formatRecord(r: DiagnosticRecord): string {
  // Name the scenario unless the message already does.
  const scenario = r.scenario !== undefined && !r.message.includes(`"${r.scenario}"`) ? ` (scenario "${r.scenario}")` : '';
  return `${r.file}:${r.line}:${r.column} - ${r.severity} ${r.code}: ${r.message}${scenario}`;
}

/** Counts by severity, for summaries and exit statuses. */
export function countBySeverity(records: readonly { severity: string }[]): { errors: number; warnings: number; infos: number } {
  let errors = 0, warnings = 0, infos = 0;
  for (const r of records) {
    if (r.severity === 'error') errors++;
    else if (r.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** "2 errors, 1 warning" style phrase. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
