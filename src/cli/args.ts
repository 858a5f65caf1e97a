/**
 * Command-line parsing shared by the commands (node:util parseArgs, strict).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';
import type { CliIo } from './io';

/** What every command module exports. */
export interface Command {
  name: string;
  /** One line for `minerals --help`. */
  summary: string;
  /** Full text for `minerals <command> --help`. */
  help: string;
  /** Run with the arguments after the command name (`--help` is handled before); resolves to the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments: option values by name and the positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parse `args` strictly against `options` (plus `-h/--help`).
 * @throws CliError exit 2 for an unknown option or a missing option value.
 */
export function parseCommandArgs(command: string, args: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    // parseArgs' messages name the option and say what is wrong; drop its internal hints.
    const message = err instanceof Error ? err.message.split('\n')[0].replace(/\. To specify a positional.*$/, '') : String(err);
    throw usageError(message, command);
  }
}

/**
 * `--to -5` -> `--to=-5`: parseArgs would take `-5` for an option; a value that reads as a
 * negative number after a string option is meant as its value.
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/** The string value of option `name`, or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The value of a `--format`-like option, checked against the allowed choices.
 * @throws CliError exit 2 for any other value.
 */
export function choiceOption<T extends string>(parsed: ParsedArgs, name: string, choices: readonly T[], fallback: T, command: string): T {
  const v = stringOption(parsed, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw usageError(`--${name} must be one of ${choices.join(', ')}, not "${v}"`, command);
}

/** Exactly one FILE positional. @throws CliError exit 2 otherwise. */
export function singleFile(parsed: ParsedArgs, command: string): string {
  if (parsed.positionals.length === 0) throw usageError('missing FILE', command);
  if (parsed.positionals.length > 1) throw usageError(`expected one FILE, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`, command);
  return parsed.positionals[0];
}

/** A required string option. @throws CliError exit 2 when absent. */
export function requiredOption(parsed: ParsedArgs, name: string, command: string): string {
  const v = stringOption(parsed, name);
  if (v === undefined || v === '') throw usageError(`missing --${name}`, command);
  return v;
}
