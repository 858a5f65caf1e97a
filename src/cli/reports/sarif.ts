/**
 * `minerals validate --format sarif`: SARIF 2.1.0, as GitHub code scanning and other review
 * tools read it. One run; a rule for every diagnostic code that occurs, with its help; a
 * result per diagnostic at the exact region (1-based, end column exclusive as SARIF defines
 * it, in UTF-16 code units like the editor's), and the workbook's name for the place.
 */
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../core/model/diagnostic';
import type { DiagnosticRecord } from '../diagnostics';
import type { FileReport } from './file-report';
import { logicalLocationOf } from './logical-location';
import { RULE_HELP } from './rule-help';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The SARIF log for `files`, validated from `cwd`. */
export function sarifLog(files: readonly FileReport[], cwd: string, version: string): object {
  const codes = [...new Set(files.flatMap((f) => f.records.map((r) => r.code)))].sort() as DiagnosticCode[];
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = files.flatMap((f) => f.records.map((r) => result(f, r, ruleIndex.get(r.code as DiagnosticCode)!)));
  const unreadable = files.filter((f) => f.unreadable !== undefined);
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'minerals',
          informationUri: 'https://github.com/minerals-workbook/minerals-workbook',
          version,
          rules: codes.map((code) => ({
            id: code,
            shortDescription: { text: DIAGNOSTIC_CODES[code] },
            fullDescription: { text: RULE_HELP[code] },
            help: { text: RULE_HELP[code] },
          })),
        },
      },
      // Relative URIs resolve against the folder the command ran in, which in CI is the checkout.
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: unreadable.length === 0,
        toolExecutionNotifications: unreadable.map((f) => ({
          level: 'error',
          message: { text: f.unreadable! },
          locations: [{ physicalLocation: { artifactLocation: artifact(f) } }],
        })),
      }],
      results,
    }],
  };
}

function artifact(f: FileReport): { uri: string; uriBaseId: string } {
  return { uri: f.relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function result(f: FileReport, r: DiagnosticRecord, index: number): object {
  const logical = f.root === undefined ? undefined : logicalLocationOf(f.root, r.pointer);
  const location: Record<string, unknown> = {
    physicalLocation: {
      artifactLocation: artifact(f),
      region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
    },
  };
  if (logical !== undefined) location.logicalLocations = [logical];
  const properties: Record<string, string> = { pointer: r.pointer };
  if (r.scenario !== undefined) properties.scenario = r.scenario;
  return {
    ruleId: r.code,
    ruleIndex: index,
    level: LEVEL[r.severity],
    message: { text: r.message },
    locations: [location],
    properties,
  };
}
