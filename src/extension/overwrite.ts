/**
 * Asking once before files are replaced. No `vscode` here (unit-tested in plain Node): the
 * commands pass how to test a target's existence and how to ask the user.
 */

/**
 * True when writing `targets` replaces nothing, or the user agreed to replace the ones that
 * exist (asked once, with all of them); false when the user declined.
 */
export async function confirmOverwrite<T>(targets: readonly T[], exists: (target: T) => Promise<boolean>,
  ask: (existing: T[]) => Promise<boolean>): Promise<boolean> {
  const found = await Promise.all(targets.map(async (t) => ((await exists(t)) ? [t] : [])));
  const existing = found.flat();
  return existing.length === 0 || ask(existing);
}

/** The question for `existing` file names: one names the file, several are counted. */
export function replaceQuestion(existing: readonly string[], where: string): string {
  if (existing.length === 1) return `${existing[0]} already exists in ${where}. Replace it?`;
  const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? `, and ${existing.length - 5} more` : '');
  return `Replace ${existing.length} files in ${where}? ${shown} already exist.`;
}
