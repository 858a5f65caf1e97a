/**
 * Excel habits in the real workbench, one test a gesture: F4 cycles `$`, the fill handle,
 * the selection's Sum/Average/Count, Ctrl+` shows formulas, double-click a column edge to
 * autosize, sort a range by a column.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, saveFile, savedFileWhen, screenshot, waitForText } from './workbench';

const FILE = 'e2e-grid-habits.minerals.json';

interface Saved { sheets: { name: string; rows: unknown[][]; columns?: { width?: number }[] }[] }

const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E grid habits',
  sheets: [
    {
      name: 'Calc',
      rows: [
        // E:H rows 1-2 are the fill handle's source: a series, counted text, dates, formulas.
        ['Ore', 100, '=B1*2', null, 1, 'Q1', '2026-01-30', '=E1*10'],
        ['Grade', 0.5, '=B2*10', null, 2, 'Q2', '2026-01-31', '=E2*10'],
        ['Tonnes', 40, '=B3*2', 'Neodymium-praseodymium oxide, tonnes a year'],
      ],
    },
    {
      name: 'Mines',
      rows: [
        ['Kola', 30, '=B1/SUM($B$1:$B$3)'],
        ['Bayan Obo', 120, '=B2/SUM($B$1:$B$3)'],
        ['Mountain Pass', 45, '=B3/SUM($B$1:$B$3)'],
        // A blank row ends the block the sort picks, as in Excel.
        [],
        ['Total', '=SUM(B1:B3)'],
      ],
    },
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

  it('dragging the fill handle continues series, dates, Q1, Q2 and shifts formulas; one Ctrl+Z undoes it', async () => {
    const before = JSON.parse(await saveFile(page, FILE)) as Saved;
    await cell(frame, 0, 4).click(); // E1
    await cell(frame, 1, 7).click({ modifiers: ['Shift'] }); // to H2
    const handle = frame.locator('#grid .fill-handle');
    await handle.waitFor({ state: 'visible', timeout: 5_000 });
    const h = (await handle.boundingBox())!;
    const target = (await cell(frame, 3, 7).boundingBox())!; // H4
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2 - 8, { steps: 8 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 2 });
    await page.mouse.up();
    await waitForText(cell(frame, 3, 4), '4');
    await waitForText(cell(frame, 2, 5), 'Q3');
    await waitForText(cell(frame, 3, 6), '2026-02-02');
    await waitForText(cell(frame, 3, 7), '40');
    const filled = await saved((s) => s.sheets[0]!.rows[3]?.[7] === '=E4*10', 'H4 = E4*10');
    assert.deepEqual(filled.sheets[0]!.rows[2]!.slice(4, 8), [3, 'Q3', '2026-02-01', '=E3*10']);
    assert.deepEqual(filled.sheets[0]!.rows[3]!.slice(4, 8), [4, 'Q4', '2026-02-02', '=E4*10']);
    assert.deepEqual(filled.sheets[0]!.rows[2]!.slice(0, 3), ['Tonnes', 40, '=B3*2'], 'the cells beside are untouched');
    // One undo step takes the whole fill back.
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 3, 4), '');
    const undone = await saved((s) => (s.sheets[0]!.rows[3]?.[7] ?? null) === null, 'H4 empty again');
    assert.deepEqual(undone.sheets[0]!.rows.slice(0, 3), before.sheets[0]!.rows.slice(0, 3));
  });

  it('the selection\'s Average, Count and Sum show at the grid\'s foot, as in Excel\'s status bar', async () => {
    const stats = frame.locator('#selection-stats');
    await cell(frame, 0, 1).click(); // B1
    await cell(frame, 2, 2).click({ modifiers: ['Shift'] }); // to C3: 100, 200, 0.5, 5, 40, 80
    await waitForText(stats, 'Average: 70.9166666667   Count: 6   Sum: 425.5');
    // Text is counted, not summed; one cell shows nothing.
    await cell(frame, 0, 0).click();
    await cell(frame, 2, 0).click({ modifiers: ['Shift'] });
    await waitForText(stats, 'Count: 3');
    await cell(frame, 0, 1).click();
    await waitForText(stats, '');
  });

  it('Ctrl+` shows the formulas in the grid and back, without opening the terminal', async () => {
    await cell(frame, 0, 2).click(); // C1 = B1*2
    await page.keyboard.press('Control+Backquote');
    await waitForText(cell(frame, 0, 2), '=B1*2');
    await waitForText(cell(frame, 1, 2), '=B2*10');
    await waitForText(cell(frame, 0, 1), '100', 5_000); // values stay values
    assert.equal(await page.locator('.terminal-wrapper, .xterm').count(), 0, 'no terminal opened');
    await page.keyboard.press('Control+Backquote');
    await waitForText(cell(frame, 0, 2), '200');
    assert.equal(await page.locator('.terminal-wrapper, .xterm').count(), 0, 'no terminal opened');
  });

  it('double-clicking a column header\'s right edge fits the column to its longest text', async () => {
    const d3 = cell(frame, 2, 3);
    const fits = () => d3.evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.equal(await fits(), false, 'the long label is cut off at first');
    const header = (await frame.locator('#grid .col-header[aria-colindex="5"]').boundingBox())!; // D
    await page.mouse.dblclick(header.x + header.width - 1, header.y + header.height / 2);
    const widened = await saved((s) => (s.sheets[0]!.columns?.[3]?.width ?? 0) > 100, 'a width for column D');
    assert.ok(await fits(), `D3 fits in ${widened.sheets[0]!.columns![3]!.width}px`);
    assert.ok(widened.sheets[0]!.columns![3]!.width! < 600, 'not wider than its text needs');
  });

  it('sorting by a column from the cell menu moves whole rows, formulas kept right; one Ctrl+Z', async () => {
    await frame.locator('#sheet-tabs [role="tab"]', { hasText: 'Mines' }).click();
    await waitForText(cell(frame, 4, 1), '195');
    await cell(frame, 1, 1).click({ button: 'right' }); // B2, inside the block A1:C3
    await frame.locator('#context-menu [role="menuitem"]', { hasText: 'Sort descending by column B' }).click();
    await waitForText(cell(frame, 0, 0), 'Bayan Obo');
    await waitForText(cell(frame, 2, 0), 'Kola');
    const sorted = await saved((s) => s.sheets[1]!.rows[0]![0] === 'Bayan Obo', 'Bayan Obo first');
    assert.deepEqual(sorted.sheets[1]!.rows, [
      ['Bayan Obo', 120, '=B1/SUM($B$1:$B$3)'],
      ['Mountain Pass', 45, '=B2/SUM($B$1:$B$3)'],
      ['Kola', 30, '=B3/SUM($B$1:$B$3)'],
      [],
      ['Total', '=SUM(B1:B3)'],
    ]);
    await waitForText(cell(frame, 0, 2), /^0\.615/); // 120 / 195: each share still beside its tonnes
    await waitForText(cell(frame, 4, 1), '195');
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 0, 0), 'Kola');
    const undone = await saved((s) => s.sheets[1]!.rows[0]![0] === 'Kola', 'Kola first again');
    assert.deepEqual(undone.sheets[1]!.rows[0], ['Kola', 30, '=B1/SUM($B$1:$B$3)']);
    await frame.locator('#sheet-tabs [role="tab"]', { hasText: 'Calc' }).click();
  });
});
