/**
 * ROUND, ROUNDUP, ROUNDDOWN and INT as Excel computes them, replacing HyperFormula's:
 * - HyperFormula scales in binary, so ROUND(1.005, 2) gives 1 (Excel and LibreOffice: 1.01)
 *   and ROUNDUP(0.1*3, 1) gives 0.4 (Excel: 0.3). We round the scaled value to 15 significant
 *   digits first, as Excel works with 15 significant decimal digits.
 * - HyperFormula's INT truncates toward zero (INT(-2.5) = -2); Excel rounds down (-3).
 * Registered once, globally, when the engine module loads (HyperFormula's registry is static).
 */
import { FunctionArgumentType, FunctionPlugin, HyperFormula, type ImplementedFunctions } from 'hyperformula';
import { excelCriteriaPlugin } from './excel-criteria';
import { excelDistributionsPlugin } from './excel-distributions';
import { ExcelLogicPlugin } from './excel-logic';
import { excelMatchPlugin } from './excel-lookup';
import { ExcelRegressionPlugin } from './excel-regression';
import { ExcelStatisticsPlugin } from './excel-statistics';
import { ExcelTextPlugin } from './excel-text';

/** x * 10^places, cleaned of binary noise below Excel's 15 significant digits. */
function scaled(x: number, places: number): number {
  const s = x * Math.pow(10, places);
  return Number.isFinite(s) ? Number(s.toPrecision(15)) : s;
}

/** Applies an integer rounding `op` at `places` decimals to |x|, keeping the sign. */
function roundWith(op: (n: number) => number, x: number, places: number): number {
  const p = Math.trunc(places);
  const s = scaled(Math.abs(x), p);
  // Already an integer at this scale (or beyond float precision): nothing to round.
  if (!Number.isFinite(s) || s >= 2 ** 53) return x;
  return Math.sign(x) * op(s) / Math.pow(10, p);
}

/** Rounds half away from zero at `places` decimals (negative places round to tens, hundreds...). */
export const excelRound = (x: number, places: number): number => roundWith(Math.round, x, places);
/** Rounds away from zero. */
export const excelRoundUp = (x: number, places: number): number => roundWith(Math.ceil, x, places);
/** Rounds toward zero. */
export const excelRoundDown = (x: number, places: number): number => roundWith(Math.floor, x, places);

const NUMBER_AND_PLACES = [
  { argumentType: FunctionArgumentType.NUMBER },
  { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 },
];

/** HyperFormula plugin overriding the built-in rounding functions with Excel's behaviour. */
export class ExcelRoundingPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    ROUND: { method: 'round', parameters: NUMBER_AND_PLACES },
    ROUNDUP: { method: 'roundup', parameters: NUMBER_AND_PLACES },
    ROUNDDOWN: { method: 'rounddown', parameters: NUMBER_AND_PLACES },
    // HyperFormula's TRUNC is an alias of its own ROUNDDOWN (TRUNC(10,0.5) = 9.8...; Excel: 10).
    TRUNC: { method: 'rounddown', parameters: NUMBER_AND_PLACES },
    INT: { method: 'intFunc', parameters: [{ argumentType: FunctionArgumentType.NUMBER }] },
  };

  // HyperFormula calls these by name with (ast, state); their types are internal to it.
  round(ast: never, state: never): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('ROUND'), excelRound);
  }
  roundup(ast: never, state: never): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('ROUNDUP'), excelRoundUp);
  }
  rounddown(ast: never, state: never): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('ROUNDDOWN'), excelRoundDown);
  }
  intFunc(ast: never, state: never): unknown {
    return this.runFunction((ast as { args: never }).args, state, this.metadata('INT'), Math.floor);
  }
}

let registered = false;
/** Registers the Excel rounding and statistics functions with HyperFormula (idempotent). */
export function registerExcelFunctions(): void {
  if (registered) return;
  registered = true;
  HyperFormula.registerFunctionPlugin(ExcelRoundingPlugin);
  // New names need a translation in every registered language (the engine uses enGB only).
  for (const plugin of [ExcelStatisticsPlugin, ExcelTextPlugin, ExcelRegressionPlugin, ExcelLogicPlugin]) {
    const names = Object.keys(plugin.implementedFunctions);
    HyperFormula.registerFunctionPlugin(plugin, { enGB: Object.fromEntries(names.map((n) => [n, n])) });
  }
  const match = excelMatchPlugin();
  if (match) HyperFormula.registerFunctionPlugin(match);
  const criteria = excelCriteriaPlugin();
  if (criteria) HyperFormula.registerFunctionPlugin(criteria, { enGB: { AVERAGEIFS: 'AVERAGEIFS' } });
  const distributions = excelDistributionsPlugin();
  if (distributions) {
    const names = Object.keys(distributions.implementedFunctions);
    HyperFormula.registerFunctionPlugin(distributions, { enGB: Object.fromEntries(names.map((n) => [n, n])) });
  }
}
