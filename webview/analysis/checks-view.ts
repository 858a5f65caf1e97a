/**
 * Checks: every check's outcome under every scenario. A check's name opens the text editor
 * at its definition (the host selects its `assert`); failing checks are also in the
 * Problems panel, tagged with their scenario by the host's diagnostics.
 */
import { button, el, statusLine, table, type TableCell } from './dom';
import { errorText, RecomputeCost, type AnalysisHost, type AnalysisView } from './host';
import { post } from '../vscode-api';
import { valueText } from './summary-view';

export class ChecksView implements AnalysisView {
  readonly id = 'checks';
  readonly label = 'Checks';
  readonly element = el('div', { className: 'an-view', id: 'an-checks' });
  private readonly status = statusLine('analysis-checks-status');
  private readonly output = el('div', { className: 'an-output' });
  private readonly cost = new RecomputeCost();

  constructor(private readonly host: AnalysisHost) {
    this.element.append(el('div', { className: 'an-actions' }, button('checks-refresh', 'Refresh', () => this.refresh())), this.status, this.output);
  }

  refresh(auto?: boolean): void {
    const engine = this.host.engine();
    const wb = this.host.workbook();
    if (!engine || !wb) return;
    if (this.cost.deferred(auto)) { this.status.textContent = this.cost.staleText('Refresh'); return; }
    const checks = wb.checks ?? [];
    if (checks.length === 0) {
      this.status.textContent = 'This workbook has no checks. Add them under "checks" in the file: { "name", "assert": "=..." }.';
      this.output.replaceChildren();
      return;
    }
    let summary;
    try {
      summary = this.cost.time(() => engine.compare([]));
    } catch (e) {
      this.status.textContent = errorText(e);
      return;
    }
    let failing = 0;
    const rows: TableCell[][] = checks.map((check, i) => {
      const link = button(`check-link-${i}`, check.name, () => post({ type: 'revealCheck', index: i }), {
        secondary: true, title: `Open the definition of "${check.name}" in the text editor`,
      });
      link.classList.add('an-link');
      return [{ text: check.name, node: link }, ...summary.scenarios.map((s) => {
        const r = s.checks[i];
        if (!r) return { text: '' };
        if (!r.passed) failing++;
        const sev = r.severity;
        return {
          text: r.passed ? '✓ pass' : `✗ ${sev === 'error' ? 'fail' : sev}`,
          className: r.passed ? 'an-pass' : `an-fail an-${sev}`,
          title: r.passed ? '' : `${r.message ?? check.name} (value: ${valueText(r.value)})`,
        };
      })];
    });
    this.output.replaceChildren(table('checks-table', 'Checks by scenario', ['Check', ...summary.scenarios.map((s) => s.name)], rows));
    this.status.textContent = failing === 0
      ? `All ${checks.length} checks pass under all ${summary.scenarios.length} scenarios.`
      : `${failing} failing check result${failing === 1 ? '' : 's'} across ${summary.scenarios.length} scenarios (also in the Problems panel).`;
  }
}
