import assert from 'node:assert/strict';
import { fileNameKey, safeFileName, sheetFileNames } from '../../src/core/files/file-names';

describe('file names from sheet names', () => {
  it('renames Windows device names, with any extension, case or trailing spaces', () => {
    for (const [sheet, file] of [['CON', 'CON_'], ['prn', 'prn_'], ['Aux', 'Aux_'], ['NUL.x', 'NUL_.x'], ['com1', 'com1_'], ['LPT9', 'LPT9_'],
      ['COM\u00b9', 'COM\u00b9_'], ['CON .txt', 'CON_ .txt'], ['conin$', 'conin$_'], ['  con  ', 'con_']]) {
      assert.equal(safeFileName(sheet), file, sheet);
    }
    for (const ok of ['CONSOLE', 'Console data', 'COM10', 'LPT', 'Nullable', 'AUXILIARY.csv']) assert.equal(safeFileName(ok), ok);
  });

  it('replaces forbidden, control and bidi characters; trims dots and spaces; never empty', () => {
    assert.equal(safeFileName('Q1/Q2: a*b?'), 'Q1_Q2_ a_b_');
    assert.equal(safeFileName('evil\u202Etxt.exe'), 'evil_txt.exe');
    assert.equal(safeFileName('a\u001b[2J\u0085b'), 'a_[2J_b');
    assert.equal(safeFileName(' ..x.. '), 'x');
    assert.equal(safeFileName('...'), 'sheet');
    assert.equal(Array.from(safeFileName('😀'.repeat(200))).length, 120);
    assert.ok(!/[\uD800-\uDBFF]$/.test(safeFileName('a' + '😀'.repeat(200))), 'no lone surrogate at the cut');
  });

  it('gives names that collide ignoring case and Unicode form distinct file names, and says why', () => {
    const nfc = 'Caf\u00e9', nfd = 'Cafe\u0301';
    const names = sheetFileNames([nfc, nfd, 'CAFÉ', '\uff21\uff22', 'ab', 'Data', 'data', 'Data (2)']);
    const files = names.map((n) => n.fileName);
    assert.equal(new Set(files.map(fileNameKey)).size, files.length, files.join(' | '));
    assert.deepEqual(files, [`${nfc}.csv`, `${nfd} (2).csv`, 'CAFÉ (3).csv', '\uff21\uff22.csv', 'ab (2).csv', 'Data.csv', 'data (2).csv', 'Data (2) (2).csv']);
    assert.equal(names[0].renamed, undefined);
    assert.match(names[1].renamed ?? '', /ignoring case and Unicode form/);
    assert.match(sheetFileNames(['CON'])[0].renamed ?? '', /Windows device name/);
    assert.match(sheetFileNames(['a/b'])[0].renamed ?? '', /not allowed/);
  });

  it('a renamed device name does not collide with a sheet of that name', () => {
    assert.deepEqual(sheetFileNames(['CON', 'CON_']).map((n) => n.fileName), ['CON_.csv', 'CON_ (2).csv']);
  });
});
