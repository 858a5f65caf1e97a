import * as vscode from 'vscode';
import { applyEditIntents, EditError } from '../core/edit';
import type { EditIntent } from '../shared/protocol';
import { log } from './log';

/** Outcome of applying one message's intents. */
export type EditOutcome = { ok: true } | { ok: false; error: string };

/**
 * Applies edit intents to TextDocuments, ONE message at a time per document: each message
 * becomes one WorkspaceEdit (one undo step), awaited before the next message starts, so
 * rapid grid edits land in order and none is lost.
 */
export class DocumentEditQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Queues `intents` for `document`; resolves when they are applied or refused. */
  apply(document: vscode.TextDocument, intents: readonly EditIntent[]): Promise<EditOutcome> {
    const key = document.uri.toString();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(() => applyNow(document, intents));
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Resolves when every edit queued so far for `uri` has been applied or refused. */
  async settled(uri: vscode.Uri): Promise<void> {
    for (let tail = this.tails.get(uri.toString()); tail; tail = this.tails.get(uri.toString())) {
      await tail;
      if (this.tails.get(uri.toString()) === tail) break;
    }
  }
}

async function applyNow(document: vscode.TextDocument, intents: readonly EditIntent[]): Promise<EditOutcome> {
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
    let applied: boolean;
    try {
      applied = await vscode.workspace.applyEdit(we);
    } catch (e) {
      // The webview awaits an answer for every edit: a throw must still become one.
      log().error(`applyEdit threw on ${document.uri.toString()}: ${String((e as Error)?.stack ?? e)}`);
      return { ok: false, error: `VS Code could not apply the edit: ${(e as Error)?.message ?? String(e)}` };
    }
    if (applied) return { ok: true };
    if (document.version === version) break;
    log().info(`Document changed while applying an edit to ${document.uri.toString()}; retrying.`);
  }
  return { ok: false, error: 'VS Code did not accept the edit (is the file read-only?). Your change was not saved to the file.' };
}
