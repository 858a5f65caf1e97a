import * as vscode from 'vscode';
import { fromCsv, toCsv } from '../core/csv';
import { sheetCsvRows } from '../core/csv/sheet-rows';
import { engineBuildProblem, WorkbookEngine } from '../core/engine';
import { BASE_SCENARIO, scenarioNames, type Workbook } from '../core/model/workbook';
import { exportXlsx, importXlsx, XlsxImportError } from '../core/xlsx';
import { workbookText } from '../core/files/workbook-text';
import { showImportReport } from './import-report';
import type { EditIntent } from '../shared/protocol';
import type { DocumentEditQueue } from './document-edits';
import { log } from './log';
import { confirmOverwrite, replaceQuestion } from './overwrite';
import { readSettings } from './settings';
import { WorkbookEditorProvider } from './workbook-editor-provider';
import type { WorkbookDiagnostics, ValidationSummary } from './workbook-diagnostics';
import { activeWorkbookUri, loadWorkbook, readText, toUri, WorkbookLoadError, writeText } from './workbook-files';
import { safeFileName, sheetFileNames } from '../core/files/file-names';

/** Every command id the extension contributes. */
export const COMMANDS = {
  exportSheetCsv: 'mineralsWorkbook.exportSheetCsv',
  exportAllSheetsCsv: 'mineralsWorkbook.exportAllSheetsCsv',
  exportXlsx: 'mineralsWorkbook.exportXlsx',
  importCsv: 'mineralsWorkbook.importCsv',
  importXlsx: 'mineralsWorkbook.importXlsx',
  openXlsxAsWorkbook: 'mineralsWorkbook.openXlsxAsWorkbook',
  newWorkbook: 'mineralsWorkbook.newWorkbook',
  validateAll: 'mineralsWorkbook.validateAll',
  openAsText: 'mineralsWorkbook.openAsText',
  openAsWorkbook: 'mineralsWorkbook.openAsWorkbook',
  revealCell: 'mineralsWorkbook.revealCell',
  compareWith: 'mineralsWorkbook.compareWith',
  compareWithSaved: 'mineralsWorkbook.compareWithSaved',
  compareWithHead: 'mineralsWorkbook.compareWithHead',
  toggleFormulas: 'mineralsWorkbook.toggleFormulas',
} as const;

/** Arguments of `mineralsWorkbook.exportSheetCsv`; with an args object nothing is asked. */
export interface ExportSheetArgs {
  uri?: vscode.Uri | string;
  /** Sheet name (or 0-based index); default the first sheet. */
  sheet?: string | number;
  /** Default Baseline. */
  scenario?: string;
  /** Export the formulas as written instead of computed values. */
  formulas?: boolean;
  /** Default `<workbook>-<sheet>.csv` next to the workbook. */
  target?: vscode.Uri | string;
}

/**
 * Arguments of `mineralsWorkbook.exportAllSheetsCsv`: one `<sheet>.csv` per sheet in `folder`.
 * Called with arguments nothing is asked, so an existing `<sheet>.csv` there is overwritten;
 * interactively the command asks once before replacing existing files.
 */
export interface ExportAllArgs {
  uri?: vscode.Uri | string;
  scenario?: string;
  folder?: vscode.Uri | string;
  formulas?: boolean;
}

/** Arguments of `mineralsWorkbook.exportXlsx`; with an args object nothing is asked. */
export interface ExportXlsxArgs {
  uri?: vscode.Uri | string;
  /** The scenario whose values are cached; default Baseline. */
  scenario?: string;
  /** Default `<workbook>.xlsx` next to the workbook. */
  target?: vscode.Uri | string;
}

/** Arguments of `mineralsWorkbook.importCsv`: adds a sheet named `name` with the CSV's cells. */
export interface ImportCsvArgs {
  uri?: vscode.Uri | string;
  /** The CSV file (Uri, URI string or path). */
  csv?: vscode.Uri | string;
  name?: string;
}

/** Arguments of `mineralsWorkbook.importXlsx`; with an args object nothing is asked. */
export interface ImportXlsxArgs {
  /** The .xlsx / .xlsm file (Uri, URI string or path). */
  xlsx?: vscode.Uri | string;
  /** Default `<name>.minerals.json` next to the .xlsx (replaced without asking when scripted). */
  target?: vscode.Uri | string;
  /** Open it in the workbook editor afterwards (default true). */
  open?: boolean;
}

/** Larger files are refused before they are read (the package limits bound what they inflate to). */
const MAX_XLSX_BYTES = 256 * 1024 * 1024;

/** Arguments of `mineralsWorkbook.newWorkbook`. */
export interface NewWorkbookArgs {
  /** A sample's file name without `.minerals.json` (see `samples/`), or `blank`. */
  template?: string;
  /** Where to write the new workbook; without it, a save dialog asks. */
  target?: vscode.Uri | string;
  /** Open it in the workbook editor afterwards (default true). */
  open?: boolean;
}

/** Arguments of `mineralsWorkbook.revealCell`. */
export interface RevealCellArgs {
  uri: vscode.Uri | string;
  /** 0-based cell coordinates ... */
  sheet?: number;
  row?: number;
  col?: number;
  /** ... or a JSON pointer into a sheet's rows, as diagnostics carry (`/sheets/0/rows/3/2`). */
  pointer?: string;
}

interface Deps {
  context: vscode.ExtensionContext;
  provider: WorkbookEditorProvider;
  diagnostics: WorkbookDiagnostics;
  edits: DocumentEditQueue;
}

/** An object argument (not a Uri from a menu) means "scripted: ask nothing". */
export function scriptedArgs<T extends object>(arg: unknown): T | undefined {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && !('scheme' in arg) ? (arg as T) : undefined;
}

/**
 * Runs a command body: in scripted mode errors reject (callers assert on them); interactively
 * they become an error message.
 */
export async function guarded<R>(scripted: boolean, body: () => Promise<R>): Promise<R | undefined> {
  try {
    return await body();
  } catch (e) {
    if (scripted) throw e;
    const message = e instanceof WorkbookLoadError || e instanceof CommandError ? e.message : `Unexpected error: ${(e as Error)?.message ?? e}`;
    if (!(e instanceof WorkbookLoadError || e instanceof CommandError)) log().error(String((e as Error)?.stack ?? e));
    void vscode.window.showErrorMessage(`Minerals Workbook: ${message}`);
    return undefined;
  }
}

export class CommandError extends Error {}

function resolveWorkbookUri(deps: Deps, given: unknown): vscode.Uri {
  const uri = toUri(given) ?? activeWorkbookUri(deps.provider.activeUri());
  if (!uri) throw new CommandError('Open a *.minerals.json workbook first.');
  return uri;
}

function sheetIndexOf(workbook: Workbook, sheet: string | number | undefined): number {
  if (sheet === undefined) return 0;
  const i = typeof sheet === 'number' ? sheet : workbook.sheets.findIndex((s) => s.name.toLowerCase() === sheet.toLowerCase());
  if (i < 0 || i >= workbook.sheets.length) {
    throw new CommandError(`No sheet ${JSON.stringify(sheet)}; the workbook has ${workbook.sheets.map((s) => s.name).join(', ')}.`);
  }
  return i;
}

/**
 * The CSV text of one sheet, from the same core function as `minerals export`: the header
 * record when the sheet declares headers, then values (from `engine`) or, without an engine,
 * the formulas as written with `scenario`'s overrides of single cells applied.
 */
function sheetCsv(workbook: Workbook, sheetIndex: number, engine: WorkbookEngine | undefined, scenario: string | undefined, uri: vscode.Uri): string {
  let rows;
  try {
    rows = sheetCsvRows(workbook, sheetIndex, engine ? { engine } : { formulas: true, scenario: scenario ?? BASE_SCENARIO });
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
  const s = readSettings(uri);
  return rows.length > 0 ? toCsv(rows, { delimiter: s.csvDelimiter, newline: s.csvNewline }) + s.csvNewline : '';
}

/** True when `uri` exists (any file system). */
async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** True when `uri` is a symbolic link, dangling or not (`stat` reports the link bit either way). */
async function isSymbolicLink(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0;
  } catch {
    return false;
  }
}

/** Asks once (modal) before replacing any of `targets` that exist in `folder`; true to go ahead. */
function confirmReplace(targets: readonly vscode.Uri[], folder: vscode.Uri): Promise<boolean> {
  return confirmOverwrite(targets, exists, async (existing) => {
    const question = replaceQuestion(existing.map((u) => u.path.split('/').pop() ?? u.path), vscode.workspace.asRelativePath(folder));
    return (await vscode.window.showWarningMessage(question, { modal: true }, 'Replace')) === 'Replace';
  });
}

/**
 * The engine for an export, built on the extension host's thread: refused past the build budget
 * (a hostile file would freeze every extension), pointing at the CLI, which builds in a
 * bounded worker.
 */
function makeEngine(workbook: Workbook, scenario: string | undefined, uri: vscode.Uri): WorkbookEngine {
  const problem = engineBuildProblem(workbook);
  if (problem !== undefined) {
    const file = uri.path.split('/').pop() ?? 'FILE';
    throw new CommandError(`Not exported: ${problem}. The command line computes it in a bounded worker: minerals export ${file} --xlsx (or --sheet NAME).`);
  }
  try {
    return WorkbookEngine.create(workbook, { scenario: scenario ?? BASE_SCENARIO });
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
}

async function pickScenario(workbook: Workbook): Promise<string | undefined> {
  const names = scenarioNames(workbook);
  if (names.length <= 1) return names[0] ?? BASE_SCENARIO;
  const picked = await vscode.window.showQuickPick(
    names.map((n) => ({ label: n, description: workbook.scenarios?.[n]?.description })),
    { title: 'Export under which scenario?', placeHolder: 'Scenario' });
  return picked?.label;
}

function dirname(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

function baseName(uri: vscode.Uri): string {
  return (uri.path.split('/').pop() ?? 'workbook').replace(/\.minerals\.json$/i, '').replace(/\.json$/i, '');
}

/** `mineralsWorkbook.exportSheetCsv`: returns the written CSV's Uri (undefined if cancelled). */
async function exportSheetCsv(deps: Deps, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = scriptedArgs<ExportSheetArgs>(arg);
  return guarded(!!args, async () => {
    const uri = resolveWorkbookUri(deps, args ? args.uri : arg);
    const { workbook } = await loadWorkbook(uri);
    let sheetIndex: number;
    let scenario: string | undefined;
    let formulas: boolean;
    let target: vscode.Uri | undefined;
    if (args) {
      sheetIndex = sheetIndexOf(workbook, args.sheet);
      formulas = args.formulas === true;
      scenario = args.scenario;
      target = toUri(args.target) ?? vscode.Uri.joinPath(dirname(uri), `${baseName(uri)}-${safeFileName(workbook.sheets[sheetIndex]!.name)}.csv`);
    } else {
      if (workbook.sheets.length === 1) sheetIndex = 0;
      else {
        const picked = await vscode.window.showQuickPick(workbook.sheets.map((s, i) => ({ label: s.name, description: s.description, i })),
          { title: 'Export which sheet?', placeHolder: 'Sheet' });
        if (!picked) return undefined;
        sheetIndex = picked.i;
      }
      const mode = await vscode.window.showQuickPick([
        { label: 'Computed values', formulas: false },
        { label: 'Formulas as written', formulas: true },
      ], { title: 'Export values or formulas?' });
      if (!mode) return undefined;
      formulas = mode.formulas;
      if (!formulas) {
        scenario = await pickScenario(workbook);
        if (!scenario) return undefined;
      }
      target = await askCsvTarget(uri, workbook.sheets[sheetIndex]!.name);
      if (!target) return undefined;
    }
    return writeSheet(uri, workbook, sheetIndex, scenario, formulas, target, !args);
  });
}

async function askCsvTarget(uri: vscode.Uri, sheetName: string): Promise<vscode.Uri | undefined> {
  return vscode.window.showSaveDialog({
    title: `Export sheet "${sheetName}" as CSV`,
    defaultUri: vscode.Uri.joinPath(dirname(uri), `${baseName(uri)}-${safeFileName(sheetName)}.csv`),
    filters: { CSV: ['csv'] },
  });
}

async function writeSheet(uri: vscode.Uri, workbook: Workbook, sheetIndex: number, scenario: string | undefined,
  formulas: boolean, target: vscode.Uri, announce: boolean): Promise<vscode.Uri> {
  const engine = formulas ? undefined : makeEngine(workbook, scenario, uri);
  let csv: string;
  try {
    csv = sheetCsv(workbook, sheetIndex, engine, scenario, uri);
  } finally {
    engine?.dispose();
  }
  await writeText(target, csv);
  log().info(`Exported sheet "${workbook.sheets[sheetIndex]!.name}" of ${uri.toString()} to ${target.toString()}`);
  if (announce) {
    void vscode.window.showInformationMessage(`Exported "${workbook.sheets[sheetIndex]!.name}" to ${vscode.workspace.asRelativePath(target)}.`, 'Open')
      .then((choice) => { if (choice) void vscode.commands.executeCommand('vscode.open', target); });
  }
  return target;
}

/** `mineralsWorkbook.exportXlsx`: the whole workbook as .xlsx; returns its Uri (undefined if cancelled). */
async function exportWorkbookXlsx(deps: Deps, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = scriptedArgs<ExportXlsxArgs>(arg);
  return guarded(!!args, async () => {
    const uri = resolveWorkbookUri(deps, args ? args.uri : arg);
    const { workbook } = await loadWorkbook(uri);
    const defaultTarget = vscode.Uri.joinPath(dirname(uri), `${baseName(uri)}.xlsx`);
    const scenario = args ? args.scenario ?? BASE_SCENARIO : await pickScenario(workbook);
    if (!scenario) return undefined;
    const target = args ? toUri(args.target) ?? defaultTarget
      : await vscode.window.showSaveDialog({ title: 'Export as Excel Workbook', defaultUri: defaultTarget, filters: { 'Excel workbook': ['xlsx'] } });
    if (!target) return undefined;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${baseName(uri)} as .xlsx` }, async () => {
      const engine = makeEngine(workbook, scenario, uri);
      try {
        return exportXlsx(workbook, { scenario, engine });
      } finally {
        engine.dispose();
      }
    });
    await vscode.workspace.fs.writeFile(target, result.bytes);
    for (const note of result.notes) log().info(`xlsx export of ${uri.toString()}: ${note.message}`);
    log().info(`Exported ${uri.toString()} under "${scenario}" to ${target.toString()}`);
    if (!args) {
      const notes = result.notes.length > 0 ? ` ${result.notes.length} note(s) in the Minerals Workbook log.` : '';
      void vscode.window.showInformationMessage(`Exported to ${vscode.workspace.asRelativePath(target)}.${notes}`);
    }
    return target;
  });
}

/** `mineralsWorkbook.exportAllSheetsCsv`: returns the written CSV files' Uris. */
async function exportAllSheetsCsv(deps: Deps, arg: unknown): Promise<vscode.Uri[] | undefined> {
  const args = scriptedArgs<ExportAllArgs>(arg);
  return guarded(!!args, async () => {
    const uri = resolveWorkbookUri(deps, args ? args.uri : arg);
    const { workbook } = await loadWorkbook(uri);
    let scenario = args?.scenario;
    let folder = toUri(args?.folder);
    const formulas = args?.formulas === true;
    if (!args) {
      scenario = await pickScenario(workbook);
      if (!scenario) return undefined;
      const picked = await vscode.window.showOpenDialog({
        title: 'Export every sheet as CSV into…', canSelectFolders: true, canSelectFiles: false, defaultUri: dirname(uri), openLabel: 'Export here',
      });
      folder = picked?.[0];
      if (!folder) return undefined;
    }
    folder ??= dirname(uri);
    const names = sheetFileNames(workbook.sheets.map((s) => s.name));
    const notes = names.filter((n) => n.renamed).map((n) => `"${n.sheet}" → ${n.fileName} (${n.renamed})`);
    // A link in the folder would send the sheet elsewhere (a dangling one even past the
    // "Replace?" question, since it does not "exist"): such sheets are not written.
    const sheets: { index: number; target: vscode.Uri }[] = [];
    const refused: string[] = [];
    for (const [index, n] of names.entries()) {
      const target = vscode.Uri.joinPath(folder, n.fileName);
      if (await isSymbolicLink(target)) refused.push(`"${n.sheet}" → ${n.fileName} is a symbolic link`);
      else sheets.push({ index, target });
    }
    // Interactively, existing files are replaced only when the user says so (asked once);
    // with an args object nothing is asked and existing files are overwritten (see ExportAllArgs).
    if (!args && !(await confirmReplace(sheets.map((s) => s.target), folder))) return undefined;
    const engine = formulas ? undefined : makeEngine(workbook, scenario, uri);
    const written: vscode.Uri[] = [];
    try {
      for (const { index, target } of sheets) {
        await writeText(target, sheetCsv(workbook, index, engine, scenario, uri));
        written.push(target);
      }
    } finally {
      engine?.dispose();
    }
    const where = vscode.workspace.asRelativePath(folder);
    const report = [
      ...(notes.length > 0 ? [`Renamed: ${notes.join('; ')}.`] : []),
      ...(refused.length > 0 ? [`Not written: ${refused.join('; ')}.`] : []),
    ].join(' ');
    if (report) log().warn(`Export of ${uri.toString()} to ${folder.toString()}: ${report}`);
    if (!args) {
      const done = `Exported ${written.length} sheet${written.length === 1 ? '' : 's'} to ${where}.`;
      if (report) void vscode.window.showWarningMessage(`${done} ${report}`);
      else void vscode.window.showInformationMessage(done);
    }
    return written;
  });
}

/** `mineralsWorkbook.importCsv`: adds the CSV as a new sheet (one undoable edit); returns the sheet name. */
async function importCsv(deps: Deps, arg: unknown): Promise<string | undefined> {
  const args = scriptedArgs<ImportCsvArgs>(arg);
  return guarded(!!args, async () => {
    const uri = resolveWorkbookUri(deps, args ? args.uri : arg);
    const { workbook } = await loadWorkbook(uri);
    let csvUri = toUri(args?.csv);
    if (!csvUri) {
      if (args) throw new CommandError('importCsv needs a "csv" file.');
      const picked = await vscode.window.showOpenDialog({
        title: 'Import which CSV file?', canSelectMany: false, filters: { CSV: ['csv', 'tsv', 'txt'] }, defaultUri: dirname(uri),
      });
      csvUri = picked?.[0];
      if (!csvUri) return undefined;
    }
    let csvText: string;
    try {
      csvText = await readText(csvUri);
    } catch (e) {
      throw new CommandError(`Cannot read ${vscode.workspace.asRelativePath(csvUri)}: ${(e as Error).message}`);
    }
    const parsed = fromCsv(csvText);
    if (parsed.errors.length > 0) {
      const list = parsed.errors.slice(0, 3).map((e) => `row ${e.row}: ${e.message}`).join('; ');
      throw new CommandError(`${vscode.workspace.asRelativePath(csvUri)} was not imported: ${list}.`);
    }
    const taken = new Set(workbook.sheets.map((s) => s.name.toLowerCase()));
    const suggested = uniqueName((csvUri.path.split('/').pop() ?? 'Imported').replace(/\.[^.]*$/, ''), taken);
    const name = args ? (args.name ?? suggested) : await vscode.window.showInputBox({
      title: 'Name of the new sheet', value: suggested,
      validateInput: (v) => (v.trim().length === 0 ? 'Enter a name' : taken.has(v.trim().toLowerCase()) ? `A sheet named "${v.trim()}" already exists` : undefined),
    });
    if (name === undefined) return undefined;
    // The new sheet's index is decided when the edit is applied (a sheet added while the name
    // box was open is not overwritten); one intent, applied once through the per-document queue.
    const intents: EditIntent[] = [{ kind: 'addSheet', name: name.trim(), rows: parsed.rows }];
    const document = await vscode.workspace.openTextDocument(uri);
    const outcome = await deps.edits.apply(document, intents, undefined, 'import-csv-command');
    if (!outcome.ok) throw new CommandError(outcome.error);
    if (!args) void vscode.window.showInformationMessage(`Imported ${parsed.rows.length} rows into the new sheet "${name.trim()}". Save the workbook to keep it.`);
    return name.trim();
  });
}

function uniqueName(base: string, taken: Set<string>): string {
  const clean = base.trim() || 'Imported';
  let name = clean;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${clean} ${n}`;
  return name;
}

/** No `$schema`: the extension's jsonValidation association supplies the schema offline. */
const BLANK_TEMPLATE = (title: string) => `{
  "format": "minerals-workbook",
  "version": 1,
  "title": ${JSON.stringify(title)},
  "parameters": {},
  "scenarios": {
    "Baseline": { "description": "Parameter values as written", "set": {} }
  },
  "sheets": [
    {
      "name": "Sheet1",
      "columns": [ { "header": "Item" }, { "header": "Value" } ],
      "rows": [
        ["Example", 1]
      ]
    }
  ],
  "checks": []
}
`;

/** `mineralsWorkbook.newWorkbook`: writes a template and opens it; returns its Uri. */
async function newWorkbook(deps: Deps, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = scriptedArgs<NewWorkbookArgs>(arg);
  return guarded(!!args, async () => {
    const samplesDir = vscode.Uri.joinPath(deps.context.extensionUri, 'samples');
    let samples: string[] = [];
    try {
      samples = (await vscode.workspace.fs.readDirectory(samplesDir))
        .filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.minerals.json') && !n.startsWith('broken')).map(([n]) => n).sort();
    } catch {
      log().warn('No bundled samples found; only the blank template is offered.');
    }
    let template = args?.template;
    if (!args) {
      const items = [
        { label: 'Blank workbook', description: 'One sheet, a Baseline scenario', id: 'blank' },
        ...samples.map((n) => ({ label: n.replace(/\.minerals\.json$/, ''), description: 'Sample', id: n.replace(/\.minerals\.json$/, '') })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: 'New Minerals Workbook from…' });
      if (!picked) return undefined;
      template = picked.id;
    }
    template ??= 'blank';
    let text: string;
    if (template === 'blank') text = BLANK_TEMPLATE('New workbook');
    else {
      const file = samples.find((n) => n === `${template}.minerals.json`);
      if (!file) throw new CommandError(`No template "${template}"; available: blank, ${samples.map((n) => n.replace(/\.minerals\.json$/, '')).join(', ')}.`);
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(samplesDir, file)));
      // Samples point at the schema relative to the repo; a copy elsewhere relies on jsonValidation instead.
      text = text.replace(/^(\s*)"\$schema":\s*"[^"]*",\r?\n/m, '');
    }
    let target = toUri(args?.target);
    if (!target) {
      if (args) throw new CommandError('newWorkbook needs a "target" when called with arguments.');
      // From the explorer's folder context menu the folder arrives as the argument.
      const folder = toUri(arg) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `${template === 'blank' ? 'workbook' : template}.minerals.json`;
      target = await vscode.window.showSaveDialog({
        title: 'Save the new workbook as', filters: { 'Minerals Workbook': ['minerals.json', 'json'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      });
      if (!target) return undefined;
      if (!target.path.toLowerCase().endsWith('.minerals.json')) {
        // The save dialog asked about the name it returned, not this one: ask before replacing it.
        target = target.with({ path: target.path.replace(/(\.json)?$/i, '.minerals.json') });
        if (!(await confirmReplace([target], dirname(target)))) return undefined;
      }
    }
    await writeText(target, text);
    if (args?.open !== false) await vscode.commands.executeCommand('vscode.openWith', target, WorkbookEditorProvider.viewType);
    return target;
  });
}

/**
 * `mineralsWorkbook.importXlsx`: an Excel workbook as a new `*.minerals.json` next to it, opened
 * in the workbook editor. What did not survive (features dropped, values that differ from the
 * ones Excel cached) goes to the log, summed up in a message. Returns the written Uri.
 */
async function importExcelWorkbook(deps: Deps, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = scriptedArgs<ImportXlsxArgs>(arg);
  return guarded(!!args, async () => {
    let source = toUri(args ? args.xlsx : arg);
    if (!source) {
      if (args) throw new CommandError('importXlsx needs an "xlsx" file.');
      const picked = await vscode.window.showOpenDialog({ title: 'Import Excel Workbook', canSelectMany: false, filters: { 'Excel workbook': ['xlsx', 'xlsm'] } });
      source = picked?.[0];
      if (!source) return undefined;
    }
    const name = (source.path.split('/').pop() ?? 'workbook').replace(/\.xls[xm]$/i, '');
    const target = toUri(args?.target) ?? vscode.Uri.joinPath(dirname(source), `${name}.minerals.json`);
    if (!args && !(await confirmReplace([target], dirname(target)))) return undefined;
    const size = (await vscode.workspace.fs.stat(source)).size;
    if (size > MAX_XLSX_BYTES) throw new CommandError(`${name} is ${Math.round(size / 1048576)} MB, more than the ${MAX_XLSX_BYTES / 1048576} MB an import reads.`);
    const bytes = await vscode.workspace.fs.readFile(source);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Importing ${name}` }, async () => {
      try {
        return importXlsx(bytes, { title: name });
      } catch (e) {
        if (e instanceof XlsxImportError) throw new CommandError(`Cannot import ${vscode.workspace.asRelativePath(source)}: ${e.message}`);
        throw e;
      }
    });
    const text = workbookText(result.workbook);
    await writeText(target, text);
    showImportReport(deps.context, target, text, result.workbook, result.diagnostics);
    for (const d of result.diagnostics) log().info(`xlsx import of ${source.toString()}: ${d.severity}: ${d.message}`);
    const { compared, differ } = result.verified;
    const summary = `Imported ${vscode.workspace.asRelativePath(source)} as ${vscode.workspace.asRelativePath(target)}: ${differ === 0 ? `all ${compared} values Excel cached are reproduced` : `${differ} of ${compared} values differ from the ones Excel cached`}.`;
    log().info(summary);
    if (args?.open !== false) await vscode.commands.executeCommand('vscode.openWith', target, WorkbookEditorProvider.viewType);
    if (!args) {
      const dropped = result.diagnostics.length > 0 ? ` ${result.diagnostics.length} note(s) on what did not carry over, in the Problems panel.` : '';
      const show = differ > 0 ? vscode.window.showWarningMessage(summary + dropped, 'Show Log') : vscode.window.showInformationMessage(summary + dropped, ...(dropped ? ['Show Log'] : []));
      void Promise.resolve(show).then((c) => { if (c) log().show(); });
    }
    return target;
  });
}

/** `mineralsWorkbook.validateAll`: validates every workbook; returns the summary. */
async function validateAll(deps: Deps, arg: unknown): Promise<ValidationSummary> {
  const scripted = !!scriptedArgs<object>(arg);
  const s = await deps.diagnostics.scanWorkspace(vscode.ProgressLocation.Notification);
  const msg = s.files === 0 ? 'No *.minerals.json workbooks in this workspace.'
    : `Validated ${s.files} workbook${s.files === 1 ? '' : 's'}: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}` +
      (s.filesWithErrors ? ` (in ${s.filesWithErrors} file${s.filesWithErrors === 1 ? '' : 's'}).` : '.');
  if (!scripted) {
    const show = s.errors + s.warnings > 0 ? vscode.window.showWarningMessage(msg, 'Show Problems') : vscode.window.showInformationMessage(msg);
    void Promise.resolve(show).then((c) => { if (c) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
  }
  return s;
}

/** Registers every command; returns their disposables. */
export function registerCommands(deps: Deps): vscode.Disposable[] {
  const reg = (id: string, f: (arg: unknown) => unknown) => vscode.commands.registerCommand(id, f);
  return [
    reg(COMMANDS.exportSheetCsv, (a) => exportSheetCsv(deps, a)),
    reg(COMMANDS.exportAllSheetsCsv, (a) => exportAllSheetsCsv(deps, a)),
    reg(COMMANDS.exportXlsx, (a) => exportWorkbookXlsx(deps, a)),
    reg(COMMANDS.importCsv, (a) => importCsv(deps, a)),
    reg(COMMANDS.importXlsx, (a) => importExcelWorkbook(deps, a)),
    reg(COMMANDS.openXlsxAsWorkbook, (a) => importExcelWorkbook(deps, a)),
    reg(COMMANDS.newWorkbook, (a) => newWorkbook(deps, a)),
    reg(COMMANDS.validateAll, (a) => validateAll(deps, a)),
    reg(COMMANDS.openAsText, async (a) => {
      const uri = toUri(a) ?? activeWorkbookUri(deps.provider.activeUri());
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    }),
    reg(COMMANDS.toggleFormulas, () => deps.provider.toggleFormulas()),
    reg(COMMANDS.openAsWorkbook, async (a) => {
      const uri = toUri(a) ?? activeWorkbookUri(undefined);
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, WorkbookEditorProvider.viewType);
    }),
  ];
}

/** Exports one sheet interactively (from the grid's export button): asks only for the target. */
export async function exportFromGrid(uri: vscode.Uri, sheet: number, scenario: string | undefined, formulas: boolean | undefined): Promise<vscode.Uri | undefined> {
  return guarded(false, async () => {
    const { workbook } = await loadWorkbook(uri);
    const i = sheetIndexOf(workbook, sheet);
    const target = await askCsvTarget(uri, workbook.sheets[i]!.name);
    if (!target) return undefined;
    return writeSheet(uri, workbook, i, scenario, formulas === true, target, true);
  });
}
