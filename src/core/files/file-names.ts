/**
 * File names made from sheet names, safe on every file system the extension may write to:
 * Windows (reserved device names, forbidden characters, trailing dots and spaces) and macOS /
 * Windows case- and normalization-insensitive volumes, where two distinct sheet names such as
 * `Café` (NFC) and `Café` (NFD), `ＡＢ` and `ab`, or `Q1` and `q1` name one file.
 */

// Forbidden on Windows or anywhere (separators, controls), and characters that make a name
// display as something else (C1 controls, bidi overrides: `txt.exe` shown as `exe.txt`).
// eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
const UNSAFE_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
// Windows opens a device, not a file, for these names whatever the extension (`CON.csv`,
// `nul.x.csv`), and ignores spaces before the first dot (`CON .csv`).
const RESERVED = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3]) *(?:\.|$)/i;
const MAX_LENGTH = 120;

/**
 * A file-name-safe version of a sheet name (no extension): forbidden and invisible characters
 * become `_`, leading/trailing dots and spaces go, a Windows device name gets a `_`
 * (`CON` → `CON_`, `nul.x` → `nul_.x`), at most 120 characters; `sheet` when nothing is left.
 */
export function safeFileName(name: string): string {
  let cleaned = name.replace(UNSAFE_CHARS, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  const chars = Array.from(cleaned);
  // Cut by code point, never inside a surrogate pair.
  if (chars.length > MAX_LENGTH) cleaned = chars.slice(0, MAX_LENGTH).join('').replace(/[.\s]+$/, '');
  if (cleaned.length === 0) return 'sheet';
  const reserved = RESERVED.exec(cleaned);
  if (reserved) {
    const base = reserved[0].replace(/[ .]+$/, '');
    cleaned = `${base}_${cleaned.slice(base.length)}`;
  }
  return cleaned;
}

/** The key two names share when a case- and normalization-insensitive file system sees one file. */
export function fileNameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** One sheet's file name, and why it differs from the sheet name when it does. */
export interface SheetFileName {
  sheet: string;
  /** File name with extension. */
  fileName: string;
  /** Set when the file name is not the sheet name plus the extension. */
  renamed?: string;
}

/**
 * Distinct file names (`<safe name><extension>`) for `sheets`, in order: a name that would
 * denote the same file as an earlier one on a case- or normalization-insensitive file system
 * gets ` (2)`, ` (3)`, ... Every name that differs from the sheet name says why.
 */
export function sheetFileNames(sheets: readonly string[], extension = '.csv'): SheetFileName[] {
  const used = new Set<string>();
  return sheets.map((sheet) => {
    const safe = safeFileName(sheet);
    const reasons: string[] = [];
    if (safe !== sheet) reasons.push(RESERVED.test(sheet.trim()) ? 'a Windows device name' : 'characters not allowed in file names');
    let name = safe;
    for (let n = 2; used.has(fileNameKey(name + extension)); n++) name = `${safe} (${n})`;
    if (name !== safe) reasons.push('same file name as an earlier sheet, ignoring case and Unicode form');
    used.add(fileNameKey(name + extension));
    const entry: SheetFileName = { sheet, fileName: name + extension };
    if (reasons.length > 0) entry.renamed = reasons.join('; ');
    return entry;
  });
}
