/**
 * The CLI's only contact with the outside world, injectable so commands run in-process in tests.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';

/** Where a command reads files and writes output. Paths are resolved against `cwd`. */
export interface CliIo {
  /** Write to standard output (results). */
  stdout(text: string): void;
  /** Write to standard error (messages, diagnostics of commands other than validate). */
  stderr(text: string): void;
  /** Read a file as UTF-8; rejects with the system error when it cannot be read. */
  readFile(path: string): Promise<string>;
  /** Read a file's bytes (an .xlsx); rejects when it cannot be read or is larger than `maxBytes`. */
  readBinary(path: string, maxBytes: number): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
  /** Write bytes as they are (an .xlsx package). */
  writeBinary(path: string, bytes: Uint8Array): Promise<void>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Run `git ARGS` in `cwd` and resolve to its stdout; rejects with git's stderr. Absent: no git. */
  git?(args: string[]): Promise<string>;
}

/** The real process: stdout/stderr streams and the file system. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (p) => fs.readFile(p, 'utf8'),
    readBinary: (p, maxBytes) => readBounded(p, maxBytes),
    writeFile: (p, text) => fs.writeFile(p, text, 'utf8'),
    writeBinary: (p, bytes) => fs.writeFile(p, bytes),
    cwd: process.cwd(),
    git: (args) => new Promise((resolve, reject) => {
      execFile('git', args, { cwd: process.cwd(), maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(stderr.trim() || err.message));
        else resolve(stdout);
      });
    }),
  };
}

/** `p` resolved against the io's working directory. */
export function resolvePath(io: CliIo, p: string): string {
  return path.resolve(io.cwd, p);
}

/** The bytes of `p`, refused without reading when the file is larger than `maxBytes`. */
export async function readBounded(p: string, maxBytes: number): Promise<Uint8Array> {
  const stat = await fs.stat(p);
  if (stat.isDirectory()) throw new Error('it is a directory');
  if (stat.size > maxBytes) throw new Error(`it is ${Math.round(stat.size / 1048576)} MB, more than the ${Math.round(maxBytes / 1048576)} MB an import reads`);
  return fs.readFile(p);
}
