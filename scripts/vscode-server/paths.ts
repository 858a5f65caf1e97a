/**
 * Where the real-VS-Code machinery lives: the repo, the cached Node 24 and code-server
 * (installed by scripts/setup-vscode-server.sh into the git-ignored .vscode-test/), Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const CACHE = path.join(REPO, '.vscode-test');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';
export const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node', 'bin');
export const CODE_SERVER = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PRODUCT_VSIX = path.join(REPO, 'dist', 'minerals-workbook.vsix');
export const COMPANION_DIR = path.join(REPO, 'out', 'companion');
export const COMPANION_VSIX = path.join(REPO, 'out', 'minerals-workbook-tests.vsix');
export const RESULTS_DIR = path.join(REPO, 'test-results');

/** Runs the setup script when the cache is missing, so a clean clone works after `npm ci`. */
export function ensureVsCodeServer(): void {
  if (existsSync(CODE_SERVER) && existsSync(path.join(NODE24_BIN, 'node')) && existsSync(CHROMIUM)) return;
  console.log('[harness] VS Code Server cache missing: running scripts/setup-vscode-server.sh');
  const r = spawnSync('bash', [path.join(REPO, 'scripts', 'setup-vscode-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`setup-vscode-server.sh failed with status ${r.status}`);
}

