// Two-sample Kolmogorov–Smirnov p-values exactly as scipy 1.10 computes them for ks_2samp(method="auto",
// alternative="two-sided") — scipy/stats/_stats_py.py (ks_2samp, _attempt_exact_2kssamp,
// _compute_prob_outside_square), scipy/stats/_stats_pythran.py (_compute_outer_prob_inside_method),
// scipy/stats/_ksstats.py (kolmogn: the kstwo distribution) and scipy/special/cephes/kolmogorov.c (smirnov).
// The algorithms and their switch rules are the same; arithmetic is plain double where scipy uses
// double-double or long double in places, which moves results by ~1e-15 relative at most.

/** scipy: 'auto' is exact when max(n1, n2) <= MAX_AUTO_N. */
export const KS_MAX_AUTO_N = 10_000;

export type KsMethod = "exact" | "asymp";

export interface KsPValue {
  /** The statistic after scipy's adjustment (exact path: round(d·lcm)/lcm). */
  d: number;
  pValue: number;
  method: KsMethod;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** numpy's round(): half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // half up
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

function clip01(p: number): number {
  if (Number.isNaN(p)) return p;
  return Math.min(Math.max(p, 0), 1);
}

/**
 * p-value of the two-sided two-sample KS test for statistic d with sample sizes n1, n2 (scipy's ks_2samp,
 * method 'auto'). Sizes may be non-integers (weighted samples): then the exact method is not applicable and
 * the asymptotic one is used, as scipy would for large samples.
 */
export function ks2sampPValue(d: number, n1: number, n2: number): KsPValue {
  const integral = Number.isInteger(n1) && Number.isInteger(n2);
  if (integral && Math.max(n1, n2) <= KS_MAX_AUTO_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    const dd = h / lcm;
    if (h === 0) return { d: dd, pValue: 1, method: "exact" };
    const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInsideMethod(n1, n2, g, h);
    if (prob >= 0 && prob <= 1) return { d: dd, pValue: prob, method: "exact" };
    // scipy warns and falls back to the asymptotic method with the rounded statistic.
    return { d: dd, pValue: asympPValue(dd, n1, n2), method: "asymp" };
  }
  return { d, pValue: asympPValue(d, n1, n2), method: "asymp" };
}

function asympPValue(d: number, n1: number, n2: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  return clip01(kstwoSf(d, roundHalfEven(en)));
}

/** Pr(D_{n,n} >= h/n) for two samples of equal size n (scipy _compute_prob_outside_square). */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n), computed
 * directly as 1 − p (scipy _compute_outer_prob_inside_method, Hodges / Viehmann).
 */
export function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const width = maxj - minj;
    const offset = minj - lastminj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + offset]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1, width, width + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}

// ---------------------------------------------------------------------------------------------------------
// kstwo: the distribution of the two-sided one-sample KS statistic D_n (scipy/stats/_ksstats.py).

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const STIRLING_COEFFS = [
  -2.9550653594771242e-2, 6.41025641025641e-3, -1.9175269175269176e-3, 8.417508417508417e-4,
  -5.952380952380953e-4, 7.936507936507937e-4, -2.777777777777778e-3, 8.333333333333333e-2,
];

/** x · 2^e without intermediate overflow/underflow. */
function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/** log(n! / n^n) by Stirling's series (scipy _log_nfactorial_div_n_pow_n). */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  const t = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * t + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** m×m matrix product (row-major). */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[row + k]!;
      if (aik === 0) continue;
      const brow = k * m;
      for (let j = 0; j < m; j++) out[row + j]! += aik * b[brow + j]!;
    }
  }
  return out;
}

/** Pr(D_n <= d) by the Durbin matrix algorithm as Marsaglia–Tsang–Wang (scipy _kolmogn_DMTW). */
function kolmognDMTW(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  for (let j = 1; j <= m; j++) v[j - 1] = 1 - h ** j;
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1]! *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    // H[i-1:, i] = w[:m-i+1]
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]!;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let Hpwr = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > E128) {
      for (let i = 0; i < H.length; i++) H[i]! /= E128;
      Hexpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = Hpwr[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      expnt -= 128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x) by the Pomeranz recursion (scipy _kolmogn_Pomeranz). */
function kolmognPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m;
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // conv = np.convolve(V0[k1-V0s : k1-V0s+ln2], pwrs[:ln2]); V1[:len] = conv[j1-k1 : j1-k1+len]
      const start = k1 - V0s;
      const aLen = Math.max(0, Math.min(ln2, npwrs - start));
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      const fullLen = aLen + ln2 - 1;
      const take = Math.max(0, Math.min(convLen, fullLen - convStart));
      let maxV = 0;
      for (let c = 0; c < take; c++) {
        const idx = convStart + c;
        let s = 0;
        const lo = Math.max(0, idx - (ln2 - 1));
        const hi = Math.min(aLen - 1, idx);
        for (let a = lo; a <= hi; a++) s += V0[start + a]! * pwrs[idx - a]!;
        V1[c] = s;
        if (s > maxV) maxV = s;
      }
      if (maxV > 0 && maxV < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c]! *= E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}

/** Pelz–Good approximation to Pr(D_n <= x) (scipy _kolmogn_PelzGood). */
function kolmognPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [
      1,
      k1a + k1b * msquared,
      k2a + k2b * msquared + k2c * mfour,
      k3a + k3b * msquared + k3c * mfour + k3d * msix,
    ];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qpower + coeffs[i]!;
  }
  const div = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / div[i]!;
  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ksq = k * k;
    const qp = q ** ksq;
    const kspi = Math.PI * k;
    k2extra += ksq * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
  }
  K[2]! += (k2extra * PI_SQUARED * SQRT2PI) / (-36 * zthree);
  K[3]! += (k3extra * PI_SQUARED * SQRT2PI) / (216 * zsix);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / (n * 1.0) ** (i / 2);
  return sum;
}

/** Survival function Pr(D_n > x) of the two-sided one-sample KS statistic (scipy _kolmogn, cdf=False). */
function kolmognSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnov(n, x));
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1 - kolmognDMTW(n, x));
    if (nxsquared <= 4) return clip01(1 - kolmognPomeranz(n, x));
    return clip01(2 * smirnov(n, x));
  }
  if (nxsquared >= 370) return 0;
  if (nxsquared >= 2.2) return clip01(2 * smirnov(n, x));
  let cdf: number;
  if (nxsquared >= 18) cdf = 1;
  else if (n <= 100_000 && n * x ** 1.5 <= 1.4) cdf = kolmognDMTW(n, x);
  else cdf = clip01(kolmognPelzGood(n, x));
  return clip01(1 - cdf);
}

/** scipy.stats.kstwo.sf(x, n): support (0.5/n, 1); NaN for a non-integral or non-positive n. */
export function kstwoSf(x: number, n: number): number {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmognSf(n, x);
}

// ---------------------------------------------------------------------------------------------------------
// smirnov: the one-sided statistic's survival function (scipy/special/cephes/kolmogorov.c, _smirnov).

const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const CEPHES_MINLOG = -7.451332191019412e2; // log(2^-1075), cephes const.c
const DBL_EPSILON = 2 ** -52;
const SPLITTER = 134217729; // 2^27 + 1

/** Exact product a·b as hi + lo (Dekker). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  const err = ahi * bhi - p + ahi * blo + alo * bhi + alo * blo;
  return [p, err];
}

/** floor(n·x) and its fractional part, computed exactly (kolmogorov.c modNX). */
function modNX(n: number, x: number): { nxfl: number; alpha: number } {
  const [hi, lo] = twoProduct(n, x);
  const flHi = Math.floor(hi);
  const flLo = flHi === hi ? Math.floor(lo) : 0;
  let alpha = hi - flHi + (lo - flLo);
  let nxfl = flHi + flLo;
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha };
}

/**
 * Pr(D+_n >= x) (scipy.special.smirnov): the Birnbaum–Tingey sum, lower or upper form chosen as scipy does,
 * with the same special cases and early termination. Terms are evaluated in log space.
 */
export function smirnov(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { nxfl, alpha } = modNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const t = Math.exp((n - 1) * Math.log1p(x));
    return clip01(1 - x * t);
  }
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxfl >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    if (logp < -Math.LN2) return clip01(Math.exp(logp));
    return clip01(1 + Math.expm1(logp));
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpper =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  let first: number;
  if (useUpper) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    first = Math.exp((n - 1) * Math.log1p(x)); // (1+x)^(n-1)
  } else {
    first = Math.exp(n * Math.log1p(-x)) / x; // (1-x)^n / x
  }
  let sum = first;
  const vmid = Math.floor(n / 2);
  // C(n, j) as mantissa · 2^exponent, updated by exact-integer ratios (as scipy's updateBinomial, in double).
  let cman = n;
  let cexp = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    // A_v = C(n, v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1); C(n, v) = C(n, j) either way.
    const s = x + v / n;
    const logC = Math.log(cman) + cexp * Math.LN2;
    let Aj: number;
    if (s < 1) {
      Aj = Math.exp(logC + (n - v) * Math.log1p(-s) + (v - 1) * Math.log(s));
    } else {
      // upper sum: 1 - x - v/n <= 0, an integer power of a negative base
      const base = x - (n - v) / n;
      Aj = base === 0 ? 0 : Math.exp(logC + (n - v) * Math.log(base) + (v - 1) * Math.log(s));
      if ((n - v) % 2 === 1) Aj = -Aj;
    }
    if (Number.isFinite(Aj) && Aj !== 0) sum += Aj;
    if (Aj !== 0) {
      if (4 * (nTerms - j) * Math.abs(Aj) < DBL_EPSILON * sum && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    cman = (cman * (n - j)) / (j + 1);
    if (cman > 2 ** 500) {
      cman *= 2 ** -500;
      cexp += 500;
    } else if (cman < 2 ** -500) {
      cman *= 2 ** 500;
      cexp -= 500;
    }
  }
  const prob = x * sum;
  return clip01(step < 0 ? 1 - prob : prob);
}
