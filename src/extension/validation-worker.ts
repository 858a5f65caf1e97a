/**
 * Worker thread that validates workbook text (schema, semantics, model under scenarios), so a
 * big workbook's HyperFormula evaluation never blocks the extension host's event loop. An open
 * document's engine stays alive here between runs (`LiveEngines`): an edit of its cells is
 * applied to it instead of rebuilding it; the host says `forget` when the document closes.
 * No `vscode` here: this file is its own bundle (dist/validation-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { ENGINE_BUILD_BUDGET, validateWorkbookText } from '../core/validate';
import { LiveEngines } from '../core/validate/live-engines';
import { MAX_LIVE_ENGINES, type ValidationResponse, type WorkerMessage } from './validation-runner';

const live = new LiveEngines(MAX_LIVE_ENGINES);

parentPort?.on('message', (m: WorkerMessage) => {
  if ('forget' in m) { live.forget(m.forget); return; }
  let reply: ValidationResponse;
  try {
    // The build budget: one hostile file must not hold back every other file's problems.
    const options = { model: true, scenarios: m.scenarios, buildBudget: ENGINE_BUILD_BUDGET };
    reply = m.key === undefined
      ? { id: m.id, ok: true, diagnostics: validateWorkbookText(m.text, options).diagnostics }
      : { id: m.id, ok: true, diagnostics: live.validate(m.key, m.text, options).diagnostics, engine: live.lastOutcome };
  } catch (e) {
    if (m.key !== undefined) live.forget(m.key); // its engine may be half-updated
    reply = { id: m.id, ok: false, error: String((e as Error)?.stack ?? e) };
  }
  parentPort?.postMessage(reply);
});
