/**
 * Headless Debian Chromium driven by playwright-core (never a downloaded browser), and the
 * VS Code workbench loaded in it. The extension host only starts once a client connects.
 */
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';
import { onCleanup } from './processes';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  // launchServer exposes the browser's PID, so cleanup can kill exactly that process.
  const server = await chromium.launchServer({
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  const pid = server.process().pid;
  const browser = await chromium.connect(server.wsEndpoint());
  onCleanup(async () => {
    await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    await Promise.race([server.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    if (pid !== undefined) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
  });
  return browser;
}

/** Opens the workbench at `url` and waits until the workbench and its explorer are up. */
export async function openWorkbench(browser: Browser, url: string, timeoutMs = 90_000): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  // Fail a step in seconds, not Playwright's default 30s, so a broken run stays short.
  page.setDefaultTimeout(15_000);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.explorer-folders-view, .explorer-viewlet, [id="workbench.view.explorer"]').first()
    .waitFor({ state: 'attached', timeout: timeoutMs }).catch(() => undefined);
  return page;
}

/** The webview frame whose document matches `selector` (webviews are nested iframes). */
export async function findWebviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if (await frame.locator(selector).count() > 0) return frame;
      } catch { /* frame navigated or detached meanwhile */ }
    }
    if (Date.now() > deadline) throw new Error(`no webview frame with ${selector} within ${timeoutMs / 1000}s`);
    await page.waitForTimeout(250);
  }
}
