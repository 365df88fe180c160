// Number formatting as Go's fmt/strconv prints it, so that alert templates render the same text as in
// Prometheus: `{{ $value }}` is Go's %v of a float64, the humanize helpers use %.4g, printf takes Go verbs.

/** Go's exponent form: at least two digits ("1e+06", "1.5e-07"). */
function goExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function stripZeros(mantissa: string): string {
  return mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return null;
}

/**
 * Go rounds an exact tie (2.25 to one decimal) to even, JavaScript away from zero: when the digits past
 * the cut are exactly 5000…, keep the truncated digits if their last digit is even.
 */
function halfEven(rounded: string, exact: string, keep: number): string {
  const [mantissa = "", exponent] = exact.split("e");
  const dot = mantissa.indexOf(".");
  const cut = dot + 1 + keep;
  if (dot < 0 || !/^50*$/.test(mantissa.slice(cut))) return rounded;
  const truncated = mantissa.slice(0, keep === 0 ? dot : cut);
  const last = Number(truncated.at(-1));
  if (last % 2 !== 0) return rounded;
  return exponent === undefined ? truncated : `${truncated}e${exponent}`;
}

function toFixedGo(v: number, digits: number): string {
  return halfEven(v.toFixed(digits), v.toFixed(Math.min(100, digits + 30)), digits);
}

function toExponentialGo(v: number, digits: number): string {
  return halfEven(v.toExponential(digits), v.toExponential(Math.min(100, digits + 30)), digits);
}

/** %.<precision>g — %e when the exponent is < -4 or ≥ precision, trailing zeros removed. */
export function formatG(v: number, precision: number): string {
  const s = special(v);
  if (s !== null) return s;
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const p = Math.max(1, precision);
  const exponential = toExponentialGo(v, p - 1);
  const exp = Number(exponential.split("e")[1]);
  if (exp < -4 || exp >= p) {
    const [m, e] = exponential.split("e");
    return goExponent(`${stripZeros(m ?? "")}e${e}`);
  }
  return stripZeros(toFixedGo(v, Math.max(0, p - 1 - exp)));
}

/** %v of a float64: the shortest representation that round-trips, %e when the exponent is < -4 or ≥ 21. */
export function formatValue(v: number): string {
  const s = special(v);
  if (s !== null) return s;
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const shortest = v.toExponential();
  const exp = Number(shortest.split("e")[1]);
  if (exp < -4 || exp >= 21) return goExponent(shortest);
  // Below 1e21 String() prints the same shortest digits without an exponent (exp ≥ -4 here: no "e").
  return String(v);
}

/** %e with a precision (default 6), Go style exponent. */
export function formatE(v: number, precision = 6): string {
  return special(v) ?? goExponent(toExponentialGo(v, precision));
}

/** %f with a precision (default 6). */
export function formatF(v: number, precision = 6): string {
  return special(v) ?? toFixedGo(v, precision);
}

type PrintfArg = string | number | boolean;

/** Go's Sprintf for the verbs alert templates use: %s %v %d %f %e %g %q %x %% with width/precision. */
export function sprintf(format: string, args: readonly PrintfArg[]): string {
  let i = 0;
  return format.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([svdfegqx%])/g,
    (_m, flags: string, width, prec, verb) => {
      if (verb === "%") return "%";
      if (i >= args.length) return `%!${verb}(MISSING)`;
      const arg = args[i++] as PrintfArg;
      const precision = prec === undefined ? undefined : Number(prec);
      let out: string;
      if (typeof arg === "number") {
        if (verb === "d") out = Number.isInteger(arg) ? String(arg) : `%!d(float64=${formatValue(arg)})`;
        else if (verb === "f") out = formatF(arg, precision);
        else if (verb === "e") out = formatE(arg, precision);
        else if (verb === "g") out = precision === undefined ? formatValue(arg) : formatG(arg, precision);
        else if (verb === "x") out = Number.isInteger(arg) ? arg.toString(16) : formatValue(arg);
        else out = formatValue(arg);
        if (flags.includes("+") && arg >= 0) out = `+${out}`;
      } else {
        const text = String(arg);
        out = verb === "q" ? JSON.stringify(text) : precision === undefined ? text : text.slice(0, precision);
      }
      const w = width === undefined ? 0 : Number(width);
      if (out.length < w)
        out = flags.includes("-") ? out.padEnd(w) : out.padStart(w, flags.includes("0") ? "0" : " ");
      return out;
    },
  );
}
