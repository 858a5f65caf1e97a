/**
 * User Timing measures of a full (re)build of the view. They show in the webview's DevTools
 * Performance panel, and `npm run bench` reads them to split open-to-first-paint into
 * HyperFormula's build and our own code in the same page and run.
 */

/** From the `document` message to the rebuilt grid's DOM (the browser paints after it). */
export const OPEN_MEASURE = 'minerals: open';
/** The time spent inside HyperFormula's `buildFromSheets` during that open. */
export const HF_BUILD_MEASURE = 'minerals: HyperFormula build';

/** Records the latest rebuild; earlier ones are cleared so the timeline does not grow. */
export function recordOpen(start: number, createStart: number, hyperFormulaBuildMs: number): void {
  performance.clearMeasures(OPEN_MEASURE);
  performance.clearMeasures(HF_BUILD_MEASURE);
  performance.measure(OPEN_MEASURE, { start, end: performance.now() });
  // The duration is exact; the start is the engine's creation, just before the build begins.
  performance.measure(HF_BUILD_MEASURE, { start: createStart, duration: hyperFormulaBuildMs });
}
