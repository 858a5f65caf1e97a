import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schemas/minerals-workbook.schema.json';
import type { Workbook } from '../../src/core/model/workbook';
import { validateWorkbookText, workbookSchemaValidator } from '../../src/core/validate';

const root = join(__dirname, '..', '..');

describe('workbook JSON schema', () => {
  it('compiles in ajv strict mode (draft 2020-12), knowing only the editor annotations it uses', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    ajv.addVocabulary(['markdownDescription', 'defaultSnippets']);
    assert.equal(typeof ajv.compile(schema), 'function');
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    // Any other unknown keyword would make strict mode throw.
    assert.throws(() => new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema), /unknown keyword/);
  });

  it('accepts a minimal workbook', () => {
    const minimal = { format: 'minerals-workbook', version: 1, title: 'Minimal', sheets: [{ name: 'Sheet1', rows: [] }] };
    assert.equal(workbookSchemaValidator()(minimal), true);
  });

  it('accepts every field the Workbook type declares', () => {
    const full = {
      $schema: '../schemas/minerals-workbook.schema.json', format: 'minerals-workbook', version: 1,
      title: 'Full', description: 'All optional fields',
      parameters: { NCMMBudget: { value: 16300, unit: 'Rs crore', min: 0, max: 40000, description: 'NCMM', source: 'Source: 2025 news coverage' } },
      scenarios: { Baseline: { set: {} }, Cut: { description: 'd', set: { NCMMBudget: 12000, 'Budget!B1': '=2', "'Ana''s'!A1": null } } },
      sheets: [{
        name: 'Budget', description: 'd', columns: [{ header: 'Item', format: '#,##0', width: 120 }],
        rows: [['a', 1, true, null, '=A1', "'=literal"]], formats: { B1: '0.0%' },
      }],
      checks: [{ name: 'c', assert: '=B1>0', severity: 'warning', message: 'm' }],
    } satisfies Workbook;
    const validate = workbookSchemaValidator();
    assert.equal(validate(full), true, JSON.stringify(validate.errors));
  });

  it('gives hover text and completion snippets for the main objects', () => {
    const defs = schema.$defs as Record<string, { markdownDescription?: string; defaultSnippets?: unknown[] }>;
    for (const name of ['sheet', 'parameter', 'scenario', 'check']) {
      assert.ok(defs[name].markdownDescription, `${name} has a markdownDescription`);
      assert.ok((defs[name].defaultSnippets ?? []).length > 0, `${name} has a snippet`);
    }
  });

  it('rejects what the type forbids: unknown properties, wrong constants, bad names', () => {
    const validate = workbookSchemaValidator();
    const ok = { format: 'minerals-workbook', version: 1, title: 'T', sheets: [{ name: 'S', rows: [[1]] }] };
    assert.equal(validate({ ...ok, extra: 1 }), false);
    assert.equal(validate({ ...ok, version: 2 }), false);
    assert.equal(validate({ ...ok, format: 'other' }), false);
    assert.equal(validate({ ...ok, sheets: [{ name: 'a/b', rows: [] }] }), false);
    assert.equal(validate({ ...ok, sheets: [{ name: 'x'.repeat(32), rows: [] }] }), false);
    assert.equal(validate({ ...ok, sheets: [{ name: 'x'.repeat(31), rows: [] }] }), true);
    assert.equal(validate({ ...ok, parameters: { '9lives': { value: 1 } } }), false);
    assert.equal(validate({ ...ok, parameters: { '_Über.rate': { value: 1 } } }), true);
    assert.equal(validate({ ...ok, sheets: [{ name: 'S', rows: [[{}]] }] }), false);
  });

  describe('samples', () => {
    const dir = join(root, 'samples');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.minerals.json') && !f.startsWith('broken'));
    } catch {
      // No samples folder yet: the minimal-workbook test above still covers the schema.
    }
    for (const file of files) {
      it(`${file} has no parse, schema or semantic errors`, () => {
        const text = readFileSync(join(dir, file), 'utf8');
        const r = validateWorkbookText(text, { model: false });
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(errors.map((d) => `${d.code} ${d.pointer}: ${d.message}`), []);
        assert.notEqual(r.workbook, undefined);
      });
    }
  });
});
