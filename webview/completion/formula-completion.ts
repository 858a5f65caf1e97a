/**
 * Completion popup for a formula input (ARIA combobox with a listbox): function and
 * parameter names as the analyst types, and a one-line signature of the function the caret
 * is in. ArrowUp/ArrowDown choose, Tab/Enter accept, Escape closes; while the list is open
 * those keys belong to the list (listeners run in the capture phase and stop the event).
 */
import { applyCompletion, completions, signatureHint, wordAtCaret, type CompletionItem, type WordAtCaret } from './completion';

export class FormulaCompletion {
  /** Holds the hint line and the list; positioned under the input by CSS. */
  readonly element: HTMLDivElement;
  private readonly hint: HTMLDivElement;
  private readonly list: HTMLDivElement;
  private items: CompletionItem[] = [];
  private active = 0;
  private word: WordAtCaret | undefined;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly names: () => { functions: readonly string[]; parameters: readonly string[] },
  ) {
    this.element = document.createElement('div');
    this.element.className = 'completion-popup';
    this.element.hidden = true;
    this.hint = document.createElement('div');
    this.hint.id = 'formula-signature';
    this.hint.className = 'signature-hint';
    this.list = document.createElement('div');
    this.list.id = 'formula-completions';
    this.list.className = 'completion-list';
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', 'Functions and parameters');
    this.element.append(this.hint, this.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('aria-describedby', this.hint.id);
    input.addEventListener('input', () => this.update(true));
    // Caret moves (clicks, arrows outside the list) change the signature hint.
    input.addEventListener('keyup', (e) => { if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') this.update(false); });
    input.addEventListener('click', () => this.update(false));
    input.addEventListener('keydown', (e) => this.onKey(e), { capture: true });
    input.addEventListener('blur', () => this.close());
    // Pointer: choose with a click; mousedown would otherwise blur the input first.
    this.list.addEventListener('mousedown', (e) => {
      e.preventDefault();
      const option = (e.target as HTMLElement).closest('[role="option"]');
      const i = option ? Number((option as HTMLElement).dataset.index) : -1;
      if (i >= 0) this.accept(i);
    });
  }

  get isOpen(): boolean { return this.items.length > 0; }

  close(): void {
    this.items = [];
    this.word = undefined;
    this.list.replaceChildren();
    this.hint.textContent = '';
    this.element.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Recomputes the hint and (when `typed`) the list for the caret position. */
  private update(typed: boolean): void {
    const text = this.input.value;
    const caret = this.input.selectionStart ?? text.length;
    const hint = signatureHint(text, caret) ?? '';
    this.hint.textContent = hint;
    this.hint.hidden = hint === '';
    if (typed) {
      this.word = wordAtCaret(text, caret);
      const { functions, parameters } = this.names();
      this.items = this.word ? completions(this.word.prefix, functions, parameters) : [];
      this.active = 0;
      this.renderList();
    } else if (this.word && (caret < this.word.start || caret > this.word.end)) {
      this.items = [];
      this.renderList();
    }
    this.element.hidden = hint === '' && this.items.length === 0;
    // Under the input, wherever the layout put it.
    if (!this.element.hidden) this.element.style.left = `${this.input.offsetLeft}px`;
  }

  private renderList(): void {
    this.list.replaceChildren(...this.items.map((item, i) => {
      const o = document.createElement('div');
      o.id = `completion-${i}`;
      o.className = `completion-item ${item.kind}`;
      o.setAttribute('role', 'option');
      o.setAttribute('aria-selected', String(i === this.active));
      o.dataset.index = String(i);
      const label = document.createElement('span');
      label.className = 'completion-label';
      label.textContent = item.label;
      const detail = document.createElement('span');
      detail.className = 'completion-detail';
      detail.textContent = item.detail;
      o.append(label, detail);
      return o;
    }));
    this.list.hidden = this.items.length === 0;
    this.input.setAttribute('aria-expanded', String(this.items.length > 0));
    if (this.items.length > 0) this.input.setAttribute('aria-activedescendant', `completion-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private select(i: number): void {
    this.active = (i + this.items.length) % this.items.length;
    this.list.querySelectorAll('[role="option"]').forEach((o, j) => o.setAttribute('aria-selected', String(j === this.active)));
    this.input.setAttribute('aria-activedescendant', `completion-${this.active}`);
    this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
  }

  private accept(i: number): void {
    const item = this.items[i];
    if (!item || !this.word) return;
    const { text, caret } = applyCompletion(this.input.value, this.word, item);
    this.input.value = text;
    this.input.setSelectionRange(caret, caret);
    this.close();
    this.update(false);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.isOpen) {
      if (e.key === 'Escape' && !this.element.hidden) this.close();
      return;
    }
    const stop = () => { e.preventDefault(); e.stopImmediatePropagation(); };
    switch (e.key) {
      case 'ArrowDown': stop(); this.select(this.active + 1); break;
      case 'ArrowUp': stop(); this.select(this.active - 1); break;
      case 'Enter': case 'Tab': stop(); this.accept(this.active); break;
      case 'Escape': stop(); this.close(); break;
      default: break;
    }
  }
}
