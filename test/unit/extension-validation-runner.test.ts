import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ValidationLimitError, ValidationRunner, ValidationTimeoutError } from '../../src/extension/validation-runner';
import { validateWorkbookText } from '../../src/core/validate';

/**
 * A stand-in worker: `hang` never answers, `slow:N` busy-waits N ms, `oom` allocates until its
 * heap runs out, `exit` ends its thread; answers carry the text and the worker's thread.
 */
const WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.text === 'hang') for (;;) {}
  if (m.text === 'oom') { const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length)); }
  if (m.text === 'exit') process.exit(3);
  const ms = m.text.startsWith('slow:') ? Number(m.text.slice(5)) : 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {}
  parentPort.postMessage({ id: m.id, ok: true, diagnostics: [{ code: m.text.length > 100 ? 'big' : m.text, thread: threadId }] });
});
`;

/** Writes the stand-in worker to a temporary folder for the enclosing suite. */
function useStandInWorker(written: (path: string) => void): void {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-runner-'));
    const script = join(dir, 'worker.cjs');
    writeFileSync(script, WORKER);
    written(script);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
}

describe('extension: validation runner timeouts', () => {
  let script: string;
  useStandInWorker((path) => { script = path; });

  const codes = (p: Promise<{ code: string }[]>) => p.then((d) => d.map((x) => x.code));

  it('time spent queued behind other runs does not count', async function () {
    this.timeout(20_000);
    const runner = new ValidationRunner(script, 1500);
    try {
      // The worker is started first, so that its start-up (slow on a loaded machine) is not timed here.
      assert.deepEqual(await codes(runner.validate('warm', 'all')), ['warm']);
      // 4 x 600 ms queued at once: the last waits 1.8 s, over the limit, but each runs 600 ms.
      const runs = ['slow:600', 'slow:600', 'slow:600', 'slow:600'].map((t) => codes(runner.validate(t, 'all')));
      assert.deepEqual(await Promise.all(runs), [['slow:600'], ['slow:600'], ['slow:600'], ['slow:600']]);
    } finally {
      runner.dispose();
    }
  });

  it('only the run that is executing is blamed; the queued ones go to a fresh worker', async function () {
    this.timeout(20_000);
    const warnings: string[] = [];
    const runner = new ValidationRunner(script, 1500, { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    try {
      const first = codes(runner.validate('a', 'all'));
      const hung = runner.validate('hang', 'all');
      const after = ['b', 'slow:100', 'c'].map((t) => codes(runner.validate(t, 'all')));
      await assert.rejects(hung, ValidationTimeoutError);
      assert.deepEqual(await first, ['a']);
      assert.deepEqual(await Promise.all(after), [['b'], ['slow:100'], ['c']]);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      // The runner keeps working afterwards.
      assert.deepEqual(await codes(runner.validate('d', 'all')), ['d']);
    } finally {
      runner.dispose();
    }
  });

  it('dispose fails what is still pending', async () => {
    const runner = new ValidationRunner(script, 10_000);
    const hung = runner.validate('hang', 'all');
    const queued = runner.validate('x', 'all');
    runner.dispose();
    await assert.rejects(hung, /disposed/);
    await assert.rejects(queued, /disposed/);
  });
  it('ends the worker after a run on a large text, so its memory is returned; small runs keep one worker', async function () {
    this.timeout(20_000);
    const runner = new ValidationRunner(script, 10_000, undefined, 1000);
    const thread = (text: string) => runner.validate(text, 'all').then((d) => (d[0] as unknown as { code: string; thread: number }));
    try {
      const a = await thread('a');
      const b = await thread('b');
      assert.equal(b.thread, a.thread, 'small runs share the worker');
      const big = await thread('x'.repeat(1001));
      assert.equal(big.code, 'big');
      assert.equal(big.thread, a.thread, 'the large run itself ran in that worker');
      const c = await thread('c');
      assert.notEqual(c.thread, big.thread, 'after the large run a fresh worker answers');
      assert.equal((await thread('d')).thread, c.thread);
      // Runs queued behind a large one keep the worker until the queue is empty.
      const [q1, q2] = await Promise.all([thread('y'.repeat(1001)), thread('e')]);
      assert.equal(q2.thread, q1.thread);
    } finally {
      runner.dispose();
    }
  });
});

describe('extension: validation runner memory limit and worker deaths', () => {
  let script: string;
  useStandInWorker((path) => { script = path; });

  const thread = (runner: ValidationRunner, text: string) =>
    runner.validate(text, 'all').then((d) => (d[0] as unknown as { code: string; thread: number }));

  it('a run that exhausts the worker heap fails as too large; the host lives and the queued run gets a fresh worker', async function () {
    this.timeout(30_000);
    const warnings: string[] = [];
    const runner = new ValidationRunner(script, 20_000, { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) }, undefined, () => 32);
    try {
      const before = await thread(runner, 'a');
      const oom = runner.validate('oom', 'all');
      const queued = thread(runner, 'b');
      await assert.rejects(oom, (e: Error) => e instanceof ValidationLimitError && !(e instanceof ValidationTimeoutError)
        && /too large to evaluate here/.test(e.message) && /32 MB/.test(e.message));
      const after = await queued;
      assert.equal(after.code, 'b');
      assert.notEqual(after.thread, before.thread, 'a fresh worker answers after the one that ran out of memory');
      assert.ok(warnings.some((w) => /32 MB heap/.test(w)), warnings.join('\n'));
    } finally {
      runner.dispose();
    }
  });

  it('a worker that exits mid-run fails that run with a limit error and the next run still validates', async function () {
    this.timeout(20_000);
    const runner = new ValidationRunner(script, 20_000);
    try {
      await assert.rejects(runner.validate('exit', 'all'), (e: Error) => e instanceof ValidationLimitError && /exited with code 3/.test(e.message));
      assert.equal((await thread(runner, 'c')).code, 'c');
    } finally {
      runner.dispose();
    }
  });

  it('a changed memory limit replaces the idle worker before the next run', async function () {
    this.timeout(20_000);
    let limit = 64;
    const runner = new ValidationRunner(script, 20_000, undefined, undefined, () => limit);
    try {
      const a = await thread(runner, 'a');
      assert.equal((await thread(runner, 'b')).thread, a.thread, 'same limit: same worker');
      limit = 32;
      const c = await thread(runner, 'c');
      assert.notEqual(c.thread, a.thread, 'new limit: fresh worker');
      await assert.rejects(runner.validate('oom', 'all'), /32 MB/);
    } finally {
      runner.dispose();
    }
  });
});

describe('extension: validation runner live engines', () => {
  // GrowthRate, not Growth: GROWTH is a function now (MW3002 would warn about the name).
  const workbook = (a1: number): string => JSON.stringify({
    format: 'minerals-workbook', version: 1, title: 'Live',
    parameters: { GrowthRate: { value: 0.1 } },
    scenarios: { High: { set: { GrowthRate: 0.5 } } },
    sheets: [{ name: 'Data', rows: [[a1, '=A1*(1+GrowthRate)', '=1/(B1-A1*1.5)']] }],
    checks: [{ name: 'Small', assert: '=Data!B1<10' }],
  }, null, 2);
  const codes = (d: { code: string; scenario?: string }[]) => d.map((x) => `${x.code}${x.scenario ? ` ${x.scenario}` : ''}`);

  // The real worker, loaded from its TypeScript source (a worker thread does not inherit tsx).
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-live-'));
    writeFileSync(join(dir, 'worker.cjs'), `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();\nrequire(${JSON.stringify(resolve('src/extension/validation-worker.ts'))});\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [where, script] of [['in the worker', () => join(dir, 'worker.cjs')], ['in process', () => 'no-such-worker.js']] as const) {
    it(`keeps an open document's engine ${where}, applies edits to it, and forgets it on request`, async function () {
      this.timeout(60_000);
      const runner = new ValidationRunner(script(), 50_000);
      try {
        assert.deepEqual(codes(await runner.validate(workbook(1), 'all', 'file:///a.minerals.json')), ['MW4005 High']);
        assert.equal(runner.lastEngine, 'built');
        // A1 = 1: C1 divides by zero under High. A1 = 20: the check also fails, under every scenario.
        const edited = await runner.validate(workbook(20), 'all', 'file:///a.minerals.json');
        assert.equal(runner.lastEngine, 'rebased');
        assert.deepEqual(edited, validateWorkbookText(workbook(20)).diagnostics);
        assert.deepEqual(codes(edited), ['MW4005 High', 'MW5001']);
        runner.forget('file:///a.minerals.json');
        await runner.validate(workbook(20), 'all', 'file:///a.minerals.json');
        assert.equal(runner.lastEngine, 'built');
      } finally {
        runner.dispose();
      }
    });
  }
});
