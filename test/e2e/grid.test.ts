import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, quickOpen, savedFileWhen, saveFile, screenshot, waitForText } from './workbench';

const FILE = 'e2e-grid.minerals.json';

// Hand-checked: D1 = 1200*2 = 2400, D2 = 3400*Rate(0.5) = 1700, B4 = 1200+3400+5600 = 10200.
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E grid',
  parameters: { Rate: { value: 0.5, min: 0, max: 1 } },
  sheets: [{
    name: 'Data',
    columns: [{ header: 'Item' }, { header: 'Amount', format: '#,##0' }, { header: 'Share', format: '0.0%' }, { header: 'Calc' }],
    rows: [
      ['Nd', 1200, 0.25, '=B1*2'],
      ['Dy', 3400, 0.5, '=B2*Rate'],
      ['Tb', 5600, 0.125, null],
      ['Total', '=SUM(B1:B3)', null, null],
    ],
  }],
};

const NUMBER = (n: number) => new RegExp(`^${n.toLocaleString('en-US').replace(/,/g, ',?')}(\\.0+)?$`);

async function address(frame: Frame): Promise<string> {
  return ((await frame.locator('#cell-address').textContent()) ?? '').trim();
}

async function expectAddress(frame: Frame, expected: string): Promise<void> {
  await waitForText(frame.locator('#cell-address'), expected, 5_000);
}

const save = (page: Page) => saveFile(page, FILE);

/** The rows of the saved file's first sheet. */
function rowsOf(text: string): unknown[][] {
  return (JSON.parse(text) as typeof WORKBOOK).sheets[0]!.rows;
}

describe('grid: a spreadsheet that feels like one (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 3), NUMBER(2400));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-grid-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('number formats: a #,##0 column and a 0.0% column show formatted text', async () => {
    await waitForText(cell(frame, 0, 1), '1,200');
    await waitForText(cell(frame, 3, 1), '10,200');
    await waitForText(cell(frame, 0, 2), '25.0%');
    await waitForText(cell(frame, 2, 2), '12.5%');
  });

  it('keyboard: arrows, Tab, Enter to edit, Ctrl+arrow to the data edge, Shift+arrow extends', async () => {
    await cell(frame, 0, 0).click();
    await expectAddress(frame, 'Data!A1');
    await page.keyboard.press('ArrowRight');
    await expectAddress(frame, 'Data!B1');
    await page.keyboard.press('ArrowDown');
    await expectAddress(frame, 'Data!B2');
    await page.keyboard.press('Tab');
    await expectAddress(frame, 'Data!C2');
    await page.keyboard.press('Shift+Tab');
    await expectAddress(frame, 'Data!B2');
    // Enter edits the cell; Escape leaves it unchanged.
    await page.keyboard.press('Enter');
    await frame.locator('#cell-editor').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await frame.locator('#cell-editor').inputValue(), '3400');
    await page.keyboard.press('Escape');
    await frame.locator('#cell-editor').waitFor({ state: 'hidden', timeout: 5_000 });
    await page.keyboard.press('Control+ArrowDown');
    await expectAddress(frame, 'Data!B4');
    await page.keyboard.press('Control+ArrowUp');
    await expectAddress(frame, 'Data!B1');
    await page.keyboard.press('Control+ArrowRight');
    await expectAddress(frame, 'Data!D1');
    await page.keyboard.press('Control+ArrowLeft');
    await expectAddress(frame, 'Data!A1');
    // Shift+arrows extend the selection from A1 to B3: six cells, the far corner addressed.
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expectAddress(frame, 'Data!B3');
    assert.equal(await frame.locator('#grid [role="gridcell"][data-row].in-range').count(), 6);
    assert.equal(await address(frame), 'Data!B3');
  });

  it('clipboard: TSV from a spreadsheet pastes as typed values; copy gives the shown text back', async () => {
    await cell(frame, 5, 0).click();
    // A paste event carrying what Excel or LibreOffice put on the clipboard.
    await frame.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'Ga\t1,500\t12%\r\nGe\t250\t=B7/1000\r\n');
      document.getElementById('grid')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitForText(cell(frame, 5, 1), '1,500');
    await waitForText(cell(frame, 5, 2), '12.0%');
    await waitForText(cell(frame, 6, 2), '25.0%'); // =B7/1000 = 0.25, shown as column C's percentage
    const rows = (await savedFileWhen<typeof WORKBOOK>(page, FILE, (w) => w.sheets[0]!.rows.length > 6, 'the pasted rows')).sheets[0]!.rows as unknown[][];
    assert.deepEqual(rows[5], ['Ga', 1500, 0.12]);
    assert.deepEqual(rows[6], ['Ge', 250, '=B7/1000']);
    // Copy A6:C7 and read what the grid put on the clipboard.
    await cell(frame, 5, 0).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    const copied = await frame.evaluate(() => {
      const dt = new DataTransfer();
      document.getElementById('grid')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    });
    assert.equal(copied.replace(/\r\n/g, '\n').trimEnd(), 'Ga\t1,500\t12.0%\nGe\t250\t25.0%');
  });

  it('fill down (Ctrl+D) shifts relative references', async () => {
    await cell(frame, 0, 3).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+D');
    await waitForText(cell(frame, 1, 3), NUMBER(6800));
    await waitForText(cell(frame, 2, 3), NUMBER(11200));
    const rows = rowsOf(await save(page));
    assert.equal(rows[1]![3], '=B2*2');
    assert.equal(rows[2]![3], '=B3*2');
  });

  it('insert a row from the row header menu: references below are rewritten in the file', async () => {
    await frame.locator('#grid .row-header', { hasText: /^2$/ }).first().click({ button: 'right' });
    const menu = frame.locator('#context-menu');
    await menu.waitFor({ state: 'visible', timeout: 5_000 });
    await screenshot(page, 'grid-row-menu');
    await menu.locator('[role="menuitem"]', { hasText: 'Insert row above' }).click();
    // Total moved from row 4 to row 5 and still adds the three amounts.
    await waitForText(cell(frame, 4, 1), '10,200');
    await waitForText(cell(frame, 1, 0), '');
    const rows = rowsOf(await save(page));
    assert.deepEqual(rows[1], []);
    assert.deepEqual(rows[2], ['Dy', 3400, 0.5, '=B3*2']);
    assert.deepEqual(rows[4], ['Total', '=SUM(B1:B4)', null, null]);
    assert.equal(rows[7]![2], '=B8/1000', 'the pasted formula follows its row');
    // One action is one undo step: Ctrl+Z restores the rows as they were.
    await cell(frame, 0, 0).click();
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 3, 1), '10,200');
    const undone = rowsOf(await save(page));
    assert.deepEqual(undone[3], ['Total', '=SUM(B1:B3)', null, null]);
  });

  it('the parameter slider recalculates at once and writes the file on commit', async () => {
    // D2 = B2*Rate after the fill became =B2*2; give one cell the parameter back.
    await cell(frame, 2, 4).click();
    const bar = frame.locator('#formula-bar');
    await bar.click();
    await bar.fill('=B3*Rate');
    await bar.press('Enter');
    await waitForText(cell(frame, 2, 4), NUMBER(2800));
    if (!(await frame.locator('#parameters-panel').isVisible())) await frame.locator('#toggle-parameters').click();
    const slider = frame.locator('#parameters-panel input[type="range"]').first();
    await slider.focus();
    await page.keyboard.press('End');
    await waitForText(cell(frame, 2, 4), NUMBER(5600));
    // The slider's commit travels to the host after the repaint: save until it has landed.
    const saved = await savedFileWhen<typeof WORKBOOK>(page, FILE, (w) => w.parameters.Rate.value !== 0.5, 'the slider\'s value');
    assert.equal(saved.parameters.Rate.value, 1);
  });

  it('formula bar: completion popup (listbox) and signature hint', async () => {
    await cell(frame, 3, 4).click();
    const bar = frame.locator('#formula-bar');
    await bar.click();
    await bar.fill('');
    await page.keyboard.type('=rou');
    const list = frame.locator('#formula-completions');
    await list.locator('[role="option"]', { hasText: 'ROUND' }).first().waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await bar.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Enter');
    assert.equal(await bar.inputValue(), '=ROUND(');
    await page.keyboard.type('B3*ra');
    await list.locator('[role="option"]', { hasText: 'Rate' }).first().waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Tab');
    await page.keyboard.type(', ');
    await waitForText(frame.locator('#formula-signature'), 'ROUND(number, «num_digits»)', 5_000);
    await screenshot(page, 'grid-completion');
    await page.keyboard.type('0)');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 3, 4), NUMBER(5600));
  });

  it('delete a column from the keyboard (Ctrl+Space, Ctrl+-): formulas to its right follow', async () => {
    await cell(frame, 0, 2).click();
    await page.keyboard.press('Control+Space');
    await page.keyboard.press('Control+Minus');
    // Share (C) is gone: Calc moves to C, the Rate formula from E to D.
    await waitForText(frame.locator('#grid .col-header .col-label', { hasText: 'Calc' }).first(), 'Calc');
    await waitForText(cell(frame, 2, 3), NUMBER(5600));
    const rows = rowsOf(await save(page));
    assert.deepEqual(rows[2], ['Tb', 5600, '=B3*2', '=B3*Rate']);
    assert.deepEqual((JSON.parse(readFileSync(path.join(e2e().workspace, FILE), 'utf8')) as typeof WORKBOOK).sheets[0]!.columns.map((c) => c.header), ['Item', 'Amount', 'Calc']);
    await cell(frame, 0, 0).click();
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 2, 2), '12.5%');
    assert.deepEqual(rowsOf(await save(page))[2], ['Tb', 5600, 0.125, '=B3*2', '=B3*Rate']);
  });

  it('sheets: add, rename by double-click, delete after confirming inside the webview', async () => {
    await frame.locator('#add-sheet').click();
    const added = frame.locator('#sheet-tabs [role="tab"]', { hasText: 'Sheet2' });
    await added.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await added.getAttribute('aria-selected'), 'true');
    await added.dblclick();
    const rename = frame.locator('#sheet-rename');
    await rename.fill('Notes');
    await rename.press('Enter');
    const notes = frame.locator('#sheet-tabs [role="tab"]', { hasText: 'Notes' });
    await notes.waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual((JSON.parse(await save(page)) as typeof WORKBOOK).sheets.map((s) => s.name), ['Data', 'Notes']);
    await notes.click({ button: 'right' });
    await frame.locator('#context-menu [role="menuitem"]', { hasText: 'Delete' }).click();
    await frame.locator('#confirm-bar').waitFor({ state: 'visible', timeout: 5_000 });
    await frame.locator('#confirm-yes').click();
    await notes.waitFor({ state: 'detached', timeout: 10_000 });
    assert.deepEqual((JSON.parse(await save(page)) as typeof WORKBOOK).sheets.map((s) => s.name), ['Data']);
  });

  it('follows the dark, light and both high-contrast themes (grid styled by theme variables); screenshots', async () => {
    await cell(frame, 0, 1).click();
    /** Relative luminance (0 dark .. 1 light) of the grid's painted background. */
    const gridLuminance = () => frame.evaluate(() => {
      let el: Element | null = document.querySelector('#grid');
      let bg = 'rgba(0, 0, 0, 0)';
      while (el && /rgba\(.*, 0\)$|transparent/.test(bg)) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
      if (/rgba\(.*, 0\)$|transparent/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
      const [r, g, b] = (bg.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    });
    // The theme is a setting: VS Code applies a workspace settings file when its watcher sees it,
    // which can take a while on a loaded machine.
    const dir = path.join(e2e().workspace, '.vscode');
    const settings = path.join(dir, 'settings.json');
    const setTheme = async (theme: string, cls: string, isDark: boolean) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': theme }, null, 2));
      await page.locator(`.monaco-workbench.${cls}`).waitFor({ state: 'attached', timeout: 45_000 });
      const deadline = Date.now() + 15_000;
      let lum = await gridLuminance();
      while ((isDark ? lum >= 0.5 : lum < 0.5) && Date.now() < deadline) {
        await page.waitForTimeout(250); // the webview restyles from the new theme variables
        lum = await gridLuminance();
      }
      assert.ok(isDark ? lum < 0.5 : lum >= 0.5, `${theme}: grid background luminance ${lum.toFixed(2)}`);
    };
    /**
     * WCAG contrast ratio of a cell's text on its background. A string, because tsx's
     * keepNames wraps nested named functions in a helper the page does not have.
     */
    const contrast = (selector: string) => frame.evaluate<number>(`(() => {
      const rgba = (s) => { const v = (s.match(/[\\d.]+/g) || []).map(Number); return [v[0] || 0, v[1] || 0, v[2] || 0, v[3] ?? 1]; };
      const ch = (x) => { const c = x / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      const lum = ([r, g, b]) => 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
      const c = document.querySelector(${JSON.stringify(selector)});
      if (!c) return 0;
      const under = rgba(getComputedStyle(document.body).backgroundColor);
      const [r, g, b, a] = rgba(getComputedStyle(c).backgroundColor);
      const bg = [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)];
      const [hi, lo] = [lum(rgba(getComputedStyle(c).color)), lum(bg)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    })()`);
    // A selected range must stay readable in every theme (high contrast paints it bright).
    await page.keyboard.press('Shift+ArrowDown');
    const readable = async (theme: string) => {
      for (const [what, sel] of [['selected cells', '#grid [role="gridcell"].in-range:not(.active)'], ['the active cell', '#grid [role="gridcell"].active']]) {
        const ratio = await contrast(sel!);
        assert.ok(ratio >= 4.5, `${theme}: ${what}' text contrast ${ratio.toFixed(2)}:1`);
      }
    };
    try {
      await setTheme('Default Dark Modern', 'vs-dark', true);
      await readable('dark');
      await screenshot(page, 'grid-dark');
      await setTheme('Default Light Modern', 'vs', false);
      await readable('light');
      await screenshot(page, 'grid-light');
      await setTheme('Default High Contrast', 'hc-black', true);
      await readable('high contrast');
      await screenshot(page, 'grid-high-contrast');
      await setTheme('Default High Contrast Light', 'hc-light', false);
      await readable('high contrast light');
      await screenshot(page, 'grid-high-contrast-light');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a workbook past the engine build budget shows a banner instead of freezing the editor, and its text is untouched (issue 9)', async () => {
    // 40 formulas over distinct million-cell ranges: minutes of building on the webview's thread.
    const hostile = 'e2e-distinct-ranges.minerals.json';
    const formulas = Array.from({ length: 40 }, (_, i) => `=SUM(A${i + 1}:J${i + 99_999})`);
    const text = JSON.stringify({ format: 'minerals-workbook', version: 1, title: 'ranges', sheets: [{ name: 'S', rows: [[1], formulas] }] }, null, 2);
    writeFileSync(path.join(e2e().workspace, hostile), text);
    await quickOpen(page, hostile);
    const deadline = Date.now() + 45_000;
    let banner: string | undefined;
    while (!banner && Date.now() < deadline) {
      for (const f of page.frames()) {
        const b = f.locator('#error-banner');
        if (await b.isVisible().catch(() => false)) banner = (await b.textContent()) ?? '';
      }
      if (!banner) await page.waitForTimeout(250);
    }
    assert.match(banner ?? '', /Not calculated: the workbook is too large to compute here \(41 cells, 40 formulas and ranges of 39,999,600 cells: about 119,999,241 units of work, more than 10,000,000\)\. The text is unchanged/);
    assert.equal(readFileSync(path.join(e2e().workspace, hostile), 'utf8'), text);
    await screenshot(page, 'grid-build-budget');
  });
});
