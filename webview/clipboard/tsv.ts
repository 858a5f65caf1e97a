/**
 * Clipboard text formats: TSV as Excel and Google Sheets write it (fields with tabs, line
 * breaks or quotes are quoted, quotes doubled) and HTML tables. Pure apart from the
 * DOMParser passed in, which builds an inert document: nothing runs, nothing loads.
 */

export function toTsv(rows: string[][]): string {
  return rows.map((r) => r.map((f) => (/[\t\n\r"]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join('\t')).join('\r\n');
}

/** Parses TSV; a single trailing line break (Excel always adds one) is not an extra row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const t = text.replace(/\r\n?/g, '\n');
  let atFieldStart = true;
  while (i < t.length) {
    const ch = t[i];
    if (atFieldStart && ch === '"') {
      // Quoted field: up to the closing quote; "" is a literal quote.
      let j = i + 1;
      let val = '';
      while (j < t.length) {
        if (t[j] === '"') {
          if (t[j + 1] === '"') { val += '"'; j += 2; continue; }
          break;
        }
        val += t[j++];
      }
      if (j < t.length && (t[j + 1] === '\t' || t[j + 1] === '\n' || j + 1 >= t.length)) {
        field = val;
        i = j + 1;
        atFieldStart = false;
        continue;
      }
      // Not a well-formed quoted field: read it as plain text.
    }
    atFieldStart = false;
    if (ch === '\t') { row.push(field); field = ''; atFieldStart = true; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; atFieldStart = true; }
    else field += ch;
    i++;
  }
  if (!atFieldStart || field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** The first table of an HTML clipboard fragment as rows of cell text (colspan honoured). */
export function parseHtmlTable(html: string, parser: DOMParser): string[][] | undefined {
  const doc = parser.parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) return undefined;
  const rows: string[][] = [];
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    const row: string[] = [];
    for (const td of Array.from(tr.querySelectorAll('td, th'))) {
      // <br> inside a cell is a line break in the value.
      for (const br of Array.from(td.querySelectorAll('br'))) br.replaceWith('\n');
      row.push((td.textContent ?? '').replace(/\u00a0/g, ' ').trim());
      const span = Math.min(Number(td.getAttribute('colspan')) || 1, 1000);
      for (let k = 1; k < span; k++) row.push('');
    }
    rows.push(row);
  }
  return rows;
}
