/**
 * Worker thread that validates workbook text (schema, semantics, model under scenarios), so a
 * big workbook's HyperFormula evaluation never blocks the extension host's event loop.
 * No `vscode` here: this file is its own bundle (dist/validation-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { ENGINE_BUILD_BUDGET, validateWorkbookText } from '../core/validate';
import type { ValidationRequest, ValidationResponse } from './validation-runner';

parentPort?.on('message', (m: ValidationRequest) => {
  let reply: ValidationResponse;
  try {
    reply = { id: m.id, ok: true, diagnostics: validateWorkbookText(m.text, { model: true, scenarios: m.scenarios, buildBudget: ENGINE_BUILD_BUDGET }).diagnostics };
  } catch (e) {
    reply = { id: m.id, ok: false, error: String((e as Error)?.stack ?? e) };
  }
  parentPort?.postMessage(reply);
});
