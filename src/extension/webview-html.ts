import * as crypto from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh nonce for the one script the page may run (128 random bits, base64). */
export function makeNonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

/** Webview options: scripts on, resources only from the built bundle folder. */
export function webviewOptionsFor(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

/**
 * The workbook page. CSP: nothing by default; the bundle script by nonce only (no
 * `unsafe-eval`, no inline handlers); styles, fonts and images only from the webview's own
 * resource origin (no `unsafe-inline`).
 */
export function workbookHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return bundlePageHtml(webview, extensionUri, title, 'webview', 'app');
}

/** A page running one bundle of dist/ (`webview`, `diff-view`) in an empty `#rootId`, with the CSP above. */
export function bundlePageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, bundle: string, rootId: string): string {
  const nonce = makeNonce();
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.css`));
  const src = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${src}`,
    `font-src ${src}`,
    `img-src ${src}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(style.toString())}">
<title>${escapeText(title)}</title>
</head>
<body>
<div id="${escapeAttr(rootId)}" role="application" aria-label="${escapeAttr(title)}"></div>
<script nonce="${nonce}" src="${escapeAttr(script.toString())}"></script>
</body>
</html>`;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Attributes are always double-quoted, so `'` (which the CSP needs verbatim) stays as is.
function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
