/**
 * Production build and packaging: the product .vsix (exactly what users install) and the
 * test-only companion .vsix (runs the integration suite; never part of the product).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPANION_DIR, COMPANION_VSIX, PRODUCT_VSIX, REPO } from './paths';

const VSCE = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Runs a build step quietly (vsce prints the whole file tree); its output is shown only on failure. */
function run(cmd: string, args: string[], cwd = REPO): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed with status ${r.status}`);
  }
  const done = /DONE\s+Packaged: .*/.exec(r.stdout ?? '');
  if (done) console.log(`[package] ${done[0].replace(/\s+/g, ' ')}`);
}

/**
 * Production build (no source maps) then vsce, dependencies bundled: what `npm run package` does.
 * The test harness passes its own `out` so parallel runs in one checkout never share a .vsix.
 */
export function packageProduct(out = PRODUCT_VSIX): string {
  rmSync(out, { force: true });
  run(process.execPath, [path.join(REPO, 'esbuild.js'), '--production']);
  run(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out]);
  return out;
}

/** Packages the companion bundle (built by esbuild.js into out/companion/dist) with its own manifest. */
export function packageCompanion(out = COMPANION_VSIX): string {
  // Staged in a private folder: another run may be rebuilding out/companion meanwhile.
  const stage = mkdtempSync(path.join(os.tmpdir(), 'minerals-companion-'));
  try {
    cpSync(path.join(COMPANION_DIR, 'dist'), path.join(stage, 'dist'), { recursive: true });
    copyFileSync(path.join(REPO, 'test', 'integration', 'companion', 'package.json'), path.join(stage, 'package.json'));
    writeFileSync(path.join(stage, 'README.md'), '# Minerals Workbook integration tests\n\nTest-only; never shipped.\n');
    copyFileSync(path.join(REPO, 'LICENSE'), path.join(stage, 'LICENSE'));
    writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');
    rmSync(out, { force: true });
    run(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  const t0 = Date.now();
  const what = process.argv[2] ?? 'product';
  const out = what === 'companion' ? packageCompanion() : packageProduct();
  console.log(`[package] ${path.relative(REPO, out)} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
