/**
 * Reading an untrusted .xlsx package: the zip (fflate) within limits on entries and inflated
 * bytes, its XML parts (fast-xml-parser) without DTDs, and the relationships that say where
 * each part is. Anything outside the limits is an `XlsxImportError` with a message, never a
 * crash, an unbounded allocation or a file written.
 */
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/** Bounds on what an import may inflate. */
export interface PackageLimits {
  /** Zip entries. */
  maxEntries: number;
  /** Inflated bytes of all the parts read, as the zip declares them (a part cannot inflate past its declared size). */
  maxInflatedBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: Readonly<PackageLimits> = Object.freeze({ maxEntries: 10_000, maxInflatedBytes: 512 * 1024 * 1024 });

/** A file the importer refuses: what is wrong, where, and what to do. */
export class XlsxImportError extends Error {
  constructor(message: string, readonly location?: string) {
    super(location ? `${location}: ${message}` : message);
    this.name = 'XlsxImportError';
  }
}

/** The parts of a package: names of every entry, and the bytes of those read. */
export interface XlsxPackage {
  names: string[];
  /** A part's text (UTF-8), or undefined when the package has no such part. */
  text(name: string): string | undefined;
  has(name: string): boolean;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether a part is one the importer reads (the rest are only listed, never inflated). */
function isReadPart(name: string): boolean {
  return name === '[Content_Types].xml' || /\.rels$/i.test(name)
    || /^xl\/(workbook|sharedStrings|styles)\.xml$/i.test(name) || /^xl\/worksheets\/[^/]+\.xml$/i.test(name)
    || name === 'mimetype';
}

/** A name that would leave the package if it were extracted: absolute, a drive, or `..`. */
function escapesPackage(name: string): boolean {
  return /^([/\\]|[A-Za-z]:)/.test(name) || name.split(/[/\\]/).includes('..') || name.includes('\0');
}

/**
 * Open `bytes` as an .xlsx package.
 * @throws XlsxImportError for anything that is not a readable, bounded .xlsx.
 */
export function readPackage(bytes: Uint8Array, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): XlsxPackage {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new XlsxImportError('this is an OLE compound file: an Excel 97-2003 .xls workbook or a password-protected (encrypted) .xlsx. Open it in Excel or LibreOffice, remove the password if any, and save it as an Excel Workbook (.xlsx)');
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new XlsxImportError('this is not an .xlsx file (an .xlsx is a zip package; this file does not start like one)');
  }
  const names: string[] = [];
  let declared = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (entry) => {
        if (names.length >= limits.maxEntries) throw new XlsxImportError(`the package has more than ${limits.maxEntries} entries`);
        if (escapesPackage(entry.name)) throw new XlsxImportError(`the package has an entry named "${entry.name.slice(0, 200)}", which points outside the package (path traversal); refusing the file`);
        names.push(entry.name);
        if (!isReadPart(entry.name)) return false;
        declared += entry.originalSize;
        if (declared > limits.maxInflatedBytes) {
          throw new XlsxImportError(`the package inflates to more than ${Math.round(limits.maxInflatedBytes / 1048576)} MB (at ${entry.name}); a workbook this large, or a zip bomb, is refused`);
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof XlsxImportError) throw err;
    throw new XlsxImportError(`this is not a readable .xlsx file: the zip package is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  const lower = new Map(Object.keys(parts).map((k) => [k.toLowerCase(), k]));
  const all = new Set(names.map((n) => n.toLowerCase()));
  const pkg: XlsxPackage = {
    names,
    has: (name) => all.has(name.toLowerCase()),
    text: (name) => {
      const key = lower.get(name.toLowerCase());
      return key === undefined ? undefined : strFromU8(parts[key]!);
    },
  };
  refuseOtherFormats(pkg);
  return pkg;
}

function refuseOtherFormats(pkg: XlsxPackage): void {
  if (pkg.text('mimetype')?.trim().startsWith('application/vnd.oasis.opendocument')) {
    throw new XlsxImportError('this is an OpenDocument file (.ods), not an .xlsx. Open it in LibreOffice and save it as Excel 2007-365 (.xlsx)');
  }
  if (pkg.has('xl/workbook.bin')) {
    throw new XlsxImportError('this is an Excel Binary Workbook (.xlsb), not an .xlsx. Open it in Excel and save it as Excel Workbook (.xlsx)');
  }
  if (pkg.has('EncryptionInfo')) throw new XlsxImportError('this workbook is encrypted; remove its password in Excel and save it again');
}

const ARRAYS = new Set(['row', 'c', 'si', 'r', 'sheet', 'definedName', 'numFmt', 'xf', 'col', 'scenario', 'inputCells', 'Relationship', 'Override', 'Default', 'pane']);

/** How every part is parsed (exported for bench 9, whose floor parses with the same options). */
export const XML_PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  // DTDs are refused before parsing (below); no entity of the document's own is ever expanded.
  processEntities: true,
  htmlEntities: false,
  isArray: (name: string, _path: unknown, _leaf: unknown, isAttribute: boolean) => !isAttribute && ARRAYS.has(name),
} as const;

const parser = new XMLParser(XML_PARSER_OPTIONS);

export type XmlNode = Record<string, unknown>;

/**
 * Parse one XML part. OOXML never uses a DTD, so a part with `<!DOCTYPE` (the vehicle of
 * entity-expansion bombs) is refused outright.
 * @throws XlsxImportError naming the part.
 */
export function parseXml(text: string, part: string): XmlNode {
  if (/<!DOCTYPE/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text)) {
    throw new XlsxImportError('the part declares a DTD or entities, which an .xlsx never does (an entity-expansion attack?); refusing the file', part);
  }
  let result: unknown;
  try {
    // `true`: validate first; the parser alone accepts unclosed elements without a word.
    result = parser.parse(text, true);
  } catch (err) {
    throw new XlsxImportError(`the XML is malformed (${err instanceof Error ? err.message : String(err)})`, part);
  }
  if (result && typeof result === 'object' && 'err' in result) {
    const e = (result as { err: { msg?: string; line?: number } }).err;
    throw new XlsxImportError(`the XML is malformed (${e.msg ?? 'invalid'}${e.line ? `, line ${e.line}` : ''})`, part);
  }
  return result as XmlNode;
}

/** Text content of an element parsed as string or `{ '#text' }`; `_xHHHH_` escapes decoded. */
export function textOf(node: unknown): string {
  let t: string;
  if (typeof node === 'string') t = node;
  else if (node && typeof node === 'object' && '#text' in node) t = String((node as XmlNode)['#text']);
  else return '';
  return t.includes('_x') ? t.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : t;
}

/** The attribute `name` of an element, or undefined. */
export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@${name}`];
  return v === undefined ? undefined : String(v);
}

/** A child element as a list (absent: empty). */
export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as XmlNode)[name];
  if (v === undefined || v === '') return [];
  const list = Array.isArray(v) ? v as unknown[] : [v];
  // Rows and cells are arrays of elements already: hand them over without a copy per row.
  if (list.every((x) => typeof x === 'object' && x !== null)) return list as XmlNode[];
  return list.map((x) => (typeof x === 'object' && x !== null ? x as XmlNode : { '#text': x }));
}

/** A single child element, or undefined. */
export function child(node: unknown, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** Relationship id -> target part (resolved against `base`, the folder of the part that owns them). */
export function relationships(pkg: XlsxPackage, relsPart: string, base: string): Map<string, { target: string; type: string; external: boolean }> {
  const out = new Map<string, { target: string; type: string; external: boolean }>();
  const text = pkg.text(relsPart);
  if (text === undefined) return out;
  for (const rel of children(parseXml(text, relsPart).Relationships, 'Relationship')) {
    const id = attr(rel, 'Id');
    const target = attr(rel, 'Target');
    if (id === undefined || target === undefined) continue;
    const external = attr(rel, 'TargetMode') === 'External';
    out.set(id, { target: external ? target : resolvePart(base, target), type: attr(rel, 'Type') ?? '', external });
  }
  return out;
}

/** `../x.xml` against `xl/worksheets` -> `xl/x.xml`; `/xl/a.xml` -> `xl/a.xml`. A target above the root stays unresolvable. */
export function resolvePart(base: string, target: string): string {
  const stack = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (stack.length === 0) return `\0outside/${target}`; stack.pop(); } else stack.push(seg);
  }
  return stack.join('/');
}
