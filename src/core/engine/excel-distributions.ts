/**
 * Excel's statistical distributions to its 15 digits, as a HyperFormula function plugin that
 * replaces HyperFormula's own (jStat's series agree with Excel to about 9 digits in the T,
 * beta and gamma families, and its inverses less). The numerics are in distributions.ts.
 *
 * Argument checks stay HyperFormula's (its metadata is copied: the ranges it checks are
 * Excel's documented ones), so only the value changes. A few forms HyperFormula takes with
 * other arguments than Excel get Excel's: NORMSDIST(z), LOGNORMDIST(x, mean, sd) and
 * BETADIST(x, alpha, beta, [A], [B]) are cumulative without a fourth argument; ERF.PRECISE and
 * ERFC.PRECISE are added.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, type FunctionPluginDefinition, type ImplementedFunctions } from 'hyperformula';
import * as d from './distributions';

type Fn = (...args: never[]) => number | CellError;

const num = (): CellError => new CellError(ErrorType.NUM);
/** A value Excel can show, else #NUM! (an inverse at probability 1, an overflowing GAMMA). */
const finite = (v: number): number | CellError => (Number.isFinite(v) ? v : num());

const normDist = (x: number, mean: number, sd: number, cumulative: boolean): number =>
  cumulative ? d.normCdf((x - mean) / sd) : d.normPdf((x - mean) / sd) / sd;
const lognormDist = (x: number, mean: number, sd: number, cumulative: boolean): number =>
  cumulative ? d.normCdf((Math.log(x) - mean) / sd) : d.normPdf((Math.log(x) - mean) / sd) / (sd * x);

function betaDist(x: number, a: number, b: number, cumulative: boolean, lo: number, hi: number): number | CellError {
  // Excel: #NUM! outside [A, B] or for A = B.
  if (x < lo || x > hi || lo >= hi) return num();
  const t = (x - lo) / (hi - lo);
  return finite(cumulative ? d.betaI(a, b, t, (hi - x) / (hi - lo)).p : d.betaPdf(t, a, b) / (hi - lo));
}

function tDist2t(x: number, nu: number): number {
  const t = d.tTails(x, Math.trunc(nu));
  return 2 * t.q;
}

/** Each Excel name with its implementation; aliases share one. */
const IMPLEMENTATIONS: Record<string, Fn> = {
  ERF: ((lower: number, upper?: number) => (upper === undefined ? d.erf(lower) : d.erf(upper) - d.erf(lower))) as Fn,
  ERFC: ((x: number) => d.erfc(x)) as Fn,
  GAMMA: ((x: number) => (x <= 0 && Number.isInteger(x) ? num() : finite(d.gamma(x)))) as Fn,
  GAMMALN: ((x: number) => d.lnGamma(x)) as Fn,
  'GAMMA.DIST': ((x: number, a: number, b: number, cumulative: boolean) => finite(cumulative ? d.gammaPQ(a, x / b).p : d.gammaPdf(x, a, b))) as Fn,
  'GAMMA.INV': ((p: number, a: number, b: number) => finite(d.gammaInv(p, a, b))) as Fn,
  'BETA.DIST': betaDist as Fn,
  'BETA.INV': ((p: number, a: number, b: number, lo: number, hi: number) => (lo >= hi ? num() : lo + (hi - lo) * d.betaInv(p, a, b))) as Fn,
  'BINOM.DIST': ((s: number, n: number, p: number, cumulative: boolean) => {
    const k = Math.trunc(s), m = Math.trunc(n);
    if (k > m) return num();
    return cumulative ? d.binomCdf(k, m, p) : d.binomPmf(k, m, p);
  }) as Fn,
  'BINOM.INV': ((n: number, p: number, alpha: number) => d.binomInv(Math.trunc(n), p, alpha)) as Fn,
  'CHISQ.DIST': ((x: number, k: number, cumulative: boolean) => finite(cumulative ? d.chisqTails(x, Math.trunc(k)).p : d.chisqPdf(x, Math.trunc(k)))) as Fn,
  'CHISQ.DIST.RT': ((x: number, k: number) => d.chisqTails(x, Math.trunc(k)).q) as Fn,
  'CHISQ.INV': ((p: number, k: number) => finite(2 * d.gammaInv(p, Math.trunc(k) / 2, 1))) as Fn,
  'CHISQ.INV.RT': ((q: number, k: number) => {
    const a = Math.trunc(k) / 2;
    // On the upper tail itself: 1 - q would lose a small q's digits.
    return q === 1 ? 0 : q === 0 ? num() : finite(2 * d.invert(1 - q, (x) => d.gammaPQ(a, x), (x) => d.gammaPdf(x, a, 1), 0, Infinity, a, q));
  }) as Fn,
  'F.DIST': ((x: number, d1: number, d2: number, cumulative: boolean) => {
    const m = Math.trunc(d1), n = Math.trunc(d2);
    return finite(cumulative ? d.fTails(x, m, n).p : d.fPdf(x, m, n));
  }) as Fn,
  'F.DIST.RT': ((x: number, d1: number, d2: number) => d.fTails(x, Math.trunc(d1), Math.trunc(d2)).q) as Fn,
  'F.INV': ((p: number, d1: number, d2: number) => finite(d.fInv(p, Math.trunc(d1), Math.trunc(d2)))) as Fn,
  'F.INV.RT': ((q: number, d1: number, d2: number) => finite(d.fInvRt(q, Math.trunc(d1), Math.trunc(d2)))) as Fn,
  'T.DIST': ((x: number, nu: number, cumulative: boolean) => (cumulative ? d.tTails(x, Math.trunc(nu)).p : d.tPdf(x, Math.trunc(nu)))) as Fn,
  'T.DIST.2T': tDist2t as Fn,
  'T.DIST.RT': ((x: number, nu: number) => d.tTails(x, Math.trunc(nu)).q) as Fn,
  TDIST: ((x: number, nu: number, tails: number) => (tails === 2 ? tDist2t(x, nu) : d.tTails(x, Math.trunc(nu)).q)) as Fn,
  'T.INV': ((p: number, nu: number) => d.tInv(p, Math.trunc(nu))) as Fn,
  // The lower tail p/2 is exact, so no digits are lost.
  'T.INV.2T': ((p: number, nu: number) => (p === 1 ? 0 : -d.tInv(p / 2, Math.trunc(nu)))) as Fn,
  'NORM.DIST': normDist as Fn,
  'NORM.INV': ((p: number, mean: number, sd: number) => finite(mean + sd * d.normInv(p))) as Fn,
  'NORM.S.DIST': ((z: number, cumulative: boolean) => (cumulative ? d.normCdf(z) : d.normPdf(z))) as Fn,
  'NORM.S.INV': ((p: number) => finite(d.normInv(p))) as Fn,
  'LOGNORM.DIST': lognormDist as Fn,
  'LOGNORM.INV': ((p: number, mean: number, sd: number) => finite(Math.exp(mean + sd * d.normInv(p)))) as Fn,
  'POISSON.DIST': ((x: number, mean: number, cumulative: boolean) => {
    const k = Math.trunc(x);
    return cumulative ? d.poissonCdf(k, mean) : d.poissonPmf(k, mean);
  }) as Fn,
  'EXPON.DIST': ((x: number, lambda: number, cumulative: boolean) => (cumulative ? -Math.expm1(-lambda * x) : lambda * Math.exp(-lambda * x))) as Fn,
  'WEIBULL.DIST': ((x: number, shape: number, scale: number, cumulative: boolean) => {
    const u = Math.pow(x / scale, shape);
    return finite(cumulative ? -Math.expm1(-u) : (shape / scale) * Math.pow(x / scale, shape - 1) * Math.exp(-u));
  }) as Fn,
  'CONFIDENCE.NORM': ((alpha: number, sd: number, size: number) => -d.normInv(alpha / 2) * sd / Math.sqrt(Math.trunc(size))) as Fn,
  'CONFIDENCE.T': ((alpha: number, sd: number, size: number) => {
    const n = Math.trunc(size);
    // Excel: #DIV/0! for a sample of one.
    return n === 1 ? new CellError(ErrorType.DIV_BY_ZERO) : -d.tInv(alpha / 2, n - 1) * sd / Math.sqrt(n);
  }) as Fn,
  PHI: ((x: number) => d.normPdf(x)) as Fn,
  // Φ(z) - 1/2 as erf(z/√2)/2: no cancellation for a small z.
  GAUSS: ((z: number) => d.erf(z / Math.SQRT2) / 2) as Fn,
};

/** Excel's older names, each with its current one (same arguments). */
const ALIASES: Record<string, string> = {
  'GAMMALN.PRECISE': 'GAMMALN', GAMMADIST: 'GAMMA.DIST', GAMMAINV: 'GAMMA.INV',
  BETAINV: 'BETA.INV', BINOMDIST: 'BINOM.DIST', CRITBINOM: 'BINOM.INV', CHIDIST: 'CHISQ.DIST.RT', CHIINV: 'CHISQ.INV.RT',
  FDIST: 'F.DIST.RT', FINV: 'F.INV.RT', TINV: 'T.INV.2T', NORMDIST: 'NORM.DIST', NORMINV: 'NORM.INV', NORMSINV: 'NORM.S.INV',
  LOGINV: 'LOGNORM.INV', POISSON: 'POISSON.DIST', EXPONDIST: 'EXPON.DIST', WEIBULL: 'WEIBULL.DIST', CONFIDENCE: 'CONFIDENCE.NORM',
};

const NUMBER = { argumentType: FunctionArgumentType.NUMBER };

/** Names whose Excel arguments differ from HyperFormula's metadata: their own parameters. */
const OWN_PARAMETERS: Record<string, { parameters: unknown[]; impl: Fn }> = {
  NORMSDIST: { parameters: [NUMBER], impl: ((z: number) => d.normCdf(z)) as Fn },
  LOGNORMDIST: {
    parameters: [{ ...NUMBER, greaterThan: 0 }, NUMBER, { ...NUMBER, greaterThan: 0 }],
    impl: ((x: number, mean: number, sd: number) => lognormDist(x, mean, sd, true)) as Fn,
  },
  BETADIST: {
    parameters: [NUMBER, { ...NUMBER, greaterThan: 0 }, { ...NUMBER, greaterThan: 0 }, { ...NUMBER, defaultValue: 0 }, { ...NUMBER, defaultValue: 1 }],
    impl: ((x: number, a: number, b: number, lo: number, hi: number) => betaDist(x, a, b, true, lo, hi)) as Fn,
  },
  'ERF.PRECISE': { parameters: [NUMBER], impl: ((x: number) => d.erf(x)) as Fn },
  'ERFC.PRECISE': { parameters: [NUMBER], impl: ((x: number) => d.erfc(x)) as Fn },
};

/** The Excel names this plugin answers. */
export const DISTRIBUTION_FUNCTIONS: readonly string[] = [...Object.keys(IMPLEMENTATIONS), ...Object.keys(ALIASES), ...Object.keys(OWN_PARAMETERS)]
  .filter((n, i, all) => all.indexOf(n) === i).sort();

/** The plugin, its metadata taken from HyperFormula's (undefined if HyperFormula lacks a name). */
export function excelDistributionsPlugin(): FunctionPluginDefinition | undefined {
  const functions: Record<string, unknown> = {};
  const methods: Record<string, (this: FunctionPlugin, ast: never, state: never) => unknown> = {};
  for (const name of DISTRIBUTION_FUNCTIONS) {
    const own = OWN_PARAMETERS[name];
    const canonical = own ? name : ALIASES[name] ?? name;
    let meta: Record<string, unknown>;
    if (own) meta = { parameters: own.parameters };
    else {
      const hf = HyperFormula.getFunctionPlugin(canonical)?.implementedFunctions[canonical] as Record<string, unknown> | undefined;
      if (!hf) return undefined;
      meta = { ...hf };
    }
    const impl = own?.impl ?? IMPLEMENTATIONS[canonical]!;
    const method = `dist_${name.replace(/\W/g, '_')}`;
    functions[name] = { ...meta, method };
    methods[method] = function (this: FunctionPlugin, ast: never, state: never): unknown {
      const run = (this as unknown as { runFunction(a: unknown, s: unknown, m: unknown, f: Fn): unknown }).runFunction.bind(this);
      const metadata = (this as unknown as { metadata(n: string): unknown }).metadata(name);
      return run((ast as { args: unknown }).args, state, metadata, impl);
    };
  }
  class ExcelDistributionsPlugin extends FunctionPlugin {
    static override implementedFunctions = functions as ImplementedFunctions;
  }
  Object.assign(ExcelDistributionsPlugin.prototype, methods);
  return ExcelDistributionsPlugin;
}
