/**
 * Excel habits in the real workbench, one test a gesture: F4 cycles `$`, the fill handle,
 * the selection's Sum/Average/Count, Ctrl+` shows formulas, double-click a column edge to
 * autosize, sort a range by a column.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, savedFileWhen, screenshot, waitForText } from './workbench';

const FILE = 'e2e-grid-habits.minerals.json';

interface Saved { sheets: { name: string; rows: unknown[][]; columns?: { width?: number }[] }[] }

const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E grid habits',
  sheets: [
    { name: 'Calc', rows: [['Ore', 100, '=B1*2'], ['Grade', 0.5, '=B2*10'], ['Tonnes', 40, '=B3*2']] },
  ],
};

describe('grid habits from Excel (end to end)', function () {
  let page: Page;
  let frame: Frame;
  const saved = (ok: (s: Saved) => boolean, what: string) => savedFileWhen<Saved>(page, FILE, ok, what);

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 2), '200');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-habits-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('F4 cycles $ in the reference at the caret, in the cell editor and in the formula bar', async () => {
    await cell(frame, 4, 1).click(); // B5
    await page.keyboard.type('=B1+B2', { delay: 150 });
    await page.keyboard.press('F4');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 4, 1), '100.5');
    await saved((s) => s.sheets[0]!.rows[4]?.[1] === '=B1+$B$2', 'B5 = B1+$B$2');
    // The formula bar: F4 three times is $B1.
    await cell(frame, 5, 1).click(); // B6
    await frame.locator('#formula-bar').click();
    await page.keyboard.type('=B3', { delay: 150 });
    for (let i = 0; i < 3; i++) await page.keyboard.press('F4');
    assert.equal(await frame.locator('#formula-bar').inputValue(), '=$B3');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 5, 1), '40');
    await saved((s) => s.sheets[0]!.rows[5]?.[1] === '=$B3', 'B6 = $B3');
  });
});
