import * as vscode from 'vscode';
import { appliesToModel } from '../core/edit/apply-model';
import type { Diagnostic as CoreDiagnostic } from '../core/model/diagnostic';
import { parseWebviewMessage, type GridDiagnostic, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { revealCheck, saveExport } from './analysis-exports';
import type { SimulatedMessageResult } from './api';
import type { DocumentEditQueue } from './document-edits';
import { log } from './log';
import { readSettings } from './settings';
import { webviewOptionsFor, workbookHtml } from './webview-html';
import type { WorkbookDiagnostics } from './workbook-diagnostics';

/** A cell to select in the grid. */
export interface CellTarget {
  sheet: number;
  row: number;
  col: number;
}

/** What the provider needs from the rest of the extension. */
export interface EditorDeps {
  edits: DocumentEditQueue;
  diagnostics: WorkbookDiagnostics;
  /** Runs the interactive CSV export for a sheet (from the grid's export button). */
  exportCsv(uri: vscode.Uri, sheet: number, scenario: string | undefined, formulas: boolean | undefined): Promise<unknown>;
}

let sessionCount = 0;

/** One open workbook editor (a webview panel on one TextDocument). */
class WorkbookEditorSession implements vscode.Disposable {
  /** Identifies this editor to the edit queue, which tracks versions per editor. */
  readonly id = `editor-${++sessionCount}`;
  private ready = false;
  private lastPostedVersion = -1;
  private pendingReveal: CellTarget | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: EditorDeps,
    private readonly onDispose: () => void,
    private readonly onSelect: (cell: CellTarget) => void,
  ) {}

  get webview(): vscode.Webview {
    return this.panel.webview;
  }

  post(message: HostMessage): void {
    // postMessage rejects once the panel is gone; nothing to do then.
    void Promise.resolve(this.webview.postMessage(message)).then(undefined, () => undefined);
  }

  /**
   * A change of the document: sent as text, except while this editor's own edit is being
   * applied (its outcome decides: an acknowledgement, or the text).
   */
  documentChanged(): void {
    if (this.deps.edits.applyingSession(this.document.uri) === this.id) return;
    this.postDocument();
  }

  /** Sends the document text unless the webview already has this version. */
  postDocument(force = false): void {
    if (!this.ready) return;
    if (!force && this.document.version === this.lastPostedVersion) return;
    this.lastPostedVersion = this.document.version;
    this.post({ type: 'document', text: this.document.getText(), version: this.document.version });
  }

  postDiagnostics(items: readonly CoreDiagnostic[]): void {
    if (!this.ready) return;
    const grid: GridDiagnostic[] = items.map((d) => ({
      pointer: d.pointer, severity: d.severity, code: d.code, message: d.message, ...(d.scenario ? { scenario: d.scenario } : {}),
    }));
    this.post({ type: 'diagnostics', items: grid });
  }

  postSettings(): void {
    if (!this.ready) return;
    this.post({ type: 'settings', settings: { numberLocale: readSettings(this.document.uri).numberLocale } });
  }

  reveal(target: CellTarget): void {
    // A hidden panel's webview is torn down (no retainContextWhenHidden) and loads again when
    // shown, and a message posted while it loads is lost: the cell also waits for the next
    // 'ready', until the webview reports a selection of its own.
    this.pendingReveal = target;
    if (this.ready) this.post({ type: 'reveal', ...target });
  }

  /** Handles one untrusted message from the webview (or a simulated one). */
  async handle(raw: unknown, fromView = true): Promise<SimulatedMessageResult> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      log().warn(`Dropped a malformed message from the workbook webview of ${this.document.uri.toString()}: ${describe(raw)}`);
      return 'dropped';
    }
    return this.dispatch(msg, fromView);
  }

  /** `fromView`: the webview sent `msg`; false for a simulated one (its webview applied nothing). */
  private async dispatch(msg: WebviewMessage, fromView: boolean): Promise<SimulatedMessageResult> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.postSettings();
        this.postDocument(true);
        this.postDiagnostics(this.deps.diagnostics.diagnosticsOf(this.document.uri));
        if (this.pendingReveal) { this.post({ type: 'reveal', ...this.pendingReveal }); this.pendingReveal = undefined; }
        return 'applied';
      case 'edit': {
        const outcome = await this.deps.edits.apply(this.document, msg.edits, msg.baseVersion, this.id);
        if (outcome.ok) {
          if (fromView && msg.applied === true && outcome.version !== undefined && appliesToModel(msg.edits) && this.lastPostedVersion < outcome.version) {
            // The view applied these cells to its model as the text has them (core/edit/apply-model):
            // the version is all it lacks. Never echo an edit back to the view that made it.
            this.lastPostedVersion = outcome.version;
            this.post({ type: 'editResult', requestId: msg.requestId, ok: true, version: outcome.version });
            return 'applied';
          }
          // Structure, sheet and scenario edits, a simulated message, or a change that came in
          // while this edit was applied: the text, before the result (a structure edit waits for it).
          // A no-op edit changed nothing, and this version may have gone out already.
          this.postDocument();
          this.post({ type: 'editResult', requestId: msg.requestId, ok: true });
          return 'applied';
        }
        this.post({ type: 'editResult', requestId: msg.requestId, ok: false, error: outcome.error });
        // Resend the truth so the grid drops its optimistic value, and tell the user why.
        this.postDocument(true);
        void vscode.window.showWarningMessage(`Minerals Workbook: ${outcome.error}`);
        log().warn(`Edit ${msg.requestId} refused: ${outcome.error}`);
        return 'rejected';
      }
      case 'openText':
        await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', this.panel.viewColumn);
        return 'applied';
      case 'exportCsv':
        await this.deps.exportCsv(this.document.uri, msg.sheet, msg.scenario, msg.formulas);
        return 'applied';
      case 'selectionChanged':
        // The webview has a selection of its own now (the reveal's or the user's).
        this.pendingReveal = undefined;
        this.onSelect({ sheet: msg.sheet, row: msg.row, col: msg.col });
        return 'applied';
      case 'revealCheck':
        return (await revealCheck(this.document, msg.index)) ? 'applied' : 'rejected';
      case 'saveExport':
        await saveExport(this.document.uri, msg.format, msg.suggestedName, msg.data);
        return 'applied';
      case 'log': {
        const line = `[webview] ${msg.message}`;
        if (msg.level === 'error') log().error(line); else if (msg.level === 'warn') log().warn(line); else log().info(line);
        return 'applied';
      }
    }
  }

  track(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.deps.edits.forgetSession(this.document.uri, this.id);
    this.onDispose();
  }
}

/** A short, safe description of a dropped message for the log (never the whole payload). */
function describe(raw: unknown): string {
  try {
    const s = JSON.stringify(raw);
    return s === undefined ? String(raw) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return Object.prototype.toString.call(raw);
  }
}

/**
 * The workbook editor for `*.minerals.json`: a webview grid on the TextDocument, which stays
 * the single source of truth (undo, redo, save, hot exit and split views come from VS Code).
 */
export class WorkbookEditorProvider implements vscode.CustomTextEditorProvider {
  static readonly viewType = 'mineralsWorkbook.editor';

  private readonly sessions = new Map<string, Set<WorkbookEditorSession>>();
  private readonly selected = new vscode.EventEmitter<{ uri: vscode.Uri; cell: CellTarget }>();
  /** Fires when the user selects a cell in a workbook editor. */
  readonly onDidSelectCell = this.selected.event;

  /** Registers the provider and the document/diagnostic listeners that feed open editors. */
  static register(context: vscode.ExtensionContext, deps: EditorDeps): { provider: WorkbookEditorProvider; disposable: vscode.Disposable } {
    const provider = new WorkbookEditorProvider(context.extensionUri, deps);
    const disposable = vscode.Disposable.from(
      provider.selected,
      vscode.window.registerCustomEditorProvider(WorkbookEditorProvider.viewType, provider, {
        supportsMultipleEditorsPerDocument: true,
      }),
      vscode.workspace.onDidChangeTextDocument((e) => provider.forEachSession(e.document.uri, (s) => s.documentChanged())),
      deps.diagnostics.onDidChange((uri) => {
        const items = deps.diagnostics.diagnosticsOf(uri);
        provider.forEachSession(uri, (s) => s.postDiagnostics(items));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mineralsWorkbook.numberLocale')) provider.forEachSession(undefined, (s) => s.postSettings());
      }),
    );
    return { provider, disposable };
  }

  private constructor(private readonly extensionUri: vscode.Uri, private readonly deps: EditorDeps) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const key = document.uri.toString();
    const session: WorkbookEditorSession = new WorkbookEditorSession(document, panel, this.deps, () => {
      const set = this.sessions.get(key);
      set?.delete(session);
      if (set && set.size === 0) this.sessions.delete(key);
    }, (cell) => this.selected.fire({ uri: document.uri, cell }));
    let set = this.sessions.get(key);
    if (!set) this.sessions.set(key, (set = new Set()));
    set.add(session);

    panel.webview.options = webviewOptionsFor(this.extensionUri);
    const name = document.uri.path.split('/').pop() ?? 'Workbook';
    panel.webview.html = workbookHtml(panel.webview, this.extensionUri, name);
    session.track(panel.webview.onDidReceiveMessage((m: unknown) => {
      void session.handle(m).catch((e) => log().error(`Message handling failed: ${String((e as Error)?.stack ?? e)}`));
    }));
    panel.onDidDispose(() => session.dispose());
  }

  /** Every open session of `uri` (all sessions when `uri` is undefined). */
  private forEachSession(uri: vscode.Uri | undefined, f: (s: WorkbookEditorSession) => void): void {
    if (uri) { this.sessions.get(uri.toString())?.forEach(f); return; }
    for (const set of this.sessions.values()) set.forEach(f);
  }

  private firstSession(uri: vscode.Uri): WorkbookEditorSession | undefined {
    const set = this.sessions.get(uri.toString());
    if (!set) return undefined;
    // Prefer the visible/active panel when the document is open in several.
    return [...set].find((s) => s.panel.active) ?? [...set].find((s) => s.panel.visible) ?? set.values().next().value;
  }

  /** True when a workbook editor is open on `uri`. */
  hasEditor(uri: vscode.Uri): boolean {
    return this.sessions.has(uri.toString());
  }

  /** The URI of the active workbook editor, if a workbook editor has focus. */
  activeUri(): vscode.Uri | undefined {
    for (const set of this.sessions.values()) for (const s of set) if (s.panel.active) return s.document.uri;
    return undefined;
  }

  /** Ctrl+`: the active workbook editor toggles between formulas and values; false when none is active. */
  toggleFormulas(): boolean {
    for (const set of this.sessions.values()) for (const s of set) if (s.panel.active) { s.post({ type: 'toggleFormulas' }); return true; }
    return false;
  }

  /** Brings the open workbook editor of `uri` (the active or visible one first) to the front; false when none is open. */
  showEditor(uri: vscode.Uri): boolean {
    const s = this.firstSession(uri);
    if (!s) return false;
    s.panel.reveal(s.panel.viewColumn, false);
    return true;
  }

  /** Selects a cell in every open workbook editor of `uri`. */
  reveal(uri: vscode.Uri, target: CellTarget): boolean {
    const set = this.sessions.get(uri.toString());
    set?.forEach((s) => s.reveal(target));
    return !!set;
  }

  /** Handles `message` as if editor number `editor` of `uri` (opening order; default the active one) sent it. */
  simulateWebviewMessage(uri: vscode.Uri, message: unknown, editor?: number): Promise<SimulatedMessageResult> {
    const s = editor === undefined ? this.firstSession(uri) : [...this.sessions.get(uri.toString()) ?? []][editor];
    // Its webview never applied a simulated edit: it gets the text.
    return s ? s.handle(message, false) : Promise.resolve('no-editor');
  }

  editorCount(uri: vscode.Uri): number {
    return this.sessions.get(uri.toString())?.size ?? 0;
  }

  webviewHtml(uri: vscode.Uri): string | undefined {
    return this.firstSession(uri)?.webview.html;
  }

  webviewOptions(uri: vscode.Uri): { enableScripts: boolean; localResourceRoots: string[] } | undefined {
    const o = this.firstSession(uri)?.webview.options;
    return o && { enableScripts: o.enableScripts === true, localResourceRoots: (o.localResourceRoots ?? []).map((u) => u.toString()) };
  }
}
