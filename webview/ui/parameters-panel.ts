/**
 * The parameters panel: every parameter with unit, bounds and description, a number input
 * and (when bounded) a slider. `onPreview` fires while dragging (live recalculation),
 * `onCommit` once the value is settled (change event). Under a scenario that sets a
 * parameter, each box says which layer its input and slider write (see `ParameterLayer`).
 */
import type { Workbook } from '../../src/core/model/workbook';
import { formatGeneral } from '../format/number-format';

export interface ParameterCallbacks {
  onPreview(name: string, value: number): void;
  onCommit(name: string, value: number): void;
  /** The user asked to edit Baseline instead of the shown scenario's overrides (or back). */
  onEditBaseline(on: boolean): void;
}

/** What a parameter's input edits under the shown scenario. */
export interface ParameterLayer {
  /** The value of the layer being edited (what the input and slider show). */
  value: number;
  /** The shown scenario, when it sets this parameter. */
  overriddenBy?: string;
  /** True when Baseline is edited although `overriddenBy` sets the shown value. */
  editingBaseline: boolean;
  /** The shown scenario, when it is not Baseline. */
  scenario?: string;
}

interface ParamUi {
  input: HTMLInputElement;
  slider?: HTMLInputElement;
  box: HTMLElement;
  layer: HTMLElement;
  layerText: HTMLElement;
  layerButton: HTMLButtonElement;
}

export class ParametersPanel {
  readonly element: HTMLElement;
  private signature = '';
  private readonly inputs = new Map<string, ParamUi>();

  constructor(private readonly cb: ParameterCallbacks) {
    this.element = document.createElement('aside');
    this.element.id = 'parameters-panel';
    this.element.setAttribute('aria-label', 'Parameters');
  }

  /** Rebuilds the controls when the parameter set changes, else only updates the values. */
  update(wb: Workbook, layerOf: (name: string) => ParameterLayer): void {
    const params = wb.parameters ?? {};
    const sig = JSON.stringify(Object.entries(params).map(([n, p]) => [n, p.unit, p.min, p.max, p.description, p.source]));
    if (sig !== this.signature) this.rebuildKeepingTyping(wb);
    this.signature = sig;
    for (const [name, ui] of this.inputs) {
      const layer = layerOf(name);
      // Never under the cursor: an input being typed in (or holding a refused value the user
      // is to correct) keeps its text; the slider being moved keeps its position.
      if (document.activeElement !== ui.input && !ui.input.hasAttribute('aria-invalid')) ui.input.value = formatGeneral(layer.value);
      if (ui.slider && document.activeElement !== ui.slider) ui.slider.value = String(layer.value);
      const over = layer.overriddenBy;
      ui.box.classList.toggle('changed', over !== undefined);
      ui.box.title = over !== undefined ? `Set by scenario "${over}"` : '';
      ui.layerText.textContent = over === undefined
        ? (layer.scenario !== undefined ? `Editing: Baseline ("${layer.scenario}" does not set it)` : '')
        : layer.editingBaseline ? `Editing: Baseline (the shown value is "${over}"'s override)` : `Editing: scenario "${over}" override`;
      ui.layer.hidden = ui.layerText.textContent === '';
      ui.layerButton.hidden = over === undefined;
      ui.layerButton.textContent = layer.editingBaseline ? `Edit "${over ?? ''}" override` : 'Edit Baseline';
      ui.layerButton.setAttribute('aria-pressed', String(layer.editingBaseline));
      ui.layerButton.onclick = () => this.cb.onEditBaseline(!layer.editingBaseline);
    }
  }

  /** A rebuild (units, bounds or names changed) keeps what is being typed, and where. */
  private rebuildKeepingTyping(wb: Workbook): void {
    const focused = [...this.inputs].find(([, ui]) => document.activeElement === ui.input);
    const typing = focused && { name: focused[0], value: focused[1].input.value, start: focused[1].input.selectionStart, end: focused[1].input.selectionEnd };
    this.build(wb);
    const again = typing && this.inputs.get(typing.name);
    if (!typing || !again) return;
    again.input.value = typing.value;
    again.input.focus();
    again.input.setSelectionRange(typing.start, typing.end);
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
      const reject = (message: string) => {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', error.id);
        error.textContent = message;
        error.hidden = false;
      };
      const commitInput = () => {
        const v = Number(input.value.replace(/,/g, ''));
        if (input.value.trim() === '' || !Number.isFinite(v)) {
          reject(`${name}: "${input.value}" is not a number; enter a value such as ${formatGeneral(p.value)}.`);
          return;
        }
        // Refused here, before any edit: the file would get an MW3004/MW3005 error otherwise.
        const outside = outOfRange(v, p.min, p.max);
        if (outside) {
          reject(`${name}: ${formatNumber(v)} is ${outside}; enter a value from ${typeof p.min === 'number' ? formatNumber(p.min) : '−∞'} to ${typeof p.max === 'number' ? formatNumber(p.max) : '∞'}.`);
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
      // Which layer the input and slider write (filled in by update).
      const layerText = document.createElement('span');
      layerText.className = 'param-layer-text';
      const layerButton = document.createElement('button');
      layerButton.type = 'button';
      layerButton.className = 'param-edit-baseline';
      layerButton.hidden = true;
      const layer = document.createElement('div');
      layer.className = 'param-layer';
      layer.hidden = true;
      layer.append(layerText, ' ', layerButton);
      box.append(title, controls, layer, error);
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
      this.inputs.set(name, { input, slider, box, layer, layerText, layerButton });
      children.push(box);
    }
    this.element.replaceChildren(...children);
  }
}

/** Which bound `v` breaks, as the message says it, or undefined inside the bounds. */
function outOfRange(v: number, min: number | undefined, max: number | undefined): string | undefined {
  if (typeof min === 'number' && v < min) return `below the minimum ${formatNumber(min)}`;
  if (typeof max === 'number' && v > max) return `above the maximum ${formatNumber(max)}`;
  return undefined;
}

/** Digit grouping, so that 250000 and 100000 read at a glance. */
function formatNumber(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** About 200 steps across the range, rounded to a power of ten. */
function sliderStep(min: number, max: number): number {
  const raw = (max - min) / 200;
  return 10 ** Math.floor(Math.log10(raw));
}
