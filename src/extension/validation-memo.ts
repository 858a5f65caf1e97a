/**
 * What was last validated per workbook: a hash of the text and the scenarios setting it was
 * validated under, so unchanged text is not validated again (a full run evaluates the model
 * under every scenario). No `vscode` here.
 */
import { createHash } from 'node:crypto';

export class ValidationMemo {
  private readonly last = new Map<string, string>();

  private static fingerprint(text: string, scenarios: 'all' | readonly string[]): string {
    return createHash('sha256').update(JSON.stringify(scenarios)).update('\0').update(text).digest('base64');
  }

  /** True when `text` was the last text validated for `key` under the same `scenarios`. */
  isCurrent(key: string, text: string, scenarios: 'all' | readonly string[]): boolean {
    return this.last.get(key) === ValidationMemo.fingerprint(text, scenarios);
  }

  /** Records that `text` under `scenarios` is what `key`'s published problems describe. */
  remember(key: string, text: string, scenarios: 'all' | readonly string[]): void {
    this.last.set(key, ValidationMemo.fingerprint(text, scenarios));
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
