/**
 * What the end-to-end tests share, set up by scripts/test-real-vscode.ts: the VS Code Server
 * (with the packaged .vsix installed), Chromium, and one workbench window on a temp workspace.
 */
import type { Browser, Page } from 'playwright-core';

export interface E2eContext {
  browser: Browser;
  serverUrl: string;
  /** Absolute path of the temp workspace folder the window has open. */
  workspace: string;
  /** Folder for screenshots and other artifacts. */
  artifacts: string;
  /** The workbench window: opened on first use, one per test file (each file starts clean). */
  page(): Promise<Page>;
}

let current: E2eContext | undefined;

export function setE2eContext(ctx: E2eContext | undefined): void {
  current = ctx;
}

export function e2e(): E2eContext {
  if (!current) throw new Error('The e2e suite needs VS Code Server: run it with `npm run test:e2e`.');
  return current;
}
