/**
 * "Compare Workbook with…", "… with Saved" and "… with HEAD": the semantic diff of two
 * versions of a workbook (core/diff: the edits, and per scenario every result and check that
 * changed, by Sheet!cell and row/column labels), shown in the workbook diff view beside the
 * workbook (diff-view.ts), and as a read-only text document from its "Show as Text". The old version comes from another file, from the file on disk (the open
 * document may have unsaved edits), or from git's HEAD through the built-in git extension.
 */
import * as vscode from 'vscode';
import { diffWorkbooks, type WorkbookDiff } from '../core/diff/index';
import { textReport } from '../core/diff/report';
import type { Workbook } from '../core/model/workbook';
import { validateWorkbookText } from '../core/validate';
import { COMMANDS, CommandError, guarded, scriptedArgs } from './commands';
import { openDiffView, type DiffView } from './diff-view';
import { activeWorkbookUri, readText, toUri } from './workbook-files';

export const DIFF_SCHEME = 'minerals-diff';
/** Reports kept for open diff documents; older ones are dropped (their documents show a note). */
const MAX_REPORTS = 20;

/** Arguments for scripted calls (tests, other extensions): nothing is asked. */
export interface CompareArgs {
  /** The workbook (the new side); default the active one. */
  uri?: vscode.Uri | string;
  /** `compareWith` only: the other workbook, the old side. */
  other?: vscode.Uri | string;
}

/** What a compare command resolves to. */
export interface CompareResult {
  /** The virtual document with the report as text ("Show as Text" in the view opens it). */
  document: vscode.Uri;
  diff: WorkbookDiff;
  /** The workbook diff view showing it. */
  view: DiffView;
}

/** Subset of the git extension's API (extensions/git/src/api/git.d.ts) used here. */
interface GitRepository { rootUri: vscode.Uri; show(ref: string, path: string): Promise<string> }
interface GitApi { getRepository(uri: vscode.Uri): GitRepository | null; openRepository?(root: vscode.Uri): Promise<GitRepository | null> }
interface GitExtension { enabled: boolean; getAPI(version: 1): GitApi }

class DiffDocuments implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? 'This comparison is no longer available: run the compare command again.\n';
  }

  add(name: string, text: string): vscode.Uri {
    // The id keeps two comparisons of the same file apart; the path gives the tab its name.
    const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${name}.diff.txt`, query: String(++this.next) });
    this.reports.set(uri.toString(), text);
    while (this.reports.size > MAX_REPORTS) this.reports.delete(this.reports.keys().next().value!);
    return uri;
  }

  forget(uri: vscode.Uri): void {
    this.reports.delete(uri.toString());
  }
}

/** Registers the content provider and the three commands. */
export function registerCompare(activeCustomEditor: () => vscode.Uri | undefined, extensionUri: vscode.Uri): vscode.Disposable[] {
  const docs = new DiffDocuments();
  const target = (args: CompareArgs | undefined, arg: unknown): vscode.Uri => {
    const uri = toUri(args?.uri) ?? toUri(arg) ?? activeWorkbookUri(activeCustomEditor());
    if (!uri) throw new CommandError('Open a *.minerals.json workbook first.');
    return uri;
  };
  const command = (id: string, oldSide: (uri: vscode.Uri, args: CompareArgs | undefined) => Promise<{ text: string; name: string } | undefined>) =>
    vscode.commands.registerCommand(id, (arg: unknown) => {
      const args = scriptedArgs<CompareArgs>(arg);
      return guarded(!!args, async () => {
        const uri = target(args, arg);
        const old = await oldSide(uri, args);
        if (!old) return undefined;
        return compare(docs, extensionUri, old, { text: await readText(uri), name: vscode.workspace.asRelativePath(uri) });
      });
    });
  return [
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, docs),
    vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.scheme === DIFF_SCHEME) docs.forget(d.uri); }),
    command(COMMANDS.compareWith, async (uri, args) => {
      const other = args ? toUri(args.other) : await pickOther(uri);
      if (args && !other) throw new CommandError('compareWith needs "other": the workbook to compare with.');
      return other && { text: await readOrFail(other), name: vscode.workspace.asRelativePath(other) };
    }),
    command(COMMANDS.compareWithSaved, async (uri) => ({
      text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)),
      name: `${vscode.workspace.asRelativePath(uri)} (saved)`,
    })),
    command(COMMANDS.compareWithHead, async (uri) => ({ text: await headText(uri), name: `${vscode.workspace.asRelativePath(uri)} (HEAD)` })),
  ];
}

async function compare(docs: DiffDocuments, extensionUri: vscode.Uri, old: { text: string; name: string }, now: { text: string; name: string }): Promise<CompareResult> {
  const oldWb = parse(old.text, old.name);
  const newWb = parse(now.text, now.name);
  // Evaluating both versions under every scenario can take a while on a large model.
  const diff = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Comparing workbooks' },
    async () => diffWorkbooks(oldWb, newWb),
  );
  const report = `Workbook diff: ${old.name} -> ${now.name}\n\n${textReport(diff)}`;
  const document = docs.add(now.name.replace(/^.*\//, ''), report);
  const view = openDiffView(extensionUri, {
    title: `Diff: ${old.name} ↔ ${now.name}`,
    newWorkbook: newWb,
    diff,
    // In the view's group, so the workbook keeps its half of the window.
    showText: async (column) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(document), { viewColumn: column ?? vscode.ViewColumn.Beside, preview: true }),
  });
  return { document, diff, view };
}

function parse(text: string, name: string): Workbook {
  const v = validateWorkbookText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { model: false });
  if (v.workbook) return v.workbook;
  const first = v.diagnostics.find((d) => d.severity === 'error');
  throw new CommandError(`${name} is not a valid workbook${first ? `: ${first.code} ${first.message}` : ''}`);
}

async function readOrFail(uri: vscode.Uri): Promise<string> {
  try {
    return await readText(uri);
  } catch (e) {
    throw new CommandError(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
  }
}

/** Asks for the other workbook: another one in the workspace, or any file. */
async function pickOther(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.minerals.json', '**/node_modules/**', 500))
    .filter((f) => f.toString() !== uri.toString());
  const browse = { label: '$(folder-opened) Browse…', uri: undefined as vscode.Uri | undefined };
  const items = [...files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f as vscode.Uri | undefined })), browse];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `Compare ${vscode.workspace.asRelativePath(uri)} with…` });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Workbooks: ['minerals.json', 'json'] } });
  return chosen?.[0];
}

/** The file's text at HEAD, through the built-in git extension. */
async function headText(uri: vscode.Uri): Promise<string> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) throw new CommandError('Compare with HEAD needs the built-in Git extension, which is not available.');
  const git = ext.isActive ? ext.exports : await ext.activate();
  if (!git.enabled) throw new CommandError('Compare with HEAD needs Git: the Git extension is disabled (git.enabled).');
  const api = git.getAPI(1);
  const repo = api.getRepository(uri) ?? await api.openRepository?.(vscode.Uri.joinPath(uri, '..')) ?? null;
  if (!repo) throw new CommandError(`${vscode.workspace.asRelativePath(uri)} is not in a Git repository.`);
  try {
    return await repo.show('HEAD', uri.fsPath);
  } catch (e) {
    throw new CommandError(`${vscode.workspace.asRelativePath(uri)} is not in HEAD: ${(e as Error).message ?? e}`);
  }
}
