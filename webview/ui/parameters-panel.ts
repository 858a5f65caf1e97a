/**
 * The parameters panel: every parameter with unit, bounds and description, a number input
 * and (when bounded) a slider. `onPreview` fires while dragging (live recalculation),
 * `onCommit` once the value is settled (change event).
 */
import type { Workbook } from '../../src/core/model/workbook';
import { formatGeneral } from '../format/number-format';

export interface ParameterCallbacks {
  onPreview(name: string, value: number): void;
  onCommit(name: string, value: number): void;
}

export class ParametersPanel {
  readonly element: HTMLElement;
  private signature = '';
  private readonly inputs = new Map<string, { input: HTMLInputElement; slider?: HTMLInputElement; box: HTMLElement }>();

  constructor(private readonly cb: ParameterCallbacks) {
    this.element = document.createElement('aside');
    this.element.id = 'parameters-panel';
    this.element.setAttribute('aria-label', 'Parameters');
  }

  /** Rebuilds the controls when the parameter set changes, else only updates the values. */
  update(wb: Workbook, effective: (name: string) => number, scenario: string): void {
    const params = wb.parameters ?? {};
    const sig = JSON.stringify(Object.entries(params).map(([n, p]) => [n, p.unit, p.min, p.max, p.description, p.source]));
    if (sig !== this.signature) this.build(wb);
    this.signature = sig;
    const overrides = wb.scenarios?.[scenario]?.set ?? {};
    for (const [name, ui] of this.inputs) {
      const v = effective(name);
      if (document.activeElement !== ui.input) ui.input.value = formatGeneral(v);
      if (ui.slider && document.activeElement !== ui.slider) ui.slider.value = String(v);
      const overridden = Object.keys(overrides).some((k) => k.toUpperCase() === name.toUpperCase());
      ui.box.classList.toggle('changed', overridden);
      ui.box.title = overridden ? `Set by scenario "${scenario}"` : '';
    }
  }

  private build(wb: Workbook): void {
    this.inputs.clear();
    const heading = document.createElement('h2');
    heading.textContent = 'Parameters';
    const children: HTMLElement[] = [heading];
    const entries = Object.entries(wb.parameters ?? {});
    if (entries.length === 0) {
      const none = document.createElement('div');
      none.className = 'param-desc';
      none.textContent = 'This workbook has no parameters.';
      children.push(none);
    }
    for (const [name, p] of entries) {
      const box = document.createElement('div');
      box.className = 'param';
      box.dataset.param = name;
      const title = document.createElement('div');
      const nameEl = document.createElement('span');
      nameEl.className = 'param-name';
      nameEl.textContent = name;
      title.append(nameEl);
      if (p.unit) {
        const unit = document.createElement('span');
        unit.className = 'param-unit';
        unit.textContent = ` (${p.unit})`;
        title.append(unit);
      }
      const controls = document.createElement('div');
      controls.className = 'param-controls';
      const input = document.createElement('input');
      input.className = 'param-input';
      input.type = 'text';
      input.inputMode = 'decimal';
      input.setAttribute('aria-label', name);
      controls.append(input);
      let slider: HTMLInputElement | undefined;
      const bounded = typeof p.min === 'number' && typeof p.max === 'number' && p.max > p.min;
      if (bounded) {
        slider = document.createElement('input');
        slider.type = 'range';
        slider.className = 'param-slider';
        slider.min = String(p.min);
        slider.max = String(p.max);
        slider.step = String(sliderStep(p.min!, p.max!));
        slider.setAttribute('aria-label', `${name} slider`);
        const s = slider;
        s.addEventListener('input', () => { input.value = s.value; this.cb.onPreview(name, Number(s.value)); });
        s.addEventListener('change', () => this.cb.onCommit(name, Number(s.value)));
        controls.append(s);
      }
      // Said under the input, and tied to it for screen readers; what was typed stays.
      const error = document.createElement('div');
      error.className = 'param-error';
      error.id = `param-error-${this.inputs.size}`;
      error.setAttribute('role', 'alert');
      error.hidden = true;
      const commitInput = () => {
        const v = Number(input.value.replace(/,/g, ''));
        if (input.value.trim() === '' || !Number.isFinite(v)) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', error.id);
          error.textContent = `${name}: "${input.value}" is not a number; enter a value such as ${formatGeneral(p.value)}.`;
          error.hidden = false;
          return;
        }
        error.hidden = true;
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
        if (slider) slider.value = String(v);
        this.cb.onPreview(name, v);
        this.cb.onCommit(name, v);
      };
      input.addEventListener('change', commitInput);
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); input.blur(); } });
      box.append(title, controls, error);
      if (typeof p.min === 'number' || typeof p.max === 'number') {
        const bounds = document.createElement('div');
        bounds.className = 'param-bounds';
        bounds.textContent = `Range ${typeof p.min === 'number' ? formatGeneral(p.min) : '−∞'} to ${typeof p.max === 'number' ? formatGeneral(p.max) : '∞'}`;
        box.append(bounds);
      }
      for (const text of [p.description, p.source && (/^source:/i.test(p.source) ? p.source : `Source: ${p.source}`)]) {
        if (!text) continue;
        const d = document.createElement('div');
        d.className = 'param-desc';
        d.textContent = text;
        box.append(d);
      }
      this.inputs.set(name, { input, slider, box });
      children.push(box);
    }
    this.element.replaceChildren(...children);
  }
}

/** About 200 steps across the range, rounded to a power of ten. */
function sliderStep(min: number, max: number): number {
  const raw = (max - min) / 200;
  return 10 ** Math.floor(Math.log10(raw));
}
