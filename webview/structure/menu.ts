/**
 * A small context menu (role=menu) and an inline confirmation (role=alertdialog) for the
 * structure commands. Both live inside the webview: VS Code's own menus cannot be opened
 * from a webview with our items, and a native confirm() is blocked in webviews.
 * Keyboard: arrows/Home/End move, Enter/Space activate, Escape closes and returns focus.
 */

export interface MenuItem {
  label: string;
  /** Shown after the label, e.g. `Ctrl+Shift+=`. */
  shortcut?: string;
  disabled?: boolean;
  run(): void;
}

export class ContextMenu {
  readonly element: HTMLDivElement;
  private restoreFocus: HTMLElement | null = null;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'context-menu';
    this.element.id = 'context-menu';
    this.element.setAttribute('role', 'menu');
    this.element.hidden = true;
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    // A click anywhere else closes the menu.
    document.addEventListener('mousedown', (e) => {
      if (!this.element.hidden && !this.element.contains(e.target as Node)) this.close(false);
    }, true);
    window.addEventListener('blur', () => this.close(false));
  }

  get isOpen(): boolean { return !this.element.hidden; }

  open(items: MenuItem[], x: number, y: number, label: string): void {
    this.restoreFocus = document.activeElement as HTMLElement | null;
    this.element.setAttribute('aria-label', label);
    this.element.replaceChildren(...items.map((item) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'context-menu-item';
      b.setAttribute('role', 'menuitem');
      b.tabIndex = -1;
      b.disabled = item.disabled === true;
      const text = document.createElement('span');
      text.textContent = item.label;
      b.append(text);
      if (item.shortcut) {
        const k = document.createElement('span');
        k.className = 'shortcut';
        k.textContent = item.shortcut;
        b.append(k);
      }
      b.addEventListener('click', () => { this.close(true); item.run(); });
      return b;
    }));
    this.element.hidden = false;
    // Keep the menu inside the window.
    const w = this.element.offsetWidth;
    const h = this.element.offsetHeight;
    this.element.style.left = `${Math.max(0, Math.min(x, window.innerWidth - w - 4))}px`;
    this.element.style.top = `${Math.max(0, Math.min(y, window.innerHeight - h - 4))}px`;
    this.items()[0]?.focus();
  }

  close(restore = true): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    if (restore) this.restoreFocus?.focus();
  }

  private items(): HTMLButtonElement[] {
    return [...this.element.querySelectorAll<HTMLButtonElement>('.context-menu-item:not([disabled])')];
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (j: number) => { e.preventDefault(); items[(j + items.length) % items.length]?.focus(); };
    e.stopPropagation();
    switch (e.key) {
      case 'ArrowDown': go(i + 1); break;
      case 'ArrowUp': go(i - 1); break;
      case 'Home': go(0); break;
      case 'End': go(items.length - 1); break;
      case 'Escape': case 'Tab': e.preventDefault(); this.close(true); break;
      default: break;
    }
  }
}

/**
 * Asks inline before something destructive; `onConfirm` runs only after the user chooses the
 * confirming button. Escape or Cancel dismisses it.
 */
export class ConfirmBar {
  readonly element: HTMLDivElement;
  private readonly text: HTMLSpanElement;
  private readonly no: HTMLButtonElement;
  private choices: HTMLButtonElement[] = [];
  private restoreFocus: HTMLElement | null = null;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'confirm-bar';
    this.element.id = 'confirm-bar';
    this.element.setAttribute('role', 'alertdialog');
    this.element.hidden = true;
    this.text = document.createElement('span');
    this.text.id = 'confirm-text';
    this.element.setAttribute('aria-describedby', this.text.id);
    this.no = document.createElement('button');
    this.no.type = 'button';
    this.no.id = 'confirm-no';
    this.no.textContent = 'Cancel';
    this.element.append(this.text, this.no);
    this.no.addEventListener('click', () => this.close());
    this.element.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') { e.preventDefault(); this.close(); }
    });
  }

  ask(message: string, confirmLabel: string, onConfirm: () => void): void {
    this.choose(message, [{ id: 'confirm-yes', label: confirmLabel, run: onConfirm }]);
  }

  /** Asks which of `choices` to carry out (Excel's Delete dialog); Cancel or Escape does nothing. */
  choose(message: string, choices: { id: string; label: string; run: () => void }[]): void {
    this.restoreFocus = document.activeElement as HTMLElement | null;
    this.text.textContent = message;
    for (const b of this.choices) b.remove();
    this.choices = choices.map((c) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = c.id;
      b.className = 'confirm-danger';
      b.textContent = c.label;
      b.addEventListener('click', () => { this.close(); c.run(); });
      return b;
    });
    this.no.before(...this.choices);
    this.element.hidden = false;
    // Cancel has the focus: Enter right after opening does not destroy anything.
    this.no.focus();
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    for (const b of this.choices) b.remove();
    this.choices = [];
    this.restoreFocus?.focus();
  }
}
