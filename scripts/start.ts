/**
 * `npm start`: the sample workbooks in VS Code with this extension.
 * - A desktop `code` on PATH: build, then `code --extensionDevelopmentPath=<repo> samples/`.
 * - Otherwise: production build and package, install into the cached VS Code Server
 *   (set up on first use), serve it on 127.0.0.1:8080 (or a free port) with samples/ open,
 *   print the URL and stay in the foreground until Ctrl+C.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageProduct } from './vscode-server/package';
import { REPO, ensureVsCodeServer } from './vscode-server/paths';
import { runCleanups } from './vscode-server/processes';
import { secs, startServer } from './vscode-server/server';

const SAMPLES = path.join(REPO, 'samples');

function desktopCode(): boolean {
  if (process.env.MINERALS_NO_DESKTOP) return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  // code-server also answers to `code` on some machines; only a desktop VS Code is wanted here.
  return r.status === 0 && !/code-server/i.test(r.stdout ?? '');
}

async function main(): Promise<void> {
  if (desktopCode()) {
    const b = spawnSync(process.execPath, [path.join(REPO, 'esbuild.js')], { stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
    const child = spawn('code', ['--wait', `--extensionDevelopmentPath=${REPO}`, SAMPLES], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const t0 = Date.now();
  ensureVsCodeServer();
  const vsix = packageProduct();
  const server = await startServer({ vsix: [vsix], port: Number(process.env.PORT ?? 8080), folder: SAMPLES });
  console.log(`\nMinerals Workbook is running in VS Code Server (ready in ${secs(t0)}):\n\n  ${server.workbenchUrl(SAMPLES)}\n`);
  console.log(`Open that URL in a browser on this machine. Server log: ${server.logFile}\nPress Ctrl+C to stop.`);
  // Stay in the foreground; the SIGINT handler in processes.ts stops the server by its PID.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      try { process.kill(server.pid, 0); } catch { clearInterval(check); resolve(); }
    }, 1000);
  });
  console.error('VS Code Server stopped.');
  await runCleanups();
  process.exit(1);
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await runCleanups();
  process.exit(1);
});
