/**
 * Which layer an edit writes, in the real workbench: a parameter retyped at human speed keeps
 * every digit; an out-of-range value is said under its input and not written; under a
 * scenario, typing into a cell or parameter the scenario overrides changes that override
 * (the UI says so) and "Edit Baseline" edits Baseline instead; the toolbar's checks count
 * says it is the shown scenario's, the status bar's that it is all scenarios'.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, saveFile, savedFileWhen, screenshot, waitForText } from './workbench';

const FILE = 'e2e-editing-layers.minerals.json';

interface Saved {
  parameters: Record<string, { value: number }>;
  scenarios: Record<string, { set: Record<string, unknown> }>;
  sheets: { rows: unknown[][] }[];
}

// Model!B1 = Tonnes; B2 an input; B3 = B2*Rate; B4 an input no scenario touches.
// Baseline: B3 = 10*0.5 = 5. High sets Rate 0.8 and Model!B2 = 50: B3 = 40, so the check
// B3<30 passes under Baseline and fails under High.
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E editing layers',
  parameters: {
    Tonnes: { value: 5000, min: 0, max: 100000, unit: 't' },
    Rate: { value: 0.5, min: 0, max: 1 },
  },
  scenarios: {
    Baseline: { set: {} },
    High: { description: 'More of everything', set: { Rate: 0.8, 'Model!B2': 50 } },
  },
  sheets: [{
    name: 'Model',
    rows: [['Tonnes', '=Tonnes'], ['Input', 10], ['Out', '=B2*Rate'], ['Extra', 3]],
  }],
  checks: [{ name: 'Out small', assert: '=Model!B3<30', severity: 'warning', message: 'Out is 30 or more' }],
};

async function pickScenario(frame: Frame, name: string): Promise<void> {
  await frame.locator('#scenario-select').click();
  await frame.locator('#scenario-select li[role="option"]', { hasText: name }).first().click();
}

/**
 * Selects an input's text as people do (click, Ctrl+A) and types `text` at a person's pace at
 * once, checking the input after every key. (Before the fix, VS Code's own Select All arrived
 * a round trip after Ctrl+A and selected the first typed digit: 20000 became 0000.)
 */
async function retype(page: Page, input: Locator, text: string): Promise<void> {
  await input.click();
  await page.keyboard.press('Control+A');
  for (let i = 0; i < text.length; i++) {
    await page.keyboard.type(text[i]!);
    await page.waitForTimeout(150);
    assert.equal(await input.inputValue(), text.slice(0, i + 1), `after key ${i + 1} of ${text}`);
  }
}

describe('editing layers: parameters, scenario overrides, checks labels (end to end)', function () {
  let page: Page;
  let frame: Frame;
  const saved = (ok: (s: Saved) => boolean, what: string) => savedFileWhen<Saved>(page, FILE, ok, what);
  const param = (name: string) => frame.locator(`#parameters-panel .param[data-param="${name}"]`);

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 1), '5000');
    if (!(await frame.locator('#parameters-panel').isVisible())) await frame.locator('#toggle-parameters').click();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-layers-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('retyping a parameter at human speed keeps every digit, in the input, the grid and the file', async () => {
    const input = param('Tonnes').locator('.param-input');
    await retype(page, input, '20000');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 1), '20000');
    const s = await saved((x) => x.parameters.Tonnes?.value === 20000, 'Tonnes = 20000');
    assert.equal(s.parameters.Tonnes!.value, 20000);
    // Again at once, while the first value's echo is still arriving.
    await retype(page, input, '30000');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 1), '30000');
    assert.equal(await input.inputValue(), '30000');
    await saved((x) => x.parameters.Tonnes?.value === 30000, 'Tonnes = 30000');
  });

  it('an out-of-range parameter is said under the input, kept as typed, and not written', async () => {
    const box = param('Tonnes');
    const input = box.locator('.param-input');
    await retype(page, input, '250000');
    await page.keyboard.press('Enter');
    await waitForText(box.locator('.param-error'), 'Tonnes: 250,000 is above the maximum 100,000; enter a value from 0 to 100,000.', 5_000);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await input.inputValue(), '250000', 'what was typed stays to be corrected');
    await page.waitForTimeout(1000);
    assert.equal(await input.inputValue(), '250000', 'no update overwrites it');
    await waitForText(cell(frame, 0, 1), '30000');
    const s = await saved(() => true, 'saved');
    assert.equal(s.parameters.Tonnes!.value, 30000, 'the out-of-range value is not written');
    // Below the minimum too; then a valid value clears the message.
    await retype(page, input, '-5');
    await page.keyboard.press('Enter');
    await waitForText(box.locator('.param-error'), 'Tonnes: -5 is below the minimum 0; enter a value from 0 to 100,000.', 5_000);
    await retype(page, input, '40000');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 1), '40000');
    assert.equal(await box.locator('.param-error').isVisible(), false);
    assert.equal(await input.getAttribute('aria-invalid'), null);
    await saved((x) => x.parameters.Tonnes?.value === 40000, 'Tonnes = 40000');
  });

  it('under a scenario, typing into a cell it overrides edits the override; "Edit Baseline" edits Baseline', async () => {
    await pickScenario(frame, 'High');
    await waitForText(cell(frame, 1, 1), '50');
    await waitForText(cell(frame, 2, 1), '40');
    const layer = frame.locator('#edit-layer');
    // A cell High does not override: the edit goes to Baseline, and the label says so.
    await cell(frame, 3, 1).click();
    await waitForText(layer, 'Editing: Baseline ("High" does not override Model!B4)', 5_000);
    await cell(frame, 1, 1).click();
    await waitForText(layer, 'Editing: scenario "High" override of Model!B2', 5_000);
    assert.equal(await frame.locator('#formula-bar').inputValue(), '50', 'the formula bar shows the value being edited');
    await page.keyboard.type('60', { delay: 150 });
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 1, 1), '60');
    await waitForText(cell(frame, 2, 1), '48');
    let s = await saved((x) => x.scenarios.High?.set['Model!B2'] === 60, 'High sets Model!B2 = 60');
    assert.equal(s.sheets[0]!.rows[1]![1], 10, 'Baseline is unchanged');
    // One step to edit Baseline instead: the cell keeps showing the override, Baseline changes.
    await cell(frame, 1, 1).click();
    await frame.locator('#edit-baseline').click();
    await waitForText(layer, 'Editing: Baseline (the shown value is "High"\'s override)', 5_000);
    assert.equal(await frame.locator('#formula-bar').inputValue(), '10');
    await cell(frame, 1, 1).click();
    await page.keyboard.type('11', { delay: 150 });
    await page.keyboard.press('Enter');
    s = await saved((x) => x.sheets[0]!.rows[1]![1] === 11, 'Baseline B2 = 11');
    assert.equal(s.scenarios.High!.set['Model!B2'], 60, 'the override is unchanged');
    await waitForText(cell(frame, 1, 1), '60');
    await pickScenario(frame, 'Baseline');
    await waitForText(cell(frame, 1, 1), '11');
    await waitForText(cell(frame, 2, 1), '5.5');
    await waitForText(layer, 'Editing: Baseline', 5_000);
  });

  it('under a scenario, a parameter input and its slider edit the override; "Edit Baseline" edits Baseline', async () => {
    await pickScenario(frame, 'High');
    await waitForText(cell(frame, 2, 1), '48');
    const box = param('Rate');
    const input = box.locator('.param-input');
    await waitForText(box.locator('.param-layer-text'), 'Editing: scenario "High" override', 5_000);
    await retype(page, input, '0.9');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 2, 1), '54');
    let s = await saved((x) => x.scenarios.High?.set.Rate === 0.9, 'High sets Rate = 0.9');
    assert.equal(s.parameters.Rate!.value, 0.5, 'Baseline Rate is unchanged');
    // The slider, from the keyboard: one step (0.001) down.
    await box.locator('.param-slider').focus();
    await page.keyboard.press('ArrowLeft');
    s = await saved((x) => x.scenarios.High?.set.Rate === 0.899, 'High sets Rate = 0.899');
    assert.equal(s.parameters.Rate!.value, 0.5, 'Baseline Rate is unchanged by the slider');
    await waitForText(cell(frame, 2, 1), '53.94');
    // Edit Baseline instead: the shown value stays High's.
    await box.locator('.param-edit-baseline').click();
    await waitForText(box.locator('.param-layer-text'), 'Editing: Baseline (the shown value is "High"\'s override)', 5_000);
    assert.equal(await input.inputValue(), '0.5');
    await retype(page, input, '0.4');
    await page.keyboard.press('Enter');
    s = await saved((x) => x.parameters.Rate?.value === 0.4, 'Baseline Rate = 0.4');
    assert.equal(s.scenarios.High!.set.Rate, 0.899);
    await waitForText(cell(frame, 2, 1), '53.94');
    await pickScenario(frame, 'Baseline');
    await waitForText(cell(frame, 2, 1), '4.4');
  });

  it('text being typed is never rewritten when the file changes meanwhile (parameter, formula bar, summary cells)', async () => {
    const file = path.join(e2e().workspace, FILE);
    let extra = 3;
    /** Saves, then changes Model!B4 on disk while the user is typing, and waits for the grid to show it. */
    const changeOnDisk = async () => {
      const wb = JSON.parse(readFileSync(file, 'utf8')) as Saved;
      wb.sheets[0]!.rows[3]![1] = ++extra;
      writeFileSync(file, JSON.stringify(wb, null, 2));
      await waitForText(cell(frame, 3, 1), String(extra));
      await page.waitForTimeout(400); // past the analysis panel's refresh (100 ms debounce)
    };
    const typeSlowly = (text: string) => page.keyboard.type(text, { delay: 150 });
    // Opened first, so that its refresh runs on every change.
    if (!(await frame.locator('#analysis-panel').isVisible())) await frame.locator('#toggle-analysis').click();
    await frame.locator('#analysis-tab-summary').click();
    const cells = frame.locator('#summary-cells');
    await cells.waitFor({ state: 'visible', timeout: 10_000 });

    await saveFile(page, FILE);
    const tonnes = param('Tonnes').locator('.param-input');
    await tonnes.click();
    await page.keyboard.press('Control+A');
    await typeSlowly('450');
    await changeOnDisk();
    await typeSlowly('00');
    assert.equal(await tonnes.inputValue(), '45000', 'the parameter input kept what was typed');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 1), '45000');

    await saveFile(page, FILE);
    await cell(frame, 4, 1).click();
    const bar = frame.locator('#formula-bar');
    await bar.click();
    await typeSlowly('=B4');
    await changeOnDisk();
    await typeSlowly('*2');
    assert.equal(await bar.inputValue(), '=B4*2', 'the formula bar kept what was typed');
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 4, 1), String(extra * 2));

    await saveFile(page, FILE);
    await cells.click();
    await page.keyboard.press('Control+A');
    await typeSlowly('Model!');
    await changeOnDisk();
    await typeSlowly('B3');
    assert.equal(await cells.evaluate((e) => (e as HTMLElement & { value: string }).value), 'Model!B3', 'the summary cells field kept what was typed');
    await page.keyboard.press('Enter');
    await frame.locator('#summary-table').getByText('Model!B3').first().waitFor({ state: 'visible', timeout: 10_000 });
    await frame.locator('#analysis-close').click();
  });

  it('the toolbar counts checks under the shown scenario, the status bar under all scenarios, and each says so', async () => {
    const toolbar = frame.locator('#checks-status');
    const status = page.locator('[id$="mineralsWorkbook.status"]');
    await pickScenario(frame, 'Baseline');
    await waitForText(toolbar, '✓ Checks 1/1 under "Baseline"', 10_000);
    await waitForText(status, /1 check failing \(all scenarios\)/, 20_000);
    await pickScenario(frame, 'High');
    await waitForText(toolbar, '✗ Checks 0/1 under "High"', 10_000);
    assert.match(await toolbar.getAttribute('title') ?? '', /shown scenario/);
    assert.match(await status.getAttribute('aria-label') ?? (await status.textContent()) ?? '', /all scenarios/);
  });
});
