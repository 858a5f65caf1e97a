/**
 * Text the CLI prints for people (and CI logs) from workbook content: scenario, sheet, check
 * and parameter names, messages, cell text. A workbook is untrusted input, so nothing in it
 * may drive the terminal (ESC sequences clearing the screen or rewriting earlier lines, BEL,
 * bidi overrides reordering what is shown) or the CI runner (GitHub Actions reads a line
 * starting with `::` as a workflow command: `::add-mask::`, `::error::`, `::stop-commands::`).
 */

// C0 controls but LF (the printers' own line breaks), DEL, C1 controls, the Unicode line and
// paragraph separators, and the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The Actions runner trims a line before looking for `::`.
const WORKFLOW_COMMAND = /^([ \t]*):/gm;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` safe to write to a terminal or a CI log: every control character but LF, and every
 * character that reorders or breaks lines, shown as `\xNN` / `\uNNNN`; a line that would start
 * with `::` gets its first colon escaped (`\x3a:`), so it is shown but not obeyed.
 * Every `--format text` printer and stderr go through this; JSON and CSV, which are data,
 * go through `terminalJson` or are written as they are.
 */
export function terminalText(text: string): string {
  const shown = text.replace(UNSAFE, escapeChar);
  return shown.indexOf('::') === -1
    ? shown
    : shown.replace(WORKFLOW_COMMAND, (whole: string, lead: string, offset: number) =>
      shown.charCodeAt(offset + whole.length) === 58 ? `${lead}\\x3a` : whole);
}

/**
 * JSON text (from `JSON.stringify`) with the characters it leaves raw but a terminal may act
 * on (C1 controls, line separators, bidi controls) written as `\uNNNN` escapes: the same JSON
 * value, safe to print. Outside strings JSON is ASCII, so every such character is in a string.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * CSV rows for stdout: every text cell through `terminalText`, so that a cell cannot drive the
 * terminal or start a CI workflow command (a row's first cell starts a line). The CRLF that
 * ends each row is the format's own and stays. `escaped` counts the cells changed; written to
 * a file (`-o`) the rows keep their exact text.
 */
export function terminalCsvRows<T>(rows: ReadonlyArray<ReadonlyArray<T | string>>): { rows: (T | string)[][]; escaped: number } {
  let escaped = 0;
  const out = rows.map((row) => row.map((v) => {
    if (typeof v !== 'string') return v;
    const shown = terminalText(v);
    if (shown !== v) escaped++;
    return shown;
  }));
  return { rows: out, escaped };
}
