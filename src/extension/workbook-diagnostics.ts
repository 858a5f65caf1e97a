import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../core/model/diagnostic';
import { cellLinkOf, sheetNamesOf } from './cell-links';
import { LineIndex } from '../core/text/line-index';
import { log } from './log';
import { readSettings } from './settings';
import { ValidationMemo } from './validation-memo';
import { ValidationLimitError, type ValidationRunner } from './validation-runner';
import { isWorkbookUri, openDocument, WORKBOOK_GLOB } from './workbook-files';

export { isWorkbookUri, WORKBOOK_GLOB } from './workbook-files';

/** Severity mapping core -> VS Code. */
function toSeverity(s: CoreDiagnostic['severity']): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error
    : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

/** The message shown in Problems: model/check findings name the scenario they occur under. */
export function problemMessage(d: CoreDiagnostic): string {
  const scenarioTagged = d.code.startsWith('MW4') || d.code.startsWith('MW5');
  return scenarioTagged && d.scenario ? `[scenario: ${d.scenario}] ${d.message}` : d.message;
}

/** Core diagnostics -> VS Code diagnostics at the exact character ranges. */
export function toVsDiagnostics(text: string, diagnostics: readonly CoreDiagnostic[], uri?: vscode.Uri): vscode.Diagnostic[] {
  const lines = new LineIndex(text);
  const sheetName = sheetNamesOf(text);
  return diagnostics.map((d) => {
    const a = lines.positionAt(d.start);
    const b = lines.positionAt(Math.max(d.end, d.start));
    const v = new vscode.Diagnostic(new vscode.Range(a.line, a.character, b.line, b.character), problemMessage(d), toSeverity(d.severity));
    v.code = d.code;
    v.source = 'minerals';
    // One click on this row under the problem selects its cell in the grid (see cell-links.ts).
    const link = uri ? cellLinkOf(uri, d.pointer, sheetName) : undefined;
    if (link) v.relatedInformation = [link];
    return v;
  });
}

/** Per-file counts from a scan. */
export interface ValidationSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  filesWithErrors: number;
}

/**
 * The `minerals` DiagnosticCollection: validates every workbook in the workspace on start,
 * follows file changes through a watcher and open documents (debounced) as they are edited,
 * and reverts to the file on disk when an unsaved document is closed. Full validation runs in
 * a worker (see `ValidationRunner`); runs for one file are coalesced so only the newest text
 * is ever published.
 */
export class WorkbookDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('minerals');
  private readonly latest = new Map<string, CoreDiagnostic[]>();
  private readonly timers = new Map<string, { doc: vscode.TextDocument; timer: ReturnType<typeof setTimeout> }>();
  private readonly runs = new Map<string, { read: Reader; again: boolean; running: Promise<void> | undefined }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** The text and scenarios setting that each file's published problems describe. */
  private readonly validated = new ValidationMemo();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changed];
  /** Fires after the diagnostics of a workbook were recomputed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly runner: ValidationRunner) {
    const watcher = vscode.workspace.createFileSystemWatcher(WORKBOOK_GLOB);
    this.disposables.push(
      watcher,
      { dispose: () => runner.dispose() },
      watcher.onDidCreate((uri) => this.onFileChanged(uri)),
      watcher.onDidChange((uri) => this.onFileChanged(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => { if (isWorkbookUri(doc.uri)) this.schedule(doc, 0); }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isWorkbookUri(e.document.uri) && e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClosed(doc)),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => {
        this.forget(f.oldUri);
        if (isWorkbookUri(f.newUri)) this.onFileChanged(f.newUri);
      })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Only the scenarios setting changes results; debounceMs is read on every schedule().
        if (e.affectsConfiguration('mineralsWorkbook.validation.scenarios')) void this.scanWorkspace();
      }),
    );
    for (const doc of vscode.workspace.textDocuments) if (isWorkbookUri(doc.uri)) this.schedule(doc, 0);
  }

  /** The latest core diagnostics of `uri` (pointer-based, for the grid). */
  diagnosticsOf(uri: vscode.Uri): CoreDiagnostic[] {
    return this.latest.get(uri.toString()) ?? [];
  }

  /** Validates every workbook in the workspace (open ones from their unsaved text), with progress. */
  async scanWorkspace(location = vscode.ProgressLocation.Window): Promise<ValidationSummary> {
    const summary: ValidationSummary = { files: 0, errors: 0, warnings: 0, infos: 0, filesWithErrors: 0 };
    await vscode.window.withProgress(
      { location, title: 'Minerals Workbook: validating workbooks', cancellable: location === vscode.ProgressLocation.Notification },
      async (progress, token) => {
        const uris = await vscode.workspace.findFiles(WORKBOOK_GLOB, '**/node_modules/**');
        for (const [i, uri] of uris.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
          const open = openDocument(uri);
          const items = open ? await this.validateDocument(open) : await this.validateFile(uri);
          if (!items) continue;
          summary.files++;
          const errors = items.filter((d) => d.severity === 'error').length;
          summary.errors += errors;
          summary.warnings += items.filter((d) => d.severity === 'warning').length;
          summary.infos += items.filter((d) => d.severity === 'info').length;
          if (errors > 0) summary.filesWithErrors++;
        }
      });
    return summary;
  }

  /** Resolves when no validation is pending or running for `uri` (a pending one runs now). */
  async settled(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    this.flush(key);
    for (let run = this.runs.get(key)?.running; run; run = this.runs.get(key)?.running) await run;
  }

  /** Re-validates `doc` after the configured debounce (or `delayMs`); restarts a pending wait. */
  schedule(doc: vscode.TextDocument, delayMs?: number): void {
    const key = doc.uri.toString();
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing.timer);
    const delay = delayMs ?? readSettings(doc.uri).debounceMs;
    this.timers.set(key, { doc, timer: setTimeout(() => this.flush(key), delay) });
  }

  /** Starts the pending validation of `key` now, if any. */
  private flush(key: string): void {
    const entry = this.timers.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.timers.delete(key);
    if (!entry.doc.isClosed) void this.validateDocument(entry.doc);
  }

  /** Validates an open document's current text and publishes the result. */
  validateDocument(doc: vscode.TextDocument): Promise<CoreDiagnostic[] | undefined> {
    return this.run(doc.uri, async () => (doc.isClosed ? undefined : doc.getText()));
  }

  /** Validates a file from disk (any file system, via workspace.fs); undefined if unreadable. */
  validateFile(uri: vscode.Uri): Promise<CoreDiagnostic[] | undefined> {
    return this.run(uri, async () => {
      // An open document is the truth; its own runs publish its problems.
      if (openDocument(uri)) return undefined;
      try {
        return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch (e) {
        log().warn(`Cannot read ${uri.toString()}: ${(e as Error).message}`);
        this.forget(uri);
        return undefined;
      }
    });
  }

  /**
   * Runs validation for `uri` with the newest `read`er. While a run is in flight, further
   * requests only mark it stale; it then re-reads and re-validates, publishing only the newest.
   */
  private async run(uri: vscode.Uri, read: Reader): Promise<CoreDiagnostic[] | undefined> {
    const key = uri.toString();
    let state = this.runs.get(key);
    if (!state) this.runs.set(key, (state = { read, again: false, running: undefined }));
    state.read = read;
    if (state.running) {
      state.again = true;
    } else {
      const s = state;
      s.running = (async () => {
        do {
          s.again = false;
          const text = await s.read();
          if (text === undefined) continue;
          // Unchanged text under the same setting: the published problems still hold.
          const scenarios = readSettings(uri).validationScenarios;
          if (this.latest.has(key) && this.validated.isCurrent(key, text, scenarios)) continue;
          const { items, complete } = await this.validateText(uri, text, scenarios);
          if (s.again) continue;
          this.publish(uri, text, items);
          // A timed-out or failed run is not remembered: the same text is tried again next time.
          if (complete) this.validated.remember(key, text, scenarios); else this.validated.forget(key);
        } while (s.again);
      })().finally(() => {
        s.running = undefined;
        if (this.runs.get(key) === s) this.runs.delete(key);
      });
    }
    await state.running;
    return this.latest.get(key);
  }

  /** The problems of `text`; `complete` is false when the run failed or timed out. */
  private async validateText(uri: vscode.Uri, text: string, scenarios: 'all' | string[]): Promise<{ items: CoreDiagnostic[]; complete: boolean }> {
    try {
      // An open document keeps its engine in the worker: its next edit does not rebuild it.
      const key = openDocument(uri) ? uri.toString() : undefined;
      return { items: await this.runner.validate(text, scenarios, key), complete: true };
    } catch (e) {
      // A crash or a runaway model must not take the extension down; say so where the user looks.
      const limited = e instanceof ValidationLimitError;
      if (!limited) log().error(`Validation failed on ${uri.toString()}: ${String((e as Error)?.stack ?? e)}`);
      return {
        complete: false,
        items: [{
          code: limited ? 'MW4007' : 'MW1001', severity: limited ? 'warning' : 'error', pointer: '', start: 0, end: 0,
          message: limited ? `${(e as Error).message} The model's formulas and checks were not verified.` : `Internal error while validating: ${(e as Error)?.message ?? e}`,
        }],
      };
    }
  }

  private publish(uri: vscode.Uri, text: string, items: CoreDiagnostic[]): void {
    this.latest.set(uri.toString(), items);
    this.collection.set(uri, toVsDiagnostics(text, items, uri));
    this.changed.fire(uri);
  }

  private onFileChanged(uri: vscode.Uri): void {
    if (!openDocument(uri)) void this.validateFile(uri);
  }

  private onClosed(doc: vscode.TextDocument): void {
    if (!isWorkbookUri(doc.uri)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) { clearTimeout(pending.timer); this.timers.delete(key); }
    this.runner.forget(key);
    if (doc.uri.scheme === 'untitled') { this.forget(doc.uri); return; }
    // Closing without saving: the problems go back to what the file on disk says.
    void this.validateFile(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    this.latest.delete(uri.toString());
    this.runner.forget(uri.toString());
    this.validated.forget(uri.toString());
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Produces the text to validate, or undefined to skip this run. */
type Reader = () => Promise<string | undefined>;

