import * as assert from 'node:assert/strict';
import { EditLedger, needsVersionCheck, OWN_VERSIONS_KEPT } from '../../src/core/edit/edit-ledger';
import { parseEditIntent } from '../../src/shared/protocol';

const DOC = 'file:///w.minerals.json';

describe('edit ledger: versions tracked per editor session', () => {
  it("editor B's whole-sheet edit on version 1 is stale once editor A produced version 2", () => {
    const ledger = new EditLedger();
    ledger.record(DOC, 'A', 2);
    assert.equal(ledger.foreignSince(DOC, 'B', 1, 2), 2, 'A\'s version is foreign to B');
    assert.equal(ledger.foreignSince(DOC, 'A', 1, 2), undefined, 'A saw its own version');
  });

  it('a session applies over its own in-flight versions, not over a change from elsewhere in between', () => {
    const ledger = new EditLedger();
    ledger.record(DOC, 'A', 2);
    ledger.record(DOC, 'A', 3);
    assert.equal(ledger.foreignSince(DOC, 'A', 1, 3), undefined);
    // Version 4 came from the text editor (nobody recorded it), 5 from A again.
    ledger.record(DOC, 'A', 5);
    assert.equal(ledger.foreignSince(DOC, 'A', 1, 5), 4);
    assert.equal(ledger.foreignSince(DOC, 'A', 4, 5), undefined, 'computed after seeing 4');
  });

  it('documents are separate, and a closed session or document is forgotten', () => {
    const ledger = new EditLedger();
    ledger.record(DOC, 'A', 2);
    assert.equal(ledger.foreignSince('file:///other', 'A', 1, 2), 2);
    ledger.forgetSession(DOC, 'A');
    assert.equal(ledger.foreignSince(DOC, 'A', 1, 2), 2);
    ledger.record(DOC, 'B', 3);
    ledger.forget(DOC);
    assert.equal(ledger.foreignSince(DOC, 'B', 2, 3), 3);
  });

  it('a base version older than what a session remembers counts as stale', () => {
    const ledger = new EditLedger();
    for (let v = 2; v <= OWN_VERSIONS_KEPT + 10; v++) ledger.record(DOC, 'A', v);
    assert.equal(ledger.foreignSince(DOC, 'A', 1, OWN_VERSIONS_KEPT + 10), 2);
    assert.equal(ledger.foreignSince(DOC, 'A', 20, OWN_VERSIONS_KEPT + 10), undefined);
  });

  it('which intents are version-checked: whole-sheet and index-addressed ones, unless they name their sheet', () => {
    assert.equal(needsVersionCheck([{ kind: 'setCell', sheet: 0, row: 0, col: 0, raw: 1 }]), false);
    assert.equal(needsVersionCheck([{ kind: 'replaceRows', sheet: 0, rows: [] }]), true);
    assert.equal(needsVersionCheck([{ kind: 'setCheckAssert', index: 0, assert: '=1' }]), true);
    assert.equal(needsVersionCheck([{ kind: 'deleteSheet', sheet: 1 }]), true);
    assert.equal(needsVersionCheck([{ kind: 'deleteSheet', sheet: 1, sheetName: 'B' }]), false);
    assert.equal(needsVersionCheck([{ kind: 'moveSheet', sheet: 1, to: 0 }]), true);
    assert.equal(needsVersionCheck([{ kind: 'renameSheet', sheet: 1, name: 'X', sheetName: 'B' }]), false);
    assert.equal(needsVersionCheck([{ kind: 'setScenarioOverride', scenario: 'S', target: 'B!A1' }, { kind: 'deleteSheet', sheet: 1 }]), true);
  });

  it('the protocol accepts a sheet name on sheet operations and refuses a malformed one', () => {
    assert.ok(parseEditIntent({ kind: 'deleteSheet', sheet: 1, sheetName: 'B' }));
    assert.ok(parseEditIntent({ kind: 'moveSheet', sheet: 1, to: 0, sheetName: 'B' }));
    assert.ok(parseEditIntent({ kind: 'renameSheet', sheet: 1, name: 'X', sheetName: 'B' }));
    assert.equal(parseEditIntent({ kind: 'deleteSheet', sheet: 1, sheetName: 7 }), undefined);
    assert.equal(parseEditIntent({ kind: 'deleteSheet', sheet: 1, sheetName: 'x'.repeat(256) }), undefined);
  });
});
