/** The JSON the in-host suite writes to $MINERALS_RESULTS and the harness reads back. */
export interface TestResult {
  fullTitle: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  /** Suite files the index loaded, by base name; the harness compares them with the folder. */
  files: string[];
  tests: TestResult[];
  vscodeVersion: string;
  durationMs: number;
  /** Set when the suite could not run at all (load error, crash). */
  fatal?: string;
}
