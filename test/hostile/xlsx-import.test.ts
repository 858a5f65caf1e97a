/**
 * Hostile .xlsx files: each is refused with an XlsxImportError that says what is wrong, in
 * bounded time and memory, never a crash or a hang.
 */
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { importXlsx, XlsxImportError } from '../../src/core/xlsx/index';
import { fakeXlsx, worksheet } from '../fixtures/xlsx/package';

function refused(bytes: Uint8Array, pattern: RegExp, limits?: Parameters<typeof importXlsx>[1]): void {
  const started = Date.now();
  assert.throws(() => importXlsx(bytes, limits), (err: unknown) => {
    assert.ok(err instanceof XlsxImportError, `not an XlsxImportError: ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
}

const oneSheet = (xml: string, extra?: Record<string, string | Uint8Array>): Uint8Array => fakeXlsx({ sheets: [{ name: 'S', xml }], extra });

describe('hostile xlsx: not an .xlsx', () => {
  it('refuses bytes that are not a zip', () => refused(strToU8('Mineral,Tonnes\nLithium,5\n'), /not an \.xlsx file/));
  it('refuses a damaged zip', () => {
    const bytes = oneSheet(worksheet(''));
    refused(bytes.slice(0, bytes.length - 30), /damaged/);
  });
  it('refuses an OLE file (.xls or a password-protected .xlsx) and says what to do', () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    refused(ole, /\.xls workbook or a password-protected.*save it as an Excel Workbook \(\.xlsx\)/);
  });
  it('refuses .ods and .xlsb packages, naming them', () => {
    refused(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }), /OpenDocument file \(\.ods\)/);
    refused(zipSync({ 'xl/workbook.bin': new Uint8Array(10), '_rels/.rels': strToU8('<Relationships/>') }), /Excel Binary Workbook \(\.xlsb\)/);
  });
  it('refuses a workbook with no worksheets', () => refused(fakeXlsx({ sheets: [] }), /no worksheets/));
});

describe('hostile xlsx: zip bombs and oversize parts', () => {
  const big = worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${' '.repeat(4 * 1024 * 1024)}</t></is></c></row>`);
  it('refuses a part that inflates past the limit before inflating it', () => {
    refused(oneSheet(big), /inflates to more than 1 MB \(at xl\/worksheets\/sheet1\.xml\)/, { limits: { maxInflatedBytes: 1024 * 1024 } });
  });
  it('inflates a part no further than the size the zip declares for it (a lying size is a damaged part, not a bomb)', () => {
    const bytes = oneSheet(big);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === 'xl/worksheets/sheet1.xml') {
        view.setUint32(i + 24, 100, true);
        patched++;
      }
    }
    assert.equal(patched, 1);
    refused(bytes, /malformed|damaged/);
  });
  it('refuses a package with too many entries', () => {
    const extra = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`xl/media/image${i}.png`, new Uint8Array(1)]));
    refused(oneSheet(worksheet(''), extra), /more than 20 entries/, { limits: { maxEntries: 20 } });
  });
});

describe('hostile xlsx: XML and names', () => {
  it('refuses entity expansion (billion laughs) before parsing', () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
      + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&d;&d;&d;&d;&d;</t></is></c></row></sheetData></worksheet>';
    refused(oneSheet(lol), /xl\/worksheets\/sheet1\.xml: the part declares a DTD or entities/);
  });
  it('refuses an entry whose name leaves the package (path traversal)', () => {
    refused(oneSheet(worksheet(''), { '../../etc/evil.xml': '<x/>' }), /"\.\.\/\.\.\/etc\/evil\.xml", which points outside the package/);
    refused(oneSheet(worksheet(''), { '/abs/evil.xml': '<x/>' }), /points outside the package/);
  });
  it('refuses malformed XML, naming the part', () => refused(oneSheet('<worksheet><sheetData><row></worksheet>'), /xl\/worksheets\/sheet1\.xml: the XML is malformed/));
  it('refuses a shared string index the workbook does not have, naming the cell', () => {
    refused(oneSheet(worksheet('<row r="1"><c r="B1" t="s"><v>99</v></c></row>')), /S!B1: the cell refers to shared string 99/);
  });
});

describe('hostile xlsx: huge dimensions', () => {
  it('refuses cells and rows outside Excel\'s sheet', () => {
    refused(oneSheet(worksheet('<row r="1"><c r="XFE1"><v>1</v></c></row>')), /cell "XFE1" is outside Excel's sheet/);
    refused(oneSheet(worksheet('<row r="2000000"><c r="A2000000"><v>1</v></c></row>')), /row "2000000" is outside Excel's 1048576 rows/);
  });
  it('refuses a sheet whose cells span more positions than the format can store, in bounded time', () => {
    refused(oneSheet(worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')), /span 1,048,576 rows by 16,384 columns, more than 10,000,000 positions/);
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    refused(oneSheet(worksheet(rows)), /more than 10,000,000 positions/);
  });
  it('imports a far cell within the bound without filling the rows before it', () => {
    const r = importXlsx(oneSheet(worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="J1000000"><f>A1*2</f><v>2</v></c></row>')));
    const rows = r.workbook.sheets[0]!.rows;
    assert.equal(rows.length, 1_000_000);
    assert.equal(rows[1]!.length, 0);
    assert.equal(rows[999_999]![9], '=A1*2');
    assert.deepEqual(r.verified, { compared: 1, differ: 0, uncached: 0 });
  });
  it('refuses a formula longer than Excel\'s 8,192 characters, naming the cell', () => {
    refused(oneSheet(worksheet(`<row r="1"><c r="C3"><f>${'1+'.repeat(5000)}1</f><v>5001</v></c></row>`)), /S!C3: the formula is 10,001 characters long, more than Excel's 8,192/);
  });
});

describe('hostile xlsx: prototype keys', () => {
  it('keeps a name and a scenario called __proto__ as own keys of the workbook, never reaching a prototype', () => {
    const r = importXlsx(fakeXlsx({
      definedNames: '<definedName name="__proto__">5</definedName><definedName name="constructor">6</definedName>',
      sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<scenarios current="0" show="0"><scenario name="__proto__" count="1"><inputCells r="A1" val="2"/></scenario></scenarios>') }],
    }));
    const params = r.workbook.parameters!;
    assert.ok(Object.hasOwn(params, '__proto__') && Object.hasOwn(params, 'constructor'), JSON.stringify(Object.keys(params)));
    assert.equal(Object.getPrototypeOf(params), Object.prototype);
    assert.ok(Object.hasOwn(r.workbook.scenarios!, '__proto__'));
    assert.equal(Object.getPrototypeOf(r.workbook.scenarios), Object.prototype);
    assert.equal(({} as Record<string, unknown>).value, undefined);
  });
});

describe('hostile xlsx: damaged packages', () => {
  it('a truncated or bit-flipped package is imported or refused with an XlsxImportError, never another exception', () => {
    const good = fakeXlsx({
      sharedStrings: ['Label', 'x'],
      definedNames: '<definedName name="Rate">0.5</definedName>',
      sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">B1*Rate</f><v>1</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>0.5</v></c></row>') }],
    });
    let seed = 12345;
    const random = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const variants: Uint8Array[] = [];
    for (let i = 0; i < 60; i++) variants.push(good.slice(0, Math.floor(random() * good.length)));
    for (let i = 0; i < 200; i++) {
      const v = good.slice();
      for (let k = 0; k < 3; k++) v[Math.floor(random() * v.length)] = Math.floor(random() * 256);
      variants.push(v);
    }
    const started = Date.now();
    let refusedCount = 0;
    for (const v of variants) {
      try {
        importXlsx(v);
      } catch (err) {
        if (!(err instanceof XlsxImportError)) throw new Error(`not an XlsxImportError: ${err instanceof Error ? err.stack : String(err)}`);
        refusedCount++;
      }
    }
    assert.ok(refusedCount >= 60, `${refusedCount} of ${variants.length} refused`);
    assert.ok(Date.now() - started < 30_000);
  });
});
