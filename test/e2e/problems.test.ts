/**
 * Problems lead to their cell: from a problem in the Problems panel, "Show in Workbook" (the
 * problem's quick fix, Ctrl+.) selects its cell in the grid of that file that is already open,
 * also when that grid is hidden behind another editor.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { closeSideBars, openWorkbookFile, quickOpen, runCommand, screenshot, waitForText, workbookFrame } from './workbench';

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

  it('one click on the row under the problem selects its cell in the grid already open', async () => {
    let frame = await workbookFrame(page);
    await frame.locator('#sheet-tab-0').click();
    await waitForText(frame.locator('#cell-address'), /^First!/);
    await problemRow(page);
    const link = page.locator('.markers-panel .monaco-list-row', { hasText: 'select this cell in the workbook grid' }).first();
    await link.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await link.textContent()) ?? '', /Second!C3/, 'the row names the cell');
    await link.click();
    frame = await workbookFrame(page);
    await waitForText(frame.locator('#cell-address'), 'Second!C3', 10_000);
    assert.equal(await frame.locator('#sheet-tab-1').getAttribute('aria-selected'), 'true');
    // The link's own document never stays open, and the grid is not opened a second time.
    await page.locator('.tab', { hasText: 'Second!C3' }).waitFor({ state: 'detached', timeout: 10_000 });
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

describe('problems are listed once (end to end)', function () {
  const BROKEN = 'e2e-problems-once.minerals.json';
  // A missing comma: the workbook's own MW1001, which VS Code's JSON checks reported a second
  // time as json(514) when the file was validated as plain JSON.
  const TEXT = '{\n  "format": "minerals-workbook",\n  "version": 1\n  "title": "once",\n  "sheets": [{ "name": "S", "rows": [[1]] }]\n}\n';
  let page: Page;

  before(async () => {
    page = await e2e().page();
    await closeSideBars(page);
    writeFileSync(path.join(e2e().workspace, BROKEN), TEXT);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-problems-once-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('a syntax error is one problem in the Problems panel, the status bar and the headless validation', async () => {
    await quickOpen(page, BROKEN);
    // The text editor is where VS Code's JSON checks run: the file is shown as text.
    await runCommand(page, 'Minerals Workbook: Open as JSON Text').catch(() => undefined);
    await page.locator('.editor-group-container .monaco-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
    const status = page.locator('[id$="mineralsWorkbook.status"]');
    if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    const filter = page.locator('input[placeholder^="Filter (e.g."]').first();
    await filter.fill(BROKEN);
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'expected , or }' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // VS Code's JSON checks run a moment after the file opens: give them the time to show up.
    await page.waitForTimeout(5_000);
    const fileRow = page.locator('.markers-panel .monaco-list-row', { hasText: BROKEN }).first();
    const listed = Number(((await fileRow.locator('.monaco-count-badge').textContent()) ?? '').trim());
    const rows = await page.locator('.markers-panel .monaco-list-row').allTextContents();
    const fromJson = rows.filter((r) => /\bjson\s*\(\d+\)/i.test(r)).length;
    const cli = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), 'validate', path.join(e2e().workspace, BROKEN), '--format', 'json'], { encoding: 'utf8' });
    const headless = (JSON.parse(cli.stdout) as { severity: string }[]).filter((d) => d.severity === 'error' || d.severity === 'warning').length;
    const shown = (await status.getAttribute('aria-label')) ?? '';
    assert.equal(fromJson, 0, 'no problem from VS Code\'s JSON checks');
    assert.equal(listed, headless, `the Problems panel lists ${listed} problems for the file, the headless validation ${headless}`);
    assert.match(shown, new RegExp(`${headless} errors?, 0 warnings`), `status bar: ${shown}`);
  });

  after(async () => {
    await runCommand(page, 'View: Close All Editor Groups').catch(() => undefined);
    if (await page.locator('.markers-panel').isVisible().catch(() => false)) await runCommand(page, 'View: Toggle Panel Visibility').catch(() => undefined);
  });
});
