import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../core/model/diagnostic';
import { LineIndex } from '../core/text/line-index';
import { validateWorkbookText } from '../core/validate';
import { log } from './log';
import { readSettings } from './settings';

/** Glob of workbook files, used for scans, watchers and selectors. */
export const WORKBOOK_GLOB = '**/*.minerals.json';

// Read-only views of old versions (diffs, reviews) are not the user's workbook: no problems for them.
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'merge-conflict.conflict-diff', 'output', 'review', 'pr', 'chat-editing-snapshot-text-model']);

/** True for a `*.minerals.json` resource (file, untitled or virtual file system; not git/diff views). */
export function isWorkbookUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.minerals.json') && !IGNORED_SCHEMES.has(uri.scheme);
}

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
export function toVsDiagnostics(text: string, diagnostics: readonly CoreDiagnostic[]): vscode.Diagnostic[] {
  const lines = new LineIndex(text);
  return diagnostics.map((d) => {
    const a = lines.positionAt(d.start);
    const b = lines.positionAt(Math.max(d.end, d.start));
    const v = new vscode.Diagnostic(new vscode.Range(a.line, a.character, b.line, b.character), problemMessage(d), toSeverity(d.severity));
    v.code = d.code;
    v.source = 'minerals';
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
 * and reverts to the file on disk when an unsaved document is closed.
 */
export class WorkbookDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('minerals');
  private readonly latest = new Map<string, { version: number | undefined; items: CoreDiagnostic[] }>();
  private readonly timers = new Map<string, { doc: vscode.TextDocument; timer: ReturnType<typeof setTimeout> }>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changed];
  /** Fires after the diagnostics of a workbook were recomputed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(WORKBOOK_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.onFileChanged(uri)),
      watcher.onDidChange((uri) => this.onFileChanged(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => { if (isWorkbookUri(doc.uri)) this.schedule(doc, 0); }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isWorkbookUri(e.document.uri) && e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClosed(doc)),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => { this.forget(f.oldUri); if (isWorkbookUri(f.newUri)) this.onFileChanged(f.newUri); })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mineralsWorkbook.validation')) void this.revalidateKnown();
      }),
    );
    for (const doc of vscode.workspace.textDocuments) if (isWorkbookUri(doc.uri)) this.schedule(doc, 0);
  }

  /** The latest core diagnostics of `uri` (pointer-based, for the grid). */
  diagnosticsOf(uri: vscode.Uri): CoreDiagnostic[] {
    return this.latest.get(uri.toString())?.items ?? [];
  }

  /** Validates every workbook in the workspace (progress in the status bar or a notification). */
  async scanWorkspace(location = vscode.ProgressLocation.Window, token?: vscode.CancellationToken): Promise<ValidationSummary> {
    const summary: ValidationSummary = { files: 0, errors: 0, warnings: 0, infos: 0, filesWithErrors: 0 };
    await vscode.window.withProgress({ location, title: 'Minerals Workbook: validating workbooks', cancellable: location === vscode.ProgressLocation.Notification },
      async (progress, progressToken) => {
        const uris = await vscode.workspace.findFiles(WORKBOOK_GLOB, '**/node_modules/**');
        for (const [i, uri] of uris.entries()) {
          if (token?.isCancellationRequested || progressToken.isCancellationRequested) break;
          progress.report({ message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          const items = open ? this.validateDocument(open) : await this.validateFile(uri);
          if (!items) continue;
          summary.files++;
          const errors = items.filter((d) => d.severity === 'error').length;
          summary.errors += errors;
          summary.warnings += items.filter((d) => d.severity === 'warning').length;
          summary.infos += items.filter((d) => d.severity === 'info').length;
          if (errors > 0) summary.filesWithErrors++;
          // Let the extension host breathe between files of a big workspace.
          await new Promise((r) => setTimeout(r, 0));
        }
      });
    return summary;
  }

  /** Resolves when no validation is pending or running for `uri` (a pending one runs now). */
  async settled(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    this.flush(key);
    await this.running.get(key);
  }

  /** Re-validates `doc` after the configured debounce (or `delayMs`); restarts a pending wait. */
  schedule(doc: vscode.TextDocument, delayMs?: number): void {
    const key = doc.uri.toString();
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing.timer);
    const delay = delayMs ?? readSettings(doc.uri).debounceMs;
    this.timers.set(key, { doc, timer: setTimeout(() => this.flush(key), delay) });
  }

  /** Runs the pending validation of `key` now, if any. */
  private flush(key: string): void {
    const entry = this.timers.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.timers.delete(key);
    if (!entry.doc.isClosed) this.validateDocument(entry.doc);
  }

  /** Validates an open document now and publishes the result. */
  validateDocument(doc: vscode.TextDocument): CoreDiagnostic[] {
    return this.publish(doc.uri, doc.getText(), doc.version);
  }

  /** Validates a file from disk (any file system via workspace.fs); undefined if unreadable. */
  async validateFile(uri: vscode.Uri): Promise<CoreDiagnostic[] | undefined> {
    const key = uri.toString();
    const run = (async () => {
      let text: string;
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      } catch (e) {
        log().warn(`Cannot read ${key}: ${(e as Error).message}`);
        this.forget(uri);
        return undefined;
      }
      // An open document is the truth; don't overwrite its problems with the file's.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return this.diagnosticsOf(uri);
      return this.publish(uri, text, undefined);
    })();
    const settled = run.then(() => undefined, () => undefined);
    this.running.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.running.get(key) === settled) this.running.delete(key);
    }
  }

  private publish(uri: vscode.Uri, text: string, version: number | undefined): CoreDiagnostic[] {
    let items: CoreDiagnostic[];
    try {
      items = validateWorkbookText(text, { model: true, scenarios: readSettings(uri).validationScenarios }).diagnostics;
    } catch (e) {
      // A validator crash must not take the extension down; report it where the user looks.
      log().error(`Validation crashed on ${uri.toString()}: ${String((e as Error)?.stack ?? e)}`);
      items = [{ code: 'MW1001', severity: 'error', message: `Internal error while validating: ${(e as Error)?.message ?? e}`, pointer: '', start: 0, end: 0 }];
    }
    this.latest.set(uri.toString(), { version, items });
    this.collection.set(uri, toVsDiagnostics(text, items));
    this.changed.fire(uri);
    return items;
  }

  private onFileChanged(uri: vscode.Uri): void {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    void this.validateFile(uri);
  }

  private onClosed(doc: vscode.TextDocument): void {
    if (!isWorkbookUri(doc.uri)) return;
    this.flush(doc.uri.toString());
    if (doc.uri.scheme === 'untitled') { this.forget(doc.uri); return; }
    // Closing without saving: the problems go back to what the file on disk says.
    void this.validateFile(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    this.latest.delete(uri.toString());
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  private async revalidateKnown(): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) if (isWorkbookUri(doc.uri)) this.validateDocument(doc);
    await this.scanWorkspace();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}
