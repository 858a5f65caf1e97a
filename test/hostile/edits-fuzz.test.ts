import * as assert from 'node:assert/strict';
// The bench's seeded PRNG: the same seed gives the same edit sequence on every run.
import { rng } from '../../bench/generate';
import { applyEditIntents, EditError } from '../../src/core/edit';
import { EditLedger, needsVersionCheck } from '../../src/core/edit/edit-ledger';
import type { RawCell } from '../../src/core/model/workbook';
import { validateWorkbookText } from '../../src/core/validate';
import type { EditIntent } from '../../src/shared/protocol';

interface Sheet { name: string; rows: RawCell[][] }
const sheetsOf = (text: string) => (JSON.parse(text) as { sheets: Sheet[] }).sheets;

const START = `{
  "format": "minerals-workbook",
  "version": 1,
  "title": "Fuzz",
  "scenarios": { "Base": { "set": {} } },
  "sheets": [
    { "name": "A", "rows": [[1, 2], [3, 4]] },
    { "name": "B", "rows": [["x"]] }
  ]
}
`;

const NAMES = ['A', 'B', 'C', 'Data', 'Q1/Q2', "'x", '__proto__', 'x'.repeat(40)];

/** One editor's webview: the document text and version it last received. */
interface Editor { id: string; text: string; version: number }

/** A random intent, computed from the editor's copy of the document (as the webview does). */
function randomIntent(r: () => number, copy: string): EditIntent {
  const sheets = sheetsOf(copy);
  const s = Math.floor(r() * sheets.length);
  const sheet = sheets[s]!;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const value = (): RawCell => pick<RawCell>([null, true, Math.round(r() * 100), 'text', `=A1+${Math.round(r() * 9)}`]);
  switch (Math.floor(r() * 10)) {
    case 0: case 1: case 2:
      return { kind: 'setCell', sheet: s, row: Math.floor(r() * (sheet.rows.length + 2)), col: Math.floor(r() * 4), raw: value() };
    case 3:
      return { kind: 'setRange', sheet: s, row: Math.floor(r() * (sheet.rows.length + 1)), col: Math.floor(r() * 3), values: [[value(), value()], [value(), value()]] };
    case 4: {
      // A row insert, computed by the webview's engine from its copy of the sheet.
      const rows = sheet.rows.map((row) => [...row]);
      rows.splice(Math.floor(r() * (rows.length + 1)), 0, [value()]);
      return { kind: 'replaceRows', sheet: s, rows };
    }
    case 5:
      return { kind: 'renameSheet', sheet: s, name: pick(NAMES), ...(r() < 0.7 ? { sheetName: sheet.name } : {}) };
    case 6:
      return { kind: 'moveSheet', sheet: s, to: Math.floor(r() * sheets.length), ...(r() < 0.7 ? { sheetName: sheet.name } : {}) };
    case 7:
      return { kind: 'deleteSheet', sheet: s, ...(r() < 0.7 ? { sheetName: sheet.name } : {}) };
    case 8:
      return { kind: 'addSheet', name: pick(NAMES) };
    default:
      return r() < 0.5
        ? { kind: 'addScenario', name: pick(NAMES) }
        : { kind: 'setCell', sheet: s, row: 1_048_575, col: 16_383, raw: 1 };
  }
}

/**
 * The edit queue's decision, as `DocumentEditQueue.apply` makes it: refuse a version-checked
 * edit when a version its editor did not produce came after its base, else apply on the current text.
 */
function fuzz(seed: number, steps: number): { applied: number; refused: number } {
  const r = rng(seed);
  const ledger = new EditLedger();
  let text = START;
  let version = 1;
  const editors: Editor[] = [{ id: 'A', text, version }, { id: 'B', text, version }];
  let applied = 0;
  let refused = 0;
  for (let step = 0; step < steps; step++) {
    const ed = editors[Math.floor(r() * editors.length)]!;
    // The host's document messages arrive late: an editor often works on an old copy.
    if (r() < 0.4) { ed.text = text; ed.version = version; }
    if (r() < 0.05) {
      // A change made elsewhere (the text editor): a valid cell edit nobody's ledger records.
      text = applyEditIntents(text, [{ kind: 'setCell', sheet: 0, row: 0, col: 0, raw: step }]).text;
      version++;
      continue;
    }
    const intent = randomIntent(r, ed.text);
    const where = `seed ${seed} step ${step}: ${ed.id} ${JSON.stringify(intent).slice(0, 120)}`;
    if (needsVersionCheck([intent]) && ledger.foreignSince('doc', ed.id, ed.version, version) !== undefined) {
      refused++;
      ed.text = text; ed.version = version; // refused: the webview is resynced
      continue;
    }
    const before = text;
    const seen = ed.text;
    let out: string;
    try {
      out = applyEditIntents(text, [intent]).text;
    } catch (e) {
      assert.ok(e instanceof EditError, `${where}: ${String(e)}`);
      refused++;
      ed.text = text; ed.version = version;
      continue;
    }
    applied++;
    if (out !== before) { text = out; version++; ledger.record('doc', ed.id, version); }
    // The webview shows its own edit at once (optimistically) on its copy, still at its base version.
    try {
      ed.text = applyEditIntents(ed.text, [intent]).text;
    } catch {
      ed.text = text; ed.version = version;
    }
    // The output always parses and validates (the start is clean, so any error is new).
    const errors = validateWorkbookText(text, { model: false }).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => d.message), [], where);
    // No acknowledged edit is lost: a whole-sheet rewrite applies only on what its editor saw.
    if (intent.kind === 'replaceRows') {
      assert.deepEqual(sheetsOf(before)[intent.sheet]!.rows, sheetsOf(seen)[intent.sheet]!.rows, `${where}: overwrote rows it never saw`);
    }
    // A sheet operation that names its sheet lands on that sheet.
    if ((intent.kind === 'deleteSheet' || intent.kind === 'renameSheet' || intent.kind === 'moveSheet') && intent.sheetName !== undefined) {
      assert.equal(sheetsOf(before)[intent.sheet]!.name, intent.sheetName, `${where}: hit another sheet`);
    }
    // The acknowledged value is in the document.
    // (A cleared cell may be trimmed away: a cell past the end of its row is empty.)
    if (intent.kind === 'setCell') assert.deepEqual(sheetsOf(text)[intent.sheet]!.rows[intent.row]?.[intent.col] ?? null, intent.raw, where);
  }
  return { applied, refused };
}

describe('hostile edits: fuzzed edit sequences from two editors of one document', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 300 edits, the document always parses and validates, no acknowledged edit is lost`, () => {
      const { applied, refused } = fuzz(seed, 300);
      // Both outcomes occur, so the run exercises the refusals as well as the edits.
      assert.ok(applied > 50, `applied ${applied}`);
      assert.ok(refused > 20, `refused ${refused}`);
    });
  }
});
