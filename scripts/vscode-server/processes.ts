/**
 * Every process and temp folder the harness creates is registered here and torn down on
 * normal exit, on failure and on Ctrl+C. Children are spawned detached (own process group)
 * so killing the recorded PID's group also stops code-server's extension hosts.
 */
import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

type Cleanup = () => void | Promise<void>;
const cleanups: Cleanup[] = [];
let installed = false;

export function onCleanup(fn: Cleanup): void {
  installHandlers();
  cleanups.push(fn);
}

/** Stops a detached child by its recorded PID: SIGTERM to its group, SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs));
  const done = await Promise.race([exited.then(() => true), timer]);
  // The group may still hold extension hosts even after the leader exited.
  signalGroup(pid, 'SIGKILL');
  if (!done) await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pid, signal); } catch { /* group already gone */ }
  try { process.kill(pid, signal); } catch { /* already gone */ }
}

export function removeLater(dir: string): void {
  onCleanup(() => {
    if (process.env.MINERALS_KEEP_TEMP) return;
    rmSync(dir, { recursive: true, force: true });
  });
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try { await fn(); } catch (err) { console.error('[harness] cleanup failed:', err); }
  }
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`\n[harness] ${sig}: stopping everything the harness started`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}
