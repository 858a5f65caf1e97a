/**
 * Statistical inverses typed into the grid give Excel's value to its 15 digits: an analyst
 * checks T.INV.2T(0.05, 10) against the 2.22813885198627 Excel shows and must find the same
 * number (HyperFormula's series gave 2.22813884246865, wrong in the 9th digit).
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, screenshot, waitForText } from './workbench';

const FILE = 'e2e-distributions.minerals.json';

// Column B holds Excel's values as an analyst pastes them (15 significant digits); the
// formulas typed into column A must match them, checked by column C.
const EXCEL: [string, number][] = [
  ['=T.INV.2T(0.05,10)', 2.22813885198627],
  ['=T.INV(0.01,5)', -3.36492999890722],
  ['=CHISQ.INV(0.95,3)', 7.81472790325118],
  ['=BETA.INV(0.3,2,5)', 0.181803471318949],
];
const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E distributions',
  sheets: [{ name: 'Stats', rows: EXCEL.map(([, v], i) => [null, v, `=ABS(A${i + 1}/B${i + 1}-1)<1E-14`]) }],
};

describe('statistical inverses match Excel to 15 digits (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 2), 'FALSE');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-distributions-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('T.INV.2T, T.INV, CHISQ.INV and BETA.INV typed at human pace agree with Excel\'s values', async () => {
    for (const [i, [formula]] of EXCEL.entries()) {
      await cell(frame, i, 0).click();
      await page.keyboard.type(formula, { delay: 150 });
      await page.keyboard.press('Enter');
      await waitForText(cell(frame, i, 0), /\d/, 5_000);
    }
    await page.waitForTimeout(1_000);
    const shown = await Promise.all(EXCEL.map((_, i) => Promise.all([0, 1, 2].map((c) => cell(frame, i, c).textContent().then((t) => (t ?? '').trim())))));
    for (const [i, [formula]] of EXCEL.entries()) {
      const [ours, excel, same] = shown[i]!;
      assert.equal(ours, excel, `${formula} shows ${ours}, Excel ${excel}`);
      assert.equal(same, 'TRUE', `${formula}: within 1e-14 of Excel's value`);
    }
  });
});
