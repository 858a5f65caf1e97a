/**
 * Careless JSON (issue 9, "Smaller"): a comment after a trailing comma gave a misleading
 * MW1001 at 1:1 ("could not parse the file") and skipped evaluation. The format is plain JSON
 * (DESIGN.md: no comments), so both get MW1006 at their own place, and the workbook is still
 * read and evaluated.
 */
import { strict as assert } from 'node:assert';
import { validateWorkbookText } from '../../src/core/validate/index';

const HEAD = '{"format":"minerals-workbook","version":1,"title":"t","sheets":[{"name":"S","rows":[[1,"=A1/0"]';

const CASES: { name: string; tail: string; found: string[] }[] = [
  { name: 'line comment after a trailing comma in a list', tail: ', // more rows later\n]}]}', found: [',', '// more rows later'] },
  { name: 'block comment after a trailing comma in a list', tail: ', /* todo */]}]}', found: [',', '/* todo */'] },
  { name: 'comment after a trailing comma in an object', tail: ']}],"checks":[], /* c */}', found: [',', '/* c */'] },
  { name: 'two comments and a comma between them', tail: ' /* a */, /* b */ // c\n]}]}', found: ['/* a */', ',', '/* b */', '// c'] },
];

describe('hostile: comments and trailing commas get MW1006 where they are, and the workbook evaluates', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const text = HEAD + c.tail;
      const r = validateWorkbookText(text);
      const parse = r.diagnostics.filter((d) => d.code.startsWith('MW1'));
      assert.deepEqual(parse.map((d) => [d.code, text.slice(d.start, d.end)]), c.found.map((f) => ['MW1006', f]), JSON.stringify(r.diagnostics));
      assert.ok(parse.some((d) => /trailing comma is not allowed in JSON: remove it/.test(d.message)));
      assert.ok(parse.some((d) => /comments are not allowed in a workbook file/.test(d.message)));
      assert.deepEqual((r.parse.value as { sheets: { rows: unknown[] }[] }).sheets[0]!.rows, [[1, '=A1/0']]);
      // Evaluated: the #DIV/0! is found at its cell.
      const div = r.diagnostics.find((d) => d.code === 'MW4005');
      assert.ok(div, JSON.stringify(r.diagnostics));
      assert.equal(text.slice(div.start, div.end), '"=A1/0"');
    });
  }
});
