/**
 * The `minerals` command: validate, evaluate, export, compare and goal-seek workbooks
 * headlessly, with the same core as the extension. Bundled to `dist/cli.js`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { version } from '../../package.json';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, runBounded, takeBounds, type BoundedMessage, type BoundedRequest } from './bounded';
import type { Command } from './args';
import { EngineError } from '../core/engine/index';
import { CliError, EXIT } from './errors';
import { nodeIo, type CliIo } from './io';
import { validateCommand } from './commands/validate';
import { evalCommand } from './commands/eval';
import { exportCommand } from './commands/export';
import { compareCommand } from './commands/compare';
import { goalSeekCommand } from './commands/goal-seek';
import { terminalText } from './terminal';
import { diffCommand } from './commands/diff';
import { importCommand } from './commands/import';

export type { CliIo } from './io';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, evalCommand, exportCommand, importCommand, compareCommand, goalSeekCommand, diffCommand];

/** The tool's help text. */
export function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: minerals <command> [options]

Validate, evaluate and export *.minerals.json scenario workbooks.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help          show this help; 'minerals <command> --help' for a command's options
  -v, --version       print the version
  --timeout SECONDS   stop a command that runs longer (default ${DEFAULT_TIMEOUT_S}; 0: no limit), exit 2
  --max-memory MB     stop a command whose evaluation needs more heap (default ${DEFAULT_MAX_MEMORY_MB}), exit 2

Exit status: 0 success, 1 the workbook has errors (or a check of severity error fails),
2 bad usage, unreadable file, or the --timeout / --max-memory limit was reached.
Results go to stdout, messages to stderr.`;
}

/**
 * Run the command line `argv` (without `node` and the script) against `io`.
 * Resolves to the exit status; never throws and never calls `process.exit`.
 */
export async function run(argv: string[], rawIo: CliIo): Promise<number> {
  // Messages quote workbook text (names, formula errors); stderr is never data.
  const io: CliIo = { ...rawIo, stderr: (text) => rawIo.stderr(terminalText(text)) };
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.stdout((topic ? topic.help : toolHelp()) + '\n');
      // Bare `minerals` is a usage mistake; asking for help is not.
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === '-v' || first === '--version') {
      io.stdout(`${version}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      throw new CliError(
        first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`,
        EXIT.usage,
        `Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Try 'minerals --help'.`,
      );
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.help + '\n');
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`minerals: ${err.message}\n${err.hint ? err.hint + '\n' : ''}`);
      return err.exitCode;
    }
    // The engine rejects a reference or name the command line passed on: bad usage.
    if (err instanceof EngineError) {
      io.stderr(`minerals: ${err.message}\n`);
      return EXIT.usage;
    }
    // A bug: say so plainly rather than dumping a stack on the analyst.
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    io.stderr(`minerals: internal error: ${detail}\n`);
    if (process.env.MINERALS_DEBUG && err instanceof Error && err.stack) io.stderr(err.stack + '\n');
    return EXIT.usage;
  }
}

// Run only as the bundled executable, not when a test imports this module: the main thread
// bounds the command's time and memory; the command itself runs in a worker of this bundle.
if (isMainThread && typeof require !== 'undefined' && require.main === module) {
  // `minerals eval ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const out = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t) };
  let bounded: ReturnType<typeof takeBounds>;
  try {
    bounded = takeBounds(process.argv.slice(2));
  } catch (err) {
    const e = err as CliError;
    out.stderr(`minerals: ${e.message}\n${e.hint ? e.hint + '\n' : ''}`);
    process.exit(e.exitCode);
  }
  void runBounded(__filename, bounded.rest, bounded.bounds, out).then((code) => {
    process.exitCode = code;
  });
} else if (!isMainThread && (workerData as Partial<BoundedRequest> | undefined)?.argv) {
  const post = (m: BoundedMessage) => parentPort?.postMessage(m);
  const io: CliIo = { ...nodeIo(), stdout: (text) => post({ stdout: text }), stderr: (text) => post({ stderr: text }) };
  void run((workerData as BoundedRequest).argv, io).then((code) => post({ exit: code }));
}
