/**
 * What the grid shows is what the engine computed for that cell: error values typed at human
 * speed show at once and stay right across scenario switches, two sheets whose names clash
 * each show their own cells, and Trace follows ranges to the formula that reads them.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, pickScenario, savedFileWhen, saveFile, screenshot, waitForText } from './workbench';

const FILE = 'e2e-grid-truth.minerals.json';
const TWINS = 'e2e-grid-twins.minerals.json';

// C1:C6 are 1..6 and C7 sums them (21); D1 reads C2 on its own. The scenario changes only
// Share, which nothing in column E reads: the error values must not move.
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E grid truth',
  parameters: { Share: { value: 0.5, min: 0, max: 1 } },
  scenarios: { Baseline: { set: {} }, High: { set: { Share: 0.9 } } },
  sheets: [{
    name: 'Calc',
    rows: [
      ['a', '=Share*10', 1, '=C2*2'],
      ['b', null, 2],
      ['c', null, 3],
      ['d', null, 4],
      ['e', null, 5],
      ['f', null, 6],
      ['Total', null, '=SUM(C1:C6)'],
    ],
  }],
};

/** Types into a selected cell at an analyst's pace and commits with Enter. */
async function typeInCell(page: Page, frame: Frame, row: number, col: number, text: string): Promise<void> {
  await cell(frame, row, col).click();
  await page.keyboard.type(text, { delay: 150 });
  await page.keyboard.press('Enter');
}

const texts = (frame: Frame, cells: [number, number][]) => Promise.all(cells.map(([r, c]) => cell(frame, r, c).textContent().then((t) => (t ?? '').trim())));

describe('grid shows what the engine computed (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 6, 2), '21');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-truth-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('newly typed #CYCLE!, #VALUE! and #REF! formulas show their errors at once and after scenario switches', async () => {
    // In the cell editor and in the formula bar; inside the data and in new rows below it.
    const errors: [number, number][] = [[0, 4], [1, 4], [2, 4], [10, 4], [11, 4], [12, 4]];
    const expected = ['#CYCLE!', '#VALUE!', '#REF!', '#CYCLE!', '#VALUE!', '#REF!'];
    await typeInCell(page, frame, 0, 4, '=E1');
    await waitForText(cell(frame, 0, 4), '#CYCLE!', 5_000);
    await typeInCell(page, frame, 1, 4, '=1+"a"');
    await waitForText(cell(frame, 1, 4), '#VALUE!', 5_000);
    await typeInCell(page, frame, 2, 4, '=OFFSET(C1,-1,0)');
    await waitForText(cell(frame, 2, 4), '#REF!', 5_000);
    for (const [i, text] of ['=E11', '=1+"a"', '=OFFSET(C1,-1,0)'].entries()) {
      await cell(frame, 10 + i, 4).click();
      const bar = frame.locator('#formula-bar');
      await bar.click();
      await page.keyboard.type(text, { delay: 150 });
      await page.keyboard.press('Enter');
      await waitForText(cell(frame, 10 + i, 4), expected[3 + i]!, 5_000);
    }
    // None of them went blank while the later ones were typed, nor once the host answered.
    await page.waitForTimeout(1_500);
    assert.deepEqual(await texts(frame, errors), expected);
    for (const scenario of ['High', 'Baseline', 'High']) {
      await pickScenario(frame, scenario);
      await waitForText(cell(frame, 0, 1), scenario === 'High' ? '9' : '5', 5_000);
      assert.deepEqual(await texts(frame, errors), expected, `under ${scenario}`);
    }
    // Typed while a scenario is shown (its changed cells are marked), then back to Baseline.
    await typeInCell(page, frame, 0, 6, '=G1');
    await typeInCell(page, frame, 1, 6, '=1+"a"');
    await typeInCell(page, frame, 2, 6, '=OFFSET(C1,-1,0)');
    await page.waitForTimeout(1_500);
    const typedUnderScenario: [number, number][] = [[0, 6], [1, 6], [2, 6]];
    assert.deepEqual(await texts(frame, typedUnderScenario), expected.slice(0, 3), 'typed under High');
    await pickScenario(frame, 'Baseline');
    await waitForText(cell(frame, 0, 1), '5', 5_000);
    assert.deepEqual(await texts(frame, [...errors, ...typedUnderScenario]), [...expected, ...expected.slice(0, 3)], 'back under Baseline');
  });

  it('Trace on a cell inside SUM(C1:C6) marks the SUM as dependent, not the range\'s other cells', async () => {
    const marked = (cls: string) => frame.locator(`#grid [role="gridcell"][data-row].${cls}`).evaluateAll(
      (els) => els.map((e) => `${e.getAttribute('data-row')}:${e.getAttribute('data-col')}`).sort());
    await cell(frame, 1, 2).click(); // C2: read by C7 = SUM(C1:C6) and by D1 = C2*2
    const trace = frame.locator('#trace-toggle');
    await trace.click();
    try {
      await frame.locator('#grid [role="gridcell"][data-row="6"][data-col="2"].dependent').waitFor({ state: 'attached', timeout: 5_000 });
      assert.deepEqual(await marked('dependent'), ['0:3', '6:2']);
      assert.deepEqual(await marked('precedent'), []);
      // From the SUM, the whole range is its precedents.
      await cell(frame, 6, 2).click();
      await frame.locator('#grid [role="gridcell"][data-row="5"][data-col="2"].precedent').waitFor({ state: 'attached', timeout: 5_000 });
      assert.deepEqual(await marked('precedent'), ['0:2', '1:2', '2:2', '3:2', '4:2', '5:2']);
      assert.deepEqual(await marked('dependent'), []);
    } finally {
      await trace.click();
    }
  });

  it('Delete over typed cells leaves the file as it was: no null cells, no empty rows', async () => {
    type Saved = { sheets: { rows: unknown[][] }[] };
    const before = JSON.parse(await saveFile(page, FILE)) as Saved;
    const rowsBefore = before.sheets[0]!.rows;
    await typeInCell(page, frame, 0, 5, '5');
    await typeInCell(page, frame, 19, 5, '9'); // F20: rows below the data are added for it
    await savedFileWhen<Saved>(page, FILE, (s) => s.sheets[0]!.rows[19]?.[5] === 9, 'F20 = 9');
    await cell(frame, 0, 5).click();
    await cell(frame, 19, 5).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    await waitForText(cell(frame, 19, 5), '', 5_000);
    const after = await savedFileWhen<Saved>(page, FILE, (s) => s.sheets[0]!.rows.length === rowsBefore.length, 'the added rows gone');
    assert.deepEqual(after.sheets[0]!.rows, rowsBefore);
  });

  it('two sheets with the same name each show their own cells, as the formula bar does', async () => {
    const twins = await openWorkbookFile(page, TWINS, {
      format: 'minerals-workbook',
      version: 1,
      sheets: [{ name: 'Data', rows: [[111, '=A1+1']] }, { name: 'Data', rows: [[999, '=A1+2']] }],
    });
    await waitForText(cell(twins, 0, 0), '111');
    await waitForText(cell(twins, 0, 1), '112', 5_000);
    await cell(twins, 0, 0).click();
    assert.equal(await twins.locator('#formula-bar').inputValue(), '111');
    await twins.locator('#sheet-tab-1').click();
    await waitForText(cell(twins, 0, 0), '999');
    await waitForText(cell(twins, 0, 1), '1001', 5_000);
    await twins.locator('#sheet-tab-0').click();
    await waitForText(cell(twins, 0, 0), '111');
  });
});
