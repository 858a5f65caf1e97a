/**
 * Finds the text range of the value at a JSON path by scanning tokens and stopping as soon
 * as the value has been read, without building a tree: a cell edit in a big workbook costs
 * a partial scan instead of a full parse.
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
  try {
    next();
    return descend(scanner, () => token, next, path, 0);
  } catch (e) {
    if (e instanceof Stop) return undefined;
    throw e;
  }
}

function descend(scanner: JSONScanner, current: () => SyntaxKind, next: () => SyntaxKind,
  path: ReadonlyArray<string | number>, depth: number): ValueRange | undefined {
  if (depth === path.length) {
    const offset = scanner.getTokenOffset();
    skipValue(current, next);
    return { offset, length: scanner.getTokenOffset() + scanner.getTokenLength() - offset };
  }
  const step = path[depth];
  if (typeof step === 'string') {
    if (current() !== SyntaxKind.OpenBraceToken) return undefined;
    if (next() === SyntaxKind.CloseBraceToken) return undefined;
    for (;;) {
      if (current() !== SyntaxKind.StringLiteral) throw new Stop();
      const key = scanner.getTokenValue();
      if (next() !== SyntaxKind.ColonToken) throw new Stop();
      next();
      if (key === step) return descend(scanner, current, next, path, depth + 1);
      if (skipItem(current, next, SyntaxKind.CloseBraceToken)) return undefined;
    }
  }
  if (current() !== SyntaxKind.OpenBracketToken) return undefined;
  if (next() === SyntaxKind.CloseBracketToken) return undefined;
  for (let i = 0; ; i++) {
    if (i === step) return descend(scanner, current, next, path, depth + 1);
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
