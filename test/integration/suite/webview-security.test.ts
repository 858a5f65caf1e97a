import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, fileUri, freshFile, openWorkbook, product } from './helpers';

function csp(html: string): Map<string, string[]> {
  const meta = /<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html);
  assert.ok(meta, 'the webview HTML has no Content-Security-Policy meta tag');
  const content = /content=(["'])(.*?)\1/i.exec(meta[0]);
  assert.ok(content, 'the CSP meta tag has no content');
  const directives = new Map<string, string[]>();
  for (const part of decodeEntities(content[2]).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** Attribute values may be HTML-escaped (`&#39;none&#39;`); the browser reads them decoded. */
function decodeEntities(s: string): string {
  return s.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function toFsPath(root: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(root) && !/^[a-z]:[\\/]/i.test(root) ? vscode.Uri.parse(root).fsPath : root;
}

describe('webview security', () => {
  after(closeAll);

  it('CSP is default-src none with nonce-only scripts and no unsafe-eval', async () => {
    const uri = fileUri('known-values.minerals.json');
    await openWorkbook(uri);
    const html = (await api()).webviewHtml(uri)!;
    const policy = csp(html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    const scriptSrc = policy.get('script-src') ?? [];
    const nonces = scriptSrc.filter((v) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(v));
    assert.equal(nonces.length, 1, `script-src needs exactly one nonce: ${scriptSrc.join(' ')}`);
    assert.ok(!html.includes('unsafe-eval'), 'unsafe-eval is allowed');
    assert.ok(!scriptSrc.includes("'unsafe-inline'"), 'script-src allows unsafe-inline');
    const nonce = nonces[0].slice("'nonce-".length, -1);
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    assert.ok(scripts.length > 0, 'the webview loads its script');
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `script without the nonce: ${tag}`);
    assert.ok(!/<[^>]+\son[a-z]+\s*=/i.test(html), 'inline event handler attribute in the HTML');
  });

  it('a new nonce for every webview', async () => {
    const a = await api();
    const first = fileUri('known-values.minerals.json');
    const second = await freshFile('known-values.minerals.json');
    await openWorkbook(first);
    await openWorkbook(second);
    const nonceOf = (u: vscode.Uri) => /'nonce-([^']+)'/.exec(decodeEntities(a.webviewHtml(u) ?? ''))?.[1];
    assert.ok(nonceOf(first));
    assert.notEqual(nonceOf(first), nonceOf(second));
  });

  it('scripts are enabled and local resources are limited to the built bundle', async () => {
    const uri = fileUri('known-values.minerals.json');
    await openWorkbook(uri);
    const options = (await api()).webviewOptions(uri);
    assert.ok(options, 'no webview options for an open workbook');
    assert.equal(options.enableScripts, true);
    const dist = path.join(product().extensionPath, 'dist');
    assert.ok(options.localResourceRoots.length > 0, 'no localResourceRoots: the default would allow the whole workspace');
    for (const root of options.localResourceRoots) {
      const p = toFsPath(root);
      assert.ok(p === dist || p.startsWith(dist + path.sep), `localResourceRoot outside dist: ${root}`);
    }
  });
});
