/**
 * The integration suite's entry point, used two ways:
 * - by the companion extension inside VS Code Server (see ../companion/extension.ts);
 * - as `extensionTestsPath` for @vscode/test-electron (its `run()` export).
 * esbuild.js lists the suite files at build time; each is imported only after mocha has
 * installed its globals. The harness compares the list with the folder (a stale build fails).
 */
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { SuiteResults, TestResult } from '../results';
import suiteFiles from 'virtual:integration-suite-files';

/** Every `*.test.ts` in this folder, generated at build time by esbuild.js (lazy imports). */
export const SUITE_FILES: Record<string, () => Promise<unknown>> = suiteFiles;

export async function runSuite(grep?: string): Promise<SuiteResults> {
  const t0 = Date.now();
  const tests: TestResult[] = [];
  const results: SuiteResults = {
    passed: 0, failed: 0, files: Object.keys(SUITE_FILES), tests, vscodeVersion: vscode.version, durationMs: 0,
  };
  try {
    // Reporter that only records; the harness prints mocha-style lines from the JSON.
    class Recorder {
      constructor(runner: Mocha.Runner) {
        runner.on('pass', (t) => tests.push({ fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
        runner.on('fail', (t, err: Error) => tests.push({
          fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0,
          error: describeError(err),
        }));
      }
    }
    const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, reporter: Recorder as unknown as Mocha.ReporterConstructor, color: false });
    if (grep) mocha.grep(grep);
    mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
    for (const load of Object.values(SUITE_FILES)) await load();
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
  } catch (err) {
    results.fatal = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  }
  results.passed = tests.filter((t) => t.state === 'passed').length;
  results.failed = tests.filter((t) => t.state === 'failed').length;
  results.durationMs = Date.now() - t0;
  return results;
}

/** The message (capped: a 100-element diff is noise) and the first frames of the stack. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const message = err.message.length > 2000 ? `${err.message.slice(0, 2000)}…` : err.message;
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 4);
  return [message, ...frames].join('\n');
}

/** @vscode/test-electron entry: throws when anything failed or nothing ran. */
export async function run(): Promise<void> {
  const r = await runSuite(process.env.MINERALS_GREP);
  for (const t of r.tests) console.log(`${t.state === 'passed' ? '  ✔' : '  ✘'} ${t.fullTitle}${t.error ? `\n${t.error}` : ''}`);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  if (r.fatal) throw new Error(r.fatal);
  if (r.failed > 0 || r.passed === 0) throw new Error(`${r.failed} failed, ${r.passed} passed`);
}
