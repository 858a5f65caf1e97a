// The one build script for every bundle: extension host, CLI, webview, and the test-only
// companion extension that runs the integration suite inside a real VS Code.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
};

/**
 * `virtual:integration-suite-files`: every test/integration/suite/*.test.ts, each behind a
 * lazy import, so a new suite file runs without being registered by hand.
 * @type {import('esbuild').Plugin}
 */
const integrationSuiteFiles = {
  name: 'integration-suite-files',
  setup(build) {
    const dir = path.join(__dirname, 'test', 'integration', 'suite');
    build.onResolve({ filter: /^virtual:integration-suite-files$/ }, (args) => ({ path: args.path, namespace: 'suite-files' }));
    build.onLoad({ filter: /.*/, namespace: 'suite-files' }, () => {
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
      const entries = files.map((f) => `  ${JSON.stringify(f)}: () => import(${JSON.stringify(`./${f}`)}),`);
      return { contents: `export default {\n${entries.join('\n')}\n};\n`, resolveDir: dir, loader: 'js', watchDirs: [dir] };
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts', 'validation-worker': 'src/extension/validation-worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // As for the CLI: jsonc-parser's UMD "main" cannot be bundled (dynamic requires).
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // jsonc-parser's UMD "main" requires its modules dynamically, which a bundle cannot follow.
    mainFields: ['module', 'main'],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts', 'diff-view': 'webview/diff/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    ...common,
    entryPoints: { extension: 'test/integration/companion/extension.ts' },
    outdir: 'out/companion/dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // mocha is bundled so the companion .vsix is self-contained; its parallel-mode worker
    // (never used in the extension host) is what esbuild warns about.
    external: ['vscode'],
    logOverride: { 'require-resolve-not-external': 'silent' },
    plugins: [integrationSuiteFiles],
  },
];

async function main() {
  if (watch) {
    const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`watching ${bundles.length} bundles`);
    return;
  }
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  const cli = path.join(__dirname, 'dist', 'cli.js');
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
