import * as vscode from 'vscode';
import type { Workbook } from '../core/model/workbook';
import { LineIndex } from '../core/text/line-index';
import { validateWorkbookText } from '../core/validate';

/** Glob of workbook files, used for scans, watchers and selectors. */
export const WORKBOOK_GLOB = '**/*.minerals.json';

// Read-only views of old versions (diffs, reviews) are not the user's workbook: no problems for them.
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'merge-conflict.conflict-diff', 'output', 'review', 'pr', 'chat-editing-snapshot-text-model']);

/** True for a `*.minerals.json` resource (file, untitled or virtual file system; not git/diff views). */
export function isWorkbookUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.minerals.json') && !IGNORED_SCHEMES.has(uri.scheme);
}

/** A Uri from a command argument: a Uri, a URI string (`file:///…`) or an absolute path. */
export function toUri(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v.length > 0) {
    return /^[a-zA-Z][\w+.-]+:/.test(v) && !/^[a-zA-Z]:[\\/]/.test(v) ? vscode.Uri.parse(v, true) : vscode.Uri.file(v);
  }
  // A Uri that crossed an extension boundary arrives as a plain object.
  if (v && typeof v === 'object' && 'scheme' in v && 'path' in v) return vscode.Uri.from(v as { scheme: string; path: string });
  return undefined;
}

/** The workbook the user is looking at: the active workbook editor or a text editor on one. */
export function activeWorkbookUri(activeCustomEditor: vscode.Uri | undefined): vscode.Uri | undefined {
  if (activeCustomEditor) return activeCustomEditor;
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText) {
    if (isWorkbookUri(tab.uri)) return tab.uri;
  }
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isWorkbookUri(doc.uri) ? doc.uri : undefined;
}

/** The open (not closed) TextDocument for `uri`, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
}

/** The text of `uri`: the open document's (unsaved changes included) or the file's via workspace.fs. */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** Writes UTF-8 text through workspace.fs (works on any file system provider). */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Thrown with a user-facing message when a workbook cannot be loaded. */
export class WorkbookLoadError extends Error {}

/** Reads and schema-checks a workbook; the error names the first problem and its location. */
export async function loadWorkbook(uri: vscode.Uri): Promise<{ text: string; workbook: Workbook }> {
  let text: string;
  try {
    text = await readText(uri);
  } catch (e) {
    throw new WorkbookLoadError(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
  }
  const result = validateWorkbookText(text, { model: false });
  const firstError = result.diagnostics.find((d) => d.severity === 'error');
  if (!result.workbook) {
    const where = firstError ? new LineIndex(text).positionAt(firstError.start) : undefined;
    const loc = where ? `:${where.line + 1}:${where.character + 1}` : '';
    throw new WorkbookLoadError(`${vscode.workspace.asRelativePath(uri)}${loc}: ${firstError?.message ?? 'not a valid workbook'}`);
  }
  return { text, workbook: result.workbook };
}
