// Prometheus' template helpers for numbers (template/template.go): same prefixes, same %.4g, same text.
import { formatG } from "./go-format";

const BIG = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
const SMALL = ["m", "u", "n", "p", "f", "a", "z", "y"];

function scaleDown(v: number): [number, string] {
  let prefix = "";
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

/** 1234567 → "1.235M", 0.00123 → "1.23m" (SI prefixes, 4 significant digits). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return formatG(v, 4);
  if (Math.abs(v) >= 1) {
    let prefix = "";
    for (const p of BIG) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return `${formatG(v, 4)}${prefix}`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${formatG(scaled, 4)}${prefix}`;
}

/** Binary prefixes: 2048 → "2ki". */
export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatG(v, 4);
  let prefix = "";
  for (const p of ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"]) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return `${formatG(v, 4)}${prefix}`;
}

/** Seconds as "1d 2h 3m 4s", "3m 20s", "12.5s" or "250ms". */
export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return formatG(v, 4);
  if (v === 0) return "0s";
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? "-" : "";
    const abs = Math.abs(v);
    const duration = Math.trunc(abs);
    const seconds = duration % 60;
    const minutes = Math.trunc(duration / 60) % 60;
    const hours = Math.trunc(duration / 3600) % 24;
    const days = Math.trunc(duration / 86_400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatG(abs, 4)}s`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${formatG(scaled, 4)}${prefix}s`;
}

/** 0.1234 → "12.34%". */
export function humanizePercentage(v: number): string {
  return `${formatG(v * 100, 4)}%`;
}

/** Unix seconds as Go's time.Time String() in UTC: "2026-11-29 14:00:00 +0000 UTC". */
export function humanizeTimestamp(v: number): string {
  if (!Number.isFinite(v)) return formatG(v, 4);
  const d = new Date(v * 1000);
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  const fraction = ms === 0 ? "" : `.${String(ms).padStart(3, "0").replace(/0+$/, "")}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction} +0000 UTC`;
}
