#!/usr/bin/env python3
"""Reference values for src/core/engine/distributions.ts, computed with mpmath at 60 digits.

Writes test/fixtures/engine/distribution-reference.json: one case per line, [function, args,
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

out = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'engine', 'distribution-reference.json')
with open(out, 'w') as f:
    f.write('[\n' + ',\n'.join(json.dumps(c) for c in cases) + '\n]\n')
print(len(cases), 'cases written to', os.path.normpath(out))
