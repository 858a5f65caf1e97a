/**
 * The rest of the grid's Excel habits, in the real workbench: the whole keyboard map (typing
 * over a cell, Enter/Shift+Enter, F2, Escape, Delete, Home/End, PageUp/PageDown, Ctrl+A, undo
 * and redo through VS Code), mouse-drag ranges, an HTML table pasted from Google Sheets as one
 * undo step, fill right, column widths saved to the file, errors with their reason on hover,
 * precedents/dependents, ARIA, Indian digit grouping, and sheet reordering.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, savedFileWhen, screenshot, waitForText } from './workbench';

const FILE = 'e2e-grid-interaction.minerals.json';
const ROWS = 80;

interface Saved {
  parameters: Record<string, { value: number }>;
  sheets: { name: string; columns?: { header?: string; width?: number; format?: string }[]; rows: unknown[][] }[];
}

// Sheet Keys: A label, B an amount, C = B*2; D1 divides by zero, D2 = C1+1, D3 = B3*Recovery;
// Other!A1 reads Keys!B1.
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E grid interaction',
  parameters: {
    Recovery: { value: 0.3, min: 0, max: 1, unit: 'share', description: 'Share of end-of-life magnets recycled', source: 'Illustrative assumption' },
  },
  sheets: [
    {
      name: 'Keys',
      // A wide last column, so that the grid scrolls sideways.
      columns: [{ header: 'Item' }, { header: 'Amount', format: '#,##0' }, { header: 'Double' }, { header: 'Check' }, {}, {}, {}, { header: 'Notes', width: 1500 }],
      rows: Array.from({ length: ROWS }, (_, r) => [`Item ${r + 1}`, (r + 1) * 100, `=B${r + 1}*2`, ...(r === 0 ? ['=1/0'] : r === 1 ? ['=C1+1'] : r === 2 ? ['=B3*Recovery'] : [])]),
      formats: { B15: '0.00' },
    },
    { name: 'Other', rows: [['=Keys!B1*10']] },
  ],
};

async function address(frame: Frame): Promise<string> {
  return ((await frame.locator('#cell-address').textContent()) ?? '').trim();
}

async function expectAddress(frame: Frame, expected: string | RegExp): Promise<void> {
  await waitForText(frame.locator('#cell-address'), expected, 5_000);
}

/** Saves until the file satisfies `ok` (see savedFileWhen). */
function savedWhen(page: Page, ok: (s: Saved) => boolean, what: string): Promise<Saved> {
  return savedFileWhen<Saved>(page, FILE, ok, what);
}

const inRange = (frame: Frame) => frame.locator('#grid [role="gridcell"][data-row].in-range').count();

describe('grid: keyboard map, mouse, clipboard, structure (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 2), '200');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-interaction-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('typing over a cell edits it; Enter, Shift+Enter, F2 and Escape work as in Excel', async () => {
    await cell(frame, 0, 1).click();
    await expectAddress(frame, 'Keys!B1');
    // Typing over a selected cell starts an edit with the typed characters.
    await page.keyboard.type('42');
    const editor = frame.locator('#cell-editor');
    await editor.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await editor.inputValue(), '42');
    // Enter commits and moves down; the dependent C1 recomputes.
    await page.keyboard.press('Enter');
    await expectAddress(frame, 'Keys!B2');
    await waitForText(cell(frame, 0, 2), '84');
    // Shift+Enter commits and moves up.
    await page.keyboard.type('7');
    await page.keyboard.press('Shift+Enter');
    await expectAddress(frame, 'Keys!B1');
    await waitForText(cell(frame, 1, 1), '7');
    // F2 edits the existing content, caret at the end.
    await page.keyboard.press('F2');
    await editor.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await editor.inputValue(), '42');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 1), '420');
    // Escape drops what was typed.
    await expectAddress(frame, 'Keys!B2');
    await page.keyboard.type('999');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden', timeout: 5_000 });
    await waitForText(cell(frame, 1, 1), '7');
    const saved = await savedWhen(page, (s) => s.sheets[0]!.rows[1]![1] === 7, 'B2 = 7');
    assert.equal(saved.sheets[0]!.rows[0]![1], 420);
  });

  it('Delete clears the selection; Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z go through VS Code\'s undo', async () => {
    await cell(frame, 1, 1).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Delete');
    await waitForText(cell(frame, 1, 1), '');
    await waitForText(cell(frame, 2, 1), '');
    await savedWhen(page, (s) => s.sheets[0]!.rows[1]![1] === null && s.sheets[0]!.rows[2]![1] === null, 'B2:B3 cleared');
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 1, 1), '7');
    await waitForText(cell(frame, 2, 1), '300');
    await savedWhen(page, (s) => s.sheets[0]!.rows[1]![1] === 7 && s.sheets[0]!.rows[2]![1] === 300, 'B2:B3 restored by one undo');
    await page.keyboard.press('Control+Y');
    await waitForText(cell(frame, 1, 1), '');
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 1, 1), '7');
    await page.keyboard.press('Control+Shift+Z');
    await waitForText(cell(frame, 2, 1), '');
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 2, 1), '300');
    await savedWhen(page, (s) => s.sheets[0]!.rows[2]![1] === 300, 'B3 restored');
  });

  it('Home, End, Ctrl+Home, PageDown, PageUp, Shift+PageDown, Ctrl+A and a mouse drag select as in Excel', async () => {
    await cell(frame, 4, 2).click();
    await expectAddress(frame, 'Keys!C5');
    await page.keyboard.press('Home');
    await expectAddress(frame, 'Keys!A5');
    await page.keyboard.press('End');
    await expectAddress(frame, 'Keys!C5'); // the row's last filled cell
    await page.keyboard.press('Control+Home');
    await expectAddress(frame, 'Keys!A1');
    await page.keyboard.press('PageDown');
    await expectAddress(frame, /^Keys!A\d+$/);
    const down = Number((await address(frame)).slice('Keys!A'.length));
    assert.ok(down >= 8, `PageDown moved to row ${down}`);
    await page.keyboard.press('PageUp');
    await expectAddress(frame, 'Keys!A1');
    await page.keyboard.press('Shift+PageDown');
    assert.ok(await inRange(frame) >= 8, 'Shift+PageDown extends the selection by a page');
    // Ctrl+A: every cell in view is in the selection.
    await page.keyboard.press('Control+A');
    const shown = await frame.locator('#grid [role="gridcell"][data-row]').count();
    assert.equal(await inRange(frame), shown);
    // A mouse drag from A1 to C3 selects nine cells.
    const a = (await cell(frame, 0, 0).boundingBox())!;
    const c = (await cell(frame, 2, 2).boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2, { steps: 6 });
    await page.mouse.up();
    assert.equal(await inRange(frame), 9);
  });

  it('an HTML table from Google Sheets pastes as one undo step; Ctrl+R fills right', async () => {
    await cell(frame, 10, 0).click();
    await frame.evaluate(() => {
      const dt = new DataTransfer();
      // Google Sheets puts both; the HTML table is preferred (here the plain text differs, to tell).
      dt.setData('text/html', '<meta charset="utf-8"><google-sheets-html-origin><table><tbody><tr><td>Cobalt</td><td>2,500</td></tr><tr><td>Nickel\tclass 1</td><td>=B11*2</td></tr></tbody></table>');
      dt.setData('text/plain', 'plain\ttext\r\n');
      document.getElementById('grid')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitForText(cell(frame, 10, 0), 'Cobalt');
    await waitForText(cell(frame, 11, 0), 'Nickel\tclass 1');
    await waitForText(cell(frame, 11, 1), '5,000');
    const pasted = await savedWhen(page, (s) => s.sheets[0]!.rows[11]![1] === '=B11*2', 'the pasted formula');
    assert.deepEqual(pasted.sheets[0]!.rows[10]!.slice(0, 2), ['Cobalt', 2500]);
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 10, 0), 'Item 11');
    await waitForText(cell(frame, 11, 0), 'Item 12');
    await waitForText(cell(frame, 11, 1), '1,200');
    // Ctrl+R copies C5 (=B5*2) into D5:E5 with its references shifted right.
    await cell(frame, 4, 2).click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+R');
    await waitForText(cell(frame, 4, 3), '2000'); // =C5*2 = 1000*2
    const filled = await savedWhen(page, (s) => s.sheets[0]!.rows[4]![3] === '=C5*2', 'D5 filled');
    assert.equal(filled.sheets[0]!.rows[4]![4], '=D5*2');
  });

  it('dragging a column header\'s edge resizes it and saves the width in the file', async () => {
    const header = frame.locator('#grid .col-header', { hasText: 'Amount' }).first();
    const box = (await header.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 58, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    const saved = await savedWhen(page, (s) => typeof s.sheets[0]!.columns?.[1]?.width === 'number', 'a width on column B');
    const width = saved.sheets[0]!.columns![1]!.width!;
    assert.ok(Math.abs(width - (box.width + 60)) <= 6, `saved width ${width}, header was ${box.width} wide, dragged 60 px`);
    assert.equal(saved.sheets[0]!.columns![1]!.header, 'Amount', 'the header label is kept');
    const after = (await header.boundingBox())!;
    assert.ok(Math.abs(after.width - width) <= 2, `the column is drawn ${after.width} wide`);
  });

  it('an error shows in place with its reason on hover; Trace marks precedents and dependents', async () => {
    const d1 = cell(frame, 0, 3);
    await waitForText(d1, '#DIV/0!');
    assert.match((await d1.getAttribute('title')) ?? '', /division by zero/i);
    await cell(frame, 0, 2).click(); // C1 = B1*2, and D2 = C1+1 depends on it
    const trace = frame.locator('#trace-toggle');
    await trace.click();
    try {
      assert.equal(await trace.getAttribute('aria-pressed'), 'true');
      await frame.locator('#grid [role="gridcell"][data-row="0"][data-col="1"].precedent').waitFor({ state: 'attached', timeout: 5_000 });
      await frame.locator('#grid [role="gridcell"][data-row="1"][data-col="3"].dependent').waitFor({ state: 'attached', timeout: 5_000 });
      assert.equal(await frame.locator('#grid [role="gridcell"][data-row="1"][data-col="1"].precedent').count(), 0, 'B2 is not a precedent of C1');
      await screenshot(page, 'grid-trace');
    } finally {
      await trace.click();
    }
  });

  it('ARIA: grid with row/column counts and indexes, active cell referenced and announced', async () => {
    await cell(frame, 2, 1).click();
    const grid = frame.locator('#grid');
    assert.equal(await grid.getAttribute('role'), 'grid');
    assert.ok(Number(await grid.getAttribute('aria-rowcount')) >= ROWS + 1);
    assert.ok(Number(await grid.getAttribute('aria-colcount')) >= 5);
    assert.equal(await grid.getAttribute('aria-activedescendant'), 'active-cell');
    const active = frame.locator('#active-cell');
    assert.equal(await active.getAttribute('data-row'), '2');
    assert.equal(await active.getAttribute('aria-colindex'), '3'); // the row header is column 1
    assert.equal(await active.getAttribute('aria-selected'), 'true');
    assert.equal(await active.locator('xpath=ancestor::*[@role="row"][1]').getAttribute('aria-rowindex'), '4'); // the header row is row 1
    await waitForText(frame.locator('#grid-status'), /^Keys!B3 300$/);
    assert.equal(await frame.locator('#grid-status').getAttribute('aria-live'), 'polite');
  });

  it('the numberLocale setting en-IN groups digits in lakhs and crores', async () => {
    await cell(frame, 12, 1).click();
    await page.keyboard.type('12345678');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 12, 1), '12,345,678');
    const dir = path.join(e2e().workspace, '.vscode');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'mineralsWorkbook.numberLocale': 'en-IN' }, null, 2));
    try {
      await waitForText(cell(frame, 12, 1), '1,23,45,678', 45_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await waitForText(cell(frame, 12, 1), /^12,345,678$/, 45_000);
  });

  it('a per-cell format overrides its column\'s', async () => {
    await waitForText(cell(frame, 14, 1), '1500.00');
    await waitForText(cell(frame, 15, 1), '1,600');
  });

  it('frozen panes: the header row and the first column stay in view when the grid scrolls', async () => {
    const grid = frame.locator('#grid');
    const g = (await grid.boundingBox())!;
    await grid.evaluate((el) => { el.scrollTop = 1000; el.scrollLeft = el.scrollWidth; });
    try {
      const row = cell(frame, 50, 0);
      await waitForText(row, 'Item 51');
      const first = (await row.boundingBox())!;
      const header = (await frame.locator('#grid .col-header.frozen').boundingBox())!;
      assert.ok(Math.abs(header.y - g.y) <= 2, `the header row is at the top (${header.y} vs ${g.y})`);
      assert.ok(first.x - g.x < 80, `column A stays at the left, after the row numbers (x ${first.x - g.x})`);
      assert.ok(first.y > header.y + header.height - 1, 'rows scroll under the header');
      assert.equal(await cell(frame, 50, 1).count(), 0, 'column B has scrolled out of view');
      await frame.locator('#grid .col-header .col-label', { hasText: 'Notes' }).first().waitFor({ state: 'visible', timeout: 5_000 });
    } finally {
      await grid.evaluate((el) => { el.scrollTop = 0; el.scrollLeft = 0; });
    }
  });

  it('parameters panel: unit, bounds, description and source; a typed value recalculates and is saved', async () => {
    const panel = frame.locator('#parameters-panel');
    if (!(await panel.isVisible())) await frame.locator('#toggle-parameters').click();
    const box = panel.locator('.param[data-param="Recovery"]');
    assert.equal((await box.locator('.param-unit').textContent())?.trim(), '(share)');
    assert.equal(await box.locator('.param-bounds').textContent(), 'Range 0 to 1');
    assert.deepEqual(await box.locator('.param-desc').allTextContents(), ['Share of end-of-life magnets recycled', 'Source: Illustrative assumption']);
    await waitForText(cell(frame, 2, 3), '90');
    const input = box.locator('.param-input');
    // Not a number: flagged, kept as typed, nothing written.
    await input.fill('a lot');
    await input.press('Enter');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await input.inputValue(), 'a lot');
    assert.equal(await box.locator('.param-error').textContent(), 'Recovery: "a lot" is not a number; enter a value such as 0.3.');
    await input.fill('0.5');
    await input.press('Enter');
    await waitForText(cell(frame, 2, 3), '150');
    assert.equal(await input.getAttribute('aria-invalid'), null);
    assert.equal(await box.locator('.param-error').isVisible(), false);
    assert.equal(await box.locator('.param-slider').inputValue(), '0.5');
    const saved = await savedWhen(page, (s) => s.parameters.Recovery.value === 0.5, 'Recovery = 0.5');
    assert.equal(saved.sheets[0]!.rows[2]![3], '=B3*Recovery');
  });

  it('sheets reorder from the keyboard (Alt+Shift+Right); formulas keep working', async () => {
    await frame.locator('#sheet-tabs [role="tab"]', { hasText: 'Keys' }).focus();
    await page.keyboard.press('Alt+Shift+ArrowRight');
    const saved = await savedWhen(page, (s) => s.sheets[0]!.name === 'Other', 'Other first');
    assert.deepEqual(saved.sheets.map((s) => s.name), ['Other', 'Keys']);
    assert.deepEqual(saved.sheets[0]!.rows[0], ['=Keys!B1*10']);
    assert.equal((await frame.locator('#sheet-tabs [role="tab"]').first().textContent())?.trim(), 'Other');
    await frame.locator('#sheet-tabs [role="tab"]', { hasText: 'Other' }).click();
    await waitForText(cell(frame, 0, 0), '4200');
  });
});
