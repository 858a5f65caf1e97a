/**
 * Finds the text range of the value at a JSON path by scanning tokens and stopping as soon
 * as the value has been read, without building a tree: a cell edit in a big workbook costs
 * a partial scan instead of a full parse.
 *
 * Duplicate keys: the parser and the grid use the LAST occurrence of a key (MW1002), so a
 * first match is only trusted when no later occurrence of the key can follow in its object
 * (the key's text does not appear again, or the rest of the object was scanned); otherwise
 * the caller falls back to the full parser, which takes the last occurrence.
 */
import { createScanner, type JSONScanner, type SyntaxKind as Kind } from 'jsonc-parser';

// jsonc-parser's SyntaxKind is an ambient const enum (unusable with isolatedModules): its values.
const SyntaxKind = {
  OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, ColonToken: 6,
  NullKeyword: 7, TrueKeyword: 8, FalseKeyword: 9, StringLiteral: 10, NumericLiteral: 11,
  LineCommentTrivia: 12, BlockCommentTrivia: 13, LineBreakTrivia: 14, Trivia: 15, Unknown: 16, EOF: 17,
} as const satisfies Record<string, Kind>;
type SyntaxKind = (typeof SyntaxKind)[keyof typeof SyntaxKind];

/** Offset and length of a value in the text. */
export interface ValueRange {
  offset: number;
  length: number;
}

class Stop extends Error {}

/**
 * The range of the value at `path`, or undefined when the path does not exist or the text up
 * to it is not well-formed JSON (callers then fall back to the full parser).
 */
export function locateValue(text: string, path: ReadonlyArray<string | number>): ValueRange | undefined {
  const scanner = createScanner(text, false);
  let token: SyntaxKind = SyntaxKind.Unknown;
  const next = (): SyntaxKind => {
    for (;;) {
      token = scanner.scan() as SyntaxKind;
      if (scanner.getTokenError() !== 0) throw new Stop();
      if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia) {
        if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) throw new Stop();
        return token;
      }
    }
  };
  // The object levels of the path whose key may still occur again later in the text.
  const keys = path.filter((p): p is string => typeof p === 'string');
  const mayRecur = (key: string, from: number): boolean =>
    !/^[A-Za-z0-9_ $-]*$/.test(key) || text.includes(JSON.stringify(key), from) || text.includes('\\u', from);
  /** True when no key at object level <= `level` (count of string steps) can occur again after `from`. */
  const settled = (level: number, from: number): boolean => keys.slice(0, level).every((k) => !mayRecur(k, from));
  try {
    next();
    return descend({ scanner, current: () => token, next, settled }, path, 0);
  } catch (e) {
    if (e instanceof Stop) return undefined;
    throw e;
  }
}

interface Walk {
  scanner: JSONScanner;
  current: () => SyntaxKind;
  next: () => SyntaxKind;
  settled: (level: number, from: number) => boolean;
}

function descend(w: Walk, path: ReadonlyArray<string | number>, depth: number): ValueRange | undefined {
  const { scanner, current, next } = w;
  if (depth === path.length) {
    const offset = scanner.getTokenOffset();
    skipValue(current, next);
    return { offset, length: scanner.getTokenOffset() + scanner.getTokenLength() - offset };
  }
  const level = path.slice(0, depth + 1).filter((p) => typeof p === 'string').length;
  const done = (): boolean => w.settled(level, scanner.getTokenOffset() + scanner.getTokenLength());
  const step = path[depth];
  if (typeof step === 'string') {
    if (current() !== SyntaxKind.OpenBraceToken) return undefined;
    if (next() === SyntaxKind.CloseBraceToken) return undefined;
    for (;;) {
      if (current() !== SyntaxKind.StringLiteral) throw new Stop();
      const key = scanner.getTokenValue();
      if (next() !== SyntaxKind.ColonToken) throw new Stop();
      next();
      if (key === step) {
        const found = descend(w, path, depth + 1);
        if (!found || done()) return found;
        // The key may occur again in this object: read the rest of it; a duplicate defers to the parser.
        for (;;) {
          const t = next();
          if (t === SyntaxKind.CloseBraceToken) return found;
          if (t !== SyntaxKind.CommaToken || next() !== SyntaxKind.StringLiteral) throw new Stop();
          if (scanner.getTokenValue() === step) throw new Stop();
          if (next() !== SyntaxKind.ColonToken) throw new Stop();
          next();
          skipValue(current, next);
        }
      }
      if (skipItem(current, next, SyntaxKind.CloseBraceToken)) return undefined;
    }
  }
  if (current() !== SyntaxKind.OpenBracketToken) return undefined;
  if (next() === SyntaxKind.CloseBracketToken) return undefined;
  for (let i = 0; ; i++) {
    if (i === step) {
      const found = descend(w, path, depth + 1);
      if (!found || done()) return found;
      // An enclosing object must be checked for a later duplicate: finish this array first.
      for (;;) {
        const t = next();
        if (t === SyntaxKind.CloseBracketToken) return found;
        if (t !== SyntaxKind.CommaToken) throw new Stop();
        next();
        skipValue(current, next);
      }
    }
    if (skipItem(current, next, SyntaxKind.CloseBracketToken)) return undefined;
  }
}

/** Skips the current item and its comma; true when the container ends instead (`close`). */
function skipItem(current: () => SyntaxKind, next: () => SyntaxKind, close: SyntaxKind): boolean {
  skipValue(current, next);
  const t = next();
  if (t === close) return true;
  if (t !== SyntaxKind.CommaToken) throw new Stop();
  next();
  return false;
}

/** Consumes the value starting at the current token; leaves its last token current. */
function skipValue(current: () => SyntaxKind, next: () => SyntaxKind): void {
  const t = current();
  if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
    let depth = 1;
    while (depth > 0) {
      const u = next();
      if (u === SyntaxKind.OpenBraceToken || u === SyntaxKind.OpenBracketToken) depth++;
      else if (u === SyntaxKind.CloseBraceToken || u === SyntaxKind.CloseBracketToken) depth--;
      else if (u === SyntaxKind.EOF) throw new Stop();
    }
    return;
  }
  if (t === SyntaxKind.StringLiteral || t === SyntaxKind.NumericLiteral || t === SyntaxKind.TrueKeyword ||
    t === SyntaxKind.FalseKeyword || t === SyntaxKind.NullKeyword) return;
  throw new Stop();
}
