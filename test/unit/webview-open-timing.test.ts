/**
 * `npm run bench` splits open-to-first-paint into HyperFormula's build and our code with the
 * build time the engine reports and the User Timing measures the webview records; wrong or
 * piling-up numbers there would make the reported share wrong.
 */
import { strict as assert } from 'node:assert';
import { WorkbookEngine } from '../../src/core/engine';
import type { Workbook } from '../../src/core/model/workbook';
import { HF_BUILD_MEASURE, OPEN_MEASURE, recordOpen } from '../../webview/open-timing';

function chain(rows: number): Workbook {
  return {
    format: 'minerals-workbook', version: 1, title: 'Chain',
    sheets: [{ name: 'S', rows: Array.from({ length: rows }, (_, r) => [r, r === 0 ? 1 : `=B${r}+A${r + 1}`]) }],
  };
}

describe('open timing', () => {
  it('the engine reports the time spent in HyperFormula\'s build, within its own creation', () => {
    const t = performance.now();
    const engine = WorkbookEngine.create(chain(2000));
    const wall = performance.now() - t;
    try {
      assert.ok(engine.hyperFormulaBuildMs > 0, `build ${engine.hyperFormulaBuildMs} ms`);
      assert.ok(engine.hyperFormulaBuildMs <= wall, `build ${engine.hyperFormulaBuildMs} ms > create ${wall} ms`);
    } finally {
      engine.dispose();
    }
  });

  it('keeps one measure per name, the latest open\'s, with the build\'s exact duration', () => {
    for (const ms of [120, 35.5]) recordOpen(performance.now() - 200, performance.now() - 150, ms);
    const builds = performance.getEntriesByName(HF_BUILD_MEASURE, 'measure');
    const opens = performance.getEntriesByName(OPEN_MEASURE, 'measure');
    assert.equal(builds.length, 1);
    assert.equal(opens.length, 1);
    assert.equal(builds[0]!.duration, 35.5);
    assert.ok(opens[0]!.duration >= 199, `open ${opens[0]!.duration} ms`);
  });
});
