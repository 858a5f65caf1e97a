/**
 * Small DOM helpers for the analysis panels. Workbook text (scenario, parameter, sheet and
 * check names) is untrusted: it only ever reaches the page through `textContent` and
 * attribute properties, never as HTML.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { toCsv, type CsvValue } from '../../src/core/csv/index';
import type { ExportFormat } from '../../src/shared/protocol';
import { post } from '../vscode-api';

/** A vscode-elements control with a string value (textfield, single-select). */
export type ValueElement = HTMLElement & { value: string };

/** True while `field` (or, for a web component, its inner input) has the focus: the user may be typing in it. */
export function isTyping(field: HTMLElement): boolean {
  return field === document.activeElement || field.matches(':focus-within');
}

/**
 * Sets a field's value unless the user is typing in it: a model change or an echo from the
 * host never rewrites text under the cursor (the typing is what counts, once committed).
 */
export function setUnlessTyping(field: HTMLElement & { value: string }, value: string): void {
  if (!isTyping(field) && field.value !== value) field.value = value;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** A `vscode-button`; `secondary` for the less prominent actions. */
export function button(id: string, label: string, onClick: () => void, options: { secondary?: boolean; title?: string } = {}): HTMLElement {
  const b = document.createElement('vscode-button');
  b.id = id;
  b.textContent = label;
  if (options.title) b.title = options.title;
  if (options.secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', onClick);
  return b;
}

/** A labelled `vscode-textfield`. */
export function textField(id: string, label: string, value = '', placeholder = ''): { field: ValueElement; row: HTMLElement } {
  const field = document.createElement('vscode-textfield') as ValueElement;
  field.id = id;
  field.value = value;
  if (placeholder) field.setAttribute('placeholder', placeholder);
  field.setAttribute('aria-label', label);
  const row = el('label', { className: 'an-field', htmlFor: id }, el('span', { className: 'an-label' }, label), field);
  return { field, row };
}

/** A labelled `vscode-single-select` over `options` (value and label alike). */
export function select(id: string, label: string, options: readonly string[], value?: string): { field: ValueElement; row: HTMLElement } {
  const field = document.createElement('vscode-single-select') as ValueElement;
  field.id = id;
  field.setAttribute('aria-label', label);
  setOptions(field, options, value);
  field.addEventListener('change', () => { field.dataset.value = field.value; });
  const row = el('label', { className: 'an-field', htmlFor: id }, el('span', { className: 'an-label' }, label), field);
  return { field, row };
}

/** Replaces a single-select's options, keeping `value` (or the current one) when still offered. */
export function setOptions(field: ValueElement, options: readonly string[], value?: string): void {
  const keep = value ?? selectedValue(field);
  const sig = options.join('\u0000');
  if (field.dataset.options !== sig) {
    field.dataset.options = sig;
    field.replaceChildren(...options.map((o) => {
      const opt = document.createElement('vscode-option') as ValueElement;
      opt.value = o;
      opt.textContent = o;
      return opt;
    }));
  }
  const chosen = options.includes(keep) ? keep : options[0] ?? '';
  field.value = chosen;
  // Until the element has rendered its options it may read back '': remember the choice.
  field.dataset.value = chosen;
}

/** The chosen value of a single-select made by `select` (also before it has rendered). */
export function selectedValue(field: ValueElement): string {
  return field.value || field.dataset.value || '';
}

/** A status line that screen readers announce. */
export function statusLine(id: string): HTMLElement {
  const s = el('div', { id, className: 'an-status' });
  s.setAttribute('role', 'status');
  s.setAttribute('aria-live', 'polite');
  return s;
}

/** A data table: header row plus body rows; each body cell may carry a class and a title. */
export interface TableCell { text: string; className?: string; title?: string; node?: Node }

export function table(id: string, caption: string, header: readonly string[], body: readonly (readonly TableCell[])[]): HTMLTableElement {
  const t = el('table', { id, className: 'an-table' });
  t.append(el('caption', { className: 'visually-hidden' }, caption));
  const head = el('tr');
  for (const h of header) head.append(el('th', { scope: 'col' }, h));
  t.append(el('thead', {}, head));
  const tbody = el('tbody');
  for (const row of body) {
    const tr = el('tr');
    row.forEach((c, i) => {
      // The first column names the row (parameter, cell, check): a row header for screen readers.
      const td = i === 0 ? el('th', { scope: 'row' }) : el('td');
      if (c.node) td.append(c.node); else td.textContent = c.text;
      if (c.className) td.className = c.className;
      if (c.title) td.title = c.title;
      tr.append(td);
    });
    tbody.append(tr);
  }
  t.append(tbody);
  return t;
}

/** Asks the host to save an export (it shows the save dialog and writes with workspace.fs). */
export function saveExport(format: ExportFormat, suggestedName: string, data: string): void {
  post({ type: 'saveExport', format, suggestedName, data });
}

export function saveCsv(suggestedName: string, rows: CsvValue[][]): void {
  saveExport('csv', suggestedName, toCsv(rows) + '\r\n');
}

/** A number as a person reads it in a table: up to 10 significant digits, no float noise. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? n.toLocaleString('en-US') : Number(n.toPrecision(10)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** Parses a number typed by the user (`1,200` and `1e3` accepted); undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
