// Equality of the multi-replica run's results with the single-process run's: rows keyed by names (ids differ
// between the two databases), numbers compared with a tolerance, everything else exactly.

/** Where two JSON-like values differ (`path: a ≠ b`), or null when equal; numbers within `tolerance` (relative
 * to the larger magnitude when that is above 1, absolute below). */
export function firstDifference(a: unknown, b: unknown, tolerance: number, path = "$"): string | null {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) && Number.isNaN(b)) return null;
    if (a === b) return null;
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= tolerance * scale ? null : `${path}: ${a} ≠ ${b}`;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object")
    return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array ≠ object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], tolerance, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  const missing = ka.filter((k) => !kb.includes(k)).concat(kb.filter((k) => !ka.includes(k)));
  if (missing.length) return `${path}: keys differ (${missing.slice(0, 5).join(", ")})`;
  for (const k of ka) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      tolerance,
      `${path}.${k}`,
    );
    if (d) return d;
  }
  return null;
}

export interface KeyedComparison {
  compared: number;
  onlyFirst: string[];
  onlySecond: string[];
  /** key: where it differs */
  differing: string[];
}

/** Compares two keyed row sets value by value. */
export function compareKeyed<T>(
  first: ReadonlyMap<string, T>,
  second: ReadonlyMap<string, T>,
  tolerance: number,
): KeyedComparison {
  const out: KeyedComparison = { compared: 0, onlyFirst: [], onlySecond: [], differing: [] };
  for (const [key, value] of first) {
    if (!second.has(key)) {
      out.onlyFirst.push(key);
      continue;
    }
    out.compared++;
    const d = firstDifference(value, second.get(key), tolerance);
    if (d) out.differing.push(`${key}: ${d}`);
  }
  for (const key of second.keys()) if (!first.has(key)) out.onlySecond.push(key);
  return out;
}

export const keyedEqual = (c: KeyedComparison) =>
  c.onlyFirst.length === 0 && c.onlySecond.length === 0 && c.differing.length === 0;

/** One line: "N compared, all equal" or the counts and the first few differences. */
export function describeComparison(c: KeyedComparison, what: string): string {
  if (keyedEqual(c)) return `${c.compared} ${what} compared, all equal`;
  const parts = [`${c.compared} ${what} compared`];
  if (c.onlyFirst.length)
    parts.push(`${c.onlyFirst.length} only in the multi-replica run (${c.onlyFirst.slice(0, 3).join("; ")})`);
  if (c.onlySecond.length)
    parts.push(
      `${c.onlySecond.length} only in the single-process run (${c.onlySecond.slice(0, 3).join("; ")})`,
    );
  if (c.differing.length) parts.push(`${c.differing.length} differ (${c.differing.slice(0, 3).join("; ")})`);
  return parts.join(", ");
}

/** The part of an experiment's results that must not depend on how the data arrived: units and metric values
 * per variant (computedAt, the range end and the timeline's last point follow the clock). */
export function experimentFigures(results: {
  variants?: Array<{ key: string; n: number; metrics: Record<string, { n: number; value: number | null }> }>;
}): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const v of results.variants ?? []) {
    out.set(`variant ${v.key} units`, v.n);
    for (const [metric, m] of Object.entries(v.metrics))
      out.set(`variant ${v.key} ${metric}`, { n: m.n, value: m.value });
  }
  return out;
}
