import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { e2e } from './context';
import { cell, enterInCell, quickOpen, screenshot, waitForText, workbookFrame } from './workbench';

// Values of test/integration/fixtures/known-values.minerals.json, checked by hand:
// C1 = 1200*73/365 = 240, B3 = SUM(B1:B2) = 1280, C3 = 256.
const NUMBER = (n: number) => new RegExp(`^${n.toLocaleString('en-US').replace(/,/g, ',?')}(\\.0+)?$`);

describe('workbook editor in VS Code (end to end)', function () {
  let page: Page;
  const editing = 'e2e-editing.minerals.json';

  before(async () => {
    page = await e2e().page();
    // A private copy: the tests below edit and save it.
    copyFileSync(path.join(e2e().workspace, 'known-values.minerals.json'), path.join(e2e().workspace, editing));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('opens a workbook from Quick Open and shows computed values in the grid', async () => {
    await quickOpen(page, 'known-values.minerals.json');
    const frame = await workbookFrame(page);
    await waitForText(cell(frame, 0, 0), 'Neodymium');
    await waitForText(cell(frame, 0, 2), NUMBER(240));
    await waitForText(cell(frame, 2, 1), NUMBER(1280));
    await waitForText(cell(frame, 2, 2), NUMBER(256));
    await screenshot(page, 'grid');
  });

  it('a formula typed into a cell is computed, dirties the editor and is saved to disk', async () => {
    await quickOpen(page, editing);
    const frame = await workbookFrame(page);
    await waitForText(cell(frame, 0, 2), NUMBER(240));
    await enterInCell(frame, 3, 1, '=B1*2');
    await waitForText(cell(frame, 3, 1), NUMBER(2400));
    await page.locator('.tab.active.dirty').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'dirty');
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active:not(.dirty)').waitFor({ state: 'visible', timeout: 10_000 });
    const saved = readFileSync(path.join(e2e().workspace, editing), 'utf8');
    assert.ok(saved.includes('"=B1*2"'), `saved file lacks the formula:\n${saved}`);
    JSON.parse(saved); // still valid JSON
  });

  it('a broken cell shows its error in the grid and in the Problems panel', async () => {
    await quickOpen(page, editing);
    const frame = await workbookFrame(page);
    await enterInCell(frame, 3, 2, '=1/0');
    await waitForText(cell(frame, 3, 2), '#DIV/0!');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible', timeout: 10_000 });
    const row = problems.locator('.monaco-list-row', { hasText: 'MW4005' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    const badge = await page.locator('[id="status.problems"]').getAttribute('aria-label');
    assert.ok(badge && /[1-9]\d* error/i.test(badge), `status bar problems: ${badge}`);
    await screenshot(page, 'problems');
  });
});
