/**
 * JSON Schema validation (ajv, draft 2020-12, strict, all errors) of a parsed workbook,
 * with ajv's errors turned into one analyst-worded diagnostic per location.
 * ajv compiles validators with `new Function`: this module must never load in the webview.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import schema from '../../../schemas/minerals-workbook.schema.json';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';
import { parsePointer, pointerOf, type NodeSourceMap, type TextSpan } from '../parse';
import { describe, phrase, valueAt } from './describe';
import { didYouMean } from './names';
import { MAX_SHEET_NAME, sheetNameProblem } from '../model/sheet-name';

/** Most schema diagnostics reported for one file; the rest are summarised in one more. */
export const MAX_SCHEMA_DIAGNOSTICS = 1000;

let compiled: ValidateFunction | undefined;

/** The compiled workbook schema (compiled once per process, on first use). */
export function workbookSchemaValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true });
    // VS Code's editor annotations: known, and meaningless to validation.
    ajv.addVocabulary(['markdownDescription', 'defaultSnippets']);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Schema diagnostics (MW2001; MW3006 for sheet names) for a parsed value. Empty when valid. */
export function schemaDiagnostics(value: unknown, map: NodeSourceMap): Diagnostic[] {
  const validate = workbookSchemaValidator();
  // ajv with allErrors builds an error object for every invalid cell before any is reported:
  // a 48 MB file of 16 million invalid cells ran it out of a 4 GB heap. Past the cap the rest
  // of the cells are only counted, and validated as if they were valid.
  const capped = cappedCells(value, MAX_SCHEMA_DIAGNOSTICS);
  if (validate(capped.value)) return [];
  return mapSchemaErrors(validate.errors ?? [], value, map, capped.skipped);
}

/** What ajv may hold in a cell (the schema's own list, so the two cannot disagree). */
const CELL_TYPES: readonly string[] = schema.$defs.cell.type;
const EMPTY_ROW: readonly unknown[] = Object.freeze([]);

function cellValid(v: unknown): boolean {
  if (v === null) return CELL_TYPES.includes('null');
  return (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') && CELL_TYPES.includes(typeof v);
}

/** Invalid cells of a row (a row that is not a list counts as one problem). */
function invalidCells(row: unknown): number {
  if (!Array.isArray(row)) return 1;
  let n = 0;
  for (const v of row as unknown[]) if (!cellValid(v)) n++;
  return n;
}

/**
 * `root` with every row past the first `cap` invalid cells that holds an invalid cell replaced
 * by an empty row, and how many problems that hides (each would be one diagnostic). The
 * rows before the cut, everything outside `rows`, and `root` itself are left as they are.
 */
function cappedCells(root: unknown, cap: number): { value: unknown; skipped: number } {
  const o = root as { sheets?: unknown } | null;
  if (o === null || typeof o !== 'object' || !Array.isArray(o.sheets)) return { value: root, skipped: 0 };
  let seen = 0;
  let skipped = 0;
  let sheets: unknown[] | undefined;
  o.sheets.forEach((sheet: unknown, si) => {
    const rows = (sheet as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(rows)) return;
    let copy: unknown[] | undefined;
    for (let r = 0; r < rows.length; r++) {
      const bad = invalidCells(rows[r]);
      if (bad === 0) continue;
      if (seen >= cap) {
        copy ??= rows.slice();
        copy[r] = EMPTY_ROW;
        skipped += bad;
      }
      seen += bad;
    }
    if (copy !== undefined) {
      sheets ??= (o.sheets as unknown[]).slice();
      sheets[si] = { ...(sheet as object), rows: copy };
    }
  });
  return sheets === undefined ? { value: root, skipped: 0 } : { value: { ...o, sheets }, skipped };
}

interface Pending {
  code: DiagnosticCode;
  pointer: string;
  span: TextSpan;
  rank: number;
  message: string;
  /** For `required`: the missing names, merged into one message per object. */
  missing?: string[];
}

/** Lower ranks win when several errors land on one location. */
const RANK: Record<string, number> = {
  type: 0, const: 1, enum: 1, required: 2, additionalProperties: 2, minItems: 3,
  minLength: 4, maxLength: 4, pattern: 5, minimum: 6, maximum: 6, exclusiveMinimum: 6, exclusiveMaximum: 6,
};

/**
 * Turns ajv's errors into at most one diagnostic per text range (and `MAX_SCHEMA_DIAGNOSTICS`
 * in all). Exported for tests; `schemaDiagnostics` is the entry point.
 */
export function mapSchemaErrors(errors: ErrorObject[], root: unknown, map: NodeSourceMap, notChecked = 0): Diagnostic[] {
  const branches = branchesOfCombinators(errors);
  const byLocation = new Map<string, Pending>();
  let overflow = notChecked;
  for (const err of errors) {
    // Errors inside a failing anyOf/oneOf only repeat it: the combinator speaks for them.
    if (branches.owned.has(err)) continue;
    // propertyNames: ajv reports the inner failure (with propertyName) and then a summary.
    if (err.keyword === 'propertyNames') continue;
    const p = pending(err, root, map, branches.of.get(err) ?? []);
    if (p === undefined) continue;
    const key = `${p.span.start}:${p.span.end}`;
    const prev = byLocation.get(key);
    if (prev === undefined) {
      if (byLocation.size >= MAX_SCHEMA_DIAGNOSTICS) {
        overflow++;
        continue;
      }
      byLocation.set(key, p);
    } else if (p.missing && prev.missing) {
      prev.missing.push(...p.missing);
    } else if (p.rank < prev.rank) {
      byLocation.set(key, p);
    }
  }
  const out: Diagnostic[] = [];
  for (const p of byLocation.values()) {
    let message = p.message;
    if (p.missing) {
      const names = p.missing.map((m) => `"${m}"`);
      message = `${p.message} ${names.length > 1 ? names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1] : names[0]}`;
    }
    out.push({ code: p.code, severity: 'error', pointer: p.pointer, start: p.span.start, end: p.span.end, message });
  }
  if (overflow > 0) {
    const span = map.valueRange('');
    out.push({
      code: 'MW2001', severity: 'error', pointer: '', start: span.start, end: Math.min(span.end, span.start + 1),
      message: `${overflow} more schema problems not shown (only the first ${MAX_SCHEMA_DIAGNOSTICS} are listed)`,
    });
  }
  return out;
}

/** For each anyOf/oneOf error, the errors of its failed branches (found by instance and schema path). */
function branchesOfCombinators(errors: ErrorObject[]): { of: Map<ErrorObject, ErrorObject[]>; owned: Set<ErrorObject> } {
  const of = new Map<ErrorObject, ErrorObject[]>();
  const owned = new Set<ErrorObject>();
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  if (byPath.size === 0) return { of, owned };
  for (const err of errors) {
    // A branch error lies at or below its combinator's instance, and under its schema path.
    for (let path = err.instancePath; ; path = path.slice(0, path.lastIndexOf('/'))) {
      const owner = byPath.get(path)?.find((c) => c !== err && err.schemaPath.startsWith(c.schemaPath + '/'));
      if (owner !== undefined) {
        owned.add(err);
        of.set(owner, [...(of.get(owner) ?? []), err]);
        break;
      }
      if (path === '') break;
    }
  }
  return { of, owned };
}

function pending(err: ErrorObject, root: unknown, map: NodeSourceMap, branchErrors: ErrorObject[]): Pending | undefined {
  const segs = parsePointer(err.instancePath);
  const pointer = pointerOf(segs);
  const loc = describe(root, segs);
  const rank = RANK[err.keyword] ?? 9;
  const params = err.params as Record<string, unknown>;
  const value = valueAt(root, segs);

  if (err.propertyName !== undefined) {
    // A property name broke `propertyNames`: point at that key.
    const name = err.propertyName;
    const keyPointer = pointerOf([...segs, name]);
    return { code: 'MW2001', pointer: keyPointer, span: map.keyRange(keyPointer), rank, message: propertyNameMessage(root, segs, name, err) };
  }

  switch (err.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      // Narrowest honest range: the object's key, else its opening brace.
      const r = map.isMember(pointer) ? map.keyRange(pointer) : braceOf(map.valueRange(pointer));
      const owner = loc.prop !== undefined ? phrase(loc) : loc.subject === '' ? 'the workbook' : loc.subject;
      return { code: 'MW2001', pointer, span: r, rank, message: `${owner} is missing`, missing: [missing] };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const keyPointer = pointerOf([...segs, extra]);
      const allowed = allowedProperties(err);
      const owner = segs.length === 0 ? 'the workbook' : phrase(loc);
      const hint = didYouMean(extra, allowed);
      const list = allowed.length > 0 && hint === '' ? `; allowed: ${allowed.join(', ')}` : '';
      return { code: 'MW2001', pointer: keyPointer, span: map.keyRange(keyPointer), rank, message: `${owner}: unknown property "${extra}"${hint}${list}` };
    }
    default: {
      const span = map.valueRange(pointer);
      const sheetName = segs.length === 3 && segs[0] === 'sheets' && segs[2] === 'name';
      if (sheetName && err.keyword !== 'type') {
        return { code: 'MW3006', pointer, span, rank, message: sheetNameMessage(segs, value) };
      }
      return { code: 'MW2001', pointer, span, rank, message: valueMessage(err, loc, value, segs, branchErrors) };
    }
  }
}

function braceOf(span: TextSpan): TextSpan {
  return { start: span.start, end: Math.min(span.end, span.start + 1) };
}

function allowedProperties(err: ErrorObject): string[] {
  // `verbose` gives the failing object's schema (schemaPath is relative to a $ref's target).
  const props = (err.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', integer: 'a whole number', string: 'text', boolean: 'boolean',
  null: 'empty', object: 'an object { }', array: 'a list [ ]',
};

function typeWords(types: string[]): string {
  if (types.length === 1) {
    const t = types[0];
    return t === 'boolean' ? 'true or false' : t === 'null' ? 'null' : TYPE_WORDS[t] ?? t;
  }
  const w = types.map((t) => TYPE_WORDS[t] ?? t);
  return w.slice(0, -1).join(', ') + ' or ' + w[w.length - 1];
}

function actualWords(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'number': return `the number ${value}`;
    case 'string': return value.length > 30 ? 'text' : `the text "${value}"`;
    case 'boolean': return String(value);
    case 'object': return 'an object';
    default: return typeof value;
  }
}

function valueMessage(err: ErrorObject, loc: ReturnType<typeof describe>, value: unknown, segs: string[], branchErrors: ErrorObject[]): string {
  const params = err.params as Record<string, unknown>;
  const who = phrase(loc);
  const must = loc.prop !== undefined ? `${who} must be` : `${who === '' ? 'the workbook' : who}: expected`;
  switch (err.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      return `${must} ${typeWords(types)}, not ${actualWords(value)}`;
    }
    case 'const':
      return `${must} ${JSON.stringify(params.allowedValue)}`;
    case 'enum': {
      const vals = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      return `${must} one of ${vals.slice(0, -1).join(', ')} or ${vals[vals.length - 1]}`;
    }
    case 'minLength':
      return Number(params.limit) === 1 ? `${who}${loc.prop !== undefined ? ' must not be empty' : ': must not be empty'}` : `${must} at least ${params.limit} characters long`;
    case 'maxLength':
      return `${must} at most ${params.limit} characters long`;
    case 'minimum':
      return `${must} at least ${params.limit}, not ${actualWords(value)}`;
    case 'maximum':
      return `${must} at most ${params.limit}, not ${actualWords(value)}`;
    case 'exclusiveMinimum':
      return `${must} greater than ${params.limit}`;
    case 'exclusiveMaximum':
      return `${must} less than ${params.limit}`;
    case 'minItems':
      if (segs.length === 1 && segs[0] === 'sheets') return 'the workbook needs at least one sheet in "sheets"';
      return `${must} a list of at least ${params.limit} items`;
    case 'anyOf':
    case 'oneOf': {
      // When every alternative is a type, say which types; else one plain sentence.
      const here = branchErrors.filter((b) => b.instancePath === err.instancePath);
      const types = [...new Set(here.filter((b) => b.keyword === 'type').flatMap((b) => String((b.params as { type: unknown }).type).split(',')))];
      if (types.length > 0 && here.every((b) => b.keyword === 'type')) return `${must} ${typeWords(types)}, not ${actualWords(value)}`;
      return `${who === '' ? 'the workbook' : who}: ${actualWords(value)} matches none of the accepted forms`;
    }
    case 'pattern':
      if (segs.length === 3 && segs[0] === 'checks' && segs[2] === 'assert') {
        return `${who} must be a formula starting with "=", e.g. "=Budget!B12<=NCMMBudget"`;
      }
      return `${must} text matching ${String(params.pattern)}`;
    default:
      return `${who === '' ? 'the workbook' : who}: ${err.message ?? 'is not valid'}`;
  }
}

function propertyNameMessage(root: unknown, segs: string[], name: string, err: ErrorObject): string {
  if (segs.length === 1 && segs[0] === 'parameters') {
    if (err.keyword === 'maxLength') return `parameter name "${name.slice(0, 30)}..." is too long (at most 255 characters)`;
    return `parameter name "${name}" is not valid: it must start with a letter or underscore and contain only letters, digits, underscores and periods`;
  }
  if (segs.length === 3 && segs[0] === 'sheets' && segs[2] === 'formats') {
    return `${describe(root, segs.slice(0, 2)).subject}: format key "${name}" is not a cell address such as C4`;
  }
  if (segs.length === 1 && segs[0] === 'scenarios') {
    return name === '' ? 'a scenario name must not be empty' : `scenario name "${name.slice(0, 30)}..." is too long (at most 100 characters)`;
  }
  if (name === '') return `${phrase(describe(root, segs))}: a name must not be empty`;
  return `${phrase(describe(root, segs))}: property name "${name}" is not valid (${err.message ?? 'invalid'})`;
}

function sheetNameMessage(segs: string[], value: unknown): string {
  const label = `sheet ${Number(segs[1]) + 1}`;
  if (typeof value !== 'string') return `${label}: invalid sheet name`;
  const problem = sheetNameProblem(value);
  const name = `sheet name "${value}"`;
  switch (problem?.kind) {
    case 'empty': return `${label}: the sheet name must not be empty`;
    case 'too-long': return `${name} is ${problem.length} characters long; Excel allows at most ${MAX_SHEET_NAME}`;
    case 'forbidden': return `${name} must not contain ${problem.chars.map((c) => `"${c}"`).join(', ')} (Excel forbids [ ] : * ? / \\)`;
    case 'apostrophe': return `${name} must not start or end with an apostrophe`;
    default: return `invalid ${name}`;
  }
}
