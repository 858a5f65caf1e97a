/**
 * The same integration suite under @vscode/test-electron, for contributors whose machines can
 * download a desktop VS Code (these build machines cannot: they use `npm run test:integration`).
 * Run with `npm run test:electron` (builds first).
 */
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'minerals-electron-'));
  const workspace = path.join(root, 'integration');
  for (const dir of ['samples', 'test/integration/fixtures']) {
    for (const f of readdirSync(path.join(REPO, dir))) cpSync(path.join(REPO, dir, f), path.join(workspace, f), { recursive: true });
  }
  // Samples say "$schema": "../schemas/...": keep that path valid as it is in the repo.
  cpSync(path.join(REPO, 'schemas'), path.join(root, 'schemas'), { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO,
      // The companion bundle exports `run()`: the suite index, with mocha bundled in.
      extensionTestsPath: path.join(REPO, 'out', 'companion', 'dist', 'extension.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: process.env.MINERALS_GREP ? { MINERALS_GREP: process.env.MINERALS_GREP } : {},
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
