/**
 * Engines kept alive between validations of the same open document, so that a one-cell edit
 * costs HyperFormula's recalculation of that edit instead of a build of the whole workbook
 * (100,000 formulas: seconds). Each key (a document URI) holds the workbook last validated and
 * its engine; the next text's workbook is diffed against it (`cellChanges`): changed cells go
 * into the engine in one batch, anything else rebuilds it. At most `max` engines are kept, the
 * least recently used dropped first; `forget` drops one when its document closes.
 */
import { cellChanges } from '../engine/cell-changes';
import { WorkbookEngine } from '../engine';
import type { Workbook } from '../model/workbook';
import { validateWorkbookText, type ValidateOptions, type ValidationResult } from './index';

/** How each `engineFor` call was served, for tests and benchmarks. */
export type LiveOutcome = 'built' | 'rebased' | 'unchanged' | 'none';

export class LiveEngines {
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly live = new Map<string, { workbook: Workbook; engine: WorkbookEngine }>();
  /** What the last `validate` did with its engine. */
  lastOutcome: LiveOutcome = 'none';

  constructor(private readonly max = 3) {}

  /** `validateWorkbookText` with the live engine of `key`. */
  validate(key: string, text: string, options: Omit<ValidateOptions, 'engineFor'> = {}): ValidationResult {
    this.lastOutcome = 'none';
    const result = validateWorkbookText(text, { ...options, engineFor: (wb) => this.engineFor(key, wb) });
    // Not clean (or no model run): the next clean version needs a build anyway.
    if (this.lastOutcome === 'none') this.forget(key);
    return result;
  }

  /** The engine of `key` moved onto `workbook`, or a fresh one; undefined when it cannot be built. */
  engineFor(key: string, workbook: Workbook): WorkbookEngine | undefined {
    const entry = this.live.get(key);
    if (entry) {
      this.live.delete(key);
      const changes = cellChanges(entry.workbook, workbook);
      if (changes !== 'structure') {
        entry.engine.rebase(workbook, changes);
        entry.workbook = workbook;
        this.live.set(key, entry);
        this.lastOutcome = changes.length === 0 ? 'unchanged' : 'rebased';
        return entry.engine;
      }
      entry.engine.dispose();
    }
    let engine: WorkbookEngine;
    try {
      engine = WorkbookEngine.create(workbook);
    } catch {
      return undefined; // modelDiagnostics builds again and reports why it cannot
    }
    this.live.set(key, { workbook, engine });
    this.lastOutcome = 'built';
    while (this.live.size > this.max) this.forget(this.live.keys().next().value!);
    return engine;
  }

  /** Drops the engine of `key` (its document closed). */
  forget(key: string): void {
    this.live.get(key)?.engine.dispose();
    this.live.delete(key);
  }

  /** Keys with a live engine, least recently used first. */
  keys(): string[] { return [...this.live.keys()]; }

  dispose(): void {
    for (const key of [...this.live.keys()]) this.forget(key);
  }
}
