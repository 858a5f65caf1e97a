import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { diffWorkbooks } from '../../src/core/diff/index';
import type { Workbook } from '../../src/core/model/workbook';
import { e2e } from './context';
import { cell, openWorkbookFile, runCommand, screenshot, waitForText } from './workbench';

const FILE = 'e2e-compare.minerals.json';
const OTHER = 'e2e-compare-other.minerals.json';

// The integration fixture (in the e2e workspace too), hand-checked: C1 = B1 * StockpileDays / 365,
// Baseline 73 days, "Double cover" 146 days. B1 1200 -> 1500 moves C1 240 -> 300 under Baseline
// and 480 -> 600 under Double cover (+25%, the largest relative change: the totals move +23%).
const FIXTURE = 'known-values.minerals.json';

/** The frame of the workbook diff view, once its grid shows. */
async function diffFrame(page: Page, timeoutMs = 45_000, which: (f: Frame) => Promise<boolean> = async () => true): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      if (await f.locator('#diff-app #grid').isVisible().catch(() => false) && await which(f).catch(() => false)) return f;
    }
    if (Date.now() > deadline) throw new Error(`no diff view after ${timeoutMs / 1000}s`);
    await page.waitForTimeout(250);
  }
}

/** The text of the diff document whose first line names `from -> to`, as the editor shows it. */
async function diffDocument(page: Page, firstLine: string): Promise<string> {
  const lines = page.locator('.monaco-editor .view-lines', { hasText: firstLine });
  await lines.first().waitFor({ state: 'visible', timeout: 30_000 });
  return ((await lines.first().innerText()) ?? '').replace(/\u00a0/g, ' ');
}

describe('compare workbooks in VS Code (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    const workbook = JSON.parse(readFileSync(path.join(e2e().workspace, FIXTURE), 'utf8')) as { parameters: { StockpileDays: { value: number } } };
    frame = await openWorkbookFile(page, FILE, workbook);
    workbook.parameters.StockpileDays.value = 100;
    writeFileSync(path.join(e2e().workspace, OTHER), JSON.stringify(workbook, null, 2));
    await waitForText(cell(frame, 0, 2), '240');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-compare-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('an unsaved grid edit, then "Compare Workbook with Saved": the diff view marks the edit and its effects, per scenario, with navigation', async () => {
    await cell(frame, 0, 1).click();
    await page.keyboard.type('1500', { delay: 150 });
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 2), '300');
    await page.locator('.tab.dirty', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });

    await runCommand(page, 'Minerals Workbook: Compare Workbook with Saved');
    const view = await diffFrame(page);
    // What the view must show, from the core diff of the same two versions.
    const saved = JSON.parse(readFileSync(path.join(e2e().workspace, FILE), 'utf8')) as Workbook;
    const edited = structuredClone(saved);
    edited.sheets[0]!.rows[0]![1] = 1500;
    const diff = diffWorkbooks(saved, edited);
    const baseline = diff.effects.find((e) => e.scenario === 'Baseline')!;
    const double = diff.effects.find((e) => e.scenario === 'Double cover')!;
    assert.equal(diff.edits.cells.length, 1);
    assert.equal(baseline.values.length, 3);

    // The edited input and the changed results are marked, old -> new on hover.
    await view.locator('#diff-changes li').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await cell(view, 0, 1).getAttribute('class') ?? '', /\bdiff-edited\b/);
    assert.equal(await cell(view, 0, 1).getAttribute('title'), 'Edited: 1200 → 1500');
    assert.match(await cell(view, 0, 2).getAttribute('class') ?? '', /\bdiff-changed\b/);
    assert.equal(await cell(view, 0, 2).getAttribute('title'), 'Result: 240 → 300');
    await waitForText(cell(view, 0, 2), '300');
    assert.doesNotMatch(await cell(view, 1, 1).getAttribute('class') ?? '', /diff-/);
    // The side list holds exactly the diff's edits and this scenario's effects.
    assert.equal(await view.locator('#diff-changes li.diff-edited').count(), diff.edits.cells.length);
    assert.equal(await view.locator('#diff-changes li.diff-changed').count(), baseline.values.length);
    assert.match(await view.locator('#diff-changes li').first().innerText(), /Stockpile!B1 \(Demand \(t\/yr\), Neodymium\): 1200 → 1500/);
    await screenshot(page, 'diff-view-saved');

    // Next / previous change: Alt+F5 and Shift+Alt+F5 move the selection through the list, in its order.
    const order = [diff.edits.cells[0]!.address, ...baseline.values.map((v) => v.address)];
    const active = view.locator('#grid #active-cell');
    const at = async () => `Stockpile!${String.fromCharCode(65 + Number(await active.getAttribute('data-col')))}${Number(await active.getAttribute('data-row')) + 1}`;
    await view.locator('#diff-side h3').first().click();
    await page.keyboard.press('Alt+F5');
    assert.equal(await at(), order[0]);
    await page.keyboard.press('Alt+F5');
    assert.equal(await at(), order[1]);
    await page.keyboard.press('Alt+F5');
    assert.equal(await at(), order[2]);
    await page.keyboard.press('Shift+Alt+F5');
    assert.equal(await at(), order[1]);
    await view.locator('#diff-next').click();
    assert.equal(await at(), order[2]);
    await view.locator('#diff-prev').click();
    assert.equal(await at(), order[1]);
    assert.match(await view.locator('#diff-changes li.current').innerText(), new RegExp(order[1]!.replace('!', '!')));
    // A click in the list selects that change's cell.
    await view.locator('#diff-changes li').first().click();
    assert.equal(await at(), order[0]);

    // Another scenario: its effects, its values.
    await view.locator('#diff-scenario').selectOption('Double cover');
    await waitForText(cell(view, 0, 2), '600');
    assert.equal(await cell(view, 0, 2).getAttribute('title'), 'Result: 480 → 600');
    assert.equal(await view.locator('#diff-changes li.diff-changed').count(), double.values.length);
    assert.match(await view.locator('#diff-summary').innerText(), /under Double cover: 3 results changed/);

    // The text report is still there, one click away.
    await view.locator('#diff-show-text').click();
    const text = await diffDocument(page, `Workbook diff: ${FILE} (saved) -> ${FILE}`);
    assert.match(text, /Stockpile!B1 \(Demand \(t\/yr\), Neodymium\): 1200 -> 1500/);
    assert.match(text, /Effects under Baseline:\s+Stockpile!C1 \(Stockpile \(t\), Neodymium\): 240 -> 300 \(\+25%\)/);
    assert.match(text, /Effects under Double cover:\s+Stockpile!C1 \(Stockpile \(t\), Neodymium\): 480 -> 600 \(\+25%\)/);
    // The grid is still there, still showing the unsaved edit.
    await waitForText(cell(frame, 0, 2), '300');
    await page.locator('.tab.dirty', { hasText: FILE }).waitFor({ state: 'visible', timeout: 5_000 });
    await screenshot(page, 'compare-with-saved');
  });

  it('"Compare Workbook with…" offers the other workbooks; picking one shows what differs under each scenario', async () => {
    await page.locator('.tab', { hasText: FILE }).first().click();
    await runCommand(page, 'Minerals Workbook: Compare Workbook with…');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: OTHER }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await widget.locator('input[type="text"]').pressSequentially('compare-other', { delay: 150 });
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: OTHER }).first().waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Enter');
    // The diff view (the newest one: the earlier test's is still open) marks the parameter's effect.
    await page.locator('.tab', { hasText: `Diff: ${OTHER}` }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const view = await diffFrame(page, 45_000, (f) => f.locator('#diff-other-edits li', { hasText: 'parameter StockpileDays: value 100 -> 73' }).isVisible());
    assert.equal(await cell(view, 0, 2).getAttribute('title'), 'Result: 328.7671233 → 300');
    await view.locator('#diff-show-text').click();
    const text = await diffDocument(page, `Workbook diff: ${OTHER} -> ${FILE}`);
    // The other file has 100 days and B1 1200; ours (unsaved) 73 days and B1 1500.
    assert.match(text, /parameter StockpileDays: value 100 -> 73/);
    // 1200*100/365 = 328.767..., 1500*73/365 = 300.
    assert.match(text, /Effects under Baseline:\s+[\s\S]*Stockpile!C1 \(Stockpile \(t\), Neodymium\): 328\.7671233 -> 300/);
    // Double cover overrides the days in both: only B1's edit shows there, 1200 -> 1500 gives 480 -> 600.
    assert.match(text, /Effects under Double cover:\s+Stockpile!C1 \(Stockpile \(t\), Neodymium\): 480 -> 600/);
    await screenshot(page, 'compare-with-other');
    await runCommand(page, 'View: Close All Editor Groups').catch(() => undefined);
    // Closing a dirty editor asks; the edit is a test's, so it is not saved.
    const dontSave = page.getByRole('button', { name: "Don't Save" });
    if (await dontSave.isVisible({ timeout: 5_000 }).catch(() => false)) await dontSave.click();
  });
});
