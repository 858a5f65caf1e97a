/**
 * Runs the suites that need a real VS Code: one VS Code Server for the whole run, with the
 * packaged product .vsix (and the test-only companion) installed.
 *   integration  mocha inside the real extension host (test/integration/suite), via the companion
 *   e2e          Playwright against the workbench in headless Chromium (test/e2e/*.test.ts)
 * Usage: node --import tsx scripts/test-real-vscode.ts [integration] [e2e] [--grep PATTERN]
 * Prints mocha-style lines and a final `N passed, N failed`; exits non-zero on any failure,
 * on a suite that did not run, or when no test ran at all.
 */
import Mocha from 'mocha';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { setE2eContext } from '../test/e2e/context';
import type { SuiteResults } from '../test/integration/results';
import { launchBrowser, openWorkbench } from './vscode-server/browser';
import { packageCompanion, packageProduct } from './vscode-server/package';
import { REPO, RESULTS_DIR, ensureVsCodeServer } from './vscode-server/paths';
import { removeLater, runCleanups } from './vscode-server/processes';
import { secs, startServer, waitFor } from './vscode-server/server';
import { makeWorkspace } from './vscode-server/workspace';

interface Tally { passed: number; failed: number }

const argv = process.argv.slice(2);
const grepAt = argv.indexOf('--grep');
const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
const parts = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--grep');
const runIntegration = parts.length === 0 || parts.includes('integration');
const runE2e = parts.length === 0 || parts.includes('e2e');
const INTEGRATION_TIMEOUT_MS = Number(process.env.MINERALS_INTEGRATION_TIMEOUT_MS ?? 300_000);

async function main(): Promise<number> {
  const tStart = Date.now();
  mkdirSync(RESULTS_DIR, { recursive: true });
  // Artifacts of an earlier run would mislead: remove this harness's own (others may share the folder).
  for (const f of readdirSync(RESULTS_DIR)) {
    if (/^(e2e-|integration-)|^(code-server\.log|vscode-logs)$/.test(f)) rmSync(path.join(RESULTS_DIR, f), { recursive: true, force: true });
  }
  ensureVsCodeServer();

  let t0 = Date.now();
  // Packages go to a private temp folder: other runs in the same checkout must not swap them.
  const pkgDir = mkdtempSync(path.join(os.tmpdir(), 'minerals-vsix-'));
  removeLater(pkgDir);
  // MINERALS_PRODUCT_VSIX tests an already built package (e.g. a release candidate) instead.
  const vsix = [process.env.MINERALS_PRODUCT_VSIX ?? packageProduct(path.join(pkgDir, 'minerals-workbook.vsix'))];
  if (runIntegration) vsix.push(packageCompanion(path.join(pkgDir, 'minerals-workbook-tests.vsix')));
  console.log(`[harness] build + package in ${secs(t0)}`);

  const wsIntegration = makeWorkspace('integration', [path.join(REPO, 'test', 'integration', 'fixtures')]);
  const wsE2e = makeWorkspace('e2e', [path.join(REPO, 'test', 'integration', 'fixtures'), path.join(REPO, 'test', 'e2e', 'fixtures')]);
  const resultsFile = path.join(path.dirname(wsIntegration), 'integration-results.json');

  t0 = Date.now();
  const server = await startServer({
    vsix,
    env: {
      MINERALS_INTEGRATION: runIntegration ? '1' : '0',
      MINERALS_RESULTS: resultsFile,
      MINERALS_INTEGRATION_WORKSPACE: wsIntegration,
      ...(grep ? { MINERALS_GREP: grep } : {}),
    },
  });
  const browser = await launchBrowser();
  console.log(`[harness] server + browser up in ${secs(t0)}`);

  const total: Tally = { passed: 0, failed: 0 };
  if (runIntegration) {
    const r = await integration(server.workbenchUrl(wsIntegration), resultsFile, browser);
    total.passed += r.passed; total.failed += r.failed;
  }
  if (runE2e) {
    // One window per test file, opened on first use: a file never inherits another's editors,
    // splits or panels. A fresh browser context also starts with empty workbench storage.
    let page: Promise<Page> | undefined;
    setE2eContext({
      browser, serverUrl: server.url, workspace: wsE2e, artifacts: RESULTS_DIR,
      page: () => {
        page ??= (async () => {
          const t = Date.now();
          const p = await openWorkbench(browser, server.workbenchUrl(wsE2e));
          console.log(`[harness] e2e workbench ready in ${secs(t)}`);
          return p;
        })();
        return page;
      },
    });
    const r = await endToEnd(grep, () => {
      const old = page;
      page = undefined;
      void old?.then((p) => p.context().close()).catch(() => undefined);
    });
    total.passed += r.passed; total.failed += r.failed;
  }
  if (total.failed > 0) keepLogs(server.logFile, server.userDataDir);
  console.log(`[harness] total ${secs(tStart)}; artifacts in ${path.relative(REPO, RESULTS_DIR)}/`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

async function integration(url: string, resultsFile: string, browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<Tally> {
  console.log('\nintegration (inside the VS Code Server extension host)');
  const t0 = Date.now();
  // The extension host starts only when a window connects: the companion then runs the suite.
  const page = await openWorkbench(browser, url);
  console.log(`[harness] integration workbench ready in ${secs(t0)}`);
  try {
    await waitFor(() => existsSync(resultsFile), INTEGRATION_TIMEOUT_MS, () =>
      `no integration results at ${resultsFile} after ${INTEGRATION_TIMEOUT_MS / 1000}s: ` +
      (existsSync(`${resultsFile}.claim`) ? 'the suite started but never finished (hung test?)'
        : 'the companion extension never started the suite (not installed, not activated, or MINERALS_INTEGRATION unset)'), 500);
  } catch (err) {
    await page.screenshot({ path: path.join(RESULTS_DIR, 'integration-timeout.png') }).catch(() => undefined);
    console.log(`  ✘ ${(err as Error).message}`);
    return { passed: 0, failed: 1 };
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
  await page.screenshot({ path: path.join(RESULTS_DIR, 'integration-end.png') }).catch(() => undefined);
  await page.context().close();

  for (const t of r.tests) {
    console.log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.fullTitle} (${t.durationMs}ms)`);
    if (t.error) console.log(indent(t.error, '      '));
  }
  let failed = r.failed;
  if (r.fatal) { failed++; console.log(`  ✘ the suite crashed: ${indent(r.fatal, '      ')}`); }
  // A suite file on disk that the index does not load would silently not run: fail instead.
  const onDisk = readdirSync(path.join(REPO, 'test', 'integration', 'suite')).filter((f) => f.endsWith('.test.ts'));
  for (const f of onDisk.filter((f) => !r.files.includes(f))) {
    failed++; console.log(`  ✘ ${f} is not listed in test/integration/suite/index.ts, so it never ran`);
  }
  if (r.passed + r.failed === 0) { failed++; console.log('  ✘ zero integration tests ran'); }
  console.log(`integration: ${r.passed} passed, ${failed} failed in ${(r.durationMs / 1000).toFixed(1)}s (VS Code ${r.vscodeVersion})`);
  return { passed: r.passed, failed };
}

async function endToEnd(grep: string | undefined, newFile: () => void): Promise<Tally> {
  console.log('\ne2e (Playwright, VS Code Server in headless Chromium)');
  const t0 = Date.now();
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: false });
  if (grep) mocha.grep(grep);
  const dir = path.join(REPO, 'test', 'e2e');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  await mocha.loadFilesAsync();
  const tally: Tally = { passed: 0, failed: 0 };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    // Each file's top-level suite starts with a fresh window.
    runner.on('suite', (suite) => { if (suite.parent?.root) newFile(); });
    runner.on('pass', () => tally.passed++);
    runner.on('fail', () => tally.failed++);
  });
  if (tally.passed + tally.failed === 0) { tally.failed++; console.log('  ✘ zero e2e tests ran'); }
  console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed in ${secs(t0)}`);
  return tally;
}

/** On failure, keep the server's and VS Code's logs (extension host, webviews) as artifacts. */
function keepLogs(serverLog: string, userDataDir: string): void {
  try {
    cpSync(serverLog, path.join(RESULTS_DIR, 'code-server.log'));
    const logs = path.join(userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, path.join(RESULTS_DIR, 'vscode-logs'), { recursive: true });
  } catch (err) {
    console.error(`[harness] could not keep logs: ${String(err)}`);
  }
}

function indent(s: string, pad: string): string {
  return s.split('\n').map((l) => pad + l).join('\n');
}

main()
  .then(async (code) => { await runCleanups(); process.exit(code); })
  .catch(async (err) => {
    console.error(`[harness] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    console.log('0 passed, 1 failed');
    await runCleanups();
    process.exit(1);
  });
