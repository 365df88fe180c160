// Special functions the stat tests need, to double precision: the normal CDF as scipy's cephes `ndtr`
// (same rational approximations of erf/erfc), log-gamma, and the chi-squared survival function
// (regularised upper incomplete gamma, series / continued fraction like cephes `igamc`).

const MAXLOG = 7.09782712893384e2; // log(DBL_MAX), cephes const.c
const MACHEP = 1.1102230246251565e-16; // 2^-53

// Coefficients of cephes ndtr.c (erfc for 1 <= x < 8 and x >= 8, erf for |x| < 1).
const ERFC_P = [
  2.461969814735305e-10, 5.641895648310689e-1, 7.463210564422699, 4.863719709856814e1, 1.965208329560771e2,
  5.264451949954773e2, 9.345285271719576e2, 1.0275518868951572e3, 5.575353353693994e2,
];
const ERFC_Q = [
  1.3228195115474499e1, 8.670721408859897e1, 3.549377788878199e2, 9.757085017432055e2, 1.8239091668790973e3,
  2.2463376081871097e3, 1.6566630919416134e3, 5.575353408177277e2,
];
const ERFC_R = [
  5.641895835477551e-1, 1.275366707599781, 5.019050422511805, 6.160210979930536, 7.4097426995044895,
  2.9788666537210022,
];
const ERFC_S = [
  2.2605286322011726, 9.396035249380015, 1.2048953980809666e1, 1.708144507475659e1, 9.608968090632859,
  3.369076451000815,
];
const ERF_T = [
  9.604973739870516, 9.002601972038427e1, 2.232005345946843e3, 7.003325141128051e3, 5.559230130103949e4,
];
const ERF_U = [
  3.356171416475031e1, 5.213579497801527e2, 4.594323829709801e3, 2.2629000061389095e4, 4.926739426086359e4,
];

/** cephes polevl: coefficients highest power first. */
function polevl(x: number, coef: readonly number[]): number {
  let ans = coef[0]!;
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i]!;
  return ans;
}

/** cephes p1evl: like polevl with an implied leading coefficient 1. */
function p1evl(x: number, coef: readonly number[]): number {
  let ans = x + coef[0]!;
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i]!;
  return ans;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (Math.abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, ERF_T)) / p1evl(z, ERF_U);
}

export function erfc(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a < 0 ? -a : a;
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  const e = Math.exp(z);
  let p: number;
  let q: number;
  if (x < 8) {
    p = polevl(x, ERFC_P);
    q = p1evl(x, ERFC_Q);
  } else {
    p = polevl(x, ERFC_R);
    q = p1evl(x, ERFC_S);
  }
  let y = (e * p) / q;
  if (a < 0) y = 2 - y;
  if (y !== 0) return y;
  return a < 0 ? 2 : 0;
}

/** Standard normal CDF, as scipy.special.ndtr (= scipy.stats.norm.cdf). */
export function ndtr(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a * Math.SQRT1_2;
  const z = Math.abs(x);
  if (z < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

const HALF_LOG_2PI = 0.9189385332046727; // log(sqrt(2*pi))

/** log|Γ(x)| for x > 0: Stirling's series at x >= 15, shifted down by the recurrence below that. */
export function lgamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === 1 || x === 2) return 0;
  if (!Number.isFinite(x)) return Number.POSITIVE_INFINITY;
  let shift = 0;
  let prod = 1;
  let z = x;
  while (z < 15) {
    prod *= z;
    z += 1;
    shift += 1;
  }
  const z2 = 1 / (z * z);
  // Bernoulli terms B_2k / (2k (2k-1) z^(2k-1)) up to k = 7.
  const series =
    (1 / z) *
    (1 / 12 +
      z2 *
        (-1 / 360 +
          z2 * (1 / 1260 + z2 * (-1 / 1680 + z2 * (1 / 1188 + z2 * (-691 / 360360 + z2 * (1 / 156)))))));
  const stirling = (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + series;
  return shift === 0 ? stirling : stirling - Math.log(prod);
}

/** Regularised upper incomplete gamma Q(a, x). */
export function igamc(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || a < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 0 : Number.NaN;
  if (x === 0) return 1;
  if (!Number.isFinite(a)) return Number.isFinite(x) ? 1 : Number.NaN;
  if (!Number.isFinite(x)) return 0;
  if (x < 1 || x < a) return 1 - igamSeries(a, x);
  return igamcFraction(a, x);
}

/** log(x^a e^-x / Γ(a)): the common prefactor. */
function igamPrefactorLog(a: number, x: number): number {
  return a * Math.log(x) - x - lgamma(a);
}

/** P(a, x) by its power series (cephes igam). */
function igamSeries(a: number, x: number): number {
  const ax = igamPrefactorLog(a, x);
  if (ax < -MAXLOG) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  for (let i = 0; i < 100_000; i++) {
    r += 1;
    c *= x / r;
    ans += c;
    if (c / ans <= MACHEP) break;
  }
  return (ans * Math.exp(ax)) / a;
}

/** Q(a, x) by its continued fraction (cephes igamc), for x >= max(a, 1). */
function igamcFraction(a: number, x: number): number {
  const ax = igamPrefactorLog(a, x);
  if (ax < -MAXLOG) return 0;
  const big = 4.503599627370496e15;
  const biginv = 2.220446049250313e-16;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < 100_000; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let t = 1;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > big) {
      pkm2 *= biginv;
      pkm1 *= biginv;
      qkm2 *= biginv;
      qkm1 *= biginv;
    }
    if (t <= MACHEP) break;
  }
  return ans * Math.exp(ax);
}

/**
 * scipy.stats.chi2.sf(x, df): NaN for df <= 0 (scipy's argcheck), 1 for x <= 0, 0 for x = ∞,
 * else Q(df/2, x/2).
 */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return igamc(df / 2, x / 2);
}
