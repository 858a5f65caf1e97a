import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Diagnostic as CoreDiagnostic } from '../core/model/diagnostic';
import { validateWorkbookText } from '../core/validate';
import { log } from './log';

/** Message to the validation worker. */
export interface ValidationRequest {
  id: number;
  text: string;
  scenarios: 'all' | string[];
}

/** Message from the validation worker. */
export type ValidationResponse = { id: number; ok: true; diagnostics: CoreDiagnostic[] } | { id: number; ok: false; error: string };

/** Thrown when a validation ran longer than the time limit and its worker was stopped. */
export class ValidationTimeoutError extends Error {}

/**
 * Runs full validation off the extension host's thread, in one reusable worker. A run that
 * exceeds `timeoutMs` (a pathological model) terminates the worker; the next run starts a
 * fresh one. Without the worker bundle (unbundled dev runs) validation runs in-process.
 */
export class ValidationRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: CoreDiagnostic[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly workerScript: string, private readonly timeoutMs = 60_000) {}

  validate(text: string, scenarios: 'all' | string[]): Promise<CoreDiagnostic[]> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(() => validateWorkbookText(text, { model: true, scenarios }).diagnostics);
    const id = this.nextId++;
    return new Promise<CoreDiagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        log().warn(`Validation ${id} exceeded ${this.timeoutMs} ms; stopping the validation worker.`);
        this.reset(new ValidationTimeoutError(`Validation took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped.`));
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (d) => { clearTimeout(timer); resolve(d); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      worker.postMessage({ id, text, scenarios } satisfies ValidationRequest);
    });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!existsSync(this.workerScript)) return undefined;
    const worker = new Worker(this.workerScript);
    worker.on('message', (m: ValidationResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.diagnostics); else p.reject(new Error(m.error));
    });
    worker.on('error', (e) => { log().error(`Validation worker failed: ${e.stack ?? e}`); this.reset(e); });
    worker.on('exit', (code) => { if (this.worker === worker) this.reset(new Error(`Validation worker exited with code ${code}`)); });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Stops the worker and fails every pending run with `reason`. */
  private reset(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }

  dispose(): void {
    this.reset(new Error('disposed'));
  }
}
