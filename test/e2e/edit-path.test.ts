/**
 * The path of an edit: the host answers the grid's own edit with the new document version,
 * never by sending the whole text back to the view that made it (a 28 MB echo took 10 s), and
 * undo, redo and another editor's changes still reach the grid.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './context';
import { cell, openWorkbookFile, savedFileWhen, screenshot, waitForText } from './workbench';

const FILE = 'e2e-edit-path.minerals.json';

interface Saved { sheets: { name: string; rows: unknown[][] }[] }

const WORKBOOK = {
  format: 'minerals-workbook',
  version: 1,
  title: 'E2E edit path',
  sheets: [{ name: 'Calc', rows: [['Ore', 100, '=B1*2'], ['Grade', 0.5, '=B2*10']] }],
};

/** Records, in the webview, the host's document and editResult messages as they arrive. */
const PROBE = `(() => {
  window.__hostMessages = [];
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m && (m.type === 'document' || m.type === 'editResult')) window.__hostMessages.push({ type: m.type, ok: m.ok, version: m.version });
  });
})()`;

type Seen = { type: string; ok?: boolean; version?: number }[];

const seen = (frame: Frame): Promise<Seen> => frame.evaluate('window.__hostMessages.slice()') as Promise<Seen>;

describe('the path of an edit (end to end)', function () {
  let page: Page;
  let frame: Frame;

  before(async () => {
    page = await e2e().page();
    frame = await openWorkbookFile(page, FILE, WORKBOOK);
    await waitForText(cell(frame, 0, 2), '200');
    await frame.evaluate(PROBE);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-edit-path-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('an edit typed in the grid is acknowledged with the new version, not echoed as text; undo and redo still reach the grid', async () => {
    await cell(frame, 0, 1).click();
    await page.keyboard.type('150', { delay: 150 });
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 0, 2), '300');
    await savedFileWhen<Saved>(page, FILE, (s) => s.sheets[0]!.rows[0]![1] === 150, 'B1 = 150');
    const messages = await seen(frame);
    const acks = messages.filter((m) => m.type === 'editResult');
    assert.equal(acks.length, 1, JSON.stringify(messages));
    assert.equal(acks[0]!.ok, true);
    assert.equal(typeof acks[0]!.version, 'number', `the acknowledgement carries the version: ${JSON.stringify(messages)}`);
    assert.deepEqual(messages.filter((m) => m.type === 'document'), [], 'the edit was not sent back as text');

    // Undo goes back to the text the grid had before the edit: it must still show it.
    await page.keyboard.press('Control+Z');
    await waitForText(cell(frame, 0, 1), '100');
    await waitForText(cell(frame, 0, 2), '200');
    await page.keyboard.press('Control+Y');
    await waitForText(cell(frame, 0, 1), '150');
    await waitForText(cell(frame, 0, 2), '300');

    // The next edit is computed on the version the acknowledgement and the redo gave.
    await cell(frame, 1, 1).click();
    await page.keyboard.type('2', { delay: 150 });
    await page.keyboard.press('Enter');
    await waitForText(cell(frame, 1, 2), '20');
    const saved = await savedFileWhen<Saved>(page, FILE, (s) => s.sheets[0]!.rows[1]![1] === 2, 'B2 = 2');
    assert.deepEqual(saved.sheets[0]!.rows, [['Ore', 150, '=B1*2'], ['Grade', 2, '=B2*10']]);
  });
});
