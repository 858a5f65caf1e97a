import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const extensionDir = path.join(ROOT, 'src', 'extension');
const sources = readdirSync(extensionDir).filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(path.join(extensionDir, f), 'utf8') }));

describe('extension manifest (package.json) and host sources', () => {
  it('registers the workbook editor as the default editor for *.minerals.json', () => {
    const [editor] = pkg.contributes.customEditors;
    assert.equal(editor.viewType, 'mineralsWorkbook.editor');
    assert.equal(editor.priority, 'default');
    assert.deepEqual(editor.selector, [{ filenamePattern: '*.minerals.json' }]);
    assert.ok(pkg.activationEvents.includes('onCustomEditor:mineralsWorkbook.editor'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/*.minerals.json'));
  });

  it('every contributed command is registered by the extension, and every menu item is a contributed command', () => {
    const declared = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const commandsTs = sources.find((s) => s.file === 'commands.ts')!.text;
    for (const id of declared) assert.ok(commandsTs.includes(`'${id}'`), `${id} is not in COMMANDS`);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Minerals Workbook', c.command);
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command} is not a contributed command`);
    }
  });

  it('every setting the host reads is declared and documented', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string; default?: unknown }>;
    const read = new Set<string>();
    for (const { text } of sources) for (const m of text.matchAll(/\.get<[^>]+>\('([^']+)'/g)) read.add(`mineralsWorkbook.${m[1]}`);
    assert.ok(read.size >= 5, `found ${[...read]}`);
    for (const key of read) {
      assert.ok(props[key], `${key} is read but not declared`);
      assert.ok(props[key]!.markdownDescription ?? props[key]!.description, `${key} has no description`);
      assert.ok('default' in props[key]!, `${key} has no default`);
    }
  });

  it('declares workspace trust and virtual workspace support, and reads files only through workspace.fs', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    for (const { file, text } of sources) {
      const usesNodeFs = /from 'node:fs'|from 'fs'|require\('(node:)?fs'\)/.test(text);
      // The only exception: checking that the extension's own bundled worker file exists.
      if (usesNodeFs) assert.equal(file, 'validation-runner.ts', `${file} uses node:fs instead of workspace.fs`);
    }
  });

  it('ships the schema for jsonValidation, the icon, and a .vscodeignore that keeps the bundles', () => {
    const [validation] = pkg.contributes.jsonValidation;
    assert.equal(validation.fileMatch, '*.minerals.json');
    assert.ok(existsSync(path.join(ROOT, validation.url)), validation.url);
    const icon = readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.equal(icon.readUInt32BE(16), 128);
    const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const f of ['dist/extension.js', 'dist/validation-worker.js', 'dist/webview.js', 'dist/webview.css', 'dist/diff-view.js', 'dist/diff-view.css']) {
      assert.ok(ignore.includes(`!${f}`), `.vscodeignore drops ${f}`);
    }
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('the webview page allows no inline script, no eval and no remote origin', () => {
    const html = sources.find((s) => s.file === 'webview-html.ts')!.text;
    assert.ok(html.includes(`"default-src 'none'"`));
    assert.ok(html.includes('script-src \'nonce-${nonce}\''));
    const code = html.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.ok(!/unsafe-eval|unsafe-inline|https?:/.test(code));
    assert.ok(html.includes('crypto.randomBytes(16)'));
  });
});
