import * as vscode from 'vscode';
import { BASE_SCENARIO } from '../core/model/workbook';
import { DEFAULT_VALIDATION_MEMORY_MB } from './validation-runner';

/** The `mineralsWorkbook.*` settings, read with defaults and sanitized. */
export interface MineralsSettings {
  csvDelimiter: string;
  csvNewline: '\r\n' | '\n';
  /** BCP 47 locale for number display; VS Code's display language when unset. */
  numberLocale: string;
  /** Scenarios the model and checks are validated under. */
  validationScenarios: 'all' | string[];
  debounceMs: number;
  /** Heap limit of the validation worker, in MB. */
  validationMemoryLimitMb: number;
}

/** Reads the settings for `scope` (a workbook's folder settings win over the user's). */
export function readSettings(scope?: vscode.Uri): MineralsSettings {
  const c = vscode.workspace.getConfiguration('mineralsWorkbook', scope);
  const delimiter = c.get<string>('csv.delimiter', ',');
  const locale = c.get<string>('numberLocale', '').trim();
  const debounce = c.get<number>('validation.debounceMs', 300);
  const memory = c.get<number>('validation.memoryLimitMb', DEFAULT_VALIDATION_MEMORY_MB);
  return {
    csvDelimiter: delimiter === ';' || delimiter === '\t' ? delimiter : delimiter === 'tab' ? '\t' : ',',
    csvNewline: c.get<string>('csv.newline', 'crlf') === 'lf' ? '\n' : '\r\n',
    numberLocale: isLocale(locale) ? locale : vscode.env.language,
    validationScenarios: c.get<string>('validation.scenarios', 'all') === 'baseline' ? [BASE_SCENARIO] : 'all',
    debounceMs: Number.isFinite(debounce) ? Math.min(Math.max(debounce, 0), 10_000) : 300,
    validationMemoryLimitMb: Number.isFinite(memory) ? Math.round(Math.min(Math.max(memory, 16), 65_536)) : DEFAULT_VALIDATION_MEMORY_MB,
  };
}

function isLocale(s: string): boolean {
  if (!s) return false;
  try {
    return Intl.NumberFormat.supportedLocalesOf([s]).length > 0;
  } catch {
    return false;
  }
}
