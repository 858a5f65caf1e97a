// Measures scrolling frame times of the built webview in headless Chromium (dev harness).
// Usage: serve the repo root on 127.0.0.1:PORT, then
//   node webview/dev/measure-scroll.mjs http://127.0.0.1:PORT/webview/dev/harness.html?rows=100000&cols=50
import { chromium } from 'playwright-core';

const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => console.error('pageerror', e.message));
const t0 = Date.now();
await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
await page.waitForSelector('#grid [role=gridcell][data-row="0"][data-col="1"]', { timeout: 120_000 });
await page.waitForFunction(() => document.querySelector('#grid [role=gridcell][data-row="0"][data-col="1"]').textContent !== '');
console.log(`first render after ${Date.now() - t0} ms`);
const result = await page.evaluate(async () => {
  const grid = document.getElementById('grid');
  const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  // Each phase scrolls once per animation frame; `script` is the time our scroll handling
  // plus style and layout take (forced synchronously), `frame` the interval between frames.
  const phase = (n, move) => new Promise((resolve) => {
    const frames = [];
    const script = [];
    let last = performance.now();
    let i = 0;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      const s = performance.now();
      move(i);
      grid.dispatchEvent(new Event('scroll'));
      void grid.querySelector('[role=gridcell]').getBoundingClientRect();
      script.push(performance.now() - s);
      if (++i < n) requestAnimationFrame(step);
      else {
        const f = frames.slice(3);
        resolve({ frames: f.length, frameP50: pct(f, 0.5), frameP95: pct(f, 0.95), scriptP50: pct(script, 0.5), scriptP95: pct(script, 0.95), scriptMax: Math.max(...script) });
      }
    };
    requestAnimationFrame(step);
  });
  const vertical = await phase(300, () => { grid.scrollTop += 220; });
  const horizontal = await phase(200, (i) => { grid.scrollLeft = (i % 40) * 120; grid.scrollTop += 44; });
  const jumps = await phase(100, () => { grid.scrollTop = Math.random() * grid.scrollHeight; grid.scrollLeft = Math.random() * grid.scrollWidth; });
  return { vertical, horizontal, jumps, cellsInDom: document.querySelectorAll('#grid [role=gridcell]').length, rowCount: grid.getAttribute('aria-rowcount') };
});
console.log(JSON.stringify(result, (k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
await browser.close();
