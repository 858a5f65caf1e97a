/**
 * Which editor produced which document version, so an edit computed on an older version can
 * tell whether anything it did not see came in meanwhile. Pure (no `vscode`): the extension's
 * edit queue keeps one ledger, keyed by document and by editor session (webview panel).
 *
 * A version counts as "seen" by a session only when that session's own edit produced it: a
 * version another editor of the same document produced is as foreign to it as a change
 * typed in the text editor, an undo or a reload, since its webview copy did not have it when
 * it computed the edit.
 */
import type { EditIntent } from './intent';

/**
 * Intents that must not be applied on text that changed, since their base version, in a way
 * their editor did not see: they rewrite a whole part of a sheet from the webview's copy of it,
 * or address a sheet or check by index (delete/rename/move "sheet 2" after a reorder would hit
 * another sheet). Cell edits are positional and apply on the current text.
 */
export const VERSION_CHECKED_KINDS: ReadonlySet<EditIntent['kind']> = new Set([
  'replaceRows', 'replaceSheetLayout', 'setCheckAssert', 'renameSheet', 'deleteSheet', 'moveSheet',
]);

/**
 * True when any of `intents` must be refused if stale. A sheet operation that names the sheet
 * it was meant for is checked by that name instead (see `sheetName` in the protocol), so it
 * still applies after unrelated changes.
 */
export function needsVersionCheck(intents: readonly EditIntent[]): boolean {
  return intents.some((i) => VERSION_CHECKED_KINDS.has(i.kind) && !('sheetName' in i && i.sheetName !== undefined));
}

/** How many of its own versions a session remembers (older ones count as foreign). */
export const OWN_VERSIONS_KEPT = 4096;

export class EditLedger {
  /** document -> session -> versions that session's applied edits produced. */
  private readonly own = new Map<string, Map<string, Set<number>>>();

  /** Notes that `session`'s edit turned `doc` into `version`. */
  record(doc: string, session: string, version: number): void {
    let sessions = this.own.get(doc);
    if (!sessions) this.own.set(doc, (sessions = new Map()));
    let set = sessions.get(session);
    if (!set) sessions.set(session, (set = new Set()));
    set.add(version);
    if (set.size > OWN_VERSIONS_KEPT) set.delete(set.values().next().value!);
  }

  /** The first version in (baseVersion, current] that `session` did not produce, if any. */
  foreignSince(doc: string, session: string, baseVersion: number, current: number): number | undefined {
    const own = this.own.get(doc)?.get(session);
    const from = Math.max(baseVersion, current - OWN_VERSIONS_KEPT);
    for (let v = from + 1; v <= current; v++) if (!own?.has(v)) return v;
    return baseVersion < current - OWN_VERSIONS_KEPT ? baseVersion + 1 : undefined;
  }

  /** Forgets a closed editor session. */
  forgetSession(doc: string, session: string): void {
    const sessions = this.own.get(doc);
    sessions?.delete(session);
    if (sessions?.size === 0) this.own.delete(doc);
  }

  /** Forgets a closed document. */
  forget(doc: string): void {
    this.own.delete(doc);
  }
}
