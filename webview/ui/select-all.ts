/**
 * Ctrl+A (Cmd+A) in a text field selects its text, and nothing else. VS Code's webview host
 * forwards every keydown to the workbench, whose Select All then comes back as an
 * `execCommand('selectAll')` a round trip later: by then the user has typed the first
 * character of the new value, it is selected, and the next key replaces it (typing 20000
 * over a value gave 0000). The browser's own select-all has already happened; the key is kept
 * from reaching the host's listener on `window`.
 */
export function keepSelectAllInTextFields(doc: Document): void {
  doc.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'a') return;
    // Inside a web component (vscode-textfield) the real target is first in the composed path.
    const target = e.composedPath()[0];
    if (isTextField(target)) e.stopPropagation();
  });
}

function isTextField(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return ['text', 'search', 'number', 'email', 'url', 'tel', 'password', ''].includes(target.type);
}
