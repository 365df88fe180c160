// Parameters of Prometheus' HTTP API: times as RFC 3339 or Unix seconds, durations as "15s"/"1m" or seconds.
import { PromQLError } from "../ast";

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

const bad = (message: string) => new PromQLError(message, null, "bad_data");

/** RFC 3339 or Unix timestamp in (fractional) seconds → epoch ms. */
export function parseTime(name: string, value: string | null, fallbackMs?: number): number {
  if (value === null || value === "") {
    if (fallbackMs !== undefined) return fallbackMs;
    throw bad(`invalid parameter "${name}": missing`);
  }
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.round(seconds * 1000);
  }
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !Number.isFinite(ms))
    throw bad(`invalid parameter "${name}": cannot parse "${value.slice(0, 64)}" to a valid timestamp`);
  return ms;
}

/** "15s", "1m30s" or seconds ("15", "0.5") → ms. */
export function parseDuration(name: string, value: string | null): number {
  if (value === null || value === "") throw bad(`invalid parameter "${name}": missing`);
  if (/^\d+(\.\d+)?$/.test(value)) {
    const ms = Math.round(Number(value) * 1000);
    if (ms > 0) return ms;
  }
  const m = DURATION.exec(value);
  if (m && value !== "") {
    const ms = m.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * UNITS_MS[i]! : 0), 0);
    if (ms > 0) return ms;
  }
  throw bad(`invalid parameter "${name}": cannot parse "${value.slice(0, 64)}" to a valid duration`);
}

const MAX_FORM_BYTES = 1_000_000;

/** Query parameters from the URL and, for POST, an application/x-www-form-urlencoded body (as Prometheus). */
export async function requestParams(req: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(req.url).searchParams);
  if (
    req.method === "POST" &&
    /^application\/x-www-form-urlencoded/i.test(req.headers.get("content-type") ?? "")
  ) {
    // Refuse by the declared length first, so an oversized form is never buffered.
    if (Number(req.headers.get("content-length") ?? "0") > MAX_FORM_BYTES)
      throw bad("request body too large");
    const body = await req.text();
    if (body.length > MAX_FORM_BYTES) throw bad("request body too large");
    for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  }
  return params;
}
