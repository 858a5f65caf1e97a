/** A fresh temp copy of samples/ (plus test fixtures) per run: tests may edit it freely. */
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './paths';
import { removeLater } from './processes';

export function makeWorkspace(name: string, fixtureDirs: string[] = []): string {
  const root = mkdtempSync(path.join(os.tmpdir(), `minerals-ws-${name}-`));
  removeLater(root);
  const dir = path.join(root, name); // a readable folder name in the window title
  for (const src of [path.join(REPO, 'samples'), ...fixtureDirs]) {
    if (!existsSync(src)) continue;
    for (const f of readdirSync(src)) cpSync(path.join(src, f), path.join(dir, f), { recursive: true });
  }
  // Samples say "$schema": "../schemas/...": keep that path valid as it is in the repo.
  cpSync(path.join(REPO, 'schemas'), path.join(root, 'schemas'), { recursive: true });
  // Make sure the folder exists even when there is nothing to copy yet.
  if (!existsSync(dir)) cpSync(path.join(REPO, 'LICENSE'), path.join(dir, 'LICENSE'));
  return dir;
}
