/**
 * Problems lead to their cell: from a problem in the Problems panel, "Show in Workbook" (the
 * problem's quick fix, Ctrl+.) selects its cell in the grid of that file that is already open,
 * also when that grid is hidden behind another editor.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { openWorkbookFile, runCommand, screenshot, waitForText, workbookFrame } from './workbench';

const FILE = 'e2e-problems.minerals.json';
const OTHER = 'e2e-problems-other.minerals.json';

// The unknown name sits on the second sheet, away from A1: landing on A1 is told apart.
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E problems',
  sheets: [
    { name: 'First', rows: [[1, 2], [3, 4]] },
    { name: 'Second', rows: [[10], [20], [30, null, '=NoSuchName*2']] },
  ],
};

async function problemRow(page: Page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  const filter = page.locator('input[placeholder^="Filter (e.g."]').first();
  if ((await filter.inputValue()) !== FILE) await filter.fill(FILE);
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'NoSuchName' }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  return row;
}

/**
 * Selects the problem in the Problems panel and runs its "Show in Workbook" quick fix: its
 * light bulb (or Ctrl+. on the row), then Enter. The panel asks for the fixes when the row is
 * selected and may redraw its menu once they arrive: a menu without the fix is asked for again.
 */
async function showInWorkbookFromProblem(page: Page): Promise<void> {
  const row = await problemRow(page);
  await row.click();
  // The problem's fixes show as a menu: its one entry names the cell.
  const action = page.locator('.context-view .action-menu-item', { hasText: 'Show in Workbook (Second!C3)' }).first();
  // Once the panel has the fixes, the row shows a light bulb: one click opens them.
  const bulb = row.locator('[class*="codicon-lightbulb"], [class*="codicon-light-bulb"]').first();
  for (let attempt = 1; ; attempt++) {
    if (await bulb.isVisible().catch(() => false)) await bulb.click();
    else { await row.click(); await row.focus(); await page.keyboard.press('Control+.'); }
    try {
      await action.waitFor({ state: 'visible', timeout: 4_000 });
      await action.hover();
      await page.keyboard.press('Enter');
      await action.waitFor({ state: 'detached', timeout: 4_000 });
      return;
    } catch (err) {
      if (attempt >= 6) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

async function address(frame: Frame): Promise<string> {
  return ((await frame.locator('#cell-address').textContent()) ?? '').trim();
}

describe('problems lead to their cell (end to end)', function () {
  let page: Page;

  before(async () => {
    page = await e2e().page();
    const frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(frame.locator('#cell-address'), 'First!A1');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-problems-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('"Show in Workbook" from the Problems panel selects the cell in the grid already open', async () => {
    await showInWorkbookFromProblem(page);
    const frame = await workbookFrame(page);
    await waitForText(frame.locator('#cell-address'), 'Second!C3', 10_000);
    assert.equal(await frame.locator('#sheet-tab-1').getAttribute('aria-selected'), 'true');
    // One grid of the file, not a second one opened beside it.
    assert.equal(await page.locator('.tab', { hasText: FILE }).count(), 1);
  });

  it('"Show in Workbook" reaches the cell when the grid is hidden behind another editor', async () => {
    let frame = await workbookFrame(page);
    await frame.locator('#sheet-tab-0').click();
    await waitForText(frame.locator('#cell-address'), /^First!/);
    await openWorkbookFile(page, OTHER, { format: 'minerals-workbook', version: 1, title: 'other', sheets: [{ name: 'S', rows: [[1]] }] });
    await showInWorkbookFromProblem(page);
    await page.locator('.tab.active', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });
    frame = await workbookFrame(page);
    await waitForText(frame.locator('#cell-address'), 'Second!C3', 10_000);
    assert.equal(await address(frame), 'Second!C3');
  });

  after(async () => {
    await runCommand(page, 'View: Close All Editor Groups').catch(() => undefined);
    if (await page.locator('.markers-panel').isVisible().catch(() => false)) await runCommand(page, 'View: Toggle Panel Visibility').catch(() => undefined);
  });
});
