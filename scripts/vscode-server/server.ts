/**
 * Starts VS Code Server (code-server) on a free 127.0.0.1 port with throwaway user-data and
 * extensions folders, installs the given .vsix files first, and waits until it serves.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER, NODE24_BIN, ensureVsCodeServer } from './paths';
import { onCleanup, removeLater, stopProcess } from './processes';

export interface ServerOptions {
  /** .vsix files installed with --install-extension before the server starts. */
  vsix: string[];
  /** Extra environment for the server; the extension host inherits it. */
  env?: Record<string, string>;
  /** Fixed port (e.g. 8080 for `npm start`); falls back to a free one when taken. */
  port?: number;
  /** Folder opened by default (the URL may still choose another with ?folder=). */
  folder?: string;
  /** Keep server output on the console (npm start) instead of only in the log file. */
  verbose?: boolean;
}

export interface Server {
  url: string;
  port: number;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Workbench URL opening `folder`. */
  workbenchUrl(folder: string): string;
  stop(): Promise<void>;
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) => new Promise<number | undefined>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : undefined));
    });
  });
  if (preferred !== undefined) {
    const p = await tryPort(preferred);
    if (p !== undefined) return p;
  }
  const p = await tryPort(0);
  if (p === undefined) throw new Error('no free port on 127.0.0.1');
  return p;
}

function serverEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Node 24 first on PATH: code-server 4.139 needs it and spawns `node` for its helpers.
  // XDG folders point into the temp dir so nothing lands in the user's real config.
  return {
    ...process.env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    ...extra,
  };
}

export async function startServer(opts: ServerOptions): Promise<Server> {
  ensureVsCodeServer();
  const home = mkdtempSync(path.join(os.tmpdir(), 'minerals-vscode-'));
  removeLater(home);
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  const configFile = path.join(home, 'config.yaml');
  const logFile = path.join(home, 'code-server.log');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
  }, null, 2));
  const env = serverEnv(home, opts.env);
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (opts.vsix.length > 0) {
    const t0 = Date.now();
    const args = [...common, '--force', ...opts.vsix.flatMap((v) => ['--install-extension', v])];
    const r = spawnSync(CODE_SERVER, args, { env, encoding: 'utf8', timeout: 180_000 });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || /failed installing|error:/i.test(out)) {
      throw new Error(`installing ${opts.vsix.map((v) => path.basename(v)).join(', ')} failed (status ${r.status}):\n${out}`);
    }
    console.log(`[harness] installed ${opts.vsix.map((v) => path.basename(v)).join(', ')} in ${secs(t0)}`);
  }

  const port = await freePort(opts.port);
  const t0 = Date.now();
  const args = [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', ...(opts.folder ? [opts.folder] : [])];
  const child = spawn(CODE_SERVER, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  const stop = () => stopProcess(child);
  onCleanup(stop);

  const log = createWriteStream(logFile);
  let output = '';
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 100_000) output += chunk.toString();
    if (opts.verbose) process.stderr.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}healthz`);
      return res.ok;
    } catch {
      return false;
    }
  }, 60_000, () => `code-server did not answer on ${url} within 60s:\n${output}`);
  console.log(`[harness] code-server (pid ${pid}) listening on ${url} after ${secs(t0)}`);

  return {
    url, port, pid, userDataDir, extensionsDir, logFile,
    workbenchUrl: (folder) => `${url}?folder=${encodeURIComponent(folder)}`,
    stop,
  };
}

export async function waitFor(probe: () => Promise<boolean> | boolean, timeoutMs: number, message: () => string, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function secs(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}
