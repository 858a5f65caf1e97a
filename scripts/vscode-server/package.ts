/**
 * Production build and packaging: the product .vsix (exactly what users install) and the
 * test-only companion .vsix (runs the integration suite; never part of the product).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** `npm run package`: production build (no source maps) then vsce, dependencies bundled. */
export function packageProduct(): string {
  rmSync(PRODUCT_VSIX, { force: true });
  run(process.execPath, [path.join(REPO, 'esbuild.js'), '--production']);
  run(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '-o', PRODUCT_VSIX]);
  return PRODUCT_VSIX;
}

/** Packages out/companion (bundle built by esbuild.js) with its own manifest. */
export function packageCompanion(): string {
  mkdirSync(COMPANION_DIR, { recursive: true });
  const src = path.join(REPO, 'test', 'integration', 'companion');
  copyFileSync(path.join(src, 'package.json'), path.join(COMPANION_DIR, 'package.json'));
  writeFileSync(path.join(COMPANION_DIR, 'README.md'), '# Minerals Workbook integration tests\n\nTest-only; never shipped.\n');
  copyFileSync(path.join(REPO, 'LICENSE'), path.join(COMPANION_DIR, 'LICENSE'));
  writeFileSync(path.join(COMPANION_DIR, '.vscodeignore'), '**/*.map\n');
  rmSync(COMPANION_VSIX, { force: true });
  run(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '-o', COMPANION_VSIX], COMPANION_DIR);
  return COMPANION_VSIX;
}

if (require.main === module) {
  const t0 = Date.now();
  const what = process.argv[2] ?? 'product';
  const out = what === 'companion' ? packageCompanion() : packageProduct();
  console.log(`[package] ${path.relative(REPO, out)} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
