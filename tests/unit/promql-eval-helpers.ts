// Test helpers for the PromQL evaluator: an in-memory SeriesSource loaded from Prometheus' test-file notation
// ("load 5m" blocks with expanding values such as 0+10x10), and expectations written the same way.
import { describe, expect, it } from "vitest";
import { parse } from "../../lib/promql";
import {
  type EngineOptions,
  type InstantResult,
  instantQuery,
  type RangeResult,
  rangeQuery,
} from "../../lib/promql/eval";
import { MemSource } from "../../lib/promql/memory-source";
import { expandValues, parseSeriesSelector } from "../../lib/promql/series-notation";
import type { SeriesSource } from "../../lib/promql/source";

export { MemSource };

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function dur(text: string | number): number {
  if (typeof text === "number") return text * 1000;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text);
  if (!m) throw new Error(`bad duration ${text}`);
  return Number(m[1]) * UNITS[m[2] ?? "s"]!;
}

function num(text: string): number {
  const t = text.toLowerCase();
  if (t === "nan") return Number.NaN;
  if (t === "inf" || t === "+inf") return Number.POSITIVE_INFINITY;
  if (t === "-inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export const parseLabels = parseSeriesSelector;

/** Prometheus test "load <interval>" blocks; several blocks may follow each other. */
export function load(text: string, into = new MemSource()): MemSource {
  let interval = 0;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const l = /^load\s+(\S+)$/.exec(line);
    if (l) {
      interval = dur(l[1]!);
      continue;
    }
    const m = /^(\S*\{[^}]*\}|\S+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`bad load line ${line}`);
    const labels = parseLabels(m[1]!);
    expandValues(m[2]!).forEach((v, i) => {
      if (v !== undefined) into.add(labels, i * interval, v);
    });
  }
  return into;
}

export function instant(src: SeriesSource, query: string, at: string | number, opts?: EngineOptions) {
  return instantQuery(src, parse(query), dur(at), opts);
}

export function range(
  src: SeriesSource,
  query: string,
  start: string | number,
  end: string | number,
  step: string | number,
) {
  return rangeQuery(src, parse(query), dur(start), dur(end), dur(step));
}

function canon(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort());
}

function closeTo(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) {
    expect(actual, label).toBeNaN();
  } else if (expected === 0) {
    expect(actual === 0, `${label}: ${actual} vs 0`).toBe(true);
  } else if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
  } else {
    // Prometheus' test framework compares with a relative tolerance of 1e-6.
    expect(Math.abs((actual - expected) / expected), `${label}: ${actual} vs ${expected}`).toBeLessThan(1e-6);
  }
}

/** Expected samples in Prometheus' notation, one per line: `name{a="b"} 1`, `{} 1`, or `1` for a scalar. */
export function expectResult(res: InstantResult, expected: string, ordered = false): void {
  const lines = expected
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (res.resultType === "scalar") {
    expect(lines.length).toBe(1);
    closeTo(res.result[1], num(lines[0]!), "scalar");
    return;
  }
  expect(res.resultType).toBe("vector");
  if (res.resultType !== "vector") return;
  const want = lines.map((l) => {
    const m = /^(.*?)\s+(\S+)$/.exec(l)!;
    return { labels: parseLabels(m[1]!), value: num(m[2]!) };
  });
  expect(res.result.map((s) => canon(s.metric)).sort(), "label sets").toEqual(
    want.map((w) => canon(w.labels)).sort(),
  );
  want.forEach((w, i) => {
    const got = ordered ? res.result[i] : res.result.find((s) => canon(s.metric) === canon(w.labels));
    expect(got && canon(got.metric), "order").toBe(canon(w.labels));
    if (got) closeTo(got.value[1], w.value, canon(w.labels));
  });
}

export function seriesValues(res: RangeResult): Array<[string, Array<[number, number]>]> {
  return res.result.map((s) => [canon(s.metric), s.values]);
}

export type Case = [query: string, at: string, expected: string, ordered?: boolean];

/** One `it` per case against data loaded once, like an eval block of a Prometheus .test file. */
export function cases(name: string, data: string, list: Case[]): void {
  describe(name, () => {
    const src = load(data);
    for (const [q, at, want, ordered] of list) {
      it(`${q} @ ${at}`, async () => expectResult(await instant(src, q, at), want, ordered));
    }
  });
}
