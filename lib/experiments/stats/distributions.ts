// Distribution functions the A/B statistics need beyond lib/drift/stattests/special.ts, to ~1e-13:
// log-beta that stays accurate for huge arguments, the regularised incomplete beta (a port of cephes
// `incbet`) and the Student t CDF / survival / quantile. The normal quantile lives in ./normal.
import { lgamma, ndtr } from "@/lib/drift/stattests/special";
import { normPpf } from "./normal";

export { normIsf, normPdf, normPpf } from "./normal";

const MACHEP = 1.1102230246251565e-16;
const MINLOG = -7.08396418532264e2;
const BIG = 4.503599627370496e15;
const BIGINV = 2.220446049250313e-16;
const HALF_LOG_2PI = 0.9189385332046727;
const STIRLING_MIN = 15;

/** lgamma(x) − Stirling's leading terms, for x ≥ 15 (same series as special.ts' lgamma). */
function stirlingCorrection(x: number): number {
  const z2 = 1 / (x * x);
  return (
    (1 / x) *
    (1 / 12 +
      z2 *
        (-1 / 360 +
          z2 * (1 / 1260 + z2 * (-1 / 1680 + z2 * (1 / 1188 + z2 * (-691 / 360360 + z2 * (1 / 156)))))))
  );
}

/**
 * log B(a, b). lgamma(a) + lgamma(b) − lgamma(a + b) cancels badly when an argument is large (lgamma(1e7) ≈
 * 1.5e8, so 1e-16 relative is 1e-8 absolute); Stirling's form keeps the difference exact, as scipy's
 * lbeta_asymp does.
 */
export function lbeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  const c = a + b;
  if (large < STIRLING_MIN) return lgamma(a) + lgamma(b) - lgamma(c);
  if (small < STIRLING_MIN) {
    // lgamma(large) − lgamma(large + small) by Stirling, exactly rearranged.
    const ratio =
      -(large - 0.5) * Math.log1p(small / large) -
      small * Math.log(c) +
      small +
      stirlingCorrection(large) -
      stirlingCorrection(c);
    return lgamma(small) + ratio;
  }
  return (
    HALF_LOG_2PI -
    0.5 * Math.log(c) +
    (small - 0.5) * Math.log(small / c) -
    (large - 0.5) * Math.log1p(small / large) +
    stirlingCorrection(small) +
    stirlingCorrection(large) -
    stirlingCorrection(c)
  );
}

/**
 * Regularised incomplete beta I_x(a, b) (cephes incbet). `xc` = 1 − x and the logs may be passed when the
 * caller knows them more precisely than `1 - x` rounds (the t distribution with large df does).
 */
export function incbet(a: number, b: number, x: number, xc = 1 - x, logX?: number, logXc?: number): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1 || xc <= 0) return 1;
  const lx = logX ?? Math.log(x);
  const lxc = logXc ?? Math.log1p(-x);
  if (b * x <= 1 && x <= 0.95) return powerSeries(a, b, x, lx);
  // Work on the side of the mean where the expansions converge; flip back at the end.
  const flip = x > a / (a + b);
  const [aa, bb, xx, xxc, lxx, lxxc] = flip ? [b, a, xc, x, lxc, lx] : [a, b, x, xc, lx, lxc];
  let t: number;
  if (flip && bb * xx <= 1 && xx <= 0.95) {
    t = powerSeries(aa, bb, xx, lxx);
  } else {
    const y = xx * (aa + bb - 2) - (aa - 1);
    const w = y < 0 ? fractionOne(aa, bb, xx) : fractionTwo(aa, bb, xx, xxc) / xxc;
    const logT = aa * lxx + bb * lxxc - lbeta(aa, bb) + Math.log(w / aa);
    t = logT < MINLOG ? 0 : Math.exp(logT);
  }
  if (!flip) return t;
  return t <= MACHEP ? 1 - MACHEP : 1 - t;
}

/** cephes incbcf: continued fraction expansion #1. */
function fractionOne(a: number, b: number, x: number): number {
  let k1 = a;
  let k2 = a + b;
  let k3 = a;
  let k4 = a + 1;
  let k5 = 1;
  let k6 = b - 1;
  let k7 = a + 1;
  let k8 = a + 2;
  return continuedFraction(() => {
    const terms: [number, number] = [-(x * k1 * k2) / (k3 * k4), (x * k5 * k6) / (k7 * k8)];
    k1 += 1;
    k2 += 1;
    k3 += 2;
    k4 += 2;
    k5 += 1;
    k6 -= 1;
    k7 += 2;
    k8 += 2;
    return terms;
  });
}

/** cephes incbd: continued fraction expansion #2, in z = x / (1 − x). */
function fractionTwo(a: number, b: number, x: number, xc: number): number {
  const z = x / xc;
  let k1 = a;
  let k2 = b - 1;
  let k3 = a;
  let k4 = a + 1;
  let k5 = 1;
  let k6 = a + b;
  let k7 = a + 1;
  let k8 = a + 2;
  return continuedFraction(() => {
    const terms: [number, number] = [-(z * k1 * k2) / (k3 * k4), (z * k5 * k6) / (k7 * k8)];
    k1 += 1;
    k2 -= 1;
    k3 += 2;
    k4 += 2;
    k5 += 1;
    k6 += 1;
    k7 += 2;
    k8 += 2;
    return terms;
  });
}

/**
 * The shared recurrence of both cephes fractions: two partial numerators per step, rescaled to stay in
 * range. cephes stops at 300 steps; large parameters need more, so this allows 10 000.
 */
function continuedFraction(nextTerms: () => [number, number]): number {
  let pkm2 = 0;
  let qkm2 = 1;
  let pkm1 = 1;
  let qkm1 = 1;
  let ans = 1;
  let r = 1;
  const thresh = 3 * MACHEP;
  for (let n = 0; n < 10_000; n++) {
    const [first, second] = nextTerms();
    let pk = pkm1 + pkm2 * first;
    let qk = qkm1 + qkm2 * first;
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    pk = pkm1 + pkm2 * second;
    qk = qkm1 + qkm2 * second;
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (qk !== 0) r = pk / qk;
    let t = 1;
    if (r !== 0) {
      t = Math.abs((ans - r) / r);
      ans = r;
    }
    if (t < thresh) break;
    if (Math.abs(qk) + Math.abs(pk) > BIG) {
      pkm2 *= BIGINV;
      pkm1 *= BIGINV;
      qkm2 *= BIGINV;
      qkm1 *= BIGINV;
    }
    if (Math.abs(qk) < BIGINV || Math.abs(pk) < BIGINV) {
      pkm2 *= BIG;
      pkm1 *= BIG;
      qkm2 *= BIG;
      qkm1 *= BIG;
    }
  }
  return ans;
}

/** cephes pseries: power series, for b·x small and x not near 1. */
function powerSeries(a: number, b: number, x: number, logX: number): number {
  const ai = 1 / a;
  let u = (1 - b) * x;
  let v = u / (a + 1);
  const t1 = v;
  let t = u;
  let n = 2;
  let s = 0;
  const z = MACHEP * ai;
  while (Math.abs(v) > z && n < 1e6) {
    u = ((n - b) * x) / n;
    t *= u;
    v = t / (a + n);
    s += v;
    n += 1;
  }
  s += t1 + ai;
  const logT = a * logX - lbeta(a, b) + Math.log(s);
  return logT < MINLOG ? 0 : Math.exp(logT);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === 0) return 0.5;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * twoSidedTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** P(T > t): the upper tail without the cancellation of 1 − tCdf. */
export function tSf(t: number, df: number): number {
  return tCdf(-t, df);
}

/**
 * P(|T| > x) = I_{df/(df+x²)}(df/2, 1/2), with logs taken by log1p. From df = 1e5 on, the continued
 * fractions need thousands of steps and lose ~1e-9, so Fisher's expansion in 1/df (Abramowitz & Stegun
 * 26.7.5, four terms: the next is below 1e-19 there) takes over.
 */
function twoSidedTail(x: number, df: number): number {
  if (df >= LARGE_DF) return 2 * fisherLowerTail(-x, df);
  const r = (x * x) / df;
  const z = 1 / (1 + r); // df / (df + x²)
  const zc = r / (1 + r);
  return incbet(0.5 * df, 0.5, z, zc, -Math.log1p(r), Math.log(r) - Math.log1p(r));
}

const LARGE_DF = 1e5;

/**
 * Cornish–Fisher: the t quantile is x + Σ g_k(x)/ν^k (k = 1..4) with x the normal quantile (Abramowitz &
 * Stegun 26.7.5). For a given t, solve that for x by Newton; then F(t; ν) = Φ(x). Error O(ν⁻⁵).
 */
function fisherLowerTail(t: number, df: number): number {
  const v = 1 / df;
  const expand = (x: number): [number, number] => {
    const x2 = x * x;
    const g1 = (x * (x2 + 1)) / 4;
    const g2 = (x * ((5 * x2 + 16) * x2 + 3)) / 96;
    const g3 = (x * (((3 * x2 + 19) * x2 + 17) * x2 - 15)) / 384;
    const g4 = (x * ((((79 * x2 + 776) * x2 + 1482) * x2 - 1920) * x2 - 945)) / 92160;
    const d1 = (3 * x2 + 1) / 4;
    const d2 = ((25 * x2 + 48) * x2 + 3) / 96;
    const d3 = (((21 * x2 + 95) * x2 + 51) * x2 - 15) / 384;
    const d4 = ((((711 * x2 + 5432) * x2 + 7410) * x2 - 5760) * x2 - 945) / 92160;
    return [x + v * (g1 + v * (g2 + v * (g3 + v * g4))), 1 + v * (d1 + v * (d2 + v * (d3 + v * d4)))];
  };
  let x = t;
  for (let i = 0; i < 20; i++) {
    const [value, slope] = expand(x);
    const step = (value - t) / slope;
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
  }
  return ndtr(x);
}

/** Density of Student's t. */
export function tPdf(t: number, df: number): number {
  const logC = -lbeta(0.5 * df, 0.5) - 0.5 * Math.log(df);
  return Math.exp(logC - 0.5 * (df + 1) * Math.log1p((t * t) / df));
}

/** Quantile of Student's t: Newton on tCdf inside a bracket, bisection when Newton leaves it. */
export function tPpf(p: number, df: number): number {
  if (Number.isNaN(p) || !(df > 0) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Solve in the lower tail, where tCdf is accurate in relative terms, and mirror.
  if (p > 0.5) return -tPpf(1 - p, df);
  let hi = 0;
  let lo = -1;
  while (tCdf(lo, df) > p) {
    hi = lo;
    lo *= 2;
    if (lo < -1e300) return Number.NEGATIVE_INFINITY;
  }
  let x = Math.max(lo, Math.min(hi, normPpf(p)));
  for (let i = 0; i < 300; i++) {
    const f = tCdf(x, df) - p;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / tPdf(x, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x)) return next;
    x = next;
  }
  return x;
}

/** Upper t quantile with P(T > t) = q. */
export function tIsf(q: number, df: number): number {
  return -tPpf(q, df);
}
