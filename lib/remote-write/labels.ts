// Label sets of decoded series: UTF-8 decoding and validation, once per distinct raw label bytes.
// Rules (Remote-Write spec 1.0, "Labels"; checks as Prometheus's receiver and Mimir's distributor make them):
// names and values valid UTF-8; a non-empty __name__ matching [a-zA-Z_:][a-zA-Z0-9_:]*; other names matching
// [a-zA-Z_][a-zA-Z0-9_]*; no name twice; labels with an empty value are dropped (as Prometheus's TSDB does).
// A bad series is rejected alone: the result is { error }, naming the series, for the caller to report.
import { Reader } from "protobufjs/minimal.js";
import { type Labels, seriesKey } from "../series/labels";
import type { DecodedSeries } from "./decode";

export interface ResolvedLabels {
  /** The metric name (the __name__ label). */
  name: string;
  /** The other labels, keys sorted, empty values dropped. */
  labels: Labels;
  /** seriesKey(name, labels) of lib/series: the store's identity of the series. */
  key: string;
}

export interface LabelError {
  /** Names the series and the problem, e.g. `series up{job="a"}: duplicate label name "job"`. */
  error: string;
}

export type LabelResolution = ResolvedLabels | LabelError;

export const DEFAULT_LABEL_CACHE_ENTRIES = 50_000;

interface CacheEntry {
  /** A copy of the raw label bytes, compared on lookup (hashes can collide). */
  bytes: Buffer;
  resolution: LabelResolution;
  /** Next entry with the same hash. */
  next: CacheEntry | null;
}

/**
 * Raw label bytes → resolution (errors too, so a bad series sent every scrape is not re-checked), found by the
 * series' labelHash and confirmed by comparing the bytes. Bounded: emptied when full, which keeps it cheap and
 * lets a changed set of series take over. Keep one per process (or per tenant).
 */
export class LabelCache {
  private readonly entries = new Map<number, CacheEntry>();
  private count = 0;

  constructor(readonly maxEntries: number = DEFAULT_LABEL_CACHE_ENTRIES) {}

  get size(): number {
    return this.count;
  }

  get(series: DecodedSeries): LabelResolution | undefined {
    const length = series.labelEnd - series.labelStart;
    for (let e = this.entries.get(series.labelHash) ?? null; e !== null; e = e.next)
      if (
        e.bytes.length === length &&
        e.bytes.compare(series.labelBytes, series.labelStart, series.labelEnd) === 0
      )
        return e.resolution;
    return undefined;
  }

  /** Adds the resolution of bytes not in the cache yet (see get). */
  set(series: DecodedSeries, resolution: LabelResolution): void {
    if (this.count >= this.maxEntries) this.clear();
    const bytes = Buffer.from(series.labelBytes.subarray(series.labelStart, series.labelEnd));
    this.entries.set(series.labelHash, {
      bytes,
      resolution,
      next: this.entries.get(series.labelHash) ?? null,
    });
    this.count++;
  }

  clear(): void {
    this.entries.clear();
    this.count = 0;
  }
}

export const isLabelError = (r: LabelResolution): r is LabelError => "error" in r;

/** Decodes and validates a series' labels, through the cache when one is given. */
export function resolveLabels(series: DecodedSeries, cache?: LabelCache): LabelResolution {
  let resolution = cache?.get(series);
  if (resolution === undefined) {
    resolution = resolveRaw(series.labelBytes.subarray(series.labelStart, series.labelEnd));
    cache?.set(series, resolution);
  }
  return resolution;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

interface RawLabel {
  name: Uint8Array;
  value: Uint8Array;
}

function resolveRaw(labelFields: Uint8Array): LabelResolution {
  const raw = splitLabels(labelFields);
  if (raw === null) return { error: "series labels are not valid Label messages" };

  const names: string[] = [];
  const values: string[] = [];
  for (const label of raw) {
    let name: string;
    let value: string;
    try {
      name = strict.decode(label.name);
    } catch {
      return {
        error: `series ${displayRaw(raw)}: label name ${quote(lenient.decode(label.name))} is not valid UTF-8`,
      };
    }
    try {
      value = strict.decode(label.value);
    } catch {
      return { error: `series ${displayRaw(raw)}: value of label ${quote(name)} is not valid UTF-8` };
    }
    names.push(name);
    values.push(value);
  }

  let metric = "";
  const seen = new Set<string>();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = values[i]!;
    if (!LABEL_NAME.test(name))
      return {
        error: `series ${display(names, values)}: invalid label name ${quote(name)} (must match [a-zA-Z_][a-zA-Z0-9_]*)`,
      };
    if (seen.has(name))
      return { error: `series ${display(names, values)}: duplicate label name ${quote(name)}` };
    seen.add(name);
    if (name === "__name__") metric = value;
    else if (value !== "") pairs.push([name, value]);
  }
  if (metric === "")
    return { error: `series ${display(names, values)}: no metric name (__name__ label missing or empty)` };
  if (!METRIC_NAME.test(metric))
    return {
      error: `series ${display(names, values)}: invalid metric name ${quote(metric)} (must match [a-zA-Z_:][a-zA-Z0-9_:]*)`,
    };

  pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  // fromEntries defines own properties, so even a label named "__proto__" is kept.
  const labels: Labels = Object.fromEntries(pairs);
  return { name: metric, labels, key: seriesKey(metric, labels) };
}

/** The Label messages of a run of TimeSeries label fields, or null if malformed. */
function splitLabels(bytes: Uint8Array): RawLabel[] | null {
  const reader = new Reader(bytes);
  const out: RawLabel[] = [];
  try {
    while (reader.pos < reader.len) {
      if (reader.tag() !== ((1 << 3) | 2)) return null;
      const end = reader.size() + reader.pos;
      if (end > reader.len) return null;
      let name: Uint8Array = EMPTY;
      let value: Uint8Array = EMPTY;
      while (reader.pos < end) {
        const tag = reader.tag();
        if (tag === ((1 << 3) | 2)) name = reader.bytes();
        else if (tag === ((2 << 3) | 2)) value = reader.bytes();
        else if (tag >>> 3 === 1 || tag >>> 3 === 2 || tag >>> 3 === 0 || (tag & 7) === 4) return null;
        else reader.skipType(tag & 7, 0, tag >>> 3);
      }
      if (reader.pos !== end) return null;
      out.push({ name, value });
    }
  } catch {
    return null;
  }
  return out;
}

const EMPTY = new Uint8Array(0);

/** How a series is named in messages: `metric{a="b", c="d"}`, cut at 200 characters. */
export function formatSeries(series: ResolvedLabels): string {
  let s = series.name;
  const parts: string[] = [];
  for (const name in series.labels) parts.push(`${name}=${JSON.stringify(series.labels[name])}`);
  if (parts.length > 0) s += `{${parts.join(", ")}}`;
  return cut(s);
}

function display(names: string[], values: string[]): string {
  const i = names.indexOf("__name__");
  const metric = i >= 0 && values[i] !== "" && METRIC_NAME.test(values[i]!) ? values[i]! : "";
  const parts: string[] = [];
  for (let j = 0; j < names.length; j++)
    if (!(metric !== "" && j === i)) parts.push(`${names[j]}=${JSON.stringify(values[j])}`);
  return cut(`${metric}{${parts.join(", ")}}`);
}

function displayRaw(raw: RawLabel[]): string {
  return display(
    raw.map((l) => lenient.decode(l.name)),
    raw.map((l) => lenient.decode(l.value)),
  );
}

function cut(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function quote(s: string): string {
  return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s);
}
