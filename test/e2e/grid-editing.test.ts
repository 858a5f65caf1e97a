/**
 * Editing gestures that must never silently change a number, in the real workbench: cut and
 * paste is a move (references follow, one undo step), clicking a cell while a formula is
 * open inserts its reference (point mode), and Ctrl+- asks before deleting anything.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, savedFileWhen, saveFile, screenshot, waitForText } from './workbench';

const FILE = 'e2e-grid-editing.minerals.json';

interface Saved { sheets: { name: string; rows: unknown[][] }[] }

// Calc: B1 = 100 read by C1 (=B1*2 -> 200) and by Other!A1 (=Calc!B1+1 -> 101).
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E grid editing',
  sheets: [
    { name: 'Calc', rows: [['Ore', 100, '=B1*2'], ['Grade', 0.5, '=B2*10'], ['Tonnes', 40]] },
    { name: 'Other sheet', rows: [['=Calc!B1+1', 7]] },
  ],
};

function savedWhen(page: Page, ok: (s: Saved) => boolean, what: string): Promise<Saved> {
  return savedFileWhen<Saved>(page, FILE, ok, what);
}

const tab = (frame: Frame, name: string) => frame.locator('#sheet-tabs [role="tab"]', { hasText: name });

describe('grid editing: cut moves, point mode, Ctrl+- asks (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 2), '200');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-editing-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('cut and paste moves a cell: nothing changes at Ctrl+X, references follow at Ctrl+V, one Ctrl+Z restores', async () => {
    await cell(frame, 0, 1).click();
    await page.keyboard.press('Control+X');
    // The cut only marks the cell: it keeps its value, the file is untouched.
    await frame.locator('#grid [role="gridcell"][data-row="0"][data-col="1"].cut-mark').waitFor({ state: 'attached', timeout: 5_000 });
    await waitForText(cell(frame, 0, 1), '100');
    const untouched = JSON.parse(await saveFile(page, FILE)) as Saved;
    assert.deepEqual(untouched.sheets[0]!.rows[0], ['Ore', 100, '=B1*2']);
    await cell(frame, 3, 4).click(); // E4
    await page.keyboard.press('Control+V');
    await waitForText(cell(frame, 3, 4), '100');
    await waitForText(cell(frame, 0, 1), '');
    await waitForText(cell(frame, 0, 2), '200'); // C1 follows the moved cell: same value
    const moved = await savedWhen(page, (s) => s.sheets[0]!.rows[0]![2] === '=E4*2', 'C1 = E4*2');
    assert.equal(moved.sheets[0]!.rows[3]![4], 100);
    assert.equal(moved.sheets[0]!.rows[0]![1] ?? null, null);
    assert.equal(moved.sheets[1]!.rows[0]![0], '=Calc!E4+1', 'a reference on another sheet follows too');
    assert.equal(await frame.locator('#grid .cut-mark').count(), 0, 'the mark is gone after the paste');
    // A cut pastes once: a second Ctrl+V elsewhere pastes nothing.
    await cell(frame, 5, 5).click();
    await page.keyboard.press('Control+V');
    await page.waitForTimeout(500);
    assert.equal((await cell(frame, 5, 5).textContent())?.trim(), '');
    // One undo step restores both the cell and every formula that followed it.
    await cell(frame, 0, 0).click();
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 0, 1), '100');
    await waitForText(cell(frame, 3, 4), '');
    const undone = await savedWhen(page, (s) => s.sheets[0]!.rows[0]![2] === '=B1*2', 'C1 = B1*2 again');
    assert.deepEqual(undone.sheets[0]!.rows[0], ['Ore', 100, '=B1*2']);
    assert.equal(undone.sheets[1]!.rows[0]![0], '=Calc!B1+1');
    await tab(frame, 'Other sheet').click();
    await waitForText(cell(frame, 0, 0), '101');
    await tab(frame, 'Calc').click();
  });

  it('Escape cancels a cut: the mark goes and a paste moves nothing', async () => {
    await cell(frame, 1, 1).click();
    await page.keyboard.press('Control+X');
    await frame.locator('#grid .cut-mark').first().waitFor({ state: 'attached', timeout: 5_000 });
    await page.keyboard.press('Escape');
    assert.equal(await frame.locator('#grid .cut-mark').count(), 0);
    await cell(frame, 6, 1).click();
    await page.keyboard.press('Control+V');
    await page.waitForTimeout(500);
    assert.equal((await cell(frame, 6, 1).textContent())?.trim(), '');
    await waitForText(cell(frame, 1, 1), '0.5');
    const saved = JSON.parse(await saveFile(page, FILE)) as Saved;
    assert.deepEqual(saved.sheets[0]!.rows[1], ['Grade', 0.5, '=B2*10']);
  });

  /** Types at a person's pace (the bug class where re-rendering eats keys shows only then). */
  const type = (text: string) => page.keyboard.type(text, { delay: 150 });

  const center = async (row: number, col: number) => {
    const b = (await cell(frame, row, col).boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };

  it('point mode in the cell: type =, click B1, type *2, Enter gives =B1*2 and its value', async () => {
    await cell(frame, 0, 3).click();
    await type('=');
    await frame.locator('#cell-editor').waitFor({ state: 'visible', timeout: 5_000 });
    await cell(frame, 0, 1).click();
    assert.equal(await frame.locator('#cell-editor').inputValue(), '=B1', 'the click inserted B1 and the editor stayed open');
    assert.equal(await frame.locator('#formula-bar').inputValue(), '=B1', 'the formula bar mirrors it');
    assert.equal(await frame.locator('#grid .point-mark').count(), 1, 'the pointed cell is outlined');
    assert.match((await cell(frame, 0, 1).getAttribute('class')) ?? '', /point-mark/);
    await type('*2');
    assert.equal(await frame.locator('#grid .point-mark').count(), 0, 'typing on ends the pointing');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 3), '200');
    await waitForText(frame.locator('#cell-address'), 'Calc!D2', 5_000);
    await savedWhen(page, (s) => s.sheets[0]!.rows[0]![3] === '=B1*2', 'D1 = B1*2');
  });

  it('point mode in the formula bar: the click inserts a reference instead of discarding the typing', async () => {
    await cell(frame, 1, 3).click();
    await frame.locator('#formula-bar').click();
    await type('=');
    await cell(frame, 1, 1).click();
    assert.equal(await frame.locator('#formula-bar').inputValue(), '=B2');
    await waitForText(frame.locator('#cell-address'), 'Calc!D2', 5_000); // the selection did not move
    await type('*4');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 1, 3), '2');
    await savedWhen(page, (s) => s.sheets[0]!.rows[1]![3] === '=B2*4', 'D2 = B2*4');
  });

  it('point mode: a drag inserts a range', async () => {
    await cell(frame, 2, 3).click();
    await type('=SUM(');
    const from = await center(0, 1);
    const to = await center(2, 1);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    assert.equal(await frame.locator('#cell-editor').inputValue(), '=SUM(B1:B3');
    assert.equal(await frame.locator('#grid .point-mark').count(), 3, 'the dragged range is outlined');
    await type(')');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 2, 3), '140.5');
    await savedWhen(page, (s) => s.sheets[0]!.rows[2]![3] === '=SUM(B1:B3)', 'D3 = SUM(B1:B3)');
  });

  it('point mode across sheets: a tab click, then a cell, inserts \'Other sheet\'!B1; Enter commits on the first sheet', async () => {
    await cell(frame, 3, 3).click();
    await type('=');
    await tab(frame, 'Other sheet').click();
    await waitForText(cell(frame, 0, 1), '7');
    await cell(frame, 0, 1).click();
    assert.equal(await frame.locator('#formula-bar').inputValue(), "='Other sheet'!B1");
    await type('+1');
    await page.keyboard.press('Enter');
    await waitForText(frame.locator('#sheet-tabs [role="tab"][aria-selected="true"]'), 'Calc', 5_000);
    await waitForText(cell(frame, 3, 3), '8');
    const saved = await savedWhen(page, (s) => s.sheets[0]!.rows[3]?.[3] === "='Other sheet'!B1+1", "D4 = 'Other sheet'!B1+1");
    assert.deepEqual(saved.sheets[1]!.rows[0], ['=Calc!B1+1', 7], 'the other sheet is untouched');
  });

  it('not at an insertion point, a click commits what was typed (formula bar included)', async () => {
    await cell(frame, 4, 3).click();
    await frame.locator('#formula-bar').click();
    await type('12');
    await cell(frame, 5, 0).click();
    await waitForText(frame.locator('#cell-address'), 'Calc!A6', 5_000);
    await waitForText(cell(frame, 4, 3), '12');
    await savedWhen(page, (s) => s.sheets[0]!.rows[4]?.[3] === 12, 'D5 = 12');
  });

  it('Ctrl+- on a cell asks (shift up / left, entire row / column); Cancel and Escape change nothing', async () => {
    const before = JSON.parse(await saveFile(page, FILE)) as Saved;
    await cell(frame, 1, 1).click();
    await page.keyboard.press('Control+Minus');
    const bar = frame.locator('#confirm-bar');
    await bar.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal((await frame.locator('#confirm-text').textContent())?.trim(), 'Delete Calc!B2:');
    assert.deepEqual((await bar.locator('button').allTextContents()).map((t) => t.trim()),
      ['Shift cells up', 'Shift cells left', 'Delete entire row', 'Delete entire column', 'Cancel']);
    await frame.locator('#confirm-no').click();
    await bar.waitFor({ state: 'hidden', timeout: 5_000 });
    await page.keyboard.press('Control+Minus');
    await bar.waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'hidden', timeout: 5_000 });
    // The cell's context menu offers the same choice.
    await cell(frame, 1, 1).click({ button: 'right' });
    await frame.locator('#context-menu [role="menuitem"]', { hasText: 'Delete cells…' }).click();
    await bar.waitFor({ state: 'visible', timeout: 5_000 });
    await frame.locator('#confirm-no').click();
    await bar.waitFor({ state: 'hidden', timeout: 5_000 });
    await waitForText(cell(frame, 1, 1), '0.5');
    await page.waitForTimeout(500);
    assert.deepEqual(JSON.parse(await saveFile(page, FILE)), before, 'the file is unchanged');
  });

  it('Ctrl+-, Shift cells left deletes the cell and moves the row\'s cells; a SUM it would break is refused', async () => {
    // A5 is empty, D5 holds 12: shifting left moves 12 to C5.
    await cell(frame, 4, 0).click();
    await page.keyboard.press('Control+Minus');
    await frame.locator('#delete-shift-left').click();
    await waitForText(cell(frame, 4, 2), '12');
    await savedWhen(page, (s) => s.sheets[0]!.rows[4]?.[2] === 12 && s.sheets[0]!.rows[4]!.length === 3, 'C5 = 12');
    // B2 is inside SUM(B1:B3) (D3): shifting it up would change what the SUM covers.
    await cell(frame, 1, 1).click();
    await page.keyboard.press('Control+Minus');
    await frame.locator('#delete-shift-up').click();
    await waitForText(frame.locator('#error-banner .banner-text'), /Calc!B1:B3/, 5_000);
    await waitForText(cell(frame, 2, 3), '140.5');
    await waitForText(cell(frame, 1, 1), '0.5');
  });

  it('a cut pasted onto a referenced cell makes that reference #REF!, as in Excel, instead of reading the moved cell', async () => {
    await cell(frame, 0, 5).click(); // F1 = B3+1 reads B3 (40)
    await type('=B3+1');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 5), '41');
    await cell(frame, 4, 2).click(); // C5 = 12 (from the shift left)
    await page.keyboard.press('Control+X');
    await cell(frame, 2, 1).click(); // onto B3
    await page.keyboard.press('Control+V');
    await waitForText(cell(frame, 2, 1), '12');
    await waitForText(cell(frame, 0, 5), '#REF!');
    await waitForText(cell(frame, 2, 3), '112.5'); // SUM(B1:B3) keeps its range: 100 + 0.5 + 12
    const saved = await savedWhen(page, (s) => s.sheets[0]!.rows[0]![5] === '=#REF!+1', 'F1 = #REF!+1');
    assert.equal(saved.sheets[0]!.rows[2]![3], '=SUM(B1:B3)');
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 0, 5), '41');
    await waitForText(cell(frame, 4, 2), '12');
  });
});
