/**
 * Strict JSON parser for workbook text on top of jsonc-parser's scanner.
 * Iterative (an explicit stack, so absurd nesting cannot overflow the call stack),
 * single pass, and total: every input yields a result and diagnostics, never a throw.
 */
import { createScanner, type JSONScanner } from 'jsonc-parser';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';
import { LineIndex } from '../text/line-index';
import { parseClean } from './fast-path';
import { pointerOf } from './pointer';
import {
  KIND_ARRAY, KIND_BOOLEAN, KIND_NULL, KIND_NUMBER, KIND_OBJECT, KIND_STRING, NodeSourceMap,
} from './source-map';

/** Size limits applied before and during parsing. */
export interface ParseLimits {
  /** Largest accepted text, in UTF-8 bytes. */
  maxBytes: number;
  /** Deepest accepted nesting of arrays and objects (the root container is depth 1). */
  maxDepth: number;
}

/** 50 MiB and 64 levels: far beyond any real workbook (which nests 5 deep), far below harm. */
export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({ maxBytes: 50 * 1024 * 1024, maxDepth: 64 });

/** What parsing produced: the value (undefined if unusable), where each value lies, and problems. */
export interface ParseResult {
  text: string;
  /** The parsed value; `undefined` after a syntax error, excessive nesting or an oversize file. */
  value: unknown;
  sourceMap: NodeSourceMap;
  diagnostics: Diagnostic[];
}

// jsonc-parser's SyntaxKind / ScanError are ambient const enums, unusable under isolatedModules.
const T_OPEN_BRACE = 1;
const T_CLOSE_BRACE = 2;
const T_OPEN_BRACKET = 3;
const T_CLOSE_BRACKET = 4;
const T_COMMA = 5;
const T_COLON = 6;
const T_NULL = 7;
const T_TRUE = 8;
const T_FALSE = 9;
const T_STRING = 10;
const T_NUMBER = 11;
const T_LINE_COMMENT = 12;
const T_BLOCK_COMMENT = 13;
const T_LINE_BREAK = 14;
const T_TRIVIA = 15;
const T_EOF = 17;

const SCAN_ERROR_MESSAGES: Record<number, string> = {
  1: 'unterminated /* comment: add the closing */ (and note that comments are not allowed in workbook files)',
  2: 'unterminated string: add the closing double quote on the same line',
  3: 'incomplete number: digits must follow "." and "e"',
  4: 'invalid \\u escape in string: it needs exactly 4 hex digits, as in \\u00e9',
  5: 'invalid escape in string: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX',
  6: 'control character in string: write it as an escape such as \\t or \\n',
};

/** Keys that could reach an object's prototype chain if copied naively into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Internal signal: parsing stops at the first fatal error (already recorded). */
class StopParsing {}

interface Frame {
  node: number;
  isObject: boolean;
  /** Keys seen so far (objects), for duplicate detection. */
  keys: Set<string> | undefined;
  /** Items so far (arrays): the index of the next item. */
  count: number;
  /** Last linked child node, -1 if none. */
  last: number;
  /** Segment of this container in its parent (for error pointers). */
  segment: string | number | undefined;
  /** Key of the member being parsed (objects), or the next index (arrays). */
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Set when the current member's key is forbidden: parse its value, then drop it. */
  dropMember: boolean;
}

/**
 * Parses `text` as strict JSON. See `parseWorkbookText` for the public entry point.
 * `fast: false` skips the clean-input fast path (tests compare both paths).
 */
export function parseJson(text: string, limits: ParseLimits, fast = true): ParseResult {
  const diagnostics: Diagnostic[] = [];
  if (utf8LengthAtMost(text, limits.maxBytes) > limits.maxBytes) {
    diagnostics.push({
      code: 'MW1005', severity: 'error', pointer: '', start: 0, end: Math.min(1, text.length),
      message: `file too large: more than the limit of ${formatMiB(limits.maxBytes)}; split the workbook into smaller files`,
    });
    return { text, value: undefined, sourceMap: sealed(new NodeSourceMap(0)), diagnostics };
  }
  if (fast) {
    try {
      const clean = parseClean(text, limits.maxDepth);
      if (clean !== undefined) return { text, value: clean.value, sourceMap: sealed(clean.map), diagnostics };
    } catch {
      // Defensive (e.g. out of memory): the full parser below decides and reports.
    }
  }
  const map = new NodeSourceMap(text.length);
  let value: unknown;
  try {
    const parser = new Parser(text, limits, map, diagnostics);
    parser.run();
    value = parser.buildValue();
  } catch (e) {
    if (!(e instanceof StopParsing)) {
      // Defensive: a bug or an out-of-memory must become a diagnostic, never a crash.
      diagnostics.push({
        code: 'MW1001', severity: 'error', pointer: '', start: 0, end: 0,
        message: `could not parse the file: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    value = undefined;
  }
  return { text, value, sourceMap: sealed(map), diagnostics };
}

function sealed(map: NodeSourceMap): NodeSourceMap {
  map.seal();
  return map;
}

class Parser {
  private readonly scanner: JSONScanner;
  private readonly stack: Frame[] = [];
  private lines: LineIndex | undefined;
  /** Ranges (start, end pairs) of comments and trailing commas, blanked before JSON.parse. */
  private readonly blanks: number[] = [];
  private sawForbiddenKey = false;

  constructor(
    private readonly text: string,
    private readonly limits: ParseLimits,
    private readonly map: NodeSourceMap,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.scanner = createScanner(text, false);
    // Tolerate a byte-order mark: editors add one, and it is not part of the JSON.
    if (text.charCodeAt(0) === 0xfeff) this.scanner.setPosition(1);
  }

  /** Records the structure into the source map; throws `StopParsing` at a fatal error. */
  run(): void {
    let tok = this.next();
    if (tok === T_EOF) this.fail(this.text.length, this.text.length, 'the file is empty: a workbook is a JSON object starting with {');
    let haveRoot = false;
    for (;;) {
      // Here `tok` starts a value.
      let node: number;
      const s = this.scanner;
      const start = s.getTokenOffset();
      const end = start + s.getTokenLength();
      switch (tok) {
        case T_OPEN_BRACE:
        case T_OPEN_BRACKET: {
          const isObject = tok === T_OPEN_BRACE;
          if (this.stack.length + 1 > this.limits.maxDepth) {
            this.fail(start, end, `nesting too deep: more than ${this.limits.maxDepth} levels of [ and {; a workbook needs 5`, 'MW1004');
          }
          node = this.map.add(isObject ? KIND_OBJECT : KIND_ARRAY, start, end);
          const frame: Frame = {
            node, isObject, keys: isObject ? new Set() : undefined, count: 0, last: -1, segment: this.segmentInParent(),
            key: '', keyStart: 0, keyEnd: 0, dropMember: false,
          };
          this.stack.push(frame);
          tok = this.next();
          if (isObject) {
            if (tok === T_CLOSE_BRACE) { this.close(); break; }
            tok = this.memberKey(tok, false);
            continue;
          }
          if (tok === T_CLOSE_BRACKET) { this.close(); break; }
          continue;
        }
        case T_STRING:
          node = this.map.add(KIND_STRING, start, end);
          break;
        case T_NUMBER: {
          const raw = s.getTokenValue();
          const c = this.text.charCodeAt(end);
          if ((raw === '0' || raw === '-0') && c >= 48 && c <= 57) {
            this.fail(start, end + 1, 'numbers cannot start with 0 followed by more digits: write 12, not 012');
          }
          if (!Number.isFinite(Number(raw))) this.fail(start, end, `number ${raw} is too large to represent`);
          node = this.map.add(KIND_NUMBER, start, end);
          break;
        }
        case T_TRUE:
        case T_FALSE:
          node = this.map.add(KIND_BOOLEAN, start, end);
          break;
        case T_NULL:
          node = this.map.add(KIND_NULL, start, end);
          break;
        default:
          this.fail(start, end, `expected a value (a number, "text", true, false, null, [ or {), found ${this.describeToken(tok)}`);
      }
      // A value is complete (`node` holds it); attach it to its container, or finish.
      for (;;) {
        const top = this.stack[this.stack.length - 1];
        if (top === undefined) {
          haveRoot = true;
          break;
        }
        this.attach(top, node!);
        tok = this.next();
        if (top.isObject) {
          if (tok === T_COMMA) {
            const comma = s.getTokenOffset();
            tok = this.next();
            if (tok === T_CLOSE_BRACE) {
              this.trailingComma(comma);
            } else {
              tok = this.memberKey(tok, true);
              break;
            }
          } else if (tok !== T_CLOSE_BRACE) {
            this.failHere(tok, `expected , or } after the value of "${top.key}", found ${this.describeToken(tok)}`);
          }
        } else {
          if (tok === T_COMMA) {
            const comma = s.getTokenOffset();
            tok = this.next();
            if (tok === T_CLOSE_BRACKET) {
              this.trailingComma(comma);
            } else {
              break;
            }
          } else if (tok !== T_CLOSE_BRACKET) {
            this.failHere(tok, `expected , or ] after item ${top.count} of the list, found ${this.describeToken(tok)}`);
          }
        }
        node = top.node;
        this.close();
      }
      if (haveRoot) break;
    }
    tok = this.next();
    if (tok !== T_EOF) this.failHere(tok, `unexpected ${this.describeToken(tok)} after the end of the workbook's JSON value`);
  }

  /**
   * The value of a text that `run` accepted. Recording structure only and letting the
   * native JSON.parse build the value is several times cheaper than building it here:
   * comments and trailing commas are blanked out first (so JSON.parse accepts the text),
   * and forbidden keys, which JSON.parse keeps as plain own properties, are deleted.
   * Duplicate keys keep the last value in both, as the diagnostics say.
   */
  buildValue(): unknown {
    let clean = this.text;
    if (this.blanks.length > 0) {
      const parts: string[] = [];
      let at = 0;
      for (let i = 0; i < this.blanks.length; i += 2) {
        parts.push(clean.slice(at, this.blanks[i]), ' '.repeat(this.blanks[i + 1] - this.blanks[i]));
        at = this.blanks[i + 1];
      }
      parts.push(clean.slice(at));
      clean = parts.join('');
    }
    if (clean.charCodeAt(0) === 0xfeff) clean = clean.slice(1);
    const value: unknown = JSON.parse(clean);
    if (this.sawForbiddenKey) dropForbiddenKeys(value);
    return value;
  }

  /** Reads `"key" :` with `tok` the token after `{` or `,`; returns the token starting the value. */
  private memberKey(tok: number, afterComma: boolean): number {
    const s = this.scanner;
    const frame = this.stack[this.stack.length - 1];
    if (tok !== T_STRING) {
      const hint = tok === 16 && /^[A-Za-z_$]/.test(s.getTokenValue()) ? ' (property names need double quotes)' : '';
      const what = afterComma ? 'a property name in double quotes' : 'a property name in double quotes or }';
      this.failHere(tok, `expected ${what}, found ${this.describeToken(tok)}${hint}`);
    }
    const key = s.getTokenValue();
    const kStart = s.getTokenOffset();
    const kEnd = kStart + s.getTokenLength();
    frame.key = key;
    frame.keyStart = kStart;
    frame.keyEnd = kEnd;
    frame.dropMember = false;
    if (FORBIDDEN_KEYS.has(key)) {
      frame.dropMember = true;
      this.sawForbiddenKey = true;
      this.report('MW1003', kStart, kEnd, this.path(key),
        `key "${key}" is not allowed in a workbook (it could tamper with JavaScript objects); it is ignored`);
    } else if (frame.keys!.has(key)) {
      const first = this.map.memberKeyStart(frame.node, key);
      const where = first >= 0 ? ` (first at line ${this.lineOf(first) + 1})` : '';
      this.report('MW1002', kStart, kEnd, this.path(key),
        `duplicate key "${key}"${where}: this later value is the one used; remove one of them`);
    }
    const colon = this.next();
    if (colon !== T_COLON) this.failHere(colon, `expected : after property name "${key}", found ${this.describeToken(colon)}`);
    return this.next();
  }

  private attach(frame: Frame, node: number): void {
    if (frame.isObject) {
      if (frame.dropMember) return;
      this.map.setKey(node, frame.key, frame.keyStart, frame.keyEnd);
      frame.keys!.add(frame.key);
    } else {
      frame.count++;
    }
    this.map.link(frame.node, frame.last, node);
    frame.last = node;
  }

  /** Closes the top container at the current `}`/`]` token. */
  private close(): void {
    const frame = this.stack.pop()!;
    this.map.setEnd(frame.node, this.scanner.getTokenOffset() + this.scanner.getTokenLength());
  }

  /** Next significant token; comments are reported (MW1006) and skipped, scan errors are fatal. */
  private next(): number {
    const s = this.scanner;
    const text = this.text;
    for (;;) {
      // Skip JSON whitespace here: the scanner would build a string for every run of it.
      const at = s.getPosition();
      let p = at;
      for (let c = text.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++p));
      if (p !== at) s.setPosition(p);
      const tok = s.scan();
      if (tok === T_TRIVIA || tok === T_LINE_BREAK) continue;
      const err = s.getTokenError();
      if (err !== 0) {
        const start = s.getTokenOffset();
        this.fail(start, start + s.getTokenLength(), SCAN_ERROR_MESSAGES[err] ?? 'invalid token');
      }
      if (tok === T_LINE_COMMENT || tok === T_BLOCK_COMMENT) {
        const start = s.getTokenOffset();
        this.blanks.push(start, start + s.getTokenLength());
        this.report('MW1006', start, start + s.getTokenLength(), this.path(),
          'comments are not allowed in a workbook file (plain JSON): use a "description" property instead');
        continue;
      }
      return tok;
    }
  }

  private trailingComma(commaStart: number): void {
    // Comments between the comma and the bracket were blanked already: keep `blanks` in text
    // order, or `buildValue` would splice the text out of order and JSON.parse would fail.
    let i = this.blanks.length;
    while (i > 0 && this.blanks[i - 2]! > commaStart) i -= 2;
    this.blanks.splice(i, 0, commaStart, commaStart + 1);
    this.report('MW1006', commaStart, commaStart + 1, this.path(), 'trailing comma is not allowed in JSON: remove it');
  }

  private segmentInParent(): string | number | undefined {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return undefined;
    return top.isObject ? top.key : top.count;
  }

  /** Pointer of the value being parsed (plus an optional child key). */
  private path(childKey?: string): string {
    const segs: (string | number)[] = [];
    for (const f of this.stack) if (f.segment !== undefined) segs.push(f.segment);
    if (childKey !== undefined) segs.push(childKey);
    return pointerOf(segs);
  }

  private lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.positionAt(offset).line;
  }

  private describeToken(tok: number): string {
    const s = this.scanner;
    switch (tok) {
      case T_EOF: {
        const open = this.stack[this.stack.length - 1];
        if (open) {
          const at = this.lineOf(this.map.startOf(open.node)) + 1;
          return `the end of the file (the ${open.isObject ? '{' : '['} opened at line ${at} is never closed)`;
        }
        return 'the end of the file';
      }
      case T_STRING: return `"${truncate(s.getTokenValue())}"`;
      case T_NUMBER: return `the number ${truncate(s.getTokenValue())}`;
      case T_NULL: return 'null';
      case T_TRUE: return 'true';
      case T_FALSE: return 'false';
      case T_OPEN_BRACE: return '{';
      case T_CLOSE_BRACE: return '}';
      case T_OPEN_BRACKET: return '[';
      case T_CLOSE_BRACKET: return ']';
      case T_COMMA: return ',';
      case T_COLON: return ':';
      default: {
        const v = truncate(this.text.slice(s.getTokenOffset(), s.getTokenOffset() + s.getTokenLength()));
        if (v.startsWith("'")) return `${v} (text needs double quotes, not single quotes)`;
        if (v === 'NaN' || v === 'Infinity' || v === '-Infinity' || v === 'undefined') return `${v} (not valid JSON; use null or a number)`;
        if (/^(True|False|TRUE|FALSE|Null|NULL|None)$/.test(v)) return `${v} (JSON literals are lowercase: true, false, null)`;
        return `"${v}"`;
      }
    }
  }

  private failHere(tok: number, message: string): never {
    const s = this.scanner;
    const start = tok === T_EOF ? this.text.length : s.getTokenOffset();
    this.fail(start, start + (tok === T_EOF ? 0 : s.getTokenLength()), message);
  }

  private fail(start: number, end: number, message: string, code: DiagnosticCode = 'MW1001'): never {
    this.report(code, start, end, this.path(), message);
    throw new StopParsing();
  }

  private report(code: DiagnosticCode, start: number, end: number, pointer: string, message: string): void {
    const len = this.text.length;
    const s = Math.max(0, Math.min(start, len));
    this.diagnostics.push({ code, severity: 'error', pointer, start: s, end: Math.max(s, Math.min(end, len)), message });
  }
}

/** Deletes `__proto__`, `constructor` and `prototype` own properties everywhere in `root` (iteratively). */
function dropForbiddenKeys(root: unknown): void {
  const todo: unknown[] = [root];
  while (todo.length > 0) {
    const v = todo.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') todo.push(x);
      continue;
    }
    for (const k of FORBIDDEN_KEYS) if (Object.prototype.hasOwnProperty.call(v, k)) delete (v as Record<string, unknown>)[k];
    for (const x of Object.values(v)) if (x !== null && typeof x === 'object') todo.push(x);
  }
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

/** UTF-8 length of `text`, counting no further than just past `limit` (cheap for huge inputs). */
function utf8LengthAtMost(text: string, limit: number): number {
  // Every UTF-16 unit is 1-3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units).
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
    if (bytes > limit) return bytes + (text.length - i - 1);
  }
  return bytes;
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
