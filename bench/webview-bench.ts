/**
 * 6. WEBVIEW FIGURES (Chromium at /usr/bin/chromium, driven by playwright-core):
 *   - open-to-first-paint of a 100,000 x 50 grid, from the `document` message to the first
 *     frame showing cells, and its split: HyperFormula's build vs our code (parse, engine
 *     wrapper), timed in the same browser by a probe bundle (bench/webview-probe.ts)
 *   - frame times (requestAnimationFrame deltas, p50/p95) while scrolling that grid
 *   - edit-to-repaint latency: Enter in the cell editor to the frame showing the dependent
 *     cell's new value
 *   - memory: the page's JS heap after open
 *
 * The page is served on 127.0.0.1 by this process. Like webview/dev/harness.html it stubs
 * `acquireVsCodeApi`, loads `dist/webview.js` and answers the webview's `ready` with the
 * `document` message the host would send. Whatever cannot be measured yet is reported as
 * NOT MEASURED, never as a number.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatWorkbook, generateGridWorkbook } from './generate';
import { median, percentile, type Stats } from './harness';
import { failed, judge, notMeasured, type Figure } from './report';
import type { ProbeResult } from './webview-probe';

export interface WebviewBenchOptions {
  quick: boolean;
  root: string;
  enabled: boolean;
  log: (line: string) => void;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FRAME_BUDGET = { on: 'ms', max: 16.7 } as const;
const EDIT_BUDGET = { on: 'ms', max: 50 } as const;
const COLS = 50;

function titles(rows: number) {
  const grid = `${rows.toLocaleString('en-US')} x ${COLS} grid`;
  return {
    open: `webview open-to-first-paint, ${grid}`,
    split: `  of which engine build (HyperFormula vs ours), ${grid}`,
    scroll: `webview scroll frame time p95, ${grid}`,
    edit: `webview edit-to-repaint, ${grid}`,
    memory: `webview JS heap after open, ${grid}`,
  };
}

function allNotMeasured(rows: number, note: string): Figure[] {
  const t = titles(rows);
  return [
    notMeasured('6.open', t.open, note),
    notMeasured('6.split', t.split, note),
    notMeasured('6.scroll', t.scroll, note, FRAME_BUDGET),
    notMeasured('6.edit', t.edit, note, EDIT_BUDGET),
    notMeasured('6.memory', t.memory, note),
  ];
}

function statsOf(samples: number[]): Stats {
  return { samples, median: median(samples), best: Math.min(...samples), inner: 1 };
}

const STUB = `<script>
  window.__posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { window.__posted.push(m); },
    getState: () => undefined,
    setState: () => undefined,
  });
</script>`;

const PAGES: Record<string, string> = {
  '/': `<!doctype html><html><head><meta charset="utf-8"><title>webview bench</title>
<link rel="stylesheet" href="/dist/webview.css">
<style>html,body{margin:0;height:100%;}</style>${STUB}</head>
<body><script src="/dist/webview.js"></script></body></html>`,
  '/probe.html': `<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head>
<body><script src="/probe.js"></script></body></html>`,
};

function serve(root: string, workbookText: string, smallText: string, probeJs: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const file = /^\/dist\/webview\.(js|css)$/.test(url) ? join(root, url) : undefined;
    if (PAGES[url]) res.writeHead(200, { 'content-type': 'text/html' }).end(PAGES[url]);
    else if (url === '/workbook.json') res.writeHead(200, { 'content-type': 'text/plain' }).end(workbookText);
    else if (url === '/workbook-small.json') res.writeHead(200, { 'content-type': 'text/plain' }).end(smallText);
    else if (url === '/probe.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(probeJs);
    else if (file && existsSync(file)) res.writeHead(200, { 'content-type': url.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(file));
    else res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Bundle the probe with the project's esbuild, as the webview is bundled. */
async function buildProbe(root: string): Promise<string> {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'mw-probe-'));
  try {
    const outfile = join(dir, 'probe.js');
    await esbuild.build({
      entryPoints: [join(root, 'bench', 'webview-probe.ts')], bundle: true, outfile,
      platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'error',
    });
    return readFileSync(outfile, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const nextFrame = `new Promise((r) => requestAnimationFrame(() => r(null)))`;

/** Open the workbook in the webview; resolves when a frame shows grid cells with text. */
async function openWorkbook(page: Page): Promise<{ ok: boolean; firstPaintMs: number; heapMb?: number; banner?: string }> {
  return page.evaluate(`(async () => {
    const text = await (await fetch('/workbook.json')).text();
    const deadline = performance.now() + 180000;
    while (!window.__posted.some((m) => m && m.type === 'ready') && performance.now() < deadline) await ${nextFrame};
    const painted = () => [...document.querySelectorAll('[role="gridcell"]')].some((c) => c.dataset.row === '0' && c.dataset.col === '1' && (c.textContent || '').length > 0);
    const t0 = performance.now();
    window.postMessage({ type: 'document', text, version: 1 }, '*');
    while (!painted() && performance.now() < deadline) await ${nextFrame};
    await ${nextFrame};
    const firstPaintMs = performance.now() - t0;
    const banner = [...document.querySelectorAll('[role="alert"]')].map((e) => e.hidden ? '' : e.textContent).join(' ').trim();
    return { ok: painted(), firstPaintMs, heapMb: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : undefined, banner };
  })()`);
}

/** Scroll the grid a little every frame; returns the frame deltas. */
async function scrollFrames(page: Page, frames: number): Promise<number[] | undefined> {
  return page.evaluate(`(async () => {
    const el = document.querySelector('[role="grid"]');
    if (!el || el.scrollHeight <= el.clientHeight) return undefined;
    const deltas = [];
    await ${nextFrame};
    let last = performance.now();
    for (let i = 0; i < ${frames}; i++) {
      el.scrollTop += 66; // three rows a frame: a brisk, continuous wheel scroll
      await ${nextFrame};
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    el.scrollTop = 0;
    await ${nextFrame};
    return deltas;
  })()`);
}

/** Edit C1 in the cell editor and time Enter -> the frame where B1 (its row total) changed. */
async function editOnce(page: Page, value: number): Promise<number | undefined> {
  await page.evaluate(`(() => {
    const cell = (r, c) => [...document.querySelectorAll('[role="gridcell"]')].find((e) => e.dataset.row === String(r) && e.dataset.col === String(c));
    const b1 = cell(0, 1);
    window.__edit = new Promise((resolve) => {
      const before = b1.textContent;
      let t0 = 0;
      const onKey = (e) => { if (e.key === 'Enter') { t0 = performance.now(); document.removeEventListener('keydown', onKey, true); } };
      document.addEventListener('keydown', onKey, true);
      const obs = new MutationObserver(() => {
        const now = cell(0, 1);
        if (t0 && now && now.textContent !== before) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      });
      obs.observe(document.querySelector('[role="grid"]'), { subtree: true, childList: true, characterData: true });
      setTimeout(() => { obs.disconnect(); resolve(undefined); }, 10000);
    });
  })()`);
  await page.dblclick('[role="gridcell"][data-row="0"][data-col="2"]');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
  return page.evaluate('window.__edit');
}

export async function benchWebview(o: WebviewBenchOptions): Promise<Figure[]> {
  const rows = o.quick ? 10_000 : 100_000;
  if (!o.enabled) return allNotMeasured(rows, 'skipped (--no-webview)');
  if (!existsSync(join(o.root, 'dist', 'webview.js'))) return allNotMeasured(rows, 'not yet measured: dist/webview.js does not exist (webview not built)');
  if (!existsSync(CHROMIUM)) return allNotMeasured(rows, `not yet measured: no Chromium at ${CHROMIUM}`);
  const t = titles(rows);

  const text = formatWorkbook(generateGridWorkbook(rows, COLS));
  o.log(`  grid workbook ${rows} x ${COLS}: ${(text.length / 1e6).toFixed(1)} MB`);
  let probeJs = '';
  try {
    probeJs = await buildProbe(o.root);
  } catch (err) {
    o.log(`  note: probe bundle failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const server = await serve(o.root, text, formatWorkbook(generateGridWorkbook(2_000, COLS)), probeJs);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const figures: Figure[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);

    const open = await openWorkbook(page);
    if (!open.ok) {
      return allNotMeasured(rows, `the webview did not paint the grid${open.banner ? ` (banner: ${open.banner})` : ''}${errors.length ? `; page error: ${errors[0]}` : ''}`);
    }
    figures.push(judge({ id: '6.open', title: t.open, ours: statsOf([open.firstPaintMs]), note: `${(text.length / 1e6).toFixed(1)} MB text; one open (a cold page)` }));

    const deltas = await scrollFrames(page, o.quick ? 120 : 600);
    if (deltas && deltas.length > 1) {
      const d = deltas.slice(1);
      const p50 = percentile(d, 50);
      const p95 = percentile(d, 95);
      figures.push(judge({
        id: '6.scroll', title: t.scroll, budget: FRAME_BUDGET, ours: { samples: d, median: p95, best: p50, inner: 1 },
        note: `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...d).toFixed(1)} ms over ${d.length} frames, 3 rows/frame (ours column: p95 (p50)); headless Chromium, software rendering`,
      }));
    } else {
      figures.push(notMeasured('6.scroll', t.scroll, 'the grid is not scrollable', FRAME_BUDGET));
    }

    const edits: number[] = [];
    for (let i = 0; i < (o.quick ? 3 : 10); i++) {
      const ms = await editOnce(page, 500 + i);
      if (ms !== undefined) edits.push(ms);
    }
    figures.push(edits.length > 0
      ? judge({ id: '6.edit', title: t.edit, budget: EDIT_BUDGET, ours: statsOf(edits), note: `type into C1, Enter -> frame showing B1 (=SUM(C1:AX1)) updated; ${edits.length} edits, p95 ${percentile(edits, 95).toFixed(1)} ms` })
      : notMeasured('6.edit', t.edit, 'the dependent cell never changed after an edit', EDIT_BUDGET));

    figures.push(open.heapMb !== undefined
      ? judge({ id: '6.memory', title: t.memory, note: `${open.heapMb.toFixed(0)} MB usedJSHeapSize right after first paint`, extra: { heapMb: open.heapMb } })
      : notMeasured('6.memory', t.memory, 'performance.memory not available'));
    // The split, timed in a separate page of the same browser on the same text (after the
    // webview's page is closed, so that the two do not share memory pressure).
    await page.close();
    if (probeJs) {
      try {
        const probePage = await browser.newPage();
        await probePage.goto(`${base}/probe.html`);
        // Warm the JIT on the first 2,000 rows, then time the whole grid.
        await probePage.evaluate(`fetch('/workbook-small.json').then((r) => r.text()).then((t) => { window.__probe(t, false); window.__probe(t, true); })`);
        const runs: ProbeResult[] = [];
        for (let i = 0; i < (o.quick ? 2 : 3); i++) { // alternate which goes first
          runs.push(await probePage.evaluate(`fetch('/workbook.json').then((r) => r.text()).then((t) => window.__probe(t, ${i % 2 === 1}))`));
        }
        await probePage.close();
        const m = (k: keyof ProbeResult) => median(runs.map((r) => r[k]));
        const ours = statsOf(runs.map((r) => r.engineCreateMs + r.readValuesMs));
        const raw = statsOf(runs.map((r) => r.rawBuildMs + r.rawReadMs));
        figures.push(judge({
          id: '6.split', title: t.split, ours, raw, ratio: ours.median / raw.median, ratioBest: ours.best / raw.best,
          against: 'raw HyperFormula buildFromSheets + getSheetValues in the same browser',
          note: `median of ${runs.length}: parse ${m('parseMs').toFixed(0)} ms (ours), engine create ${m('engineCreateMs').toFixed(0)} + read ${m('readValuesMs').toFixed(0)} ms; raw HF build ${m('rawBuildMs').toFixed(0)} + read ${m('rawReadMs').toFixed(0)} ms (translation ${m('rawTranslateMs').toFixed(0)} ms untimed)`,
          extra: { runs },
        }));
      } catch (err) {
        figures.push(failed('6.split', t.split, err));
      }
    } else {
      figures.push(notMeasured('6.split', t.split, 'the probe bundle did not build'));
    }

    if (errors.length) figures[0].note += `; page errors: ${errors.slice(0, 2).join(' | ')}`;
    const openFig = figures.find((f) => f.id === '6.open');
    const splitFig = figures.find((f) => f.id === '6.split');
    if (openFig?.ours && splitFig?.raw) {
      // HyperFormula's share: raw HyperFormula's build + read, capped by our engine's own
      // build + read (both timed in the probe page; one run each at full size, so noisy).
      const hfMs = Math.min(splitFig.raw.median, splitFig.ours?.median ?? Infinity);
      const share = Math.min(1, hfMs / openFig.ours.median);
      openFig.note += `; about ${hfMs.toFixed(0)} ms (${(share * 100).toFixed(0)}%) is HyperFormula's build + read, the rest ours (parse, translation, wrapper, first render)`;
    }
    const order = ['6.open', '6.split', '6.scroll', '6.edit', '6.memory'];
    return figures.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  } catch (err) {
    return [...figures, failed('6', 'webview in Chromium', err)];
  } finally {
    await browser.close();
    server.close();
  }
}
