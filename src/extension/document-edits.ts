import * as vscode from 'vscode';
import { applyEditIntents, EditError } from '../core/edit';
import { EditLedger, needsVersionCheck } from '../core/edit/edit-ledger';
import type { EditIntent } from '../shared/protocol';
import { log } from './log';

/**
 * Outcome of applying one message's intents. `version` is the document version the edit
 * produced when nothing else changed the document while it was applied (the version before it
 * plus one): the editor that sent it then has exactly that text once it applied the edit itself.
 */
export type EditOutcome = { ok: true; version?: number } | { ok: false; error: string };

/**
 * Applies edit intents to TextDocuments, ONE message at a time per document: each message
 * becomes one WorkspaceEdit (one undo step), awaited before the next message starts, so
 * rapid grid edits land in order and none is lost.
 */
export class DocumentEditQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Per document and editor session, the versions that session's applied edits produced. */
  private readonly ledger = new EditLedger();
  /** Per document, the editor session whose edit VS Code is applying right now. */
  private readonly applying = new Map<string, string>();

  /**
   * The session whose edit is being applied to `uri` at this moment: the document change
   * events that fire meanwhile are that edit's (or a foreign change, which `EditOutcome.version`
   * then leaves out), so that session's view need not get them as text.
   */
  applyingSession(uri: vscode.Uri): string | undefined {
    return this.applying.get(uri.toString());
  }

  /**
   * Queues `intents` from editor `session` for `document`; resolves when they are applied or
   * refused. `baseVersion` is the document version the intents were computed on (that
   * webview's copy): version-checked intents (whole-sheet rewrites, sheet and check operations
   * by index) are refused when any later version came from anywhere but this session (another
   * editor of the same document, the text editor, undo, a reload from disk), since applying them
   * would overwrite that change or hit the wrong target. Cell-level intents are positional and
   * still applied.
   */
  apply(document: vscode.TextDocument, intents: readonly EditIntent[], baseVersion: number | undefined, session: string): Promise<EditOutcome> {
    const key = document.uri.toString();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      const stale = baseVersion !== undefined && needsVersionCheck(intents)
        ? this.ledger.foreignSince(key, session, baseVersion, document.version) : undefined;
      if (stale !== undefined) {
        return {
          ok: false,
          error: `The workbook changed elsewhere (version ${stale}) after the grid made this change, so it was not applied ` +
            'rather than overwrite that change. The grid now shows the current file; please redo it.',
        } satisfies EditOutcome;
      }
      this.applying.set(key, session);
      try {
        return await applyNow(document, intents, (v) => this.ledger.record(key, session, v));
      } finally {
        this.applying.delete(key);
      }
    });
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Forgets what the queue knows of a closed document. */
  forget(uri: vscode.Uri): void {
    this.ledger.forget(uri.toString());
  }

  /** Forgets a closed editor session of `uri`. */
  forgetSession(uri: vscode.Uri, session: string): void {
    this.ledger.forgetSession(uri.toString(), session);
  }

  /** Resolves when every edit queued so far for `uri` has been applied or refused. */
  async settled(uri: vscode.Uri): Promise<void> {
    for (let tail = this.tails.get(uri.toString()); tail; tail = this.tails.get(uri.toString())) {
      await tail;
      if (this.tails.get(uri.toString()) === tail) break;
    }
  }
}

async function applyNow(document: vscode.TextDocument, intents: readonly EditIntent[], applied: (version: number) => void): Promise<EditOutcome> {
  // The document may change between computing and applying (typing in a split text editor);
  // VS Code then refuses the stale edit and we recompute against the new text.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (document.isClosed) return { ok: false, error: 'The workbook was closed before the edit could be applied.' };
    const text = document.getText();
    let edits;
    try {
      edits = applyEditIntents(text, intents).edits;
    } catch (e) {
      if (e instanceof EditError) return { ok: false, error: e.message };
      log().error(`Edit failed on ${document.uri.toString()}: ${String((e as Error)?.stack ?? e)}`);
      return { ok: false, error: `The edit could not be applied: ${(e as Error)?.message ?? String(e)}` };
    }
    if (edits.length === 0) return { ok: true };
    const version = document.version;
    const we = new vscode.WorkspaceEdit();
    for (const e of edits) {
      we.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
    }
    let ok: boolean;
    try {
      ok = await vscode.workspace.applyEdit(we);
    } catch (e) {
      // The webview awaits an answer for every edit: a throw must still become one.
      log().error(`applyEdit threw on ${document.uri.toString()}: ${String((e as Error)?.stack ?? e)}`);
      return { ok: false, error: `VS Code could not apply the edit: ${(e as Error)?.message ?? String(e)}` };
    }
    if (ok) {
      // The change event has run and the document has the version this edit produced.
      applied(document.version);
      return document.version === version + 1 ? { ok: true, version: document.version } : { ok: true };
    }
    if (document.version === version) break;
    log().info(`Document changed while applying an edit to ${document.uri.toString()}; retrying.`);
  }
  return { ok: false, error: 'VS Code did not accept the edit (is the file read-only?). Your change was not saved to the file.' };
}
