/** Shared helpers for the in-host integration tests. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MineralsWorkbookApi } from '../../../src/extension/api';

export const VIEW_TYPE = 'mineralsWorkbook.editor';
export const PRODUCT_ID = 'minerals-workbook.minerals-workbook';

/** The product's test-facing API, as `activate()` returns it (type only: nothing is bundled). */
export type ProductApi = MineralsWorkbookApi;

export function product(): vscode.Extension<ProductApi> {
  const ext = vscode.extensions.getExtension<ProductApi>(PRODUCT_ID);
  assert.ok(ext, `extension ${PRODUCT_ID} is not installed`);
  return ext;
}

export async function api(): Promise<ProductApi> {
  return product().activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration window has no workspace folder');
  return folder.uri;
}

export function fileUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

let copies = 0;
/** A fresh copy of a workspace file (or of `text`) under a unique name, so tests never share state. */
export async function freshFile(from: string, text?: string): Promise<vscode.Uri> {
  const source = text ?? await readText(fileUri(from));
  const uri = fileUri(`tmp-${Date.now()}-${++copies}-${from}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(source));
  return uri;
}

/** Opens `uri` in the workbook editor and waits until the product says it has settled. */
export async function openWorkbook(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
  const a = await api();
  await waitUntil(() => a.webviewHtml(uri) !== undefined, 20_000, `no workbook webview for ${uri.path}`);
  await a.settled(uri);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(doc, `no TextDocument for ${uri.path} after opening it in the workbook editor`);
  return doc;
}

export function activeCustomTab(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

/**
 * Closes every editor without a "Save changes?" dialog (a modal would stall the whole run):
 * each dirty tab is activated and reverted first.
 */
export async function closeAll(): Promise<void> {
  for (let guard = 0; guard < 50; guard++) {
    const dirty = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.isDirty);
    if (!dirty) break;
    const input = dirty.input;
    if (input instanceof vscode.TabInputCustom) await vscode.commands.executeCommand('vscode.openWith', input.uri, input.viewType);
    else if (input instanceof vscode.TabInputText) await vscode.window.showTextDocument(input.uri);
    else break;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs: number, message: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) assert.fail(typeof message === 'function' ? message() : message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An `edit` message as the webview sends it. */
let requestIds = 1000;
export function editMessage(doc: vscode.TextDocument, edits: unknown[]): unknown {
  return { type: 'edit', requestId: ++requestIds, baseVersion: doc.version, edits };
}

export function setCell(row: number, col: number, raw: unknown, sheet = 0): unknown {
  return { kind: 'setCell', sheet, row, col, raw };
}

/** Replaces exactly one occurrence of `from`; fails when it is missing or ambiguous. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `expected text not found: ${from}`);
  assert.equal(text.indexOf(from, at + 1), -1, `expected text is ambiguous: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
