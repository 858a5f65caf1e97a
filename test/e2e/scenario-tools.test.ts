import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, pickScenario, quickOpen, runCommand, screenshot, waitForText, workbookFrame } from './workbench';

const FILE = 'e2e-scenario-tools.minerals.json';

// Hand-checked values. Baseline: StockpileDays 73, so C1 = 1200*73/365 = 240, C2 = 16,
// C3 = 256, C4 = 256*10 = 2560. "Double cover" (146 days) doubles them: 480, 32, 512, 5120.
// The check C3<300 passes under Baseline and fails under "Double cover".
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E scenario tools',
  parameters: {
    StockpileDays: { value: 73, unit: 'days', min: 0, max: 365 },
    Price: { value: 10, unit: 'USD/t', min: 1, max: 100 },
  },
  scenarios: {
    Baseline: { description: 'As written', set: {} },
    'Double cover': { description: 'Twice the days of cover', set: { StockpileDays: 146 } },
  },
  sheets: [{
    name: 'Stockpile',
    columns: [{ header: 'Mineral' }, { header: 'Demand (t/yr)' }, { header: 'Stockpile (t)' }],
    rows: [
      ['Neodymium', 1200, '=B1*StockpileDays/365'],
      ['Dysprosium', 80, '=B2*StockpileDays/365'],
      ['Total', '=SUM(B1:B2)', '=SUM(C1:C2)'],
      ['Cost', null, '=C3*Price'],
    ],
  }],
  checks: [{ name: 'Stockpile under 300 t', assert: '=Stockpile!C3<300', severity: 'warning', message: 'The stockpile exceeds 300 t' }],
};

const NUMBER = (n: number) => new RegExp(`^${n.toLocaleString('en-US').replace(/,/g, ',?')}(\\.0+)?$`);

async function openTool(frame: Frame, tab: string): Promise<void> {
  if (!(await frame.locator('#analysis-panel').isVisible())) await frame.locator('#toggle-analysis').click();
  await frame.locator(`#analysis-tab-${tab}`).click();
  await frame.locator(`#analysis-view-${tab}`).waitFor({ state: 'visible', timeout: 10_000 });
}

/** Accepts VS Code Server's save dialog (a quick input prefilled with the suggested path). */
async function acceptSaveDialog(page: Page, title: string, file: string): Promise<string> {
  const dialog = page.locator('.quick-input-widget');
  await dialog.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  const target = path.join(e2e().workspace, file);
  const deadline = Date.now() + 15_000;
  while (!existsSync(target) && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(existsSync(target), `${target} was not written`);
  return target;
}

describe('scenario tools in VS Code (end to end)', function () {
  let page: Page;
  /** Content-Security-Policy violations reported by any frame (the webview's included). */
  const cspViolations: string[] = [];

  before(async () => {
    page = await e2e().page();
    page.on('console', (m) => { if (/Content Security Policy|Refused to (apply|execute|load|evaluate)/i.test(m.text())) cspViolations.push(m.text()); });
    writeFileSync(path.join(e2e().workspace, FILE), JSON.stringify(WORKBOOK, null, 2) + '\n');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('switching scenario re-evaluates the grid and marks cells that differ from Baseline', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await waitForText(cell(frame, 0, 2), NUMBER(240));
    await pickScenario(frame, 'Double cover');
    await waitForText(cell(frame, 0, 2), NUMBER(480));
    await waitForText(cell(frame, 2, 2), NUMBER(512));
    assert.match(await cell(frame, 0, 2).getAttribute('class') ?? '', /\bscenario-changed\b/);
    assert.match(await cell(frame, 0, 2).getAttribute('title') ?? '', /Baseline: 240/);
    // Inputs the scenario does not touch stay unmarked.
    assert.doesNotMatch(await cell(frame, 0, 1).getAttribute('class') ?? '', /\bscenario-changed\b/);
    await screenshot(page, 'scenario-marked');
    await pickScenario(frame, 'Baseline');
    await waitForText(cell(frame, 0, 2), NUMBER(240));
    assert.doesNotMatch(await cell(frame, 0, 2).getAttribute('class') ?? '', /\bscenario-changed\b/);
  });

  it('the scenario manager duplicates, edits, renames and deletes a scenario, all written to the file', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await openTool(frame, 'scenarios');
    const shown = () => frame.locator('#scenario-select').evaluate((e) => (e as HTMLElement & { value: string }).value);
    // Selecting a scenario in the list also shows it.
    await frame.locator('#scenario-list [data-scenario="Double cover"]').click();
    await waitForText(cell(frame, 0, 2), NUMBER(480));
    await frame.locator('#scenario-name input').fill('Triple cover');
    await frame.locator('#scenario-duplicate').click();
    await frame.locator('#scenario-list [data-scenario="Triple cover"]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.tab.active.dirty', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await shown(), 'Triple cover');
    // Its copied override, edited in place: 219 days gives C1 = 1200*219/365 = 720.
    const override = frame.locator('#override-value-0');
    await waitForText(frame.locator('#overrides-heading'), 'Overrides in "Triple cover"');
    await override.fill('219');
    await override.press('Enter');
    await waitForText(cell(frame, 0, 2), NUMBER(720));
    await frame.locator('#scenario-name input').fill('Triple');
    await frame.locator('#scenario-rename').click();
    await frame.locator('#scenario-list [data-scenario="Triple"]').waitFor({ state: 'visible', timeout: 10_000 });
    await waitForText(cell(frame, 0, 2), NUMBER(720));
    assert.equal(await shown(), 'Triple');
    await screenshot(page, 'scenario-manager');
    let text = '';
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active:not(.dirty)', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });
    text = readFileSync(path.join(e2e().workspace, FILE), 'utf8');
    assert.deepEqual((JSON.parse(text) as typeof WORKBOOK).scenarios, { ...WORKBOOK.scenarios, Triple: { set: { StockpileDays: 219 } } });
    // Delete asks for a second click, then the grid goes back to Baseline.
    await frame.locator('#scenario-delete').click();
    await waitForText(frame.locator('#scenario-status'), /Click again/);
    await frame.locator('#scenario-delete').click();
    await frame.locator('#scenario-list [data-scenario="Triple"]').waitFor({ state: 'detached', timeout: 10_000 });
    await waitForText(cell(frame, 0, 2), NUMBER(240));
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active:not(.dirty)', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });
    text = readFileSync(path.join(e2e().workspace, FILE), 'utf8');
    assert.deepEqual((JSON.parse(text) as typeof WORKBOOK).scenarios, WORKBOOK.scenarios);
  });

  it('the scenario summary shows every scenario side by side and exports the same CSV as minerals compare', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await openTool(frame, 'summary');
    const table = frame.locator('#summary-table');
    await table.waitFor({ state: 'visible', timeout: 10_000 });
    const header = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
    assert.deepEqual(header, ['', 'Baseline', 'Double cover']);
    const c1 = table.locator('tbody tr', { hasText: 'Stockpile!C1' });
    assert.deepEqual((await c1.locator('td').allTextContents()).map((t) => t.trim()), ['240', '480 (+240)']);
    const check = table.locator('tbody tr', { hasText: 'check: Stockpile under 300 t' });
    assert.deepEqual((await check.locator('td').allTextContents()).map((t) => t.trim()), ['✓ pass', '✗ fail']);
    await screenshot(page, 'scenario-summary');

    await frame.locator('#summary-export').click();
    const saved = await acceptSaveDialog(page, 'Save CSV export', 'E2E-scenario-tools-scenario-summary.csv');
    const cli = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), 'compare', path.join(e2e().workspace, FILE), '--format', 'csv'], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(readFileSync(saved, 'utf8'), cli.stdout);
    assert.ok(cli.stdout.includes('Stockpile!C1,240,480'), cli.stdout);
  });

  it('goal seek finds the parameter value, shows the iterations and saves it as a new scenario when asked', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await openTool(frame, 'goal-seek');
    await frame.locator('#goal-seek-cell input').fill('Stockpile!C3');
    await frame.locator('#goal-seek-to input').fill('365');
    // StockpileDays is the first parameter and the default choice. C3 = 1280*D/365 = 365
    // gives D = 365*365/1280 = 104.08203125.
    await frame.locator('#goal-seek-run').click();
    await waitForText(frame.locator('#goal-seek-answer'), /^StockpileDays = 104\.082031\d* gives Stockpile!C3 = 365(\.0+)?$/);
    assert.ok(await frame.locator('#goal-seek-iterations tbody tr').count() >= 1);
    // Nothing is written until the user asks.
    await page.locator('.tab.active:not(.dirty)', { hasText: FILE }).waitFor({ state: 'visible', timeout: 5_000 });
    await screenshot(page, 'goal-seek');
    await frame.locator('#goal-seek-new-name input').fill('Seek 365');
    await frame.locator('#goal-seek-save-new').click();
    // The new scenario is written to the file, then shown.
    await page.locator('.tab.active.dirty', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });
    await waitForText(cell(frame, 2, 2), NUMBER(365));
    assert.equal(await frame.locator('#scenario-select').evaluate((e) => (e as HTMLElement & { value: string }).value), 'Seek 365');
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active:not(.dirty)', { hasText: FILE }).waitFor({ state: 'visible', timeout: 10_000 });
    const saved = JSON.parse(readFileSync(path.join(e2e().workspace, FILE), 'utf8')) as typeof WORKBOOK & { scenarios: Record<string, { set: Record<string, number> }> };
    assert.ok(Math.abs(saved.scenarios['Seek 365']!.set.StockpileDays! - 104.08203125) < 1e-6, JSON.stringify(saved.scenarios));
  });

  it('charts: a bar chart across scenarios and a line chart of a range render (SVG) without CSP violations and export as SVG and PNG', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await openTool(frame, 'charts');
    // The violation listener works: an inline style attribute parsed from HTML is refused.
    await frame.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<i id="csp-probe" style="color: red"></i>'));
    for (let i = 0; i < 50 && cspViolations.length === 0; i++) await page.waitForTimeout(100);
    assert.ok(cspViolations.some((v) => /style/i.test(v)), `no CSP report for the probe: ${cspViolations.join(' | ')}`);
    await frame.evaluate(() => document.getElementById('csp-probe')?.remove());
    cspViolations.length = 0;
    await frame.locator('#chart-source input').fill('Stockpile!C3');
    await frame.locator('#chart-draw').click();
    const svg = frame.locator('#analysis-chart svg');
    await svg.waitFor({ state: 'visible', timeout: 10_000 });
    await waitForText(frame.locator('#chart-status'), /^Stockpile!C3 under 3 scenarios\.$/);
    // The bars' value labels: 256 (Baseline), 512 (Double cover), 365 (Seek 365).
    const labels = (await svg.locator('text').allTextContents()).map((t) => t.trim());
    for (const v of ['256', '512', '365']) assert.ok(labels.includes(v), `chart labels: ${labels.join(' | ')}`);
    await screenshot(page, 'chart');
    await frame.locator('#chart-export-svg').click();
    const saved = await acceptSaveDialog(page, 'Save SVG export', 'chart-Stockpile-C3.svg');
    assert.match(readFileSync(saved, 'utf8'), /^<svg[\s>]/);
    await frame.locator('#chart-export-png').click();
    const png = readFileSync(await acceptSaveDialog(page, 'Save PNG export', 'chart-Stockpile-C3.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // A line chart of a column range under the shown scenario.
    await frame.locator('#chart-kind').click();
    await frame.locator('#chart-kind li[role="option"]', { hasText: 'Row or column range' }).click();
    await frame.locator('#chart-source input').fill('Stockpile!B1:C2');
    await frame.locator('#chart-draw').click();
    await waitForText(frame.locator('#chart-status'), '2 lines of 2 points.');
    assert.deepEqual(cspViolations, [], 'the charts must not trip the webview CSP');
  });

  it('data table and tornado: sensitivity of a result to the parameters', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await openTool(frame, 'data-table');
    await frame.locator('#dt-cell input').fill('Stockpile!C3');
    // StockpileDays (the default parameter) from 0 to 365 in 6 values: C3 = 1280*D/365.
    await frame.locator('#dt-row-from input').fill('0');
    await frame.locator('#dt-row-to input').fill('365');
    await frame.locator('#dt-row-steps input').fill('6');
    await frame.locator('#dt-run').click();
    await waitForText(frame.locator('#data-table-status'), /^Stockpile!C3 under ".+": 6 rows in \d+ ms\.$/);
    const rows = await frame.locator('#data-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    assert.deepEqual(rows, [['0', '0'], ['73', '256'], ['146', '512'], ['219', '768'], ['292', '1,024'], ['365', '1,280']]);
    // Two variables: C4 = C3*Price for Price 1 and 10 across the top.
    await frame.locator('#dt-cell input').fill('Stockpile!C4');
    await frame.locator('#dt-col-param').click();
    await frame.locator('#dt-col-param li[role="option"]', { hasText: 'Price' }).click();
    await frame.locator('#dt-col-from input').fill('1');
    await frame.locator('#dt-col-to input').fill('10');
    await frame.locator('#dt-col-steps input').fill('2');
    await frame.locator('#dt-run').click();
    await waitForText(frame.locator('#data-table-status'), /^Stockpile!C4 under ".+": 6 rows in \d+ ms\.$/);
    const header = (await frame.locator('#data-table thead th').allTextContents()).map((t) => t.trim());
    assert.deepEqual(header, ['StockpileDays \\ Price', '1', '10']);
    const grid2 = await frame.locator('#data-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    assert.deepEqual(grid2[1], ['73', '256', '2,560']);
    assert.deepEqual(grid2[5], ['365', '1,280', '12,800']);
    await pickScenario(frame, 'Baseline');
    await waitForText(cell(frame, 0, 2), NUMBER(240));
    await openTool(frame, 'tornado');
    await frame.locator('#tornado-cell input').fill('Stockpile!C4');
    await frame.locator('#tornado-run').click();
    await waitForText(frame.locator('#tornado-status'), /^2 parameters ranked/);
    await frame.locator('#tornado-chart svg').waitFor({ state: 'visible', timeout: 10_000 });
    // C4 = 1280*D/365*Price. StockpileDays 0..365 at Price 10: 0..12,800 (swing 12,800);
    // Price 1..100 at D 73 (C3 = 256): 256..25,600 (swing 25,344): Price ranks first.
    const first = await frame.locator('#tornado-table tbody tr').first().locator('th,td').allTextContents();
    assert.equal(first[0]?.trim(), 'Price');
    assert.equal(first[7]?.trim(), '25,344');
    await screenshot(page, 'tornado');
  });

  it('the checks panel shows each check under each scenario and opens its definition', async () => {
    await quickOpen(page, FILE);
    const frame = await workbookFrame(page);
    await openTool(frame, 'checks');
    const row = frame.locator('#checks-table tbody tr').first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    // Baseline 256 passes, Double cover 512 fails (a warning), Seek 365 fails.
    assert.deepEqual(cells, ['✓ pass', '✗ warning', '✗ warning']);
    await frame.locator('#check-link-0').click();
    // The text editor opens beside the grid with the check's assertion selected.
    const editor = page.locator('.editor-instance .monaco-editor').filter({ hasText: 'Stockpile under 300 t' }).first();
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'check-definition');
    // The failing check is in the Problems panel, tagged with the scenario it fails under.
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('input[placeholder^="Filter (e.g."]').first().fill(FILE);
    await problems.locator('.monaco-list-row', { hasText: /\[scenario: Double cover\].*The stockpile exceeds 300 t/ }).first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'check-problems');
  });

  after(async () => {
    // Leave the window as the next suite expects it: no editors, no panel.
    await runCommand(page, 'View: Close All Editor Groups').catch(() => undefined);
    if (await page.locator('.markers-panel').isVisible().catch(() => false)) {
      await runCommand(page, 'View: Toggle Panel Visibility').catch(() => undefined);
    }
  });
});
