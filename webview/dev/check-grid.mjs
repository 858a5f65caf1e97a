// Scrolls the dev harness's generated 20,000 x 50 sheet to random places and checks that every
// visible cell shows the right value, once, on screen (no stale recycled cells).
// Usage: serve the repo root on 127.0.0.1:8731, then node webview/dev/check-grid.mjs
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto('http://127.0.0.1:8731/webview/dev/harness.html?rows=20000&cols=50', { waitUntil: 'domcontentloaded' });
await page.waitForFunction(() => document.querySelector('#grid [role=gridcell][data-row="0"][data-col="1"]')?.textContent, null, { timeout: 120000 });
const bad = await page.evaluate(async () => {
  const grid = document.getElementById('grid');
  const errors = [];
  for (let i = 0; i < 40; i++) {
    if (i % 3 === 0) { grid.scrollTop = Math.random() * grid.scrollHeight; grid.scrollLeft = Math.random() * grid.scrollWidth; }
    else { grid.scrollTop += 37 * i; grid.scrollLeft += 53 * (i % 5); }
    await new Promise(requestAnimationFrame); await new Promise(requestAnimationFrame);
    const seen = new Set();
    for (const cell of grid.querySelectorAll('[role=gridcell][data-row]')) {
      const r = Number(cell.dataset.row), c = Number(cell.dataset.col);
      const key = r + ':' + c;
      if (seen.has(key)) errors.push('dup ' + key); seen.add(key);
      if (cell.hidden) { errors.push('hidden with address ' + key); continue; }
      if (r >= 20000 || c >= 50) continue;
      const v = c === 0 ? `Item ${r + 1}` : ((r * 31 + c * 17) % 1000) * 1.5;
      const shown = cell.textContent;
      const expect = c === 0 ? v : c % 3 === 1 ? Math.round(v).toLocaleString('en-US') : c % 3 === 2 ? (v * 100).toFixed(1) + '%' : String(v);
      if (shown !== expect) errors.push(`${key} shows ${shown} expected ${expect}`);
      const rect = cell.getBoundingClientRect(), g = grid.getBoundingClientRect();
      if (rect.bottom < g.top || rect.top > g.bottom) errors.push('offscreen ' + key);
    }
    if (!seen.size) errors.push('no cells');
  }
  return errors.slice(0, 10);
});
console.log('errors', bad);
await browser.close();
