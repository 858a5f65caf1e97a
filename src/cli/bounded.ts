/**
 * Runs a command line in a worker thread with a heap limit and a timer, so that a workbook
 * whose evaluation hangs or outgrows memory ends the CLI with exit 2 and a message instead
 * of running forever or dying in a V8 abort. The worker runs this same bundle (see main.ts).
 */
import { Worker } from 'node:worker_threads';
import { EXIT, usageError } from './errors';

/** Seconds a command may run unless `--timeout` says otherwise. */
export const DEFAULT_TIMEOUT_S = 60;
/** Heap of the worker in MB unless `--max-memory` says otherwise (as the extension's worker). */
export const DEFAULT_MAX_MEMORY_MB = 4096;

/** What the worker is started with. */
export interface BoundedRequest { argv: string[] }

/** Messages from the worker: output in order, then the exit status. */
export type BoundedMessage = { stdout: string } | { stderr: string } | { exit: number };

export interface Bounds { timeoutS: number; maxMemoryMb: number }

/**
 * Takes the global `--timeout SECONDS` and `--max-memory MB` out of `argv` (anywhere on the
 * line, also as `--timeout=SECONDS`); the rest is the command line.
 * @throws CliError exit 2 for a missing or non-numeric value.
 */
export function takeBounds(argv: string[]): { bounds: Bounds; rest: string[] } {
  const bounds: Bounds = { timeoutS: DEFAULT_TIMEOUT_S, maxMemoryMb: DEFAULT_MAX_MEMORY_MB };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(timeout|max-memory)(?:=(.*))?$/.exec(argv[i]);
    if (!m) { rest.push(argv[i]); continue; }
    const raw = m[2] ?? argv[++i];
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    if (m[1] === 'timeout') {
      if (!(n >= 0) || !Number.isFinite(n)) throw usageError(`--timeout needs a number of seconds (0: no limit), got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
      bounds.timeoutS = n;
    } else {
      if (!(n >= 16) || !Number.isFinite(n)) throw usageError(`--max-memory needs a number of MB, at least 16, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
      bounds.maxMemoryMb = Math.round(n);
    }
  }
  return { bounds, rest };
}

/** Output of the bounded run, written by the caller as it arrives. */
export interface BoundedOutput { stdout(text: string): void; stderr(text: string): void }

/**
 * Runs `argv` in a worker of `script` under `bounds`; resolves to the exit status. A timeout
 * or an exhausted heap stops the worker and resolves 2 after a message on stderr.
 */
export function runBounded(script: string, argv: string[], bounds: Bounds, out: BoundedOutput): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(script, {
      workerData: { argv } satisfies BoundedRequest,
      resourceLimits: { maxOldGenerationSizeMb: bounds.maxMemoryMb },
      stdout: false, stderr: false,
    });
    let done = false;
    const finish = (code: number, message?: string) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (message) out.stderr(`minerals: ${message}\n`);
      void worker.terminate();
      resolve(code);
    };
    const timer = bounds.timeoutS > 0
      ? setTimeout(() => finish(EXIT.usage, `stopped after ${bounds.timeoutS} s (--timeout ${bounds.timeoutS}): the workbook took too long to evaluate; the results are incomplete. Raise --timeout, or 0 for no limit.`), bounds.timeoutS * 1000)
      : undefined;
    worker.on('message', (m: BoundedMessage) => {
      if (done) return;
      if ('stdout' in m) out.stdout(m.stdout);
      else if ('stderr' in m) out.stderr(m.stderr);
      else finish(m.exit);
    });
    worker.on('error', (e: Error & { code?: string }) => finish(EXIT.usage, e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `the workbook is too large to evaluate here: it needed more than ${bounds.maxMemoryMb} MB of memory (--max-memory ${bounds.maxMemoryMb}); the results are incomplete.`
      : `internal error: ${e.name}: ${e.message}`));
    worker.on('exit', (code) => finish(EXIT.usage, `internal error: the evaluation stopped (exit code ${code}) before the command finished.`));
  });
}
