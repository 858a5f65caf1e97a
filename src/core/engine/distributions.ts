/**
 * Statistical distributions to Excel's precision (about 15 significant digits), replacing
 * HyperFormula's (jStat's series, about 9 digits in the T, beta and gamma families).
 * Pure numerics: regularized incomplete gamma and beta by series and continued fractions
 * (Lentz), their prefactors in Loader's form (Stirling's remainder and log1p(t) - t) so that
 * large shape parameters lose no digits, and inverses by safeguarded Newton steps on the
 * smaller tail. Checked against mpmath in test/unit/distributions.test.ts.
 */

const EPS = 1e-16;
const TINY = 1e-300;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** Stirling's remainder ln Γ(a) - ((a - 1/2) ln a - a + ln √(2π)), for a ≥ 10. */
function stirlerr(a: number): number {
  const r = 1 / (a * a);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - r * (691 / 360360 - r / 156)))))) / a;
}

/** Γ(x) by Lanczos (g = 7) for x < 10; reflection below 1/2. */
function lanczosGamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * lanczosGamma(1 - x));
  const z = x - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) s += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * s;
}

/** ln |Γ(x)|. */
export function lnGamma(x: number): number {
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlerr(x);
  return Math.log(Math.abs(lanczosGamma(x)));
}

/** Γ(x); NaN at 0 and the negative integers. */
export function gamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (Number.isInteger(x) && x <= 171) {
    let f = 1;
    for (let i = 2; i < x; i++) f *= i;
    return f;
  }
  if (x >= 10) {
    // (x/e)^x split in two powers so that the intermediate stays finite up to x = 171.6.
    const h = Math.pow(x, (x - 0.5) / 2);
    return h * (h * Math.exp(-x)) * Math.sqrt(2 * Math.PI) * Math.exp(stirlerr(x));
  }
  return lanczosGamma(x);
}

/** log1p(t) - t without cancellation for small t. */
function log1pmx(t: number): number {
  if (Math.abs(t) > 0.25) return Math.log1p(t) - t;
  const y = t / (2 + t), y2 = y * y;
  let term = y2 * y, sum = 0;
  for (let k = 3; k < 200; k += 2) {
    const add = term / k;
    sum += add;
    if (Math.abs(add) < EPS * Math.abs(sum)) break;
    term *= y2;
  }
  return -t * y + 2 * sum;
}

/**
 * r - 1 - ln r (≥ 0) for r = num/den: near 1 through log1p(t) - t, since t = (num - den)/den
 * is then exact; far from 1 from r itself (1 + t would have lost t's low digits).
 */
function phi(num: number, den: number): number {
  const r = num / den;
  return Math.abs(r - 1) > 0.25 ? r - 1 - Math.log(r) : -log1pmx((num - den) / den);
}

/** x^a e^-x / Γ(a). */
function gammaPrefix(a: number, x: number): number {
  if (x === 0) return 0;
  if (a >= 10) return Math.sqrt(a / (2 * Math.PI)) * Math.exp(-a * phi(x, a) - stirlerr(a));
  return Math.exp(a * Math.log(x) - x - lnGamma(a));
}

/** Regularized lower and upper incomplete gamma P(a, x), Q(a, x). */
export function gammaPQ(a: number, x: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  if (!Number.isFinite(x)) return { p: 1, q: 0 };
  const pre = gammaPrefix(a, x);
  if (x < a + 1) {
    let ap = a, del = 1 / a, sum = del;
    for (let n = 0; n < 100000; n++) {
      ap += 1; del *= x / ap; sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    const p = Math.min(1, pre * sum);
    return { p, q: 1 - p };
  }
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const q = Math.min(1, pre * h);
  return { p: 1 - q, q };
}

/** ln Γ(big) - ln Γ(big + small) for big ≥ 10, without the cancellation of the two. */
function lnGammaRatio(big: number, small: number): number {
  return -(big - 0.5) * Math.log1p(small / big) - small * Math.log(big + small) + small + stirlerr(big) - stirlerr(big + small);
}

/** x^a y^b / B(a, b), with y = 1 - x given separately (it is often known more precisely). */
function betaPrefix(a: number, b: number, x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  if (a >= 10 && b >= 10) {
    const n = a + b;
    const e = -a * phi(x * n, a) - b * phi(y * n, b) + stirlerr(n) - stirlerr(a) - stirlerr(b);
    return Math.sqrt((a * b) / (2 * Math.PI * n)) * Math.exp(e);
  }
  const lnx = x < 0.5 ? Math.log(x) : Math.log1p(-y), lny = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  let lnBeta: number;
  if (Math.max(a, b) >= 10) lnBeta = lnGamma(Math.min(a, b)) + lnGammaRatio(Math.max(a, b), Math.min(a, b));
  else lnBeta = lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  return Math.exp(a * lnx + b * lny - lnBeta);
}

/** The continued fraction of I_x(a, b) (Numerical Recipes' betacf, Lentz's method). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1, d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b) and its complement, y = 1 - x. */
export function betaI(a: number, b: number, x: number, y = 1 - x): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  if (y <= 0) return { p: 1, q: 0 };
  const pre = betaPrefix(a, b, x, y);
  if (x < (a + 1) / (a + b + 2)) {
    const p = Math.min(1, (pre * betaCf(a, b, x)) / a);
    return { p, q: 1 - p };
  }
  const q = Math.min(1, (pre * betaCf(b, a, y)) / b);
  return { p: 1 - q, q };
}

/** erf(x) and erfc(x), each to full relative precision. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erf(x);
  return gammaPQ(0.5, x * x).q;
}
export function erf(x: number): number {
  if (Math.abs(x) >= 0.5) return x < 0 ? -(1 - erfc(-x)) : 1 - erfc(x);
  // erf(x) = 2x/√π Σ (-x²)^n / (n! (2n + 1)), alternating but with |x| < 1/2 no digits lost.
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < EPS * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** Standard normal: density, lower and upper tail. */
export function normPdf(z: number): number { return Math.exp(-0.5 * z * z - LN_SQRT_2PI); }
export function normCdf(z: number): number { return 0.5 * erfc(-z / Math.SQRT2); }

/**
 * The x in [lo, hi] with cdf(x) = p: Newton steps on whichever tail is smaller (so a p near
 * 1 keeps its digits), falling back to bisection whenever a step leaves the bracket.
 * `q` is 1 - p when the caller has it more precisely (an upper-tail inverse).
 * `tails(x)` gives both tails, `pdf(x)` the density; an infinite bound is searched outward.
 */
export function invert(p: number, tails: (x: number) => { p: number; q: number }, pdf: (x: number) => number, lo: number, hi: number, guess: number, q = 1 - p): number {
  const upper = p > 0.5;
  const target = upper ? q : p;
  // f increases with x in both cases.
  const f = (x: number): number => { const t = tails(x); return upper ? target - t.q : t.p - target; };
  let a = lo, b = hi, x = guess;
  if (!(x > a && x < b)) x = Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : Number.isFinite(a) ? a + 1 : Number.isFinite(b) ? b - 1 : 0;
  for (let i = 0; i < 400; i++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) a = x; else b = x;
    const d = pdf(x);
    let next = x - fx / d;
    if (!(next > a && next < b) || !Number.isFinite(next)) {
      if (Number.isFinite(a) && Number.isFinite(b)) next = a + (b - a) / 2;
      else if (Number.isFinite(a)) next = a === 0 ? 1 : a + Math.abs(a) * 2 + 1;
      else next = b - Math.abs(b) * 2 - 1;
    }
    if (Math.abs(next - x) <= 2 * EPS * Math.abs(x) || next === a || next === b) return next;
    x = next;
  }
  return x;
}

/** Student's t with ν degrees of freedom: both tails at t. */
export function tTails(t: number, nu: number): { p: number; q: number } {
  if (!Number.isFinite(t)) return t > 0 ? { p: 1, q: 0 } : { p: 0, q: 1 };
  const t2 = t * t;
  // The tail beyond |t| is I_w(ν/2, 1/2)/2 with w = ν/(ν+t²); 1 - w = t²/(ν+t²) is kept exact.
  const tail = betaI(nu / 2, 0.5, nu / (nu + t2), t2 / (nu + t2)).p / 2;
  return t > 0 ? { p: 1 - tail, q: tail } : { p: tail, q: 1 - tail };
}
export function tPdf(t: number, nu: number): number {
  const lnc = nu >= 20 ? lnGammaRatio(nu / 2, 0.5) : lnGamma(nu / 2) - lnGamma((nu + 1) / 2);
  return Math.exp(-lnc - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
}
export function tInv(p: number, nu: number): number {
  if (p === 0.5) return 0;
  const g = -invert(Math.min(p, 1 - p), (z) => { const c = normCdf(z); return { p: c, q: 1 - c }; }, normPdf, -Infinity, Infinity, 0);
  return invert(p, (x) => tTails(x, nu), (x) => tPdf(x, nu), -Infinity, Infinity, p < 0.5 ? -g : g);
}

/** Normal inverse; the guess is Abramowitz and Stegun 26.2.23 (4.5e-4), Newton makes it exact. */
export function normInv(p: number): number {
  if (p === 0.5) return 0;
  const s = Math.min(p, 1 - p), t = Math.sqrt(-2 * Math.log(s));
  const g = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return invert(p, (z) => ({ p: normCdf(z), q: normCdf(-z) }), normPdf, -Infinity, Infinity, p < 0.5 ? -g : g);
}

/** Chi-squared with k degrees of freedom. */
export function chisqTails(x: number, k: number): { p: number; q: number } { return gammaPQ(k / 2, x / 2); }
export function chisqPdf(x: number, k: number): number {
  if (x === 0) return k === 2 ? 0.5 : k < 2 ? Infinity : 0;
  return gammaPrefix(k / 2, x / 2) / x;
}

/** Gamma with shape α and scale β. */
export function gammaPdf(x: number, alpha: number, beta: number): number {
  if (x === 0) return alpha === 1 ? 1 / beta : alpha < 1 ? Infinity : 0;
  return gammaPrefix(alpha, x / beta) / x;
}
export function gammaInv(p: number, alpha: number, beta: number): number {
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // Wilson-Hilferty as the guess.
  const z = normInv(p), c = 1 / (9 * alpha);
  const g = alpha * Math.max(1e-3, (1 - c + z * Math.sqrt(c)) ** 3);
  return beta * invert(p, (x) => gammaPQ(alpha, x), (x) => gammaPdf(x, alpha, 1), 0, Infinity, g);
}

/** Beta on [0, 1]. */
export function betaPdf(x: number, a: number, b: number): number {
  if (x === 0) return a === 1 ? b : a < 1 ? Infinity : 0;
  if (x === 1) return b === 1 ? a : b < 1 ? Infinity : 0;
  return betaPrefix(a, b, x, 1 - x) / (x * (1 - x));
}
export function betaInv(p: number, a: number, b: number): number {
  if (p === 0) return 0;
  if (p === 1) return 1;
  return invert(p, (x) => betaI(a, b, x), (x) => betaPdf(x, a, b), 0, 1, a / (a + b));
}

/** F with d1 and d2 degrees of freedom. */
export function fTails(x: number, d1: number, d2: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  const n = d1 * x;
  return betaI(d1 / 2, d2 / 2, n / (n + d2), d2 / (n + d2));
}
export function fPdf(x: number, d1: number, d2: number): number {
  if (x === 0) return d1 === 2 ? 1 : d1 < 2 ? Infinity : 0;
  const n = d1 * x;
  // d/dx of I_{n/(n+d2)}(d1/2, d2/2).
  return betaPrefix(d1 / 2, d2 / 2, n / (n + d2), d2 / (n + d2)) / x;
}
// On x itself, not through the beta quantile w: x = d2 w / (d1 (1 - w)) would lose digits near w = 1.
export function fInv(p: number, d1: number, d2: number): number {
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return invert(p, (x) => fTails(x, d1, d2), (x) => fPdf(x, d1, d2), 0, Infinity, 1);
}
/** F's upper-tail inverse: x with Q(x) = q, without forming 1 - q. */
export function fInvRt(q: number, d1: number, d2: number): number {
  if (q === 1) return 0;
  if (q === 0) return Infinity;
  return invert(1 - q, (x) => fTails(x, d1, d2), (x) => fPdf(x, d1, d2), 0, Infinity, 1, q);
}

/** Binomial probability of k successes in n trials (0 ≤ k ≤ n integers). */
export function binomPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.pow(p, n);
  return (betaPrefix(k, n - k, p, 1 - p) * n) / (k * (n - k));
}
export function binomCdf(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  // P(X ≤ k) = I_{1-p}(n - k, k + 1).
  return betaI(n - k, k + 1, 1 - p, p).p;
}
/** The smallest k with P(X ≤ k) ≥ alpha (Excel's BINOM.INV). */
export function binomInv(n: number, p: number, alpha: number): number {
  let lo = -1, hi = n;
  while (hi > lo + 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomCdf(mid, n, p) >= alpha) hi = mid; else lo = mid;
  }
  return hi;
}

/** Poisson with mean λ at the integer k. */
export function poissonPmf(k: number, lambda: number): number {
  if (k === 0) return Math.exp(-lambda);
  return gammaPrefix(k, lambda) / k;
}
export function poissonCdf(k: number, lambda: number): number { return gammaPQ(k + 1, lambda).q; }
