/**
 * Reading, validating and opening a workbook for a command, with the CLI's exit statuses.
 */
import { BASE_SCENARIO, scenarioNames, type Workbook } from '../core/model/workbook';
import { validateWorkbookText, type ValidateOptions, type ValidationResult } from '../core/validate/index';
import { EngineError, modelDiagnostics, WorkbookEngine } from '../core/engine/index';
import { CliError, EXIT, usageError } from './errors';
import { resolvePath, type CliIo } from './io';
import { countBySeverity, formatRecord, plural, toRecords } from './diagnostics';

/**
 * Read `file` (relative to `io.cwd`) as UTF-8, without a leading byte-order mark (as VS Code
 * reads it, so line 1's columns match the editor's).
 * @throws CliError exit 2 `cannot read FILE: reason`.
 */
export async function readText(io: CliIo, file: string): Promise<string> {
  let text: string;
  try {
    text = await io.readFile(resolvePath(io, file));
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${describeFsError(err)}`, EXIT.usage);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return err instanceof Error ? err.message : String(err);
  }
}

/** A workbook that passed the schema and semantic checks, ready to evaluate. */
export interface LoadedWorkbook {
  file: string;
  text: string;
  validation: ValidationResult;
  workbook: Workbook;
}

/**
 * Read and validate a workbook for evaluation. Diagnostics are printed to stderr
 * (`path:line:col - severity CODE: message`).
 * @throws CliError exit 2 when unreadable, exit 1 when it has errors that prevent evaluation.
 */
export async function loadWorkbook(io: CliIo, file: string, options: ValidateOptions = { model: false }): Promise<LoadedWorkbook> {
  const text = await readText(io, file);
  const validation = validateWorkbookText(text, options);
  const records = toRecords(file, text, validation.diagnostics);
  for (const r of records) io.stderr(formatRecord(r) + '\n');
  if (!validation.workbook) {
    const { errors } = countBySeverity(records);
    throw new CliError(`${file} cannot be evaluated: ${plural(Math.max(errors, 1), 'error')} (see above)`, EXIT.failed);
  }
  return { file, text, validation, workbook: validation.workbook };
}

/**
 * After a command's output: print the model diagnostics (formula errors, failing checks) found
 * under `scenarios` on stderr, in validate's tsc-style format, and tell whether the command
 * must exit 1: any of them, or of the validation's diagnostics, is an error. Pass the engine
 * the command evaluated with, so the workbook is not built and evaluated a second time.
 */
export function reportModelDiagnostics(io: CliIo, loaded: LoadedWorkbook, scenarios: string[] | 'all', engine?: WorkbookEngine): boolean {
  const model = modelDiagnostics(loaded.workbook, loaded.validation.parse.sourceMap, engine ? { scenarios, engine } : { scenarios });
  for (const r of toRecords(loaded.file, loaded.text, model)) io.stderr(formatRecord(r) + '\n');
  return hasErrors(loaded.validation) || model.some((d) => d.severity === 'error');
}

/** True when any of the validation's diagnostics is an error. */
function hasErrors(validation: ValidationResult): boolean {
  return validation.diagnostics.some((d) => d.severity === 'error');
}

/**
 * Open an engine on the workbook, under `scenario` when given (see `resolveScenario`).
 * @throws CliError exit 2 for an unknown scenario (listing the known ones), exit 1 when the
 * engine cannot be built (size limits).
 */
export function openEngine(workbook: Workbook, scenario: string | undefined, command: string): WorkbookEngine {
  const resolved = resolveScenario(workbook, scenario, command);
  try {
    return WorkbookEngine.create(workbook, { scenario: resolved });
  } catch (err) {
    // E.g. the workbook exceeds the engine's size limits: a workbook problem, not bad usage.
    if (err instanceof EngineError) throw new CliError(`cannot evaluate the workbook: ${err.message}`, EXIT.failed);
    throw err;
  }
}

/**
 * The workbook's scenario called `name` (exact, else the only case-insensitive match), or
 * `Baseline` when no name is given.
 * @throws CliError exit 2 for an unknown scenario, listing the known ones.
 */
export function resolveScenario(workbook: Workbook, name: string | undefined, command: string): string {
  if (name === undefined) return BASE_SCENARIO;
  const names = scenarioNames(workbook);
  if (names.includes(name)) return name;
  const matches = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (matches.length === 1) return matches[0];
  throw usageError(`unknown scenario "${name}"; the workbook has ${names.map((n) => `"${n}"`).join(', ')}`, command);
}
