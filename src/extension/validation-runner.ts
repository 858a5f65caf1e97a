import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Diagnostic as CoreDiagnostic } from '../core/model/diagnostic';
import { validateWorkbookText } from '../core/validate';
import { LiveEngines, type LiveOutcome } from '../core/validate/live-engines';

/** Message to the validation worker. */
export interface ValidationRequest {
  id: number;
  text: string;
  scenarios: 'all' | string[];
  /** The open document this text is (its URI): its engine is kept for the next run. */
  key?: string;
}

/** Every message the worker takes: a validation, or the end of a document's live engine. */
export type WorkerMessage = ValidationRequest | { forget: string };

/** Message from the validation worker; `engine` says how a keyed run got its engine. */
export type ValidationResponse = { id: number; ok: true; diagnostics: CoreDiagnostic[]; engine?: LiveOutcome } | { id: number; ok: false; error: string };

/**
 * Live engines the worker keeps (open documents validated most recently): each holds its
 * workbook's HyperFormula graph, ~0.5 GB for 100,000 formulas, so a few, not one per document.
 */
export const MAX_LIVE_ENGINES = 3;

/**
 * A validation that hit one of the worker's limits (time, memory) or killed its worker: the
 * workbook gets a warning saying its model was not verified, and the host carries on.
 */
export class ValidationLimitError extends Error {}

/** Thrown when a validation ran longer than the time limit and its worker was stopped. */
export class ValidationTimeoutError extends ValidationLimitError {}

/**
 * Heap the validation worker may use, in MB, unless the setting says otherwise. A worker
 * validating the 28 MB benchmark workbook reaches ~2 GB RSS (docs/PERFORMANCE.md); this leaves
 * headroom for that while stopping a hostile file long before it can take the host down.
 */
export const DEFAULT_VALIDATION_MEMORY_MB = 4096;

/** Where the runner reports (the extension passes its output channel; no `vscode` here). */
export interface RunnerLog {
  warn(message: string): void;
  error(message: string): void;
}

interface Pending {
  request: ValidationRequest;
  resolve: (d: CoreDiagnostic[]) => void;
  reject: (e: Error) => void;
}

/**
 * Runs full validation off the extension host's thread, in one reusable worker that handles
 * requests one at a time, in order. Only the run the worker is executing is timed (from the
 * moment it starts, not from when it was queued): a run that exceeds `timeoutMs` (a
 * pathological model) fails alone; its worker is terminated and the runs queued behind it are
 * re-posted to a fresh one. Without the worker bundle (unbundled dev runs) validation runs
 * in-process.
 */
export class ValidationRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Posted to the current worker and unanswered, oldest first: the first is the one running. */
  private readonly queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param releaseAboveChars after a run on a text longer than this, with nothing queued, the
   *   worker is ended so that its heap goes back to the system: validating a 28 MB workbook
   *   with its model peaks near 3 GB, which an idle worker would otherwise keep holding inside
   *   the extension host. A fresh worker starts (in well under a second) for the next run.
   */
  constructor(private readonly workerScript: string, private readonly timeoutMs = 60_000,
    private readonly log: RunnerLog = { warn: () => undefined, error: () => undefined },
    private readonly releaseAboveChars = 4_000_000,
    private readonly memoryLimitMb: () => number = () => DEFAULT_VALIDATION_MEMORY_MB) {}

  /** The heap limit the current worker was started with. */
  private workerMemoryMb = 0;

  /** How the last answered keyed run got its engine (for tests and the log). */
  lastEngine: LiveOutcome | undefined;
  /** In-process live engines, when there is no worker bundle. */
  private inProcess: LiveEngines | undefined;

  /**
   * Diagnostics of `text`. With `key` (an open document's URI) the worker keeps that
   * document's engine and applies the next text's cell changes to it; `forget(key)` ends it.
   */
  validate(text: string, scenarios: 'all' | string[], key?: string): Promise<CoreDiagnostic[]> {
    // A changed limit applies from the next run: an idle worker started under the old one is replaced.
    if (this.worker && this.queue.length === 0 && this.workerMemoryMb !== this.memoryLimitMb()) this.release();
    const worker = this.ensureWorker();
    if (!worker) {
      return Promise.resolve().then(() => {
        if (key === undefined) return validateWorkbookText(text, { model: true, scenarios }).diagnostics;
        this.inProcess ??= new LiveEngines(MAX_LIVE_ENGINES);
        const d = this.inProcess.validate(key, text, { model: true, scenarios }).diagnostics;
        this.lastEngine = this.inProcess.lastOutcome;
        return d;
      });
    }
    return new Promise<CoreDiagnostic[]>((resolve, reject) => {
      const request: ValidationRequest = { id: this.nextId++, text, scenarios };
      if (key !== undefined) request.key = key;
      const p: Pending = { request, resolve, reject };
      this.queue.push(p);
      worker.postMessage(p.request);
      if (this.queue.length === 1) this.startTimer();
    });
  }

  /** Drops the live engine of `key` (its document closed); the next run of it builds one. */
  forget(key: string): void {
    this.inProcess?.forget(key);
    this.worker?.postMessage({ forget: key } satisfies WorkerMessage);
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!existsSync(this.workerScript)) return undefined;
    const memoryMb = this.memoryLimitMb();
    // Without its own heap limit, a worker that runs out of memory aborts the whole extension host.
    const worker = new Worker(this.workerScript, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    worker.on('message', (m: ValidationResponse) => { if (this.worker === worker) this.answered(m); });
    worker.on('error', (e: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.log.warn(`Validation ${this.queue[0]?.request.id ?? '?'} ran out of the worker's ${memoryMb} MB heap; stopping the validation worker.`);
        this.failRunning(new ValidationLimitError(`The workbook is too large to evaluate here: evaluating it needed more than the validation worker's ${memoryMb} MB memory limit (setting mineralsWorkbook.validation.memoryLimitMb).`));
        return;
      }
      this.log.error(`Validation worker failed: ${e.stack ?? e}`);
      this.failRunning(new ValidationLimitError(`The workbook could not be evaluated here: the validation worker failed (${e.message}).`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.failRunning(new ValidationLimitError(`The workbook could not be evaluated here: the validation worker exited with code ${code}.`));
    });
    worker.unref();
    this.worker = worker;
    this.workerMemoryMb = memoryMb;
    return worker;
  }

  private answered(m: ValidationResponse): void {
    const i = this.queue.findIndex((p) => p.request.id === m.id);
    if (i < 0) return;
    const [p] = this.queue.splice(i, 1);
    if (i === 0) {
      // The next queued run starts now: its time starts now.
      this.stopTimer();
      if (this.queue.length > 0) this.startTimer();
    }
    if (this.queue.length === 0 && p!.request.text.length > this.releaseAboveChars) this.release();
    if (m.ok && m.engine !== undefined) this.lastEngine = m.engine;
    if (m.ok) p!.resolve(m.diagnostics); else p!.reject(new Error(m.error));
  }

  /** Ends the worker; the next run starts a fresh one. */
  private release(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  /** Times the run the worker is executing (the oldest unanswered one). */
  private startTimer(): void {
    const running = this.queue[0];
    if (!running) return;
    this.timer = setTimeout(() => {
      this.log.warn(`Validation ${running.request.id} exceeded ${this.timeoutMs} ms; stopping the validation worker.`);
      this.failRunning(new ValidationTimeoutError(`Validation took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped.`));
    }, this.timeoutMs);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Stops the worker and fails the run it was executing with `reason`; the runs queued behind
   * it are innocent and go to a fresh worker.
   */
  private failRunning(reason: Error): void {
    this.stopTimer();
    this.release();
    this.queue.shift()?.reject(reason);
    if (this.queue.length === 0) return;
    const fresh = this.ensureWorker();
    if (!fresh) {
      for (const p of this.queue.splice(0)) p.reject(new Error('The validation worker is missing.'));
      return;
    }
    for (const p of this.queue) fresh.postMessage(p.request);
    this.startTimer();
  }

  dispose(): void {
    this.inProcess?.dispose();
    this.stopTimer();
    this.release();
    for (const p of this.queue.splice(0)) p.reject(new Error('disposed'));
  }
}
