#!/usr/bin/env python3
"""Reference values for src/core/engine/distributions.ts, computed with mpmath at 60 digits.

Writes test/fixtures/engine/distribution-formulas.json (Excel formulas, [formula, value]) and
test/fixtures/engine/distribution-reference.json: one case per line, [function, args,
value], where function names the export of distributions.ts (tails as tTails.p / tTails.q).
Run: python3 scripts/distribution-reference.py   (needs mpmath; the pyenv python has 1.3.0)
"""
import json
import os
import mpmath as mp

mp.mp.dps = 60


def t_cdf(t, nu):
    # P(T <= t) = 1 - I_{nu/(nu+t^2)}(nu/2, 1/2)/2 for t > 0.
    t, nu = mp.mpf(t), mp.mpf(nu)
    tail = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2
    return 1 - tail if t > 0 else tail


def t_pdf(t, nu):
    t, nu = mp.mpf(t), mp.mpf(nu)
    return mp.gamma((nu + 1) / 2) / (mp.sqrt(nu * mp.pi) * mp.gamma(nu / 2)) * (1 + t * t / nu) ** (-(nu + 1) / 2)


def root(f, lo, hi):
    """The x in [lo, hi] where the increasing f crosses 0, by bisection (slow, sure)."""
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    for _ in range(260):
        mid = (lo + hi) / 2
        v = f(mid)
        if v == 0:
            return mid
        if v < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def ginc(a, x, upper):
    a, x = mp.mpf(a), mp.mpf(x)
    return mp.gammainc(a, x, mp.inf, regularized=True) if upper else mp.gammainc(a, 0, x, regularized=True)


def binc(a, b, x, upper):
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    return mp.betainc(b, a, 0, 1 - x, regularized=True) if upper else mp.betainc(a, b, 0, x, regularized=True)


def binom_pmf(k, n, p):
    return mp.binomial(n, k) * mp.mpf(p) ** k * (1 - mp.mpf(p)) ** (n - k)


cases = []


def add(name, args, value):
    cases.append([name, args, float(value)])


for x in [-30, -8, -3.7, -1, -0.3, -1e-5, 0.1, 0.49, 0.5, 1.2, 2.5, 4, 6.1, 9, 26]:
    add('erf', [x], mp.erf(x))
    add('erfc', [x], mp.erfc(x))
for x in [0.1, 0.5, 1.5, 2.5, 3.3, 7.7, 9.99, 10.5, 25, 100.25, 170.5, 171]:
    add('gamma', [x], mp.gamma(x))
for x in [-2.5, -0.5]:
    add('gamma', [x], mp.gamma(x))
for x in [0.001, 0.3, 0.9, 1.5, 3.2, 9.5, 10, 12.5, 150, 1e5, 1e300]:
    add('lnGamma', [x], mp.loggamma(x))
for z in [-38, -20, -7.5, -3, -1.96, -0.5, 0, 0.2, 1, 1.6448536269514722, 3.1, 8]:
    add('normCdf', [z], mp.ncdf(z))
    add('normPdf', [z], mp.npdf(z))
for p in [1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.1, 0.3, 0.5, 0.6, 0.95, 0.975, 0.999, 1 - 1e-12]:
    add('normInv', [p], root(lambda z: mp.ncdf(z) - p, -40, 40))
for nu in [1, 2, 3, 5, 10, 29, 100, 1000, 2.5]:
    for t in [-40, -3, -1.2, -0.01, 0.5, 1.96, 2.7, 12]:
        add('tTails.p', [t, nu], t_cdf(t, nu))
        add('tTails.q', [t, nu], t_cdf(-t, nu))
        add('tPdf', [t, nu], t_pdf(t, nu))
    for p in [1e-10, 0.001, 0.025, 0.05, 0.3, 0.7, 0.95, 0.975, 0.995]:
        add('tInv', [p, nu], root(lambda x: t_cdf(x, nu) - p, -1e12, 1e12) if nu > 1 else mp.tan(mp.pi * (mp.mpf(p) - mp.mpf(1) / 2)))
for k in [1, 2, 3, 7, 20, 50, 300, 4.5]:
    for x in [0.01, 0.5, 2, 6.6, 19, 40, 333]:
        add('chisqTails.p', [x, k], ginc(mp.mpf(k) / 2, mp.mpf(x) / 2, False))
        add('chisqTails.q', [x, k], ginc(mp.mpf(k) / 2, mp.mpf(x) / 2, True))
        add('chisqPdf', [x, k], mp.mpf(x) ** (mp.mpf(k) / 2 - 1) * mp.e ** (-mp.mpf(x) / 2) / (2 ** (mp.mpf(k) / 2) * mp.gamma(mp.mpf(k) / 2)))
for a, b in [(0.5, 1), (1, 1), (2, 3), (9.5, 0.7), (12, 40), (100, 100), (0.2, 15)]:
    for x in [0.01, 0.6, 3, 11, 90, 140]:
        add('gammaPQ.p', [a, x], ginc(a, x, False))
        add('gammaPQ.q', [a, x], ginc(a, x, True))
        add('gammaPdf', [x, a, b], mp.mpf(x) ** (a - 1) * mp.e ** (-mp.mpf(x) / b) / (mp.mpf(b) ** a * mp.gamma(a)))
    for p in [1e-6, 0.05, 0.5, 0.9, 0.999999]:
        add('gammaInv', [p, a, b], b * root(lambda x: ginc(a, x, False) - p, 0, 1e4))
for a, b in [(0.5, 0.5), (1, 1), (2, 5), (0.3, 12), (12, 0.9), (30, 45), (250, 3.5)]:
    for x in [1e-4, 0.1, 0.37, 0.5, 0.82, 0.99]:
        add('betaI.p', [a, b, x], binc(a, b, x, False))
        add('betaI.q', [a, b, x], binc(a, b, x, True))
        add('betaPdf', [x, a, b], mp.mpf(x) ** (a - 1) * (1 - mp.mpf(x)) ** (b - 1) / mp.beta(a, b))
    for p in [1e-8, 0.01, 0.3, 0.5, 0.8, 0.99]:
        add('betaInv', [p, a, b], root(lambda x: binc(a, b, x, False) - p, 0, 1))
for d1, d2 in [(1, 1), (2, 7), (5, 2), (4, 30), (12, 120), (3.5, 9)]:
    def fc(x, upper=False):
        x = mp.mpf(x)
        return binc(mp.mpf(d1) / 2, mp.mpf(d2) / 2, d1 * x / (d1 * x + d2), upper)
    for x in [0.05, 0.7, 1, 2.2, 5, 40]:
        add('fTails.p', [x, d1, d2], fc(x))
        add('fTails.q', [x, d1, d2], fc(x, True))
        add('fPdf', [x, d1, d2], mp.diff(fc, x))
    for p in [1e-5, 0.05, 0.5, 0.95, 0.999]:
        add('fInv', [p, d1, d2], root(lambda x: fc(x) - p, 0, 1e12))
        add('fInvRt', [p, d1, d2], root(lambda x: p - fc(x, True), 0, 1e12))
for n, p in [(1, 0.5), (10, 0.3), (40, 0.02), (200, 0.71), (1000, 0.5)]:
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        add('binomPmf', [k, n, p], binom_pmf(k, n, p))
        add('binomCdf', [k, n, p], mp.fsum(binom_pmf(j, n, p) for j in range(k + 1)))
for lam in [0.1, 1, 4.5, 30, 250]:
    for k in [0, 1, 3, 12, 40, 260]:
        add('poissonPmf', [k, lam], mp.e ** -mp.mpf(lam) * mp.mpf(lam) ** k / mp.factorial(k))
        add('poissonCdf', [k, lam], mp.fsum(mp.e ** -mp.mpf(lam) * mp.mpf(lam) ** j / mp.factorial(j) for j in range(k + 1)))


# Excel formulas through the engine (test/unit/excel-distributions.test.ts), each with its exact value.
F = mp.mpf
def chi_cdf(x, k): return ginc(F(k) / 2, F(x) / 2, False)
def f_cdf(x, d1, d2, upper=False): return binc(F(d1) / 2, F(d2) / 2, d1 * F(x) / (d1 * F(x) + d2), upper)
def b_cdf(x, a, b): return binc(a, b, x, False)
def crit(n, p, alpha): return next(k for k in range(n + 1) if mp.fsum(binom_pmf(j, n, p) for j in range(k + 1)) >= alpha)
formulas = [
    ('=T.INV.2T(0.05,10)', -root(lambda x: t_cdf(x, 10) - F(0.025), -100, 0)),
    ('=TINV(0.01,3)', -root(lambda x: t_cdf(x, 3) - F(0.005), -100, 0)),
    ('=T.INV(0.01,5)', root(lambda x: t_cdf(x, 5) - F(0.01), -100, 0)),
    ('=T.INV(0.75,2)', root(lambda x: t_cdf(x, 2) - F(0.75), 0, 100)),
    ('=T.DIST(1.5,7,TRUE)', t_cdf(1.5, 7)),
    ('=T.DIST(1.5,7,FALSE)', t_pdf(1.5, 7)),
    ('=T.DIST.RT(2.5,4)', t_cdf(-2.5, 4)),
    ('=T.DIST.2T(2.5,4)', 2 * t_cdf(-2.5, 4)),
    ('=TDIST(2.5,4,1)', t_cdf(-2.5, 4)),
    ('=TDIST(2.5,4,2)', 2 * t_cdf(-2.5, 4)),
    ('=CHISQ.INV(0.95,3)', root(lambda x: chi_cdf(x, 3) - F(0.95), 0, 1000)),
    ('=CHISQ.INV.RT(0.05,10)', root(lambda x: F(0.05) - ginc(5, F(x) / 2, True), 0, 1000)),
    ('=CHIINV(1E-10,4)', root(lambda x: F(1e-10) - ginc(2, F(x) / 2, True), 0, 1000)),
    ('=CHISQ.DIST(0.5,1,TRUE)', chi_cdf(0.5, 1)),
    ('=CHIDIST(18.3,10)', ginc(5, F(18.3) / 2, True)),
    ('=F.INV(0.95,3,10)', root(lambda x: f_cdf(x, 3, 10) - F(0.95), 0, 1000)),
    ('=F.INV.RT(0.05,3,10)', root(lambda x: F(0.05) - f_cdf(x, 3, 10, True), 0, 1000)),
    ('=FINV(0.01,6,4)', root(lambda x: F(0.01) - f_cdf(x, 6, 4, True), 0, 1000)),
    ('=F.DIST(2,5,9,TRUE)', f_cdf(2, 5, 9)),
    ('=FDIST(2,5,9)', f_cdf(2, 5, 9, True)),
    ('=BETA.INV(0.3,2,5)', root(lambda x: b_cdf(x, 2, 5) - F(0.3), 0, 1)),
    ('=BETAINV(0.685470581,8,10,1,3)', 1 + 2 * root(lambda x: b_cdf(x, 8, 10) - F(0.685470581), 0, 1)),
    ('=BETA.DIST(2,8,10,TRUE,1,3)', b_cdf(F(0.5), 8, 10)),
    ('=BETA.DIST(0.4,2,5,FALSE)', F(0.4) * F(0.6) ** 4 / mp.beta(2, 5)),
    ('=BETADIST(0.5,2,3)', b_cdf(F(0.5), 2, 3)),
    ('=GAMMA.INV(0.068094,9,2)', 2 * root(lambda x: ginc(9, x, False) - F(0.068094), 0, 100)),
    ('=GAMMAINV(0.5,0.3,1)', root(lambda x: ginc(0.3, x, False) - F(0.5), 0, 100)),
    ('=GAMMA.DIST(10,9,2,TRUE)', ginc(9, 5, False)),
    ('=GAMMADIST(3,2,1.5,FALSE)', F(3) * mp.e ** (-F(3) / F(1.5)) / F(1.5) ** 2),
    ('=GAMMA(2.5)', mp.gamma(2.5)),
    ('=GAMMA(-1.5)', mp.gamma(-1.5)),
    ('=GAMMALN(4.5)', mp.loggamma(4.5)),
    ('=GAMMALN.PRECISE(0.1)', mp.loggamma(F(0.1))),
    ('=NORM.INV(0.975,10,2)', 10 + 2 * root(lambda z: mp.ncdf(z) - F(0.975), -40, 40)),
    ('=NORMINV(1E-12,0,1)', root(lambda z: mp.ncdf(z) - F(1e-12), -40, 40)),
    ('=NORM.S.INV(0.999)', root(lambda z: mp.ncdf(z) - F(0.999), -40, 40)),
    ('=NORMSINV(0.3)', root(lambda z: mp.ncdf(z) - F(0.3), -40, 40)),
    ('=NORM.DIST(42,40,1.5,TRUE)', mp.ncdf(42, 40, 1.5)),
    ('=NORMDIST(42,40,1.5,FALSE)', mp.npdf(42, 40, 1.5)),
    ('=NORM.S.DIST(-7,TRUE)', mp.ncdf(-7)),
    ('=NORMSDIST(1.96)', mp.ncdf(F(1.96))),
    ('=LOGNORM.INV(0.039084,3.5,1.2)', mp.e ** (F(3.5) + F(1.2) * root(lambda z: mp.ncdf(z) - F(0.039084), -40, 40))),
    ('=LOGINV(0.9,0,1)', mp.e ** root(lambda z: mp.ncdf(z) - F(0.9), -40, 40)),
    ('=LOGNORM.DIST(4,3.5,1.2,TRUE)', mp.ncdf(mp.log(4), F(3.5), F(1.2))),
    ('=LOGNORMDIST(4,3.5,1.2)', mp.ncdf(mp.log(4), F(3.5), F(1.2))),
    ('=ERF(0.3)', mp.erf(F(0.3))),
    ('=ERF(0.5,1.5)', mp.erf(F(1.5)) - mp.erf(F(0.5))),
    ('=ERFC(2)', mp.erfc(2)),
    ('=ERF.PRECISE(0.1)', mp.erf(F(0.1))),
    ('=ERFC.PRECISE(5)', mp.erfc(5)),
    ('=BINOM.DIST(6,10,0.5,FALSE)', binom_pmf(6, 10, F(0.5))),
    ('=BINOM.DIST(60,200,0.35,TRUE)', mp.fsum(binom_pmf(j, 200, F(0.35)) for j in range(61))),
    ('=BINOMDIST(3,12,0.1,TRUE)', mp.fsum(binom_pmf(j, 12, F(0.1)) for j in range(4))),
    ('=BINOM.INV(6,0.5,0.75)', crit(6, F(0.5), F(0.75))),
    ('=CRITBINOM(100,0.3,0.9)', crit(100, F(0.3), F(0.9))),
    ('=POISSON.DIST(3,2.5,TRUE)', mp.fsum(mp.e ** -F(2.5) * F(2.5) ** j / mp.factorial(j) for j in range(4))),
    ('=POISSON(7,2.5,FALSE)', mp.e ** -F(2.5) * F(2.5) ** 7 / mp.factorial(7)),
    ('=EXPON.DIST(0.2,10,TRUE)', 1 - mp.e ** -F(2)),
    ('=WEIBULL.DIST(105,20,100,TRUE)', 1 - mp.e ** -(F(105) / 100) ** 20),
    ('=CONFIDENCE.T(0.05,1,50)', -root(lambda x: t_cdf(x, 49) - F(0.025), -100, 0) / mp.sqrt(50)),
    ('=CONFIDENCE.NORM(0.05,2.5,50)', -root(lambda z: mp.ncdf(z) - F(0.025), -40, 40) * F(2.5) / mp.sqrt(50)),
    ('=GAUSS(0.2)', mp.ncdf(F(0.2)) - F(1) / 2),
    ('=PHI(0.75)', mp.npdf(F(0.75))),
]
fout = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'engine', 'distribution-formulas.json')
with open(fout, 'w') as f:
    f.write('[\n' + ',\n'.join(json.dumps([k, float(v)]) for k, v in formulas) + '\n]\n')
print(len(formulas), 'formulas written to', os.path.normpath(fout))

out = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'engine', 'distribution-reference.json')
with open(out, 'w') as f:
    f.write('[\n' + ',\n'.join(json.dumps(c) for c in cases) + '\n]\n')
print(len(cases), 'cases written to', os.path.normpath(out))
