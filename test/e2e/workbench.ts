/** Playwright helpers for driving the VS Code workbench and the workbook webview. */
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { e2e } from './context';

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 600, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(fileName);
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
  await pick.waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: 20_000 });
}

/** Runs a command from the Command Palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * The workbook webview's document. Webviews are nested iframes (an outer host frame and
 * the content frame); the content is the frame that holds `#grid`. Only a visible grid
 * counts, so a hidden editor's webview is never picked.
 */
export async function workbookFrame(page: Page, timeoutMs = 45_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if (await frame.locator('#grid[role="grid"]').isVisible()) return frame;
      } catch { /* frame detached meanwhile */ }
    }
    if (Date.now() > deadline) throw new Error(`no visible workbook grid in any webview frame after ${timeoutMs / 1000}s`);
    await page.waitForTimeout(250);
  }
}

export function cell(frame: Frame, row: number, col: number): Locator {
  return frame.locator(`#grid [role="gridcell"][data-row="${row}"][data-col="${col}"]`);
}

/** Selects a cell and enters `raw` through the formula bar, committing with Enter. */
export async function enterInCell(frame: Frame, row: number, col: number, raw: string): Promise<void> {
  await cell(frame, row, col).click();
  const bar = frame.locator('#formula-bar');
  await bar.click();
  await bar.fill(raw);
  await bar.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(e2e().artifacts, `e2e-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function waitForText(locator: Locator, expected: RegExp | string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = ((await locator.textContent().catch(() => null)) ?? '').trim();
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`expected ${String(expected)}, still ${JSON.stringify(last)} after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Answers a command's quick picks: for each prompt whose title contains one of `answers`' keys,
 * filters for its label and presses Enter, until a prompt titled with `untilTitle` shows.
 */
export async function answerPrompts(page: Page, answers: [title: string, label: string][], untilTitle: string, timeoutMs = 30_000): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const title = widget.locator('.quick-input-title');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const text = (await widget.isVisible()) ? ((await title.textContent().catch(() => '')) ?? '') : '';
    if (text.includes(untilTitle)) return;
    const answer = text !== last ? answers.find(([t]) => text.toLowerCase().includes(t.toLowerCase())) : undefined;
    if (answer) {
      last = text;
      await widget.locator('input[type="text"]').fill(answer[1]);
      await widget.locator('.quick-input-list .monaco-list-row', { hasText: answer[1] }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no prompt titled "${untilTitle}" within ${timeoutMs / 1000}s (last prompt: "${last}")`);
}
