/**
 * 6. WEBVIEW FIGURES (Chromium, playwright-core). Hook for the webview's own figures:
 *   - frame times (requestAnimationFrame deltas, p50/p95) while scrolling a 100,000 x 50 grid
 *   - edit-to-repaint latency
 *   - open-to-first-paint, split into HyperFormula build vs our code
 *   - memory (JS heap) after opening
 *
 * The page is served on 127.0.0.1 from this process: it stubs `acquireVsCodeApi`, loads
 * `dist/webview.js` (and `dist/webview.css`), and posts the `document` message the host
 * would send. Whatever the bundle does not support yet is reported as NOT MEASURED.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { formatWorkbook, generateGridWorkbook } from './generate';
import { percentile } from './harness';
import { judge, notMeasured, failed, type Figure } from './report';

export interface WebviewBenchOptions {
  quick: boolean;
  root: string;
  enabled: boolean;
  log: (line: string) => void;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FRAME_BUDGET = { on: 'ms', max: 16.7 } as const;

const TITLES = {
  scroll: 'scroll 100,000 x 50 grid: frame time p95',
  edit: 'edit-to-repaint latency',
  open: 'open-to-first-paint',
  memory: 'JS heap after open',
} as const;

function allNotMeasured(note: string): Figure[] {
  return [
    notMeasured('6.scroll', TITLES.scroll, note, FRAME_BUDGET),
    notMeasured('6.edit', TITLES.edit, note),
    notMeasured('6.open', TITLES.open, note),
    notMeasured('6.memory', TITLES.memory, note),
  ];
}

/** The page the webview runs in, minus VS Code: a stubbed API and the built bundle. */
function pageHtml(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>bench</title>
<link rel="stylesheet" href="/webview.css">
<style>html,body{margin:0;height:100%;}</style>
<script>
  window.__posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { window.__posted.push(m); },
    getState: () => undefined,
    setState: () => undefined,
  });
</script>
</head><body><div id="root"></div><script src="/webview.js"></script></body></html>`;
}

function serve(root: string, workbookText: string): Promise<Server> {
  const dist = join(root, 'dist');
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml());
    } else if (url === '/workbook.json') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(workbookText);
    } else if (/^\/webview\.(js|css)$/.test(url) && existsSync(join(dist, url))) {
      res.writeHead(200, { 'content-type': url.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(join(dist, url)));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export async function benchWebview(o: WebviewBenchOptions): Promise<Figure[]> {
  if (!o.enabled) return allNotMeasured('skipped (--no-webview)');
  const bundle = join(o.root, 'dist', 'webview.js');
  if (!existsSync(bundle)) return allNotMeasured('not yet measured: dist/webview.js does not exist (webview not built yet)');
  if (!existsSync(CHROMIUM)) return allNotMeasured(`not yet measured: no Chromium at ${CHROMIUM}`);

  const rows = o.quick ? 10_000 : 100_000;
  const text = formatWorkbook(generateGridWorkbook(rows, 50));
  o.log(`  grid workbook ${rows} x 50: ${(text.length / 1e6).toFixed(1)} MB`);
  const server = await serve(o.root, text);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--enable-precise-memory-info'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);

    // Open: post the document as the host does, then wait for the grid to paint cells.
    const open = await page.evaluate(async () => {
      const text = await (await fetch('/workbook.json')).text();
      const t0 = performance.now();
      window.postMessage({ type: 'document', text, version: 1 }, '*');
      const deadline = t0 + 120_000;
      const painted = () => {
        const grid = document.querySelector('[role="grid"], .grid, canvas');
        return grid !== null && (grid.textContent ?? '').length > 0 || document.querySelector('canvas') !== null;
      };
      while (!painted() && performance.now() < deadline) await new Promise((r) => requestAnimationFrame(() => r(null)));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const firstPaint = performance.now() - t0;
      // Optional split the webview may expose: window.__mineralsBench = { hyperformulaMs, oursMs }.
      const split = (window as unknown as { __mineralsBench?: { hyperformulaMs?: number; oursMs?: number } }).__mineralsBench;
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return { ok: painted(), firstPaint, split, heapMb: mem ? mem.usedJSHeapSize / 1e6 : undefined };
    });
    const figures: Figure[] = [];
    if (!open.ok) {
      return allNotMeasured(`the page did not paint a grid within 120 s${errors.length ? `; page error: ${errors[0]}` : ''}`);
    }
    const one = (ms: number) => ({ samples: [ms], median: ms, best: ms, inner: 1 });
    figures.push(judge({
      id: '6.open', title: TITLES.open, ours: one(open.firstPaint),
      note: open.split ? `HyperFormula ${open.split.hyperformulaMs?.toFixed(0)} ms, ours ${open.split.oursMs?.toFixed(0)} ms` : 'no HyperFormula/ours split exposed by the webview (window.__mineralsBench)',
    }));

    // Scroll: move the largest scrollable element a little every frame, record frame deltas.
    const scroll = await page.evaluate(async (frames: number) => {
      const all = [...document.querySelectorAll<HTMLElement>('*')];
      const el = all.filter((e) => e.scrollHeight > e.clientHeight + 10).sort((a, b) => b.scrollHeight - a.scrollHeight)[0]
        ?? (document.scrollingElement as HTMLElement | null);
      if (!el) return undefined;
      const deltas: number[] = [];
      let last = performance.now();
      for (let i = 0; i < frames; i++) {
        el.scrollTop += 180; // about 8 rows a frame, a brisk wheel scroll
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return { deltas, scrollTop: el.scrollTop, scrollHeight: el.scrollHeight };
    }, o.quick ? 120 : 600);
    if (scroll && scroll.deltas.length > 0) {
      const d = scroll.deltas.slice(1);
      const p95 = percentile(d, 95);
      const p50 = percentile(d, 50);
      figures.push(judge({
        id: '6.scroll', title: TITLES.scroll, budget: FRAME_BUDGET,
        ours: { samples: d, median: p95, best: p50, inner: 1 },
        note: `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...d).toFixed(1)} ms over ${d.length} frames (median column = p95, best column = p50)`,
      }));
    } else {
      figures.push(notMeasured('6.scroll', TITLES.scroll, 'no scrollable element found', FRAME_BUDGET));
    }
    figures.push(notMeasured('6.edit', TITLES.edit, 'needs a webview hook to type into a cell and observe the repaint'));
    figures.push(open.heapMb !== undefined
      ? judge({ id: '6.memory', title: TITLES.memory, note: `${open.heapMb.toFixed(0)} MB usedJSHeapSize (Chromium) after open`, extra: { heapMb: open.heapMb } })
      : notMeasured('6.memory', TITLES.memory, 'performance.memory not available'));
    if (errors.length) figures[0].note += `; page errors: ${errors.slice(0, 2).join(' | ')}`;
    return figures;
  } catch (err) {
    return [failed('6', 'webview in Chromium', err)];
  } finally {
    await browser.close();
    server.close();
  }
}
