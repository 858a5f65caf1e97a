/**
 * The same integration suite under @vscode/test-electron, for contributors whose machines can
 * download a desktop VS Code (these build machines cannot: they use `npm run test:integration`).
 * Run with `npm run test:electron` (builds first).
 */
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { runCleanups } from '../../scripts/vscode-server/processes';
import { makeWorkspace } from '../../scripts/vscode-server/workspace';

const REPO = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  // The same workspace the VS Code Server harness uses: samples + fixtures, schemas beside it.
  const workspace = makeWorkspace('integration', [path.join(REPO, 'test', 'integration', 'fixtures')]);
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
    await runCleanups();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
