/** Exit statuses of the `minerals` command (DESIGN.md's CLI contract). */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The workbook has errors, a check of severity error fails, or goal seek finds no root. */
  failed: 1,
  /** Bad usage, unreadable file, unknown sheet, scenario, parameter or cell. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A problem that ends the command with a message on stderr (`minerals: <message>`) and
 * the given exit status. `hint` is printed on a second line, e.g. where to find help.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.usage, readonly hint?: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad usage: exit 2 and point at the command's help. */
export function usageError(message: string, command?: string): CliError {
  return new CliError(message, EXIT.usage, `Try 'minerals ${command ? command + ' ' : ''}--help'.`);
}
