/**
 * Model diagnostics point at the exact value in the file, say what is wrong in words an
 * analyst can act on, report root causes only, and separate scenario-specific problems.
 */
import { strict as assert } from 'node:assert';
import { modelDiagnostics } from '../../src/core/engine';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import type { Workbook } from '../../src/core/model/workbook';
import { parseWorkbookText } from '../../src/core/parse';

function wb(rows: Workbook['sheets'][number]['rows'], extra?: Partial<Workbook>): Workbook {
  return { format: 'minerals-workbook', version: 1, title: 't', sheets: [{ name: 'S', rows }, { name: 'Other', rows: [[1]] }], ...extra };
}

/** Runs modelDiagnostics on the workbook as formatted JSON; returns each diagnostic with its text. */
function diagnose(workbook: Workbook, options?: Parameters<typeof modelDiagnostics>[2]): (Diagnostic & { text: string })[] {
  const text = JSON.stringify(workbook, null, 2);
  const parsed = parseWorkbookText(text);
  return modelDiagnostics(workbook, parsed.sourceMap, options).map((d) => ({ ...d, text: text.slice(d.start, d.end) }));
}

function only(ds: ReturnType<typeof diagnose>, code: string): ReturnType<typeof diagnose> {
  return ds.filter((d) => d.code === code);
}

describe('engine: model diagnostics', () => {
  it('is empty for a healthy workbook', () => {
    assert.deepEqual(diagnose(wb([[1, '=A1*2', '=SUM(A1:B1)']])), []);
  });

  it('MW4001: formula syntax error at the cell, with the parser message', () => {
    const [d, ...rest] = diagnose(wb([[1, '=A1+']]));
    assert.equal(rest.length, 0);
    assert.equal(d!.code, 'MW4001');
    assert.equal(d!.severity, 'error');
    assert.equal(d!.pointer, '/sheets/0/rows/0/1');
    assert.equal(d!.text, '"=A1+"');
    assert.match(d!.message, /S!B1: formula syntax error: the formula ends too early/);
    const [paren] = diagnose(wb([['=SUM(B1:C1']]));
    assert.match(paren!.message, /S!A1: formula syntax error: a closing "\)" is missing/);
  });

  it('MW4002: reference to an unknown sheet names the sheet', () => {
    const ds = diagnose(wb([['=Nope!A1*2']]));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [['MW4002', '/sheets/0/rows/0/0']]);
    assert.match(ds[0]!.message, /sheet "Nope"/);
  });

  it('MW4003: unknown name and unknown function, each named', () => {
    const ds = diagnose(wb([['=Stockpile*2', '=FROB(1)']]));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [['MW4003', '/sheets/0/rows/0/0'], ['MW4003', '/sheets/0/rows/0/1']]);
    assert.match(ds[0]!.message, /unknown name Stockpile/);
    assert.match(ds[1]!.message, /unknown function FROB/);
  });

  it('MW4004: every cell on a cycle, not the cells that merely depend on it', () => {
    const ds = diagnose(wb([['=B1+1', '=A1*2', '=A1+5'], ['=A2']]));
    // A1 <-> B1 is a cycle; A2 refers to itself; C1 only depends on the cycle.
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [
      ['MW4004', '/sheets/0/rows/0/0'], ['MW4004', '/sheets/0/rows/0/1'], ['MW4004', '/sheets/0/rows/1/0'],
    ]);
    assert.match(ds[0]!.message, /S!A1 is part of a circular reference between S!A1, S!B1/);
    assert.match(ds[2]!.message, /S!A2 refers to itself/);
  });

  it('MW4005: error value as a warning at the root cell only', () => {
    const ds = diagnose(wb([[0, '=1/A1', '=B1*2', '=SUM(B1:C1)']]));
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.pointer]), [['MW4005', 'warning', '/sheets/0/rows/0/1']]);
    assert.match(ds[0]!.message, /S!B1 evaluates to #DIV\/0!/);
    assert.equal(ds[0]!.text, '"=1/A1"');
  });

  it('MW4006: Excel syntax the engine lacks says what to write instead', () => {
    const ds = diagnose(wb([['=LET(x,1,x)', '=@A1', '=SUM(Table1[Qty])', '=SUM(A1:INDEX(A:A,2))', '=Price2030*2', '=SUM(A1:A3 A2:B2)', '=SUM(S:Other!A1)', '=A1#', '=SUM(A1:Budget)', '=IFERROR(CELL("width",A1),0)']], {
      parameters: { Price2030: { value: 1 } },
    }));
    const byPointer = new Map(only(ds, 'MW4006').map((d) => [d.pointer, d.message]));
    assert.match(byPointer.get('/sheets/0/rows/0/0')!, /LET is an Excel function the engine does not implement/);
    assert.match(byPointer.get('/sheets/0/rows/0/1')!, /@ is not supported: remove it/);
    assert.match(byPointer.get('/sheets/0/rows/0/2')!, /structured \(table\) references/);
    assert.match(byPointer.get('/sheets/0/rows/0/3')!, /A1:INDEX\(\.\.\.\) is not supported/);
    assert.match(byPointer.get('/sheets/0/rows/0/4')!, /"Price2030" looks like a cell reference.*Price_2030/);
    assert.match(byPointer.get('/sheets/0/rows/0/5')!, /space \(range intersection\) operator is not supported/);
    assert.match(byPointer.get('/sheets/0/rows/0/6')!, /3-D references across sheets .* refer to each sheet/);
    assert.match(byPointer.get('/sheets/0/rows/0/7')!, /spilled-range references \(A1#\)/);
    assert.match(byPointer.get('/sheets/0/rows/0/8')!, /names cannot be range ends/);
    // No error value here (IFERROR swallows #NAME?), but the result would differ from Excel's.
    assert.match(byPointer.get('/sheets/0/rows/0/9')!, /CELL is an Excel function the engine does not implement/);
    const param = ds.find((d) => d.pointer === '/parameters/Price2030')!;
    assert.equal(param.code, 'MW4006');
    assert.equal(param.text, '"Price2030"', 'points at the parameter name');
    assert.ok(ds.every((d) => d.code === 'MW4006'), ds.map((d) => d.code).join());
  });

  it('MW4007: a sheet beyond the size limits is a diagnostic, not a crash', () => {
    const ds = diagnose(wb([[1], [2], [3]]), { limits: { maxRows: 2 } });
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [['MW4007', '/sheets/0/rows']]);
    assert.match(ds[0]!.message, /3 rows; the engine's limit is 2/);
  });

  it('MW5001: a failing check with its own severity and message, at its assert, per scenario', () => {
    const workbook = wb([['=Cap*2']], {
      parameters: { Cap: { value: 10 } },
      scenarios: { High: { set: { Cap: 100 } } },
      checks: [{ name: 'Under 50', assert: '=S!A1<50', severity: 'warning', message: 'Raise the budget' }],
    });
    const ds = diagnose(workbook);
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.pointer, d.scenario]), [['MW5001', 'warning', '/checks/0/assert', 'High']]);
    assert.match(ds[0]!.message, /Check "Under 50" failed: Raise the budget/);
    assert.equal(ds[0]!.text, '"=S!A1<50"');
    // Only the scenarios asked for are evaluated; one non-base scenario keeps its tag.
    assert.deepEqual(diagnose(workbook, { scenarios: ['Baseline'] }), []);
    assert.deepEqual(diagnose(workbook, { scenarios: ['High'] }).map((d) => d.scenario), ['High']);
  });

  it('MW5001 under every scenario is reported once, without a scenario tag', () => {
    const ds = diagnose(wb([[1]], { scenarios: { A: { set: {} }, B: { set: {} } }, checks: [{ name: 'never', assert: '=S!A1>5' }] }));
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.scenario]), [['MW5001', 'error', undefined]]);
  });

  it('MW5002: a check that is not TRUE or FALSE', () => {
    const ds = diagnose(wb([[1]], { checks: [{ name: 'sum', assert: '=S!A1+1' }, { name: 'err', assert: '=1/0' }] }));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer]), [['MW5002', '/checks/0/assert'], ['MW5002', '/checks/1/assert']]);
    assert.match(ds[1]!.message, /#DIV\/0!/);
  });

  it('a cell error under one scenario only is tagged with it; one under all is reported once', () => {
    const ds = diagnose(wb([['=1/Rate', '=1/0']], { parameters: { Rate: { value: 2 } }, scenarios: { Zero: { set: { Rate: 0 } }, Two: { set: {} } } }));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer, d.scenario]), [
      ['MW4005', '/sheets/0/rows/0/0', 'Zero'],
      ['MW4005', '/sheets/0/rows/0/1', undefined],
    ]);
  });

  it('an error in a scenario cell override points at the override', () => {
    const ds = diagnose(wb([[1, '=A1*2']], { scenarios: { Bad: { set: { 'S!A1': '=1+' } } } }));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer, d.scenario]), [['MW4001', '/scenarios/Bad/set/S!A1', 'Bad']]);
    assert.equal(ds[0]!.text, '"=1+"');
  });
});
