// Prometheus' JSON encoding: timestamps as Unix seconds (float), sample values as strings formatted like Go's
// strconv.FormatFloat(v, 'f', -1, 64) — shortest round-trip digits, never exponent notation.

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  const s = String(v);
  const e = s.indexOf("e");
  if (e < 0) return s;
  // Expand JS exponent form (1.5e-7, 1e+21) into plain decimal digits.
  const mantissa = s.slice(0, e);
  const exponent = Number(s.slice(e + 1));
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const pointAt =
    (mantissa.replace("-", "").indexOf(".") + 1 || mantissa.replace("-", "").length + 1) - 1 + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${"0".repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + "0".repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}

export const formatTime = (ms: number): number => ms / 1000;

export interface PromSuccess<T> {
  status: "success";
  data: T;
  warnings?: string[];
}

export interface PromError {
  status: "error";
  errorType: "bad_data" | "execution" | "timeout" | "canceled" | "internal" | "not_found";
  error: string;
}

/** HTTP status Prometheus uses for each error type. */
export const ERROR_STATUS: Record<PromError["errorType"], number> = {
  bad_data: 400,
  execution: 422,
  timeout: 503,
  canceled: 503,
  internal: 500,
  not_found: 404,
};
