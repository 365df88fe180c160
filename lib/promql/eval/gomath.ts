// Go float semantics that JavaScript does not share, so results match Prometheus bit for bit where possible.

/** Neumaier-compensated summation step (Prometheus' kahanSumInc); returns [sum, compensation]. */
export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/** Go's math.Pow differs from `**` on these special cases (IEEE pow vs ECMAScript). */
export function goPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === -1 && !Number.isFinite(y)) return 1;
  return x ** y;
}

/** Go's math.Mod: same as JS % (fmod semantics, sign of x). */
export function goMod(x: number, y: number): number {
  return x % y;
}

/** strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never exponent notation. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Object.is(v, -0)) return "-0";
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? "");
  const exp = Number(m[4]);
  if (exp >= 0) {
    const intLen = exp + 1;
    if (digits.length <= intLen) return sign + digits + "0".repeat(intLen - digits.length);
    return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
}

/** fmt's %f (6 decimals) as used in Prometheus error messages. */
export function goFixed6(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return v.toFixed(6);
}

/** fmt's %v for a float64 (shortest repr, exponent for large/small magnitudes like Go's 'g'). */
export function goFloatV(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return v.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  }
  return String(v);
}

/** strconv.ParseFloat(s, 64) for decimal input; null where Go returns an error. */
export function goParseFloat(s: string): number | null {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const lower = s.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith("-") ? -Infinity : Infinity;
  if (lower === "nan") return Number.NaN;
  if (/^[+-]?0x[0-9a-f]+(\.[0-9a-f]*)?(p[+-]?\d+)?$/.test(lower) && lower.includes("p")) {
    const neg = lower.startsWith("-");
    const body = lower.replace(/^[+-]?0x/, "");
    const [mant, exp] = body.split("p") as [string, string];
    const [ip, fp = ""] = mant.split(".") as [string, string?];
    const value =
      (Number.parseInt(ip || "0", 16) + (fp ? Number.parseInt(fp, 16) / 16 ** fp.length : 0)) *
      2 ** Number(exp);
    return neg ? -value : value;
  }
  return null;
}

/** Sort order of Prometheus' vectorByValueHeap: ascending with NaN first. */
export function lessNaNFirst(a: number, b: number): boolean {
  if (Number.isNaN(a)) return true;
  return a < b;
}

/** Prometheus' quantile(): linear interpolation between closest ranks; φ outside [0,1] gives ±Inf. */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  if (Number.isNaN(q)) return Number.NaN;
  const sorted = [...values].sort((a, b) =>
    Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b,
  );
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}
